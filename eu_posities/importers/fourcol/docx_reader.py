"""A four-column Word table read into a `SourceTable`, run formatting read as marks.

The first row names the columns. Columns named "Row"/"No.", "Heading"/"Provision",
"Status" and "Comments" (or, unnamed, holding row numbers, headings or G/Y/R) are the
table's own; the others are stages. A row spanning the table (merged cells) is a row
heading for the next numbered row; a row without a number continues the one above. In
the cells, bold and tracked insertions are inserted text, struck-through text and tracked
deletions are deleted, underlining is kept as `changed`. The status is a G/Y/R cell or a
green, yellow or red cell shading. The XML is read through the hardened parser.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from eu_posities.document import MarkedRun
from eu_posities.errors import InputError
from eu_posities.importers.detect import MAX_BYTES
from eu_posities.importers.fourcol import headers
from eu_posities.importers.fourcol.headings import read_heading
from eu_posities.importers.fourcol.marks import stage_text, tidy
from eu_posities.importers.fourcol.table import (
    ROW_NUMBER,
    Column,
    SourceRow,
    SourceTable,
    colour_status,
    read_status,
)
from eu_posities.importers.limits import read_docx_part
from eu_posities.importers.xmlsafe import parse_xml

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = {"0", "false", "off", "none"}
_MAX_SPAN = 63  # Word's own limit on table columns


@dataclass(frozen=True, slots=True)
class _Cell:
    """One cell of a Word table row: grid columns `first`..`last`, its runs and shading."""

    first: int
    last: int
    runs: tuple[MarkedRun, ...]
    shading: str | None

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", stage_text(self.runs)).strip()

    @property
    def lines(self) -> str:
        """The text with its paragraphs kept apart (a heading of several lines)."""
        return "\n".join(re.sub(r"[ \t]+", " ", line).strip()
                         for line in stage_text(self.runs).split("\n") if line.strip())  # fmt: skip

    @property
    def merged(self) -> bool:
        return self.last > self.first


def _on(props: etree._Element | None, tag: str) -> bool:
    if props is None:
        return False
    element = props.find(f"{_W}{tag}")
    return element is not None and element.get(f"{_W}val", "true").lower() not in _OFF


def _runs(paragraph: etree._Element) -> list[MarkedRun]:
    """A paragraph's runs with their marks, tracked changes included."""
    runs: list[MarkedRun] = []

    def walk(node: etree._Element, tracked: str) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}ins" or tag == f"{_W}moveTo":
                walk(child, "insert")
            elif tag == f"{_W}del" or tag == f"{_W}moveFrom":
                walk(child, "delete")
            elif tag == f"{_W}r":
                props = child.find(f"{_W}rPr")
                struck = _on(props, "strike") or _on(props, "dstrike")
                op = tracked or ("delete" if struck else "insert" if _on(props, "b") else "equal")
                if op != "delete" and struck:
                    op = "delete"
                underline = props.find(f"{_W}u") if props is not None else None
                changed = underline is not None and (
                    underline.get(f"{_W}val", "single").lower() not in _OFF
                )
                for item in child:
                    if item.tag in (f"{_W}t", f"{_W}delText"):
                        runs.append(MarkedRun(op, item.text or "", changed))
                    elif item.tag == f"{_W}tab":
                        runs.append(MarkedRun(op, " ", changed))
                    elif item.tag in (f"{_W}br", f"{_W}cr"):
                        runs.append(MarkedRun(op, "\n", changed))
            elif tag in (f"{_W}hyperlink", f"{_W}smartTag", f"{_W}sdt", f"{_W}sdtContent",
                         f"{_W}customXml", f"{_W}fldSimple"):  # fmt: skip
                walk(child, tracked)

    walk(paragraph, "")
    return runs


def _cell(cell: etree._Element, first: int) -> _Cell:
    props = cell.find(f"{_W}tcPr")
    span = 1
    shading = None
    if props is not None:
        grid = props.find(f"{_W}gridSpan")
        if grid is not None and (grid.get(f"{_W}val") or "1").isdigit():
            span = min(max(1, int(grid.get(f"{_W}val") or "1")), _MAX_SPAN)
        shade = props.find(f"{_W}shd")
        if shade is not None:
            shading = shade.get(f"{_W}fill")
    runs: list[MarkedRun] = []
    for paragraph in cell.iter(f"{_W}p"):
        if runs:
            runs.append(MarkedRun("equal", "\n"))
        runs.extend(_runs(paragraph))
    return _Cell(first, first + span - 1, tidy(runs), shading)


def _rows(table: etree._Element, limit: int | None = None) -> list[list[_Cell]]:
    rows = []
    for row in table.findall(f"{_W}tr")[:limit]:
        cells, column = [], 0
        for element in row.findall(f"{_W}tc"):
            cell = _cell(element, column)
            cells.append(cell)
            column = cell.last + 1
        rows.append(cells)
    return rows


def _hex_status(fill: str | None) -> str | None:
    if not fill or not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return None
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colour_status((r, g, b))


def _roles(header: list[_Cell], body: list[list[_Cell]], width: int) -> list[str] | None:
    """The role of each grid column, from its heading or, unnamed, from what it holds."""
    names = [""] * width
    for cell in header:
        if cell.first < width:
            names[cell.first] = cell.lines
    roles = [headers.column_role(name) if name else "" for name in names]
    for column in range(width):
        if roles[column]:
            continue
        texts = [c.text for row in body for c in row if c.first == column == c.last and c.text]
        if texts and sum(bool(ROW_NUMBER.match(t)) for t in texts) >= 0.6 * len(texts):
            roles[column] = headers.NUMBER
        elif texts and sum(read_heading(t) is not None for t in texts) >= 0.6 * len(texts):
            roles[column] = headers.HEADING
        else:
            roles[column] = headers.STATUS  # an unnamed narrow column: G/Y/R or shading
    if headers.NUMBER not in roles or roles.count(headers.STAGE) < 2:
        return None
    return roles


def _candidate(rows: list[list[_Cell]]) -> tuple[list[_Cell], list[list[_Cell]], int] | None:
    """Header, body and width of a table that looks like a four-column one."""
    for start, row in enumerate(rows[:3]):
        names = [c.lines for c in row if c.text]
        if len(names) >= 2 and sum(headers.is_stage_name(n) for n in names) >= 2:
            width = max((c.last + 1 for r in rows for c in r), default=0)
            return row, rows[start + 1 :], width
    return None


_HAS_TABLE = re.compile(rb"<(?:\w+:)?tbl[\s>]")


def _document(path: Path, limit: int) -> etree._Element | None:
    """The body of word/document.xml; None when the document has no table at all."""
    source = str(path)
    data = read_docx_part(path)  # under the importers' limits: no bomb gets through
    if data is None:
        raise InputError("not a Word document (no word/document.xml)", source=source)
    if not _HAS_TABLE.search(data):
        return None
    return parse_xml(data, f"{source}:word/document.xml").find(f"{_W}body")


def _tables(body: etree._Element) -> list[etree._Element]:
    """The tables of the body, leaving out tables nested in a cell (part of that cell)."""
    return [table for table in body.iter(f"{_W}tbl")
            if table.getparent() is None or table.getparent().tag != f"{_W}tc"]  # fmt: skip


def _words_outside(body: etree._Element) -> int:
    return sum(len(stage_text(_runs(p)).split()) for p in body if p.tag == f"{_W}p")


_SNIFF_ROWS = 40


def looks_like_fourcol(path: Path, max_bytes: int | None = None) -> bool:
    """Does the Word file hold a table with stage names in its header and numbered rows?

    Only the first rows of each table are read.
    """
    body = _document(path, max_bytes or MAX_BYTES)
    if body is None:
        return False
    for element in _tables(body):
        found = _candidate(_rows(element, _SNIFF_ROWS))
        if found is not None and _roles(*found) is not None:
            return True
    return False


def read_docx(path: Path, max_bytes: int | None = None) -> SourceTable | None:
    """The four-column table of a Word file (the largest one), or None if it has none."""
    body = _document(path, max_bytes or MAX_BYTES)
    if body is None:
        return None
    best = None
    for element in _tables(body):
        found = _candidate(_rows(element))
        if found is not None and (best is None or len(found[1]) > len(best[1])):
            best = found
    if best is None:
        return None
    header, rows, width = best
    roles = _roles(header, rows, width)
    if roles is None:
        return None
    return _read(header, rows, roles, _words_outside(body))


def _read(header: list[_Cell], body: list[list[_Cell]], roles: list[str],
          outside_words: int) -> SourceTable:  # fmt: skip
    names = {c.first: c.lines for c in header}
    stage_columns = [i for i, role in enumerate(roles) if role == headers.STAGE]
    keys = headers.stage_keys([names.get(i, "") for i in stage_columns])
    table = SourceTable(
        stages=[
            Column(names.get(i, "").replace("\n", " · "), headers.STAGE, key)
            for i, key in zip(stage_columns, keys, strict=True)
        ],  # fmt: skip
        rows=[],
    )
    header_texts = [re.sub(r"\s+", " ", names.get(i, "")) for i in stage_columns]
    heading: list[str] = []
    current: SourceRow | None = None
    statuses: Counter[str] = Counter()
    for row in body:
        by_column = {c.first: c for c in row}
        texts = [c.text for c in row]
        words = sum(len(t.split()) for t in texts)
        if [by_column[i].text if i in by_column else "" for i in stage_columns] == header_texts:
            continue  # a repeated header row
        table.body_words += words
        if not any(texts):
            continue
        number_cell = next((c for c in row if roles[c.first] == headers.NUMBER), None)
        number = number_cell.text if number_cell is not None and not number_cell.merged else ""
        if any(c.merged and c.text for c in row) and not ROW_NUMBER.match(number):
            heading.append(" ".join(t for t in texts if t))
            table.placed_words += words
            continue
        starts = bool(ROW_NUMBER.match(number))
        if starts:
            if current is not None:
                _finish(current, statuses, table)
            current = SourceRow(number=number, heading=" ".join(heading).strip(),
                                cells=[[] for _ in stage_columns])  # fmt: skip
            heading, statuses = [], Counter()
        elif current is None:
            table.missing.append(" ".join(t for t in texts if t)[:200])
            continue
        for cell in row:
            role = roles[cell.first]
            if role == headers.STAGE and cell.first in stage_columns:
                target = current.cells[stage_columns.index(cell.first)]
                if target and cell.runs:
                    target.append(MarkedRun("equal", "\n"))
                target.extend(cell.runs)
            elif role == headers.HEADING and cell.text and starts:
                # A row continued without its number repeats its heading: read it once.
                current.heading = f"{current.heading} {cell.text}".strip()
            elif role == headers.COMMENTS and cell.text:
                current.comments = f"{current.comments}\n{stage_text(cell.runs)}".strip()
            elif role == headers.STATUS:
                for status in (read_status(cell.text), _hex_status(cell.shading)):
                    if status:
                        statuses[status] += 1
        table.placed_words += words
    if current is not None:
        _finish(current, statuses, table)
    if outside_words:
        table.body_words += outside_words
        table.skipped_words += outside_words
        table.skipped.append("text outside the table")
    return table


def _finish(row: SourceRow, statuses: Counter[str], table: SourceTable) -> None:
    row.cells = [list(tidy(cell)) for cell in row.cells]
    if statuses:
        row.status = statuses.most_common(1)[0][0]
        if len(statuses) > 1:
            row.status_conflict = "/".join(sorted(statuses))
    table.rows.append(row)
