"""The comparison use case: align two stages of a dossier, persist it, and diff the pairs.

CLI, TUI and exports all compare stages through these functions. Alignments are stored;
a user's overrides (by stage key and label) win over computed matches and survive
re-alignment and re-imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from eu_posities.document import ParsedProvision
from eu_posities.errors import InputError
from eu_posities.models import Alignment, AlignmentOverride, Dossier, Stage
from eu_posities.store import (
    as_parsed,
    get_dossier,
    get_stage,
    list_provisions,
    log_change,
)


@dataclass(frozen=True)
class StagePair:
    """Two stages of one dossier with their provisions, ready to compare."""

    dossier: Dossier
    old: Stage
    new: Stage
    old_provisions: tuple[ParsedProvision, ...]
    new_provisions: tuple[ParsedProvision, ...]


def load_pair(*, session: Session, dossier_key: str, from_key: str, to_key: str) -> StagePair:
    dossier = get_dossier(session=session, key=dossier_key)
    old = get_stage(session=session, dossier=dossier, key=from_key)
    new = get_stage(session=session, dossier=dossier, key=to_key)
    old_provisions = tuple(as_parsed(p) for p in list_provisions(session=session, stage=old))
    new_provisions = tuple(as_parsed(p) for p in list_provisions(session=session, stage=new))
    for stage, provisions in ((old, old_provisions), (new, new_provisions)):
        if not provisions:
            raise InputError(f"stage {stage.key!r} of {dossier.key!r} has no text imported yet")
    return StagePair(dossier, old, new, old_provisions, new_provisions)


def overrides_for(*, session: Session, pair: StagePair) -> list[tuple[str | None, str | None]]:
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


def align_pair(*, session: Session, pair: StagePair) -> list[Any]:
    """Compute the alignment (overrides applied) and store it in place of the previous one."""
    from eu_posities.alignment import align

    matches = align(
        pair.old_provisions, pair.new_provisions, overrides_for(session=session, pair=pair)
    )
    session.exec(  # type: ignore[call-overload]
        delete(Alignment).where(
            col(Alignment.from_stage_id) == pair.old.id, col(Alignment.to_stage_id) == pair.new.id
        )
    )
    assert pair.old.id is not None and pair.new.id is not None
    for m in matches:
        session.add(
            Alignment(
                from_stage_id=pair.old.id,
                to_stage_id=pair.new.id,
                from_label=m.from_label,
                to_label=m.to_label,
                score=float(m.score),
                status=m.status,
                method=m.method,
            )
        )
    session.flush()
    return list(matches)


def align_stages(
    *, session: Session, dossier_key: str, from_key: str, to_key: str
) -> list[dict[str, Any]]:
    """`eup align`: which provision of FROM became which of TO (contract JSON rows)."""
    pair = load_pair(session=session, dossier_key=dossier_key, from_key=from_key, to_key=to_key)
    return [match_json(m) for m in align_pair(session=session, pair=pair)]


def match_json(match: Any) -> dict[str, Any]:
    return {
        "from": match.from_label,
        "to": match.to_label,
        "score": round(float(match.score), 3),
        "status": match.status,
        "method": match.method,
    }


def diff_stages(
    *,
    session: Session,
    dossier_key: str,
    from_key: str,
    to_key: str,
    provision: str | None = None,
) -> dict[str, Any]:
    """`eup diff`: the word-level redline of every aligned pair (contract JSON)."""
    from eu_posities.diff import diff_stages as engine_diff

    pair = load_pair(session=session, dossier_key=dossier_key, from_key=from_key, to_key=to_key)
    matches = align_pair(session=session, pair=pair)
    result: dict[str, Any] = engine_diff(
        pair.old_provisions, pair.new_provisions, matches
    ).to_json()
    result["from"], result["to"] = pair.old.key, pair.new.key
    result["dossier"] = pair.dossier.key
    result["fictional"] = pair.old.fictional or pair.new.fictional
    result["limite"] = pair.old.limite or pair.new.limite
    if provision:
        wanted = " ".join(provision.split()).lower()
        result["pairs"] = [
            p
            for p in result["pairs"]
            if wanted in ((p.get("from") or "").lower(), (p.get("to") or "").lower())
        ]
        if not result["pairs"]:
            raise InputError(f"no provision {provision!r} in {from_key!r} or {to_key!r}")
    return result


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
