"""Comparing stored stages: align them (the user's overrides applied) and diff the pairs.

The one place where alignment overrides are applied: `eup align` and `eup diff`, the TUI,
the exports and the concern alerts all compare stages through `align_pair`/`compare_pair`,
so they always agree on which provision became which. Comparing is a read: nothing is
stored but the overrides themselves (`set_override`), which survive re-imports because they
name stages and provisions by key and label.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from eu_posities.alignment import Match, align
from eu_posities.diff import StageDiff, diff_stages
from eu_posities.document import ParsedProvision
from eu_posities.errors import InputError
from eu_posities.models import AlignmentOverride, Dossier, Stage
from eu_posities.readmodels import StageSummary
from eu_posities.store import as_parsed, get_dossier, get_stage, list_provisions, log_change

Override = tuple[str | None, str | None]


@dataclass(frozen=True)
class StagePair:
    """Two stages of one dossier with their provisions, ready to compare."""

    dossier: Dossier
    old: Stage
    new: Stage
    old_provisions: tuple[ParsedProvision, ...]
    new_provisions: tuple[ParsedProvision, ...]


@dataclass(frozen=True)
class StageAlignment:
    """Which provision of the older stage became which of the newer one."""

    dossier: str
    old: StageSummary
    new: StageSummary
    matches: tuple[Match, ...]

    def to_json(self) -> list[dict[str, Any]]:
        """The contract's `align` rows."""
        return [m.to_json() for m in self.matches]


@dataclass(frozen=True)
class StageComparison:
    """The alignment of two stages and the redline of every aligned pair."""

    alignment: StageAlignment
    diff: StageDiff

    @property
    def old(self) -> StageSummary:
        return self.alignment.old

    @property
    def new(self) -> StageSummary:
        return self.alignment.new

    @property
    def fictional(self) -> bool:
        return self.old.fictional or self.new.fictional

    @property
    def limite(self) -> bool:
        return self.old.limite or self.new.limite

    def only(self, provision: str) -> StageComparison:
        """The pairs that involve `provision` (its label in either stage)."""
        wanted = " ".join(provision.split()).lower()
        pairs = tuple(
            p
            for p in self.diff.pairs
            if wanted in ((p.from_label or "").lower(), (p.to_label or "").lower())
        )
        if not pairs:
            raise InputError(f"no provision {provision!r} in {self.old.key!r} or {self.new.key!r}")
        return replace(self, diff=replace(self.diff, pairs=pairs))

    def to_json(self) -> dict[str, Any]:
        """The contract's `diff` document, with the dossier and the stages' warnings."""
        result = self.diff.to_json()
        result["from"], result["to"] = self.old.key, self.new.key
        result["dossier"] = self.alignment.dossier
        result["fictional"] = self.fictional
        result["limite"] = self.limite
        return result


def load_pair(*, session: Session, dossier_key: str, from_key: str, to_key: str) -> StagePair:
    dossier = get_dossier(session=session, key=dossier_key)
    old = get_stage(session=session, dossier=dossier, key=from_key)
    new = get_stage(session=session, dossier=dossier, key=to_key)
    return pair_of(session=session, dossier=dossier, old=old, new=new)


def pair_of(*, session: Session, dossier: Dossier, old: Stage, new: Stage) -> StagePair:
    old_provisions = tuple(as_parsed(p) for p in list_provisions(session=session, stage=old))
    new_provisions = tuple(as_parsed(p) for p in list_provisions(session=session, stage=new))
    for stage, provisions in ((old, old_provisions), (new, new_provisions)):
        if not provisions:
            raise InputError(f"stage {stage.key!r} of {dossier.key!r} has no text imported yet")
    return StagePair(dossier, old, new, old_provisions, new_provisions)


def overrides_for(*, session: Session, pair: StagePair) -> list[Override]:
    """The user's active overrides between the two stages, oldest first."""
    rows = session.exec(
        select(AlignmentOverride)
        .where(
            AlignmentOverride.dossier_id == pair.dossier.id,
            AlignmentOverride.from_stage == pair.old.key,
            AlignmentOverride.to_stage == pair.new.key,
            AlignmentOverride.active == True,  # noqa: E712  (SQL, not Python truthiness)
        )
        .order_by(col(AlignmentOverride.id))
    ).all()
    return [(r.from_label, r.to_label) for r in rows]


def align_pair(*, session: Session, pair: StagePair, parts: bool = False) -> StageAlignment:
    """The alignment of the pair, the user's overrides applied (with `parts`: paragraph by
    paragraph inside each matched pair as well)."""
    matches = align(
        pair.old_provisions,
        pair.new_provisions,
        overrides_for(session=session, pair=pair),
        parts=parts,
    )
    return StageAlignment(
        dossier=pair.dossier.key,
        old=StageSummary.of(pair.old, len(pair.old_provisions)),
        new=StageSummary.of(pair.new, len(pair.new_provisions)),
        matches=tuple(matches),
    )


def compare_pair(
    *, session: Session, pair: StagePair, char_detail: bool = False, as_marked: bool = False
) -> StageComparison:
    """Align the pair (overrides applied) and redline every aligned pair of provisions.

    `as_marked`: where the newer stage's document marked its own changes (Council bold and
    strikethrough, EP bold italic), the redline is those marks rather than the computed diff.
    """
    alignment = align_pair(session=session, pair=pair)
    diff = diff_stages(
        pair.old_provisions,
        pair.new_provisions,
        alignment.matches,
        from_stage=pair.old.key,
        to_stage=pair.new.key,
        char_detail=char_detail,
    )
    if as_marked:
        diff = marked_redline(diff, pair.new_provisions)
    return StageComparison(alignment, diff)


def marked_redline(diff: StageDiff, new_provisions: tuple[ParsedProvision, ...]) -> StageDiff:
    """The diff with each marked provision's ops taken from its document's marks."""
    from eu_posities.diff import classify, detect_flags
    from eu_posities.diff.marked import ops_from_marks

    marks = {p.label: p.marks for p in new_provisions if p.marks}
    pairs = []
    for pair in diff.pairs:
        runs = marks.get(pair.to_label or "")
        if not runs or pair.from_label is None:
            pairs.append(pair)
            continue
        ops = ops_from_marks(runs)
        old = "".join(op.old for op in ops if op.op != "insert")
        new = "".join(op.new for op in ops if op.op != "delete")
        flags = detect_flags(old, new, ops)
        kind = classify(old, new, ops, flags)
        pairs.append(replace(pair, ops=tuple(ops), flags=tuple(flags), classification=kind))
    return replace(diff, pairs=tuple(pairs))


def set_override(
    *,
    session: Session,
    dossier_key: str,
    from_key: str,
    to_key: str,
    from_label: str | None,
    to_label: str | None,
    author: str,
) -> None:
    """Pin a match (or pin a provision as deleted/added when the other label is None)."""
    pair = load_pair(session=session, dossier_key=dossier_key, from_key=from_key, to_key=to_key)
    labels_old = {p.label for p in pair.old_provisions}
    labels_new = {p.label for p in pair.new_provisions}
    if from_label is None and to_label is None:
        raise InputError("an override needs at least one provision label")
    if from_label is not None and from_label not in labels_old:
        raise InputError(f"no provision {from_label!r} in stage {from_key!r}")
    if to_label is not None and to_label not in labels_new:
        raise InputError(f"no provision {to_label!r} in stage {to_key!r}")
    # A newer override for the same provision replaces the older one; history stays.
    for old in session.exec(
        select(AlignmentOverride).where(
            AlignmentOverride.dossier_id == pair.dossier.id,
            AlignmentOverride.from_stage == from_key,
            AlignmentOverride.to_stage == to_key,
            AlignmentOverride.active == True,  # noqa: E712
        )
    ).all():
        if (from_label is not None and old.from_label == from_label) or (
            to_label is not None and old.to_label == to_label
        ):
            old.active = False
    assert pair.dossier.id is not None
    session.add(
        AlignmentOverride(
            dossier_id=pair.dossier.id,
            from_stage=from_key,
            to_stage=to_key,
            from_label=from_label,
            to_label=to_label,
            author=author,
        )
    )
    log_change(
        session=session,
        author=author,
        action="alignment.override",
        dossier_key=dossier_key,
        subject=f"{from_key}:{from_label or '(added)'} -> {to_key}:{to_label or '(deleted)'}",
    )
    session.flush()
