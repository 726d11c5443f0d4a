"""One provision across several stages, paragraph by paragraph: the rows of an aligned view.

Each stage's paragraphs and points are aligned with the first stage's (the four-column way:
every column is read against the base), and a paragraph the base does not have with the
nearest earlier stage that has it, so that a paragraph the Council added and the agreement
kept sits in one row. Rows keep the order of the texts: a paragraph that no earlier stage
has goes right after the row of the paragraph before it in its own stage.

The numbered rows of an imported four-column document are put beside the paragraphs they
hold (`DocumentRows`): a stage made from that document knows its rows; for other stages a
paragraph whose text is a row's cell word for word gets that row too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eu_posities.alignment.parts import group_parts
from eu_posities.alignment.units import Unit, units
from eu_posities.readmodels import AmendmentEntry, ProvisionView, RowEntry, StageSummary

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIN_AMENDED = 12  # characters: "(a)", "deleted" or a lone word match too much to tell


@dataclass(frozen=True, slots=True)
class ParagraphCell:
    """One paragraph (point, indent) of one stage in a row of the aligned view.

    `against`: the column it was aligned with (its redline is read against that one), None
    when no earlier column has it; `status`: unchanged, modified or added against that column;
    `moved` when it was matched out of order. `doc_row`/`doc_status`: the four-column
    document's row that holds it and that row's G/Y/R status.
    """

    label: str
    num: str
    text: str
    against: int | None = None
    status: str = "unchanged"
    moved: bool = False
    doc_row: str | None = None
    doc_status: str | None = None
    amendments: tuple[str, ...] = ()  # the EP amendments whose text this paragraph is


@dataclass(frozen=True, slots=True)
class ParagraphRow:
    """The paragraphs that stand for one another, one cell per stage (None: not there)."""

    cells: tuple[ParagraphCell | None, ...]

    @property
    def doc_rows(self) -> tuple[tuple[str, str | None], ...]:
        """The four-column rows beside this row (number, status), each once."""
        seen: dict[str, str | None] = {}
        for cell in self.cells:
            if cell is not None and cell.doc_row and cell.doc_row not in seen:
                seen[cell.doc_row] = cell.doc_status
        return tuple(seen.items())

    @property
    def changed(self) -> bool:
        present = [c for c in self.cells if c is not None]
        if len(present) != len(self.cells):
            return True
        return any(c.status != "unchanged" or c.moved for c in present[1:])


@dataclass(frozen=True)
class DocumentRows:
    """The dossier's four-column rows, indexed to find a paragraph's row quickly."""

    by_number: Mapping[str, RowEntry] = field(default_factory=dict)
    # (provision label, folded paragraph) -> the first row whose cell holds it
    by_text: Mapping[tuple[str, str], RowEntry] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[RowEntry]) -> DocumentRows:
        by_number: dict[str, RowEntry] = {}
        by_text: dict[tuple[str, str], RowEntry] = {}
        for entry in entries:
            by_number.setdefault(entry.number, entry)
            for cell in entry.cells.values():
                for line in cell.split("\n"):
                    key = (entry.label or "", _fold(line))
                    if key[1]:
                        by_text.setdefault(key, entry)
        return cls(by_number, by_text)

    def __bool__(self) -> bool:
        return bool(self.by_number)

    def rows_of(
        self, stage: str, provision: ProvisionView, lines: Sequence[Unit]
    ) -> list[RowEntry | None]:
        """The row of each paragraph of `provision` (a stage of the document, or another)."""
        found: list[RowEntry | None] = [None] * len(lines)
        if provision.rows:
            # The stage came from the document: its rows, in order, hold its paragraphs.
            cells = [
                (entry, _fold(line))
                for number in provision.rows
                if (entry := self.by_number.get(number)) is not None
                for line in entry.cells.get(stage, "").split("\n")
            ]
            at = 0
            for k, unit in enumerate(lines):
                wanted = _fold(provision.text.split("\n")[unit.line])
                for j in range(at, len(cells)):
                    if cells[j][1] == wanted:
                        found[k], at = cells[j][0], j + 1
                        break
            return found
        for k, unit in enumerate(lines):
            line = provision.text.split("\n")[unit.line]
            found[k] = self.by_text.get((provision.label, _fold(line)))
        return found


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class _Column:
    stage: str
    provisions: Sequence[ProvisionView]
    units: list[tuple[str, Unit]]  # (label, unit) in text order
    index: dict[tuple[str, int], int]  # (label, index within provision) -> position in units
    rows: list[RowEntry | None]  # the document's row of each unit
    from_document: bool  # the stage is a column of the four-column document
    amended: list[tuple[str, ...]]  # the amendment numbers of each unit


def _column(
    stage: str,
    provisions: Sequence[ProvisionView],
    documents: DocumentRows | None,
    amendments: Mapping[str, Sequence[AmendmentEntry]],
) -> _Column:
    found: list[tuple[str, Unit]] = []
    index: dict[tuple[str, int], int] = {}
    rows: list[RowEntry | None] = []
    amended: list[tuple[str, ...]] = []
    for provision in provisions:
        mine = units(provision)
        for unit in mine:
            index[provision.label, unit.index] = len(found)
            found.append((provision.label, unit))
        rows += documents.rows_of(stage, provision, mine) if documents else [None] * len(mine)
        amended += amendment_numbers(provision, mine, amendments.get(provision.label, ()))
    from_document = bool(provisions) and all(p.rows for p in provisions) and bool(documents)
    return _Column(stage, provisions, found, index, rows, from_document, amended)


def amendment_numbers(
    provision: ProvisionView, lines: Sequence[Unit], entries: Sequence[AmendmentEntry]
) -> list[tuple[str, ...]]:
    """The numbers of the applied amendments whose new text holds each paragraph of the
    provision word for word: the paragraphs that amendment wrote (a point it replaced, the
    paragraphs of an article it inserted). A paragraph of a few words only is no evidence."""
    by_line: dict[str, list[str]] = {}
    for entry in entries:
        if not entry.applied or not entry.new:
            continue
        for line in entry.new.split("\n"):
            folded = _fold(line)
            if len(folded) >= MIN_AMENDED and entry.number not in by_line.get(folded, ()):
                by_line.setdefault(folded, []).append(entry.number)
    texts = provision.text.split("\n")
    return [tuple(by_line.get(_fold(texts[unit.line]), ())) for unit in lines]


def paragraph_rows(
    stages: Sequence[str],
    columns: Sequence[Sequence[ProvisionView]],
    documents: DocumentRows | None = None,
    amendments: Mapping[str, Mapping[str, Sequence[AmendmentEntry]]] | None = None,
) -> tuple[ParagraphRow, ...]:
    """The paragraph rows of one comparison row: `columns[i]` the provisions in stage i;
    `amendments` the EP amendments per stage and provision label (numbers per paragraph)."""
    cols = [
        _column(k, provisions, documents, (amendments or {}).get(k, {}))
        for k, provisions in zip(stages, columns, strict=True)
    ]
    width = len(cols)
    rows: list[list[ParagraphCell | None]] = []
    # column -> unit position -> its row (the list object: rows are inserted as we go)
    placed: list[dict[int, list[ParagraphCell | None]]] = [{} for _ in cols]
    for c, col in enumerate(cols):
        if not col.units:
            continue
        for j in [0, *range(c - 1, 0, -1)] if c else []:
            if len(placed[c]) == len(col.units):
                break
            if not cols[j].units:
                continue
            _match(cols[j], col, j, c, placed)
        _insert_rest(rows, placed, col, c, width)
    return tuple(ParagraphRow(tuple(r)) for r in rows)


def _match(
    old: _Column,
    new: _Column,
    j: int,
    c: int,
    placed: list[dict[int, list[ParagraphCell | None]]],
) -> None:
    """Put the paragraphs of `new` (column c) that match one of `old` (column j) in its row."""
    for mine, theirs, same, moved in _pairs(old, new):
        row = placed[j].get(theirs)
        if mine in placed[c] or row is None or row[c] is not None:
            continue
        label, unit = new.units[mine]
        text = _line(new.provisions, label, unit)
        row[c] = _cell(new, mine, text, j, "unchanged" if same else "modified", moved)
        placed[c][mine] = row


def _pairs(old: _Column, new: _Column) -> list[tuple[int, int, bool, bool]]:
    """(new position, old position, same text, moved) of the paragraphs that match.

    Two columns of the four-column document are paired as the document pairs them, by its
    row numbers; other stages by the paragraph alignment of the core."""
    if old.from_document and new.from_document:
        at = {e.number: k for k, e in enumerate(old.rows) if e is not None}
        found = []
        for k, entry in enumerate(new.rows):
            if entry is not None and entry.number in at:
                theirs = at[entry.number]
                same = _fold(old.units[theirs][1].text) == _fold(new.units[k][1].text)
                same = same and old.units[theirs][1].num == new.units[k][1].num
                found.append((k, theirs, same, False))
        return found
    found = []
    for from_label, to_label, part in group_parts(old.provisions, new.provisions):
        if part.from_index is None or part.to_index is None or not from_label or not to_label:
            continue
        mine = new.index[to_label, part.to_index]
        theirs = old.index[from_label, part.from_index]
        found.append((mine, theirs, part.status == "unchanged", part.moved))
    return found


def _cell(
    col: _Column, position: int, text: str, against: int | None, status: str, moved: bool = False
) -> ParagraphCell:
    label, unit = col.units[position]
    entry = col.rows[position]
    number, state = (entry.number, entry.status) if entry is not None else (None, None)
    return ParagraphCell(
        label, unit.num, text, against, status, moved, number, state, col.amended[position]
    )


def _insert_rest(
    rows: list[list[ParagraphCell | None]],
    placed: list[dict[int, list[ParagraphCell | None]]],
    col: _Column,
    c: int,
    width: int,
) -> None:
    """Paragraphs no earlier stage has: a row of their own after their predecessor's row."""
    first = c == 0 or not rows
    for position, (label, unit) in enumerate(col.units):
        if position in placed[c]:
            continue
        row: list[ParagraphCell | None] = [None] * width
        text = _line(col.provisions, label, unit)
        row[c] = _cell(col, position, text, None, "unchanged" if first else "added")
        before = placed[c].get(position - 1)
        if before is not None:
            at = _index(rows, before) + 1
        else:
            after = next((placed[c][p] for p in sorted(placed[c]) if p > position), None)
            at = _index(rows, after) if after is not None else len(rows)
        rows.insert(at, row)
        placed[c][position] = row


def _index(rows: list[list[ParagraphCell | None]], row: list[ParagraphCell | None]) -> int:
    return next(k for k, r in enumerate(rows) if r is row)


def _line(provisions: Sequence[ProvisionView], label: str, unit: Unit) -> str:
    provision = next(p for p in provisions if p.label == label)
    return provision.text[unit.start : unit.end].strip()


@dataclass(frozen=True)
class ViewContext:
    """What the aligned view shows beside the texts: the four-column rows and, per EP stage
    made from an amendment list, its amendments by the label of the provision they made."""

    documents: DocumentRows = field(default_factory=DocumentRows)
    amendments: Mapping[str, Mapping[str, tuple[AmendmentEntry, ...]]] = field(default_factory=dict)


def view_context(
    engine: Engine, dossier: str, stages: Sequence[StageSummary], texts: Mapping[str, Any]
) -> ViewContext:
    """Load the rows and amendments once for the chosen stages (`texts`: stage -> label ->
    provision); stages whose provisions name no amendments are not asked."""
    from eu_posities.services import reading

    entries = reading.rows(engine, dossier)
    amendments: dict[str, dict[str, tuple[AmendmentEntry, ...]]] = {}
    for stage in stages:
        provisions = texts.get(stage.key, {}).values()
        if not any(p.amendments for p in provisions):
            continue
        by_label: dict[str, list[AmendmentEntry]] = {}
        for entry in reading.amendments(engine, dossier, stage.key):
            if entry.label:
                by_label.setdefault(entry.label, []).append(entry)
        amendments[stage.key] = {k: tuple(v) for k, v in by_label.items()}
    return ViewContext(DocumentRows.of(entries), amendments)
