"""A four-column PDF read into a `SourceTable`: header, numbered rows across pages, statuses.

Page by page, the ruled table (see `grid`) gives bands. The first band naming the columns
is the header (repeated on later pages, and skipped there). A band with a merged cell is a
row heading for the next numbered row; a band with a number in the number column starts a
row; a band without one continues the row above (a row running over a page break). Text
outside the table is page furniture when it comes back on most pages, otherwise a section
title. The status is read from the row's status cells: their letter ("G") and their fill
colour, which must agree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eu_posities.errors import InputError
from eu_posities.importers.fourcol import headers
from eu_posities.importers.fourcol.cells import Line, cell_runs, lines_of
from eu_posities.importers.fourcol.grid import Band, Cell, PageTable, read_table
from eu_posities.importers.fourcol.marks import stage_text
from eu_posities.importers.fourcol.table import (
    ROW_NUMBER,
    Column,
    SourceRow,
    SourceTable,
    colour_status,
    read_status,
    split_notes,
)
from eu_posities.importers.furniture import furniture_meta
from eu_posities.importers.pdf import Span, read_pages

_UNNAMED = "unnamed"
_COVER, _BELOW = -2, -1  # lines before the table's first page; lines below a table
_SAME_EDGE = 3.0


@dataclass
class _Layout:
    """The columns as the header row names them, with the edges they were read at."""

    edges: tuple[float, ...]
    names: list[str]
    roles: list[str]
    number: int

    def matches(self, table: PageTable) -> bool:
        return len(table.edges) == len(self.edges) and all(
            abs(a - b) <= _SAME_EDGE for a, b in zip(table.edges, self.edges, strict=True)
        )

    @property
    def stage_columns(self) -> list[int]:
        return [i for i, role in enumerate(self.roles) if role == headers.STAGE]


@dataclass
class _Open:
    """The row being read: its lines per stage column, gathered over one or more pages."""

    row: SourceRow
    lines: dict[int, list[Line]] = field(default_factory=dict)
    bounds: dict[int, tuple[float, float]] = field(default_factory=dict)
    comments: list[Line] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)


def _text(cell: Cell | None) -> str:
    """A cell's text on one line, marks ignored (to classify a cell, not to store it)."""
    if cell is None or not cell.spans:
        return ""
    return _joined(lines_of(cell.spans))


def _joined(lines: list[Line]) -> str:
    return " ".join(line.text for line in lines).strip()


def _header(table: PageTable) -> list[str] | None:
    """The column names if the first band with text names at least two text columns."""
    for band in table.bands:
        texts = [_text(cell) for cell in band.cells]
        if not any(texts):
            continue
        if any(cell.merged for cell in band.cells):
            return None
        named = [t for t in texts if t]
        if len(named) < 2 or any(len(t) > 80 or ROW_NUMBER.match(t) for t in named):
            return None
        return texts
    return None


def _layout(table: PageTable, names: list[str]) -> _Layout | None:
    roles = [headers.column_role(n) if n else _UNNAMED for n in names]
    number = roles.index(headers.NUMBER) if headers.NUMBER in roles else -1
    if number < 0:
        counts: Counter[int] = Counter()
        for band in table.bands:
            for cell in band.cells:
                unnamed = not cell.merged and roles[cell.first] == _UNNAMED
                if unnamed and ROW_NUMBER.match(_text(cell)):
                    counts[cell.first] += 1
        if not counts:
            return None
        number = counts.most_common(1)[0][0]
    roles[number] = headers.NUMBER
    roles = [headers.STATUS if role == _UNNAMED else role for role in roles]
    if len([r for r in roles if r == headers.STAGE]) < 2:
        return None
    return _Layout(table.edges, names, roles, number)


def _fill_status(table: PageTable, cell: Cell, band: Band) -> str | None:
    """The status a status cell's background colour stands for (green, yellow, red)."""
    best, area = None, 0.0
    for fill in table.fills:
        if fill.x0 < cell.x0 - 1 or fill.x1 > cell.x1 + 1 or fill.color is None:
            continue
        overlap = min(fill.bottom, band.bottom) - max(fill.top, band.top)
        if overlap <= 0:
            continue
        if overlap * fill.width > area:
            best, area = fill.color, overlap * fill.width
    return colour_status(best) if best else None


class _Reader:
    """Reads the pages in order, keeping only the open row and the finished ones."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.layout: _Layout | None = None
        self.table = SourceTable(stages=[], rows=[])
        self.current: _Open | None = None
        self.heading: list[str] = []
        # Lines outside the table: page, where (rows before it, _COVER, _BELOW), text, words.
        self.outside: list[tuple[int, int, str, int]] = []
        self.pages = 0
        self.table_pages = 0
        self.header_shapes: set[str] = set()

    def page(self, number: int, table: PageTable | None, spans: tuple[Span, ...]) -> None:
        self.pages += 1
        if table is None or (self.layout is None and not self._start(table)):
            self._outside(number, spans, before=True)
            return
        assert self.layout is not None
        if not self.layout.matches(table):
            self.table.warnings.append(f"page {number}: a table with other columns, left out")
            self._outside(number, spans, before=True)
            return
        self.table_pages += 1
        top = table.bands[0].top if table.bands else 0.0
        above = tuple(s for s in table.outside if s.baseline < top)
        self._outside(number, above, before=True)
        for band in table.bands:
            self._band(number, table, band)
        below = tuple(s for s in table.outside if s.baseline >= top)
        self._outside(number, below, before=False)

    def _start(self, table: PageTable) -> bool:
        names = _header(table)
        if names is None:
            return False
        layout = _layout(table, names)
        if layout is None:
            return False
        self.layout = layout
        keys = headers.stage_keys([names[i] for i in layout.stage_columns])
        self.table.stages = [
            Column(names[i], headers.STAGE, key)
            for i, key in zip(layout.stage_columns, keys, strict=True)
        ]
        self.header_shapes = {_shape(n) for n in names if n}
        return True

    def _outside(self, page: int, spans: tuple[Span, ...], before: bool) -> None:
        """Keep the lines outside the table; what they are is known once every page is read."""
        if self.layout is None:
            where = _COVER
        elif before:
            where = len(self.table.rows) + (1 if self.current is not None else 0)
        else:
            where = _BELOW
        for line in lines_of(spans):
            text = re.sub(r"\s+", " ", line.text).strip()
            if text:
                self.outside.append((page, where, text, len(text.split())))

    def _band(self, page: int, table: PageTable, band: Band) -> None:
        assert self.layout is not None
        layout = self.layout
        lines = [lines_of(cell.spans, table.strikes) for cell in band.cells]
        texts = [_joined(cell_lines) for cell_lines in lines]
        if not any(texts):
            return
        named = [t for t, c in zip(texts, band.cells, strict=True)
                 if not c.merged and layout.names[c.first]]  # fmt: skip
        if named and sum(_shape(t) in self.header_shapes for t in named) >= max(2, len(named) - 1):
            return  # the header row, repeated on this page
        words = sum(len(text.split()) for text in texts)
        self.table.body_words += words
        if any(cell.merged for cell in band.cells):
            self.heading.append(" ".join(t for t in texts if t))
            self.table.placed_words += words
            return
        number = next((t for t, c in zip(texts, band.cells, strict=True)
                       if c.first == layout.number), "")  # fmt: skip
        if ROW_NUMBER.match(number):
            self._close()
            heading = " ".join(self.heading).strip()
            self.heading = []
            row = SourceRow(number=number, heading=heading, pages=[page])
            self.current = _Open(row)
        elif number and all(not t for i, t in enumerate(texts) if i != layout.number):
            self.heading.append(number)  # a heading printed in the number column
            self.table.placed_words += words
            return
        elif self.current is None:
            self.table.missing.append(" ".join(t for t in texts if t)[:200])
            return
        elif page not in self.current.row.pages:
            self.current.row.pages.append(page)
        self._fill(table, band, lines, texts, self.current)
        self.table.placed_words += words

    def _fill(self, table: PageTable, band: Band, lines: list[list[Line]], texts: list[str],
              open_row: _Open) -> None:  # fmt: skip
        assert self.layout is not None
        for cell, cell_lines, text in zip(band.cells, lines, texts, strict=True):
            role = self.layout.roles[cell.first]
            if role == headers.STATUS:
                letter = read_status(text)
                colour = _fill_status(table, cell, band)
                open_row.statuses.extend(s for s in (letter, colour) if s)
            elif role == headers.COMMENTS:
                open_row.comments.extend(cell_lines)
            elif role == headers.HEADING and text:
                open_row.row.heading = f"{open_row.row.heading} {text}".strip()
            elif role == headers.STAGE:
                open_row.lines.setdefault(cell.first, []).extend(cell_lines)
                open_row.bounds.setdefault(cell.first, (cell.x0, cell.x1))

    def _close(self) -> None:
        if self.current is None or self.layout is None:
            return
        open_row, row = self.current, self.current.row
        for index, column in enumerate(self.layout.stage_columns):
            left, right = open_row.bounds.get(column, (0.0, 0.0))
            runs, notes = split_notes(list(cell_runs(open_row.lines.get(column, []), left, right)))
            row.cells.append(runs)
            if notes:
                row.notes[index] = notes
        if open_row.comments:
            first = open_row.comments[0]
            row.comments = stage_text(cell_runs(open_row.comments, first.x0 - 5, first.x1 + 5))
        found = Counter(open_row.statuses)
        if found:
            row.status = found.most_common(1)[0][0]
            if len(found) > 1:
                row.status_conflict = "/".join(sorted(found))
        self.table.rows.append(row)
        self.current = None

    def finish(self) -> SourceTable:
        self._close()
        self._sections()
        table = self.table
        table.meta["pages"] = self.pages
        table.meta["table_pages"] = self.table_pages
        return table

    def _sections(self) -> None:
        """Lines outside the table: furniture if repeated on most pages, else section titles
        (above the table), notes below it, or the cover note (pages before the table)."""
        counts = Counter(_shape(text) for _, _, text, _ in self.outside)
        furniture = {shape for shape, n in counts.items() if n >= max(3, self.pages // 2)}
        table = self.table
        table.meta["furniture"] = sorted(furniture)
        table.meta["limite"] = any("LIMITE" in shape.split() for shape in furniture)
        # The release stamp and the document number, as on any Council document's pages.
        first = [text for page, _, text, _ in self.outside if page == 1]
        repeated = [text for _, _, text, _ in self.outside if _shape(text) in furniture]
        facts = furniture_meta(repeated, first)
        for name in ("release", "ref"):
            if facts.get(name):
                table.meta[name] = facts[name]
        sections: list[tuple[int, str]] = []
        skipped: Counter[str] = Counter()
        for _page, where, text, words in self.outside:
            if _shape(text) in furniture:
                continue
            part = {_COVER: "cover note", _BELOW: "notes below the table"}.get(
                where, "section titles"
            )
            skipped[part] += words
            if where < 0:
                continue
            if sections and sections[-1][0] == where:
                sections[-1] = (where, f"{sections[-1][1]} {text}")
            else:
                sections.append((where, text))
        for part, words in skipped.items():
            table.body_words += words
            table.skipped_words += words
            table.skipped.append(part)
        for start, title in sections:
            for row in table.rows[start:]:
                row.section = title
        table.meta["sections"] = [title for _, title in sections]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text).strip())


_ROW_LINE = re.compile(r"^(?:[GYR]\s+)?\d{1,5}[a-z]{0,3}(?:\s|$)(?![.)])")
SNIFF_PAGES = 40


def looks_like_fourcol(source: Path | bytes, name: str = "") -> bool:
    """A cheap look at the text of the first pages: a header line naming three stages or
    more, followed by numbered rows. The shapes are not read."""
    import pypdfium2 as pdfium

    from eu_posities.importers.pdf import open_pdf

    pdf = open_pdf(source, name)
    try:
        header_seen, numbered = False, 0
        for index in range(min(len(pdf), SNIFF_PAGES)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            for line in text.splitlines():
                line = line.strip()
                if not header_seen:
                    header_seen = headers.names_in_line(line) >= 3
                elif _ROW_LINE.match(line):
                    numbered += 1
            if header_seen and numbered >= 3:
                return True
        return False
    except pdfium.PdfiumError:
        return False  # a page that cannot be read: the generic reader says what is wrong
    finally:
        pdf.close()


def read_pdf(source: Path | bytes, name: str = "") -> SourceTable | None:
    """The four-column table of a PDF, or None when the PDF holds no such table."""
    import pypdfium2 as pdfium

    reader = _Reader(name)
    try:
        for page in read_pages(source, name=name):
            reader.page(page.number, read_table(page), page.spans)
    except pdfium.PdfiumError as exc:
        page_number = reader.pages + 1
        raise InputError(f"damaged PDF: page {page_number} cannot be read ({exc})",
                         source=name or None) from None  # fmt: skip
    table = reader.finish()
    return table if reader.layout is not None and table.rows else None
