"""Comparing stages: align, diff, the multi-stage grid, and the user's alignment overrides.

Comparing is a read: alignments are computed when asked for (they take milliseconds) with
the user's overrides applied (`eu_posities.compare`), so every view of a pair agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eu_posities.compare import (
    StageAlignment,
    StageComparison,
    align_pair,
    compare_pair,
    load_pair,
    set_override,
)
from eu_posities.errors import InputError
from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.readmodels import ComparisonGrid, GridRow, StageSummary
from eu_posities.services.tx import reading, writing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from eu_posities.diff import DiffOp, Lineage
    from eu_posities.models import Stage

Pin = tuple[str | None, str | None]

__all__ = [
    "StageAlignment",
    "StageComparison",
    "Tracer",
    "align",
    "diff",
    "grid",
    "marks",
    "pin",
    "tracer",
    "word_redline",
]


def check_stage_count(keys: Sequence[str], *, least: int = 2) -> list[str]:
    """The distinct stage keys of a comparison, refused when too few or too many."""
    distinct = list(dict.fromkeys(keys))
    if not least <= len(distinct) <= MAX_COMPARE_STAGES:
        raise InputError(
            f"a comparison holds {least} to {MAX_COMPARE_STAGES} different stages, "
            f"got {len(distinct)}"
        )
    return distinct


def align(
    engine: Engine,
    dossier: str,
    from_key: str,
    to_key: str,
    *,
    pins: Sequence[Pin] = (),
    author: str = "",
    parts: bool = False,
) -> StageAlignment:
    """`eup align`: which provision became which; `pins` are stored as overrides first.

    `parts`: each matched pair aligned paragraph by paragraph too.
    """

    def work(session: Session) -> StageAlignment:
        for old, new in pins:
            set_override(
                session=session,
                dossier_key=dossier,
                from_key=from_key,
                to_key=to_key,
                from_label=old,
                to_label=new,
                author=author,
            )
        pair = load_pair(session=session, dossier_key=dossier, from_key=from_key, to_key=to_key)
        if pins:
            _refresh_alerts(session, pair.new)
        return align_pair(session=session, pair=pair, parts=parts)

    if pins:
        return writing(engine, work)
    with reading(engine) as session:
        return work(session)


def diff(
    engine: Engine,
    dossier: str,
    from_key: str,
    to_key: str,
    *,
    provision: str | None = None,
    char_detail: bool = False,
    as_marked: bool = False,
) -> StageComparison:
    """`eup diff`: the redline of every aligned pair (or of one provision's pairs).

    `as_marked`: the redline as the newer stage's document marked it, where it did.
    """
    with reading(engine) as session:
        pair = load_pair(session=session, dossier_key=dossier, from_key=from_key, to_key=to_key)
        result = compare_pair(
            session=session, pair=pair, char_detail=char_detail, as_marked=as_marked
        )
    return result.only(provision) if provision else result


def trace(engine: Engine, dossier: str, label: str, stage_keys: Sequence[str]) -> Lineage:
    """`eup trace`: which stage introduced each change of a provision, and where it was undone.

    Consecutive stages are aligned as everywhere else (the user's overrides applied); the
    label is looked up in the first stage, else in the last.
    """
    from eu_posities.diff import trace as follow

    aligned = tracer(engine, dossier, stage_keys)
    return follow(aligned.stages, _label_in(aligned.stages, label), aligned.alignments)


class Tracer:
    """Lineages of any provision through the same stages, the stages aligned once (the TUI's
    redline of three or four stages asks one per provision shown)."""

    def __init__(
        self,
        stages: Sequence[tuple[str, Sequence[Any]]],
        alignments: Sequence[Sequence[Any]],
    ) -> None:
        self.stages = list(stages)
        self.alignments = list(alignments)

    def trace(self, labels: Sequence[Sequence[str]]) -> Lineage | None:
        """The lineage of one comparison row (`labels[i]`: its labels in stage i), followed
        from the first stage that has it; None when only the last stage has it."""
        from eu_posities.diff import trace as follow

        start = next((k for k, ls in enumerate(labels) if ls), None)
        if start is None or start >= len(self.stages) - 1:
            return None
        stages = self.stages[start:]
        return follow(stages, labels[start][0], self.alignments[start:], at="first")


def tracer(engine: Engine, dossier: str, stage_keys: Sequence[str]) -> Tracer:
    """Load and align consecutive stages once, for `Tracer.trace` per provision."""
    from eu_posities.store import get_dossier, get_stage

    keys = check_stage_count(stage_keys)
    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier)
        for key in keys:
            get_stage(session=session, dossier=found, key=key)
        pairs = [
            load_pair(session=session, dossier_key=dossier, from_key=a, to_key=b)
            for a, b in zip(keys, keys[1:], strict=False)
        ]
        alignments = [align_pair(session=session, pair=p).matches for p in pairs]
    stages = [(keys[0], pairs[0].old_provisions)]
    stages += [(key, p.new_provisions) for key, p in zip(keys[1:], pairs, strict=True)]
    return Tracer(stages, alignments)


def marks(
    engine: Engine, dossier: str, stage_key: str, labels: Sequence[str]
) -> list[DiffOp] | None:
    """The redline of a provision as its document marked it (bold added, struck deleted), or
    None when its document did not mark it. Several labels (a split) are read one a line."""
    from eu_posities.diff import DiffOp as Op
    from eu_posities.diff.marked import ops_from_marks
    from eu_posities.store import get_dossier, get_stage, list_provisions, mark_of

    wanted = set(labels)
    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier)
        stage = get_stage(session=session, dossier=found, key=stage_key)
        marked = [
            p.marks for p in list_provisions(session=session, stage=stage) if p.label in wanted
        ]
    if not any(marked):
        return None
    ops: list[DiffOp] = []
    for runs in marked:
        if ops:
            ops.append(Op("equal", "\n", "\n"))
        ops.extend(ops_from_marks(mark_of(run) for run in runs))
    return ops


def _label_in(stages: Sequence[tuple[str, Sequence[Any]]], label: str) -> str:
    """The label as printed in the first (or last) stage, forgiving case and spacing."""
    wanted = " ".join(label.split()).lower()
    for _key, provisions in (stages[0], stages[-1]):
        for provision in provisions:
            if provision.label.lower() == wanted:
                return str(provision.label)
    names = f"{stages[0][0]!r} or {stages[-1][0]!r}"
    raise InputError(f"no provision {label!r} in {names}")


def word_redline(old: str, new: str) -> list[DiffOp]:
    """The word-level redline of two texts (a cell against the base column)."""
    from eu_posities.diff import word_diff

    return word_diff(old, new)


def comparisons_in(
    session: Session, dossier: str, base: str, others: Sequence[str]
) -> list[StageComparison]:
    """The first stage against each of the others, inside the caller's transaction."""
    result = []
    for other in others:
        pair = load_pair(session=session, dossier_key=dossier, from_key=base, to_key=other)
        result.append(compare_pair(session=session, pair=pair))
    return result


def grid(engine: Engine, dossier: str, stage_keys: Sequence[str]) -> ComparisonGrid:
    """The stages side by side, one row per provision of the first stage (the four-column view).

    A provision that a later stage added gets its own row after the row it followed there.
    One stage alone gives its provisions, one per row.
    """
    keys = check_stage_count(stage_keys, least=1)
    from eu_posities.services.reading import stages_in
    from eu_posities.store import get_dossier, get_stage, list_provisions

    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier)
        summaries = {s.key: s for s in stages_in(session, found)}
        base = get_stage(session=session, dossier=found, key=keys[0])
        base_rows = [(p.label, p.kind) for p in list_provisions(session=session, stage=base)]
        alignments = []
        for other in keys[1:]:
            pair = load_pair(session=session, dossier_key=dossier, from_key=keys[0], to_key=other)
            alignments.append(align_pair(session=session, pair=pair))
    stages = tuple(summaries[k] for k in keys)
    return ComparisonGrid(dossier, stages, _grid_rows(stages, base_rows, alignments))


class _Draft:
    def __init__(self, width: int, key: str, kind: str) -> None:
        self.key, self.kind = key, kind
        self.cells: list[list[str]] = [[] for _ in range(width)]
        self.status: list[str | None] = [None] * width

    def row(self) -> GridRow:
        return GridRow(self.key, self.kind, tuple(map(tuple, self.cells)), tuple(self.status))


def _grid_rows(
    stages: tuple[StageSummary, ...],
    base_rows: list[tuple[str, str]],
    alignments: list[StageAlignment],
) -> tuple[GridRow, ...]:
    width = len(stages)
    drafts: list[_Draft] = []
    by_base: dict[str, _Draft] = {}
    for label, kind in base_rows:
        draft = _Draft(width, label, kind)
        draft.cells[0] = [label]
        drafts.append(draft)
        by_base[label] = draft
    for column, alignment in enumerate(alignments, start=1):
        anchor: _Draft | None = None
        added_after: dict[int, list[_Draft]] = {}
        for m in alignment.matches:
            if m.from_label is not None and m.from_label in by_base:
                draft = by_base[m.from_label]
                anchor = draft
                if m.to_label is not None and m.to_label not in draft.cells[column]:
                    draft.cells[column].append(m.to_label)
                renumbered = m.status == "unchanged" and m.to_label and m.to_label != m.from_label
                draft.status[column] = "renumbered" if renumbered else str(m.status)
            elif m.to_label is not None:
                extra = _Draft(width, f"+{stages[column].key}:{m.to_label}", _kind_of(m.to_label))
                extra.cells[column] = [m.to_label]
                extra.status[column] = "added"
                added_after.setdefault(id(anchor) if anchor else 0, []).append(extra)
        placed = list(added_after.get(0, []))
        for draft in drafts:
            placed.append(draft)
            placed.extend(added_after.get(id(draft), []))
        drafts = placed
    for draft in drafts:
        for column in range(1, width):
            if draft.status[column] is None and draft.cells[0]:
                draft.status[column] = "deleted"
    return tuple(d.row() for d in drafts)


def _kind_of(label: str) -> str:
    return label.split(" ", 1)[0].lower()


def pin(
    engine: Engine,
    dossier: str,
    from_key: str,
    to_key: str,
    from_label: str | None,
    to_label: str | None,
    *,
    author: str,
) -> None:
    """Store one alignment override (the TUI's "this became that")."""
    align(engine, dossier, from_key, to_key, pins=[(from_label, to_label)], author=author)


def _refresh_alerts(session: Session, stage: Stage) -> None:
    """The concern alerts of `stage` follow the overrides, like every other view."""
    from eu_posities.concerns import alerts

    alerts.on_stage_imported(session=session, stage=stage)
