"""The multi-column comparison model: provisions of the first stage against each later stage."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from eu_posities.diff import StageDiff
from eu_posities.exports.attribution import Attributor
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import Cell, ComparisonTable, DossierInfo, Row, Run, StageInfo
from eu_posities.exports.policy import within
from eu_posities.exports.runs import merge_runs, pair_runs, plain_runs
from eu_posities.readmodels import ConcernRecord


@dataclass
class _RowDraft:
    label: str
    labels: dict[str, set[str]] = field(default_factory=dict)  # stage key -> labels there
    cells: dict[str, Cell] = field(default_factory=dict)


def build_table_from_diffs(
    *,
    dossier: DossierInfo,
    stages: Sequence[StageInfo],
    base_provisions: Sequence[tuple[str, str]],
    diffs: Sequence[StageDiff],
    generated: str,
    lang: str = "en",
    concern_notes: Callable[[dict[str, set[str]]], str] | None = None,
    headings: Mapping[str, str] | None = None,
    attributor: Attributor | None = None,
    author: str = "",
) -> ComparisonTable:
    """The table from the first stage's (label, text) and one diff per later stage.

    `diffs[i]` is the diff of stages[0] → stages[i + 1]. Rows follow the first stage;
    a provision new in a later stage gets its own row after the provision before it.
    With an `attributor` (three stages or more), each change of a column is credited to
    the stage that made it; otherwise to the column's stage.
    """
    if len(diffs) != len(stages) - 1:
        raise ValueError("one diff per stage after the first")
    base = stages[0].key
    order: list[str] = []
    drafts: dict[str, _RowDraft] = {}
    for label, text in base_provisions:
        order.append(label)
        drafts[label] = _RowDraft(label, {base: {label}}, {base: Cell(plain_runs(text))})
    for column, (stage, diff) in enumerate(zip(stages[1:], diffs, strict=True), start=1):
        credit = attributor if attributor is not None and column >= 2 else None
        _add_column(stage.key, diff, order, drafts, lang, column, credit)
    rows = []
    for key in order:
        draft = drafts[key]
        cells = tuple(draft.cells.get(s.key, Cell(mark="absent")) for s in stages)
        notes = concern_notes(draft.labels) if concern_notes else ""
        heading = (headings or {}).get(key, "")
        rows.append(Row(draft.label, cells, notes, heading))
    return ComparisonTable(
        dossier=dossier,
        stages=tuple(stages),
        rows=tuple(rows),
        generated=generated,
        lang=lang,
        with_concerns=concern_notes is not None,
        author=author,
        attributed=attributor is not None and len(stages) >= 3,
    )


def _add_column(
    stage: str,
    diff: StageDiff,
    order: list[str],
    drafts: dict[str, _RowDraft],
    lang: str,
    column: int = 1,
    attributor: Attributor | None = None,
) -> None:
    moves = [*diff.moves, *(move for pair in diff.pairs for move in pair.moves)]
    placed_targets: dict[str, str] = {}  # target label -> row it is shown in
    anchor = -1  # index in `order` of the last row this column touched
    for pair in diff.pairs:
        src, dst = pair.from_label, pair.to_label
        old_who = new_who = None
        if attributor is not None and any(op.op != "equal" for op in pair.ops):
            found = attributor.of(column, src, dst)
            old_who = found.old.get(src) if src else None
            new_who = found.new.get(dst) if dst else None
        runs = pair_runs(
            pair, stage=stage, lang=lang, old_who=old_who, new_who=new_who, other_moves=moves
        )
        if src is None:
            if dst is None:
                continue
            row_key = f"{stage}:{dst}"
            order.insert(anchor + 1, row_key)
            drafts[row_key] = _RowDraft(dst, {stage: {dst}}, {stage: Cell(tuple(runs), mark="new")})
            anchor += 1
            continue
        if src not in drafts:
            continue  # the engine names a provision the first stage does not have: skip it
        anchor = max(anchor, order.index(src))
        draft = drafts[src]
        if dst is None:
            # Only the part that moved elsewhere is worth repeating; the rest is in column one.
            moved = tuple(r for r in runs if r.kind == "moved_out")
            draft.cells[stage] = Cell(moved, mark="deleted")
            continue
        draft.labels.setdefault(stage, set()).add(dst)
        if dst in placed_targets and placed_targets[dst] != src:
            draft.cells[stage] = Cell(mark="merged", label=dst, note=t("merged", lang, label=dst))
            continue
        placed_targets[dst] = src
        previous = draft.cells.get(stage)
        if previous is not None and previous.runs:  # a split: the parts one after another
            joined = [*previous.runs, Run("break", ""), Run("plain", f"[{dst}] "), *runs]
            draft.cells[stage] = Cell(
                tuple(merge_runs(joined)),
                label=f"{previous.label or draft.label} + {dst}",
                note=t("split_into", lang),
            )
        else:
            label = dst if dst != draft.label else ""
            draft.cells[stage] = Cell(tuple(runs), label=label)


def concern_notes(
    records: Sequence[ConcernRecord], shown: Sequence[str], lang: str
) -> Callable[[dict[str, set[str]]], str]:
    """The concerns column: for a row's labels per stage, the concerns linked to them.

    Only what was said in the stages shown: a note on another stage (a LIMITE one) stays out.
    """
    records = [within(record, shown) for record in records]

    def notes(labels: dict[str, set[str]]) -> str:
        lines = []
        for concern in records:
            if not any(concern.links_in(stage) & found for stage, found in labels.items()):
                continue
            statuses = [
                f"{stage}: {status_text(concern.status_by_stage[stage], lang)}"
                for stage in shown
                if stage in concern.status_by_stage
            ]
            last = [h.note for h in concern.history if h.note]
            line = f"{concern.title(lang)} ({concern.key})"
            if statuses:
                line += " — " + "; ".join(statuses)
            if last:
                line += f". {last[-1]}"
            lines.append(line)
        return "\n".join(lines)

    return notes
