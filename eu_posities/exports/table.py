"""The multi-column comparison model: provisions of the first stage against each later stage."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from eu_posities.errors import InputError
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import Cell, ComparisonTable, DossierInfo, Row, Run, StageInfo
from eu_posities.exports.policy import dossier_info, refuse_limite, stage_info
from eu_posities.exports.runs import mark_moves, merge_runs, ops_to_runs, plain_runs

Progress = Callable[[int, int, str], None]


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
    diffs: Sequence[Mapping[str, Any]],
    generated: str,
    lang: str = "en",
    concern_notes: Callable[[dict[str, set[str]]], str] | None = None,
    headings: Mapping[str, str] | None = None,
) -> ComparisonTable:
    """The table from the first stage's (label, text) and one contract diff per later stage.

    `diffs[i]` is the `diff` JSON of stages[0] → stages[i + 1]. Rows follow the first stage;
    a provision new in a later stage gets its own row after the provision before it.
    """
    if len(diffs) != len(stages) - 1:
        raise ValueError("one diff per stage after the first")
    base = stages[0].key
    order: list[str] = []
    drafts: dict[str, _RowDraft] = {}
    for label, text in base_provisions:
        order.append(label)
        drafts[label] = _RowDraft(label, {base: {label}}, {base: Cell(plain_runs(text))})
    for stage, diff in zip(stages[1:], diffs, strict=True):
        _add_column(stage.key, diff, order, drafts, lang)
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
    )


def _add_column(
    stage: str, diff: Mapping[str, Any], order: list[str], drafts: dict[str, _RowDraft], lang: str
) -> None:
    moves = diff.get("moves", []) or []
    for pair in diff.get("pairs", []):
        moves = [*moves, *(pair.get("moves") or [])]
    moves_in: dict[str, list[tuple[str, str]]] = {}
    moves_out: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str | None, str | None, str]] = set()
    for move in moves:
        key = (move.get("from"), move.get("to"), move.get("text", ""))
        if key in seen:
            continue
        seen.add(key)
        moves_in.setdefault(move.get("to") or "", []).append((move["text"], move.get("from") or ""))
        moves_out.setdefault(move.get("from") or "", []).append(
            (move["text"], move.get("to") or "")
        )
    placed_targets: dict[str, str] = {}  # target label -> row it is shown in
    anchor = -1  # index in `order` of the last row this column touched
    for pair in diff.get("pairs", []):
        src, dst = pair.get("from"), pair.get("to")
        runs = ops_to_runs(pair.get("ops", []))
        if dst:
            runs = mark_moves(
                runs,
                moves_in.get(dst, []),
                source="ins",
                note=t("moved_from", lang, label="{label}"),
            )
        if src:
            runs = mark_moves(
                runs,
                moves_out.get(src, []),
                source="del",
                note=t("moved_to", lang, label="{label}"),
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


def build_table(
    *,
    session: Session,
    dossier_key: str,
    stage_keys: Sequence[str],
    generated: str,
    lang: str = "en",
    with_concerns: bool = False,
    include_limite: bool = False,
    progress: Progress | None = None,
) -> ComparisonTable:
    """`eup table`: the comparison of 2 to 5 stages, from the core's alignment and diff."""
    from eu_posities.compare import diff_stages
    from eu_posities.store import get_dossier, get_stage, list_provisions, list_stages

    keys = list(dict.fromkeys(stage_keys))
    if not 2 <= len(keys) <= 5:
        raise InputError(f"a table needs 2 to 5 different stages, got {len(keys)}")
    dossier = get_dossier(session=session, key=dossier_key)
    stages = [get_stage(session=session, dossier=dossier, key=k) for k in keys]
    refuse_limite(stages, include_limite=include_limite, dossier_key=dossier_key)
    total = len(keys) - 1
    diffs = []
    for index, stage in enumerate(stages[1:]):
        if progress:
            progress(index, total, f"{keys[0]} → {stage.key}")
        diffs.append(
            diff_stages(
                session=session, dossier_key=dossier_key, from_key=keys[0], to_key=stage.key
            )
        )
    if progress:
        progress(total, total, "done")
    first = list_provisions(session=session, stage=stages[0])
    base = [(p.label, p.text) for p in first]
    notes = None
    if with_concerns:
        from eu_posities.exports.ledger import concerns_of

        ledger = concerns_of(
            session=session, dossier=dossier, stages=list_stages(session=session, dossier=dossier)
        )
        shown = [s.key for s in stages]

        def notes(labels: dict[str, set[str]]) -> str:
            lines = []
            for concern in ledger:
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

    return build_table_from_diffs(
        dossier=dossier_info(dossier),
        stages=[stage_info(s) for s in stages],
        base_provisions=base,
        diffs=diffs,
        generated=generated,
        lang=lang,
        concern_notes=notes,
        headings={p.label: p.heading for p in first if p.heading},
    )
