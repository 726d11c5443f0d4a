"""A `SourceTable` becomes a `ParsedDocument`: rows as data, and one stage per text column.

Each row's heading gives its provision ("Article 16") and part ("first paragraph, point
(a)"); a row without a usable heading belongs to the provision above it, unless its cell
opens a provision of its own ("Article 29a" in the EP column). The cells of one provision
are joined in row order, one paragraph per row, into that stage's provision text. A cell
that is empty, says "deleted" or is withheld ("COLUMN DELETED") puts nothing in its stage;
a provision with no text in a column is not in that stage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from eu_posities.document import (
    Block,
    Coverage,
    MarkedRun,
    ParsedDocument,
    ParsedProvision,
    ParsedRow,
    ParsedStage,
)
from eu_posities.importers.common import blocks_text, clean, num_level, split_num
from eu_posities.importers.fourcol import headers
from eu_posities.importers.fourcol.headings import RowHeading, read_heading
from eu_posities.importers.fourcol.marks import has_marks, stage_text
from eu_posities.importers.fourcol.table import (
    DELETED,
    EMPTY,
    TEXT,
    WITHHELD,
    SourceRow,
    SourceTable,
    cell_label,
    cell_state,
    withholds_the_rest,
    without_new_mark,
)

_BARE_LABEL = re.compile(
    r"^(?:Article\s+\d+[a-z]*|Recital\s+\(?-?\d+[a-z]*\)?|ANNEX\s+[IVXLC]+[a-z]?|Annex\s+[IVXLC]+"
    r"[a-z]?|Citation\s+\d+[a-z]*)(?:\s*[(\[]?\s*new\s*[)\]]?)?$",
    re.IGNORECASE,
)
_SPLIT_INTO = re.compile(r"^\+\s+(?:Article|Recital|Citation|Annex)\s+-?\w+$")
_DIVISION_LINE = re.compile(r"^(?:CHAPTER|Chapter|TITLE|Title|SECTION|Section|PART|Part)\s+\w+$")


@dataclass
class _Draft:
    """One provision of one stage, while its rows are read."""

    heading: RowHeading
    label: str
    path: tuple[str, ...]
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    marks: list[MarkedRun] = field(default_factory=list)
    marked: bool = False
    rows: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


def _states(table: SourceTable) -> list[list[str]]:
    """What each cell says about its stage; "COLUMN DELETED ... until the end" carries on."""
    withheld = [False] * len(table.stages)
    states = []
    for row in table.rows:
        states_of_row = []
        for index in range(len(table.stages)):
            text = row.cell_text(index)
            state = cell_state(text)
            if state == WITHHELD and withholds_the_rest(text):
                withheld[index] = True
            elif state == EMPTY and withheld[index]:
                state = WITHHELD
            states_of_row.append(state)
        states.append(states_of_row)
    return states


def _heading_of(row: SourceRow, previous: RowHeading | None) -> tuple[RowHeading | None, bool]:
    """The row's provision, and whether it was inherited from the row above."""
    heading = read_heading(row.heading) if row.heading else None
    if heading is not None:
        return heading, False
    for index in range(len(row.cells)):
        first = row.cell_text(index).split("\n", 1)[0].strip()
        if _BARE_LABEL.match(first):
            found = read_heading(first)
            if found is not None:
                return found, False
    return previous, True


def _column_label(
    named: list[tuple[str, str] | None], index: int, heading: RowHeading, text: str, shown: bool
) -> str:
    """The provision a row's cell belongs to in its column: the row's, unless the row that
    opened the row's provision named another one in this column ("Citation 7" in the row
    of the proposal's "Citation 6"); then the rows of that provision go with that one.
    `named[index]` holds (the row's label, the column's label) while that lasts; a row
    the column has nothing in (`shown` false) does not end it."""
    label = heading.label or ""
    current = named[index]
    if not shown and current is not None and label not in current:
        return label  # a row this column has nothing in (a point only another stage has)
    if current is not None and label not in current:
        current = named[index] = None  # rows of the column's own provision do not end it
    first = text.split("\n", 1)[0].strip()
    if _BARE_LABEL.match(first):
        found = read_heading(first)
        if found is not None and found.label and found.kind == heading.kind:
            current = named[index] = None if found.label == label else (label, found.label)
    return current[1] if current is not None else label


def assemble(table: SourceTable, fmt: str) -> ParsedDocument:
    """Rows and stages from a four-column table read by one of the readers."""
    labelled: dict[tuple[int, int], str] = {}  # (row, column) -> the cell's own label
    for number, source_row in enumerate(table.rows):
        cells = []
        for index, cell in enumerate(source_row.cells):
            label, runs = cell_label(without_new_mark(cell))
            if label:
                labelled[(number, index)] = label
            cells.append(runs)
        source_row.cells = cells
    states = _states(table)
    stage_count = len(table.stages)
    rows: list[ParsedRow] = []
    drafts: list[dict[str, _Draft]] = [{} for _ in range(stage_count)]
    struck: list[dict[str, list[str]]] = [{} for _ in range(stage_count)]
    warnings = list(table.warnings)
    previous: RowHeading | None = None
    named: list[tuple[str, str] | None] = [None] * stage_count
    path: tuple[str, ...] = ()
    unplaced: list[str] = []
    for number, (row, row_states) in enumerate(zip(table.rows, states, strict=True)):
        heading, inherited = _heading_of(row, previous)
        if heading is not None and heading.label is None:
            path = (_division_title(row, heading),)
            previous = None  # a row after a division heading names its own provision
        elif heading is not None:
            previous = heading
        else:
            unplaced.append(row.number)
        texts = [row.cell_text(i) if row_states[i] == TEXT else "" for i in range(stage_count)]
        marks = tuple(
            tuple(row.cells[i]) if row_states[i] == TEXT and has_marks(row.cells[i]) else ()
            for i in range(stage_count)
        )
        rows.append(
            ParsedRow(
                number=row.number,
                heading=row.heading,
                cells=tuple(texts),
                status=row.status,
                label=heading.label if heading else None,
                part=(heading.part or heading.division) if heading and not inherited else "",
                comments=row.comments,
                cell_marks=marks if any(marks) else (),
                cell_states=tuple(row_states),
                section=row.section,
                pages=tuple(row.pages),
            )
        )
        if heading is None or heading.label is None:
            continue
        for index in range(stage_count):
            shown = row_states[index] in (TEXT, DELETED)
            label = _column_label(named, index, heading, texts[index], shown)
            label = labelled.get((number, index), label)
            if row_states[index] == DELETED:
                struck[index].setdefault(label, []).append(row.number)
            if row_states[index] != TEXT:
                continue
            draft = drafts[index].get(label)
            if draft is None:
                draft = _Draft(heading, label, path)
                drafts[index][label] = draft
            _add(draft, row, index, texts[index], heading, inherited)
    if unplaced:
        warnings.append(
            f"{len(unplaced)} rows name no provision and follow none: " + ", ".join(unplaced[:10])
        )
    warnings.extend(_row_warnings(table))
    for index, column in enumerate(table.stages):
        held = sum(1 for row_states in states if row_states[index] == WITHHELD)
        if held:
            warnings.append(
                f"the {column.heading or column.key} column is withheld on {held} of "
                f'{len(table.rows)} rows ("COLUMN DELETED" in this copy): stage {column.key} '
                "holds only what the document shows"
            )
    stages = tuple(
        _stage(table, index, drafts[index], struck[index], states, fmt)
        for index in range(stage_count)
    )
    coverage = Coverage(
        body_words=table.body_words,
        placed_words=table.placed_words,
        skipped_words=table.skipped_words,
        skipped=tuple(table.skipped),
        missing=tuple(table.missing[:5]),
    )
    meta = dict(table.meta)
    meta["layout"] = "four-column"
    meta["stages"] = [column.key for column in table.stages]
    meta["columns"] = [column.heading for column in table.stages]
    meta["statuses"] = dict(Counter(row.status or "none" for row in table.rows))
    return ParsedDocument(stages, tuple(rows), coverage=coverage, warnings=tuple(warnings),
                          meta=meta)  # fmt: skip


def _division_title(row: SourceRow, heading: RowHeading) -> str:
    """The division's title ("Chapter 3 – OBLIGATIONS OF ...") from the first cell with it."""
    for index in range(len(row.cells)):
        lines = [line for line in row.cell_text(index).split("\n") if line.strip()]
        if lines and _DIVISION_LINE.match(lines[0]):
            rest = " ".join(lines[1:]).strip()
            return f"{lines[0]} – {rest}" if rest else lines[0]
    return heading.division


def _paragraph_runs(runs: list[MarkedRun]) -> list[list[MarkedRun]]:
    """The runs of a cell cut at its paragraph breaks, one list per paragraph with text.

    A paragraph that is struck in full has no text: its runs go with the next paragraph.
    """
    pieces: list[list[MarkedRun]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for number, part in enumerate(parts):
            if number:
                pieces.append([])
            if part:
                pieces[-1].append(MarkedRun(run.op, part, run.changed))
    out: list[list[MarkedRun]] = []
    pending: list[MarkedRun] = []
    for piece in pieces:
        if clean(stage_text(piece)):
            out.append(pending + piece)
            pending = []
        else:
            pending.extend(piece)
    if pending and out:
        out[-1].extend(pending)
    return out


def _without_prefix(runs: list[MarkedRun], prefix: str) -> list[MarkedRun]:
    """The runs with `prefix` (and the space after it) taken off the stage text's start."""
    out = list(runs)
    for position, run in enumerate(out):
        if run.op == "delete":
            continue
        text = run.text.lstrip()
        if text.startswith(prefix):
            out[position] = MarkedRun(run.op, text[len(prefix) :].lstrip(), run.changed)
        break
    return [run for run in out if run.text]


def _add(draft: _Draft, row: SourceRow, index: int, text: str, heading: RowHeading,
         inherited: bool) -> None:  # fmt: skip
    paragraphs = [clean(p) for p in text.split("\n") if clean(p)]
    runs = _paragraph_runs(row.cells[index])
    if len(runs) != len(paragraphs):
        runs = [[MarkedRun("equal", p)] for p in paragraphs]  # cannot happen; stay consistent
    opens = (not inherited and not heading.part) or not draft.blocks
    if opens and paragraphs and _BARE_LABEL.match(paragraphs[0]):
        # A row opening a provision repeats its label and, for an article, its title.
        label = read_heading(paragraphs[0])
        if label is not None and label.label and label.label != draft.label and not draft.blocks:
            draft.label = label.label  # numbered otherwise in this column ("Article 4a")
        paragraphs, runs = paragraphs[1:], runs[1:]
        while paragraphs and _SPLIT_INTO.match(paragraphs[0]):
            paragraphs, runs = paragraphs[1:], runs[1:]  # "+ Article 5a": where it was split
        titled = draft.heading.kind in ("article", "annex") and not draft.title
        if titled and paragraphs and _title_like(paragraphs[0]):
            draft.title, paragraphs, runs = paragraphs[0], paragraphs[1:], runs[1:]
        elif draft.title and paragraphs and paragraphs[0] == draft.title:
            paragraphs, runs = paragraphs[1:], runs[1:]  # the title again (a merged provision)
    for paragraph, paragraph_runs in zip(paragraphs, runs, strict=True):
        num, rest = split_num(paragraph)
        if draft.heading.kind == "recital" and num.strip("()") == draft.heading.number:
            # The recital's own number: the other importers keep it out of the text.
            paragraph_runs = _without_prefix(paragraph_runs, num)
            num = ""
        previous = draft.blocks[-1].num if draft.blocks else ""
        draft.blocks.append(Block(text=rest, num=num, level=num_level(num, previous)))
        if draft.marks:
            draft.marks.append(MarkedRun("equal", "\n"))
        draft.marks.extend(paragraph_runs)
        draft.marked = draft.marked or has_marks(paragraph_runs)
    draft.rows.append(row.number)
    draft.footnotes.extend(row.notes.get(index, ()))


def _title_like(line: str) -> bool:
    """An article's or annex's title; an annex's in capitals may run long ("INFORMATION TO BE
    SUBMITTED UPON THE REGISTRATION OF ... IN ACCORDANCE WITH ARTICLE 54a")."""
    capitals = sum(char.islower() for char in line) <= 3
    short = len(line) < 160 or (len(line) < 400 and capitals)
    return short and line[-1:] not in ".;:," and not split_num(line)[0]


def _stage(
    table: SourceTable,
    index: int,
    drafts: dict[str, _Draft],
    struck: dict[str, list[str]],
    states: list[list[str]],
    fmt: str,
) -> ParsedStage:
    column = table.stages[index]
    provisions = tuple(_provision(draft) for draft in drafts.values() if draft.blocks)
    held = sum(1 for row_states in states if row_states[index] == WITHHELD)
    meta: dict[str, object] = {"column": column.heading, "rows": len(table.rows)}
    meta["rows_with_text"] = sum(1 for row_states in states if row_states[index] == TEXT)
    if held:
        shown = len(table.rows) - held
        meta["partial"] = f"the document shows this column on {shown} of {len(table.rows)} rows"
        meta["withheld_rows"] = held
    gone = tuple(
        ParsedProvision(
            kind=_kind(label),
            number=label.split()[-1],
            label=label,
            text="",
            markers={"deleted": True},
            rows=tuple(numbers),
        )  # fmt: skip
        for label, numbers in struck.items()
        if label not in drafts
    )
    return ParsedStage(provisions=provisions, format=fmt, name=column.key, title=column.heading,
                       meta=meta, struck=gone, kind=headers.named_kind(column.heading))  # fmt: skip


def _kind(label: str) -> str:
    return label.split()[0].lower()


def _provision(draft: _Draft) -> ParsedProvision:
    heading = draft.heading
    number = draft.label.split(" ", 1)[1] if " " in draft.label else ""
    runs = tuple(draft.marks) if draft.marked else ()
    text = blocks_text(draft.blocks)
    if runs and stage_text(runs).split() != text.split():
        runs = ()  # the marks no longer spell the text (a label or title taken out)
    return ParsedProvision(
        kind=heading.kind or "other",
        number=number,
        label=draft.label,
        text=text,
        heading=clean(draft.title),
        path=draft.path,
        blocks=tuple(draft.blocks),
        footnotes=tuple(draft.footnotes),
        marks=runs,
        rows=tuple(draft.rows),
    )


def _row_warnings(table: SourceTable) -> list[str]:
    out = []
    seen: Counter[str] = Counter(row.number for row in table.rows)
    twice = [number for number, count in seen.items() if count > 1]
    if twice:
        out.append(f"row numbers printed twice: {', '.join(twice[:10])}")
    conflicts = [f"{row.number} ({row.status_conflict})" for row in table.rows
                 if row.status_conflict]  # fmt: skip
    if conflicts:
        out.append(f"rows whose status is printed two ways: {', '.join(conflicts[:10])}")
    return out
