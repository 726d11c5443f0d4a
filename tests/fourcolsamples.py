"""Made-up four-column tables (3 to 5 stage columns) as DOCX and PDF (MADE-UP TEXT, not legal text).

`TABLE` describes the rows once; `write_docx` and `write_pdf` lay it out the way the
Council's four-column documents do (status cells either side, a number column, a row
heading spanning the table above each row) or the way a table export does (row number,
heading, one column per stage, status and comments columns). Inserted words are bold,
deleted words struck through; `expected_*` give what an importer must read back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"

# A cell is a list of (mark, text) pieces: "" plain, "b" bold (inserted), "s" struck.
Piece = tuple[str, str]


@dataclass(frozen=True)
class Row:
    number: str
    heading: str
    status: str | None
    cells: tuple[tuple[Piece, ...], ...]  # one per stage column; () is an empty cell
    comments: str = ""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...] = field(default=())


def _plain(text: str) -> tuple[Piece, ...]:
    return (("", text),) if text else ()


def made_up_table(columns: int) -> Table:
    """A made-up table with 3, 4 or 5 stage columns: a title row, an article, a recital."""
    headers = ("Commission Proposal", "EP Mandate", "Council Mandate", "Draft Agreement",
               "Final Text")[:columns]  # fmt: skip
    if columns == 3:
        headers = ("Commission Proposal", "EP Position", "General Approach")

    def cells(*texts: tuple[Piece, ...] | str) -> tuple[tuple[Piece, ...], ...]:
        out = [_plain(t) if isinstance(t, str) else t for t in texts]
        return tuple((out + [()] * columns)[:columns])

    widget = "Article 1\nWidgets"
    rows = (
        Row("1", "Recital 1", "G", cells(
            "(1) Made-up widgets need counting.",
            (("", "(1) Made-up widgets "), ("s", "need counting"), ("b", "must be counted"),
             ("", ".")),
            "(1) Made-up widgets need counting.",
            "(1) Made-up widgets must be counted.",
            "(1) Made-up widgets are counted.",
        )),
        Row("2", "Article 1", "G", cells(widget, widget, widget, widget, widget)),
        Row("3", "Article 1, first paragraph", "Y", cells(
            "1. Widgets shall be counted every year.",
            (("", "1. Widgets shall be counted every "), ("s", "year"), ("b", "month"),
             ("", ".")),
            "deleted",
            "1. Widgets shall be counted every quarter.",
            "1. Widgets shall be counted each quarter.",
        ), comments="Made-up comment on the count."),
        Row("3a", "Article 1, paragraph 1a (new)", "R", cells(
            "",
            (("b", "1a. Gadgets shall be counted too."),),
            "",
            "[1a. Gadgets may be counted.]",
            "1a. Gadgets may be counted.",
        )),
        Row("4", "Article 1, second paragraph", None, cells(
            "2. Counting shall be free of charge.",
            "2. Counting shall be free of charge.",
            (("", "2. Counting shall be "), ("s", "free of charge"), ("b", "cheap"),
             ("", ".")),
            "2. Counting shall be free of charge.",
            "2. Counting shall be free of charge.",
        )),
    )  # fmt: skip
    return Table(headers, rows)


def cell_text(pieces: tuple[Piece, ...]) -> str:
    """What the stage holds: every piece but the struck ones."""
    return "".join(text for mark, text in pieces if mark != "s")


def write_docx(path: Path, table: Table, *, layout: str = "council") -> None:
    """The table as Word writes it: "council" (status either side, heading rows merged
    across the table) or "export" (row, heading, stages, status, comments columns)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph(MADE_UP + " (four-column table)")
    stages = len(table.headers)
    if layout == "council":
        names = ["", "", *table.headers, ""]
    else:
        names = ["Row", "Heading", *table.headers, "Status", "Comments"]
    grid = document.add_table(rows=1, cols=len(names))
    for cell, name in zip(grid.rows[0].cells, names, strict=True):
        cell.text = name

    def shade(cell: object, status: str | None) -> None:
        if status is None:
            return
        fill = {"G": "33CC00", "Y": "FAD145", "R": "FF0000"}[status]
        props = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), fill)
        props.append(shading)

    def fill(cell: object, pieces: tuple[Piece, ...]) -> None:
        paragraphs = [[]]  # type: list[list[Piece]]
        for mark, text in pieces:
            for index, part in enumerate(text.split("\n")):
                if index:
                    paragraphs.append([])
                if part:
                    paragraphs[-1].append((mark, part))
        first = cell.paragraphs[0]  # type: ignore[attr-defined]
        for index, parts in enumerate(paragraphs):
            paragraph = first if index == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
            for mark, part in parts:
                run = paragraph.add_run(part)
                run.bold = mark == "b"
                run.font.strike = mark == "s"

    for row in table.rows:
        if layout == "council":
            heading = grid.add_row().cells
            merged = heading[1].merge(heading[stages + 1])
            merged.text = row.heading
            cells = grid.add_row().cells
            cells[0].text = row.status or ""
            cells[-1].text = row.status or ""
            shade(cells[0], row.status)
            shade(cells[-1], row.status)
            cells[1].text = row.number
            targets = cells[2 : 2 + stages]
        else:
            cells = grid.add_row().cells
            cells[0].text = row.number
            cells[1].text = row.heading
            cells[2 + stages].text = row.status or ""
            cells[3 + stages].text = row.comments
            targets = cells[2 : 2 + stages]
        for cell, pieces in zip(targets, row.cells, strict=True):
            fill(cell, pieces)
    document.save(str(path))


def write_pdf(path: Path, table: Table, *, repeat: int = 1) -> None:
    """The table laid out like the Council's PDFs, landscape, rows repeated `repeat` times
    (renumbered) so that rows run over page breaks."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as Grid

    styles = getSampleStyleSheet()
    style = ParagraphStyle("cell", parent=styles["Normal"], fontName="Times-Roman",
                           fontSize=10, leading=12)  # fmt: skip
    stages = len(table.headers)
    width = 640 / stages

    def markup(pieces: tuple[Piece, ...]) -> list[Paragraph]:
        out, current = [], ""
        for mark, text in pieces:
            for index, part in enumerate(text.split("\n")):
                if index:
                    out.append(current)
                    current = ""
                part = part.replace("&", "&amp;").replace("<", "&lt;")
                current += {"b": f"<b><i>{part}</i></b>", "s": f"<strike>{part}</strike>"}.get(
                    mark, part
                )
        out.append(current)
        return [Paragraph(text, style) for text in out if text]

    data: list[list[object]] = [["", "", *table.headers, ""]]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    colours = {"G": colors.HexColor("#33CC00"), "Y": colors.HexColor("#FAD145"),
               "R": colors.HexColor("#FF0000")}  # fmt: skip
    for copy in range(repeat):
        for row in table.rows:
            number = row.number if copy == 0 else f"{copy}{row.number}"
            heading_row = len(data)
            data.append(["", Paragraph(row.heading, style), *[""] * (stages - 1), "", ""])
            commands.append(("SPAN", (1, heading_row), (stages + 1, heading_row)))
            data.append([row.status or "", number, *[markup(c) for c in row.cells],
                         row.status or ""])  # fmt: skip
            if row.status:
                for column in (0, stages + 2):
                    commands.append(("BACKGROUND", (column, len(data) - 1),
                                     (column, len(data) - 1), colours[row.status]))  # fmt: skip
    grid = Grid(data, colWidths=[14, 40, *[width] * stages, 14], repeatRows=1)
    grid.setStyle(TableStyle(commands))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=40, rightMargin=40)
    doc.build([Paragraph(MADE_UP + " (four-column table)", styles["Title"]), grid])
