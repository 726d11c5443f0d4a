"""The four-column layout of a comparison: one row per paragraph or point, as in trilogues.

Each provision of the first stage gives a heading row (its label and heading) and one row per
unit of its text (paragraph, point, indent: `eu_posities.alignment.units`). Each later stage's
column is filled along the paragraph alignment (`Match.parts`) of the first stage against it:
a unit matched there is redlined against the first stage's unit, a unit deleted there says so,
a unit or provision new there gets its own row after the row it follows. Rows are numbered,
carry a heading such as "Article 7(1)(a)", and take their G/Y/R status from the dossier's
imported four-column rows where one holds the same text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eu_posities.alignment.units import Unit, units
from eu_posities.diff import DiffOp, word_diff
from eu_posities.exports.attribution import Attributor, Who
from eu_posities.exports.model import Cell, ComparisonTable, DossierInfo, Row, StageInfo
from eu_posities.exports.runs import merge_runs, plain_runs, redline_runs, split_breaks
from eu_posities.readmodels import RowEntry

if TYPE_CHECKING:
    from eu_posities.alignment import Match
    from eu_posities.alignment.match import ProvisionLike

# notes_for(labels per stage) -> the comments of a provision (its notes, its concerns)
NotesFor = Callable[[dict[str, set[str]]], str]

HEADING_ROW = -1  # the unit index of a provision's heading row
_REGROUPED = ("split", "merged")


@dataclass
class _Draft:
    provision: str  # the provision's label in the stage that has it first
    unit: int  # index in units() of that provision, HEADING_ROW for its heading row
    heading: str
    labels: dict[str, set[str]] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # stage -> the cell's plain text


def _number(num: str) -> str:
    return num.strip().strip("().").strip()


def unit_headings(label: str, found: Sequence[Unit]) -> list[str]:
    """Row headings of a provision's units: "Article 7(1)", "Article 7(1)(a)"; an
    unnumbered subparagraph or an indent keeps the heading of what it belongs to."""
    path: list[tuple[int, str]] = []
    out = []
    for unit in found:
        num = _number(unit.num)
        if num and re.fullmatch(r"[\w]+", num):
            path = [(level, n) for level, n in path if level < unit.level]
            path.append((unit.level, num))
        out.append(label + "".join(f"({n})" for _, n in path))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _status_of(entries: Sequence[RowEntry]) -> Callable[[dict[str, str]], tuple[str, str]]:
    """For a row's plain texts per stage: (number, status) of the imported row holding the
    same text in one of those stages, ("", "") when none does."""
    index: dict[tuple[str, str], RowEntry] = {}
    for entry in entries:
        for stage, text in entry.cells.items():
            if text.strip():
                index.setdefault((stage, _norm(text)), entry)

    def find(texts: dict[str, str]) -> tuple[str, str]:
        for stage, text in texts.items():
            entry = index.get((stage, _norm(text)))
            if entry is not None:
                return entry.number, entry.status or ""
        return "", ""

    return find


def build_fourcol_table(
    *,
    dossier: DossierInfo,
    stages: Sequence[StageInfo],
    provisions: Sequence[Sequence[ProvisionLike]],
    alignments: Sequence[Sequence[Match]],
    generated: str,
    lang: str = "en",
    rows: Sequence[RowEntry] = (),
    notes_for: NotesFor | None = None,
    attributor: Attributor | None = None,
    author: str = "",
) -> ComparisonTable:
    """The four-column table: `provisions[i]` are stage i's, `alignments[i]` the alignment
    (with parts) of stage 0 against stage i + 1."""
    if len(alignments) != len(stages) - 1 or len(provisions) != len(stages):
        raise ValueError("one alignment per stage after the first, provisions of every stage")
    base = stages[0].key
    by_label = [{p.label: p for p in provs} for provs in provisions]
    unit_cache: dict[tuple[int, str], list[Unit]] = {}

    def units_of(column: int, label: str) -> list[Unit]:
        key = (column, label)
        if key not in unit_cache:
            unit_cache[key] = units(by_label[column][label])
        return unit_cache[key]

    order: list[_Draft] = []
    where: dict[tuple[str, int], _Draft] = {}
    for prov in provisions[0]:
        found = units_of(0, prov.label)
        heads = unit_headings(prov.label, found)
        drafts = [_Draft(prov.label, HEADING_ROW, prov.label)]
        drafts += [_Draft(prov.label, u.index, h) for u, h in zip(found, heads, strict=True)]
        head = drafts[0]
        head.labels[base] = {prov.label}
        head.cells[base] = Cell(plain_runs(_heading_text(prov)))
        head.texts[base] = _heading_text(prov)
        for draft, unit in zip(drafts[1:], found, strict=True):
            line = _line(prov.text, unit)
            draft.cells[base] = Cell(plain_runs(line))
            draft.texts[base] = line
        for draft in drafts:
            order.append(draft)
            where[(prov.label, draft.unit)] = draft
    for column, (stage, matches) in enumerate(zip(stages[1:], alignments, strict=True), start=1):
        credit = attributor if attributor is not None and column >= 2 else None
        _fill_column(column, stage.key, matches, order, where, provisions, units_of, lang, credit)
    order = _without_bare_headings(order)
    status_of = _status_of(rows)
    built = []
    seen_provisions: set[str] = set()
    numbers: set[str] = set()
    for running, draft in enumerate(order, start=1):
        cells = tuple(draft.cells.get(s.key, Cell(mark="absent")) for s in stages)
        number, status = status_of(draft.texts) if rows else ("", "")
        if not number or number in numbers:
            number = str(running)
        numbers.add(number)
        comments = ""
        if draft.provision not in seen_provisions:  # the provision's first row
            seen_provisions.add(draft.provision)
            comments = notes_for(draft.labels) if notes_for else ""
        heading = draft.heading
        built.append(
            Row(
                heading,
                cells,
                comments,
                "",
                number=number,
                status=status,
                provision=draft.provision,
                opens=draft.unit == HEADING_ROW,
            )
        )
    return ComparisonTable(
        dossier=dossier,
        stages=tuple(stages),
        rows=tuple(built),
        generated=generated,
        lang=lang,
        with_concerns=True,
        layout="rows",
        with_status=any(r.status for r in built),
        author=author,
        attributed=attributor is not None and len(stages) >= 3,
    )


def _without_bare_headings(order: list[_Draft]) -> list[_Draft]:
    """Heading rows that say nothing the rows below do not: no heading in any stage and the
    same label everywhere (the unit rows name the provision, and mark it new or deleted)."""
    with_units = {d.provision for d in order if d.unit != HEADING_ROW}
    kept = []
    for draft in order:
        bare = (
            draft.unit == HEADING_ROW
            and draft.provision in with_units
            and all(text == draft.provision for text in draft.texts.values())
        )
        if bare:
            kept_labels = draft.labels
            follower = next(
                (d for d in order if d.provision == draft.provision and d.unit != HEADING_ROW), None
            )
            if follower is not None:
                for stage, labels in kept_labels.items():
                    follower.labels.setdefault(stage, set()).update(labels)
            continue
        kept.append(draft)
    return kept


def _heading_text(prov: ProvisionLike) -> str:
    heading = getattr(prov, "heading", "") or ""
    return f"{prov.label}\n{heading}" if heading else prov.label


def _line(text: str, unit: Unit) -> str:
    return text[unit.start : unit.end].strip()


def _fill_column(
    column: int,
    stage: str,
    matches: Sequence[Match],
    order: list[_Draft],
    where: dict[tuple[str, int], _Draft],
    provisions: Sequence[Sequence[ProvisionLike]],
    units_of: Callable[[int, str], list[Unit]],
    lang: str,
    attributor: Attributor | None,
) -> None:
    by_label = [{p.label: p for p in provs} for provs in provisions]
    anchor: _Draft | None = None  # the last row this column wrote to

    def insert_after(draft: _Draft) -> None:
        nonlocal anchor
        position = order.index(anchor) + 1 if anchor is not None else 0
        order.insert(position, draft)
        anchor = draft

    for match in matches:
        src, dst = match.from_label, match.to_label
        old = by_label[0].get(src) if src else None
        new = by_label[column].get(dst) if dst else None
        old_units = units_of(0, src) if old is not None and src else []
        new_units = units_of(column, dst) if new is not None and dst else []
        old_who: Who | None = None
        new_who: Who | None = None
        if attributor is not None and not (
            old is not None and new is not None and old.text == new.text
        ):
            found = attributor.of(column, src, dst)
            old_who = found.old.get(src) if src else None
            new_who = found.new.get(dst) if dst else None
        # The heading row: the provision's label and heading in this stage.
        if old is not None and src is not None:
            head = where[(src, HEADING_ROW)]
            anchor = head
        elif new is not None and dst is not None:
            head = _Draft(dst, HEADING_ROW, dst)
            insert_after(head)
        else:
            continue
        if new is not None and dst is not None:
            head.labels.setdefault(stage, set()).add(dst)
            text = _heading_text(new)
            if stage not in head.cells:
                if old is not None:
                    ops = word_diff(_heading_text(old), text)
                    head.cells[stage] = Cell(tuple(redline_runs(ops, stage=stage, lang=lang)))
                else:
                    head.cells[stage] = Cell(tuple(split_breaks("ins", text, stage=stage)), "new")
                head.texts[stage] = text
            else:  # a split: the parts' labels one after another
                previous = head.cells[stage]
                more = (*previous.runs, *split_breaks("plain", f"\n+ {dst}"))
                head.cells[stage] = Cell(tuple(merge_runs(more)), previous.mark, note="split")
        elif old is not None and stage not in head.cells:
            head.cells[stage] = Cell(mark="deleted")
        new_heads = unit_headings(dst, new_units) if dst else []
        for part in match.parts or ():
            if part.from_index is not None and src is not None:
                draft = where.get((src, part.from_index))
                if draft is None:
                    continue
                anchor = draft
                unit_old = old_units[part.from_index]
                if part.to_index is None:
                    old_line = _line(old.text, unit_old) if old is not None else ""
                    who = _slice(old_who, unit_old, old.text if old is not None else "")
                    runs = redline_runs(
                        [DiffOp("delete", old_line, "")], stage=stage, lang=lang, old_who=who
                    )
                    draft.cells.setdefault(stage, Cell(tuple(runs), mark="deleted"))
                    continue
                unit_new = new_units[part.to_index]
                assert old is not None and new is not None
                old_line, new_line = _line(old.text, unit_old), _line(new.text, unit_new)
                runs = redline_runs(
                    word_diff(old_line, new_line),
                    stage=stage,
                    lang=lang,
                    old_who=_slice(old_who, unit_old, old.text),
                    new_who=_slice(new_who, unit_new, new.text),
                )
                draft.labels.setdefault(stage, set()).add(dst or "")
                # In a split or a merge the row's heading names another provision than the
                # one this stage holds the text in: the cell names it ("Recital 12a: ...").
                other = dst if dst and dst != src and match.status in _REGROUPED else ""
                if stage in draft.cells:  # merged into this row from another part: join
                    joined = (*draft.cells[stage].runs, *split_breaks("plain", "\n"), *runs)
                    previous_cell = draft.cells[stage]
                    draft.cells[stage] = Cell(tuple(merge_runs(joined)), label=previous_cell.label)
                else:
                    draft.cells[stage] = Cell(tuple(runs), label=other)
                draft.texts[stage] = new_line
            elif part.to_index is not None and new is not None and dst is not None:
                unit_new = new_units[part.to_index]
                new_line = _line(new.text, unit_new)
                draft = _Draft(src or dst, 10_000 + part.to_index, new_heads[part.to_index])
                runs = redline_runs(
                    [DiffOp("insert", "", new_line)],
                    stage=stage,
                    lang=lang,
                    new_who=_slice(new_who, unit_new, new.text),
                )
                draft.cells[stage] = Cell(tuple(runs), mark="new")
                draft.texts[stage] = new_line
                draft.labels[stage] = {dst}
                insert_after(draft)


def _slice(who: Who | None, unit: Unit, text: str) -> Who | None:
    """The unit's characters of a per-character attribution (its line, spaces trimmed)."""
    if who is None:
        return None
    line = text[unit.start : unit.end]
    lead = len(line) - len(line.lstrip())
    return who[unit.start + lead : unit.end]


def notes_column(
    notes: Mapping[tuple[str, str], Sequence[str]],
    concerns: NotesFor | None,
) -> NotesFor:
    """The comments of a provision: the notes on it in the stages shown, then its concerns."""

    def comments(labels: dict[str, set[str]]) -> str:
        lines = [
            note
            for stage, found in labels.items()
            for label in sorted(found)
            for note in notes.get((stage, label), ())
        ]
        if concerns is not None:
            extra = concerns(labels)
            if extra:
                lines.append(extra)
        return "\n".join(lines)

    return comments
