"""PDF: running text and a multi-page four-column table (made-up PDFs made with reportlab)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from eu_posities.errors import InputError
from eu_posities.importers import detect_format, parse_file

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"
FILLER = (
    "Member States shall ensure that made-up widgets are counted, recorded and reported "
    "in a made-up register that is kept up to date and is open to made-up inspection by "
    "the made-up authority at all reasonable times"
)


def _header_footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(72, A4[1] - 40, "Made-up Council document 9999/24 LIMITE")
    canvas.drawString(A4[0] / 2, 30, f"{doc.page}")
    canvas.restoreState()


def _write_act(path: Path) -> None:
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], alignment=TA_JUSTIFY)
    story = [Paragraph(MADE_UP, styles["Title"]), Paragraph("Whereas:", body)]
    for number in range(1, 4):
        story.append(Paragraph(f"({number}) Made-up recital {number}. {FILLER}.", body))
    story.append(Paragraph("HAVE ADOPTED THIS REGULATION:", body))
    for number in range(1, 7):
        story.append(Paragraph(f"Article {number}", body))
        story.append(Paragraph(f"Made-up heading {number}", body))
        story.append(Paragraph(f"1. {FILLER}, paragraph one of article {number}.", body))
        story.append(Paragraph(f"2. {FILLER}, paragraph two of article {number}.", body))
        if number == 3:
            story.append(PageBreak())
    # A word hyphenated at the end of a line.
    story.append(Paragraph("Article 7", body))
    story.append(Paragraph("Made-up hyphenation", body))
    story.append(Paragraph("This made-up regu-<br/>lation applies.", body))
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=72, bottomMargin=72)
    doc.build(story, onFirstPage=_header_footer, onLaterPages=_header_footer)


def test_running_text_pdf(tmp_path: Path) -> None:
    path = tmp_path / "act.pdf"
    _write_act(path)
    assert detect_format(path) == "pdf"
    (stage,) = parse_file(path).stages
    assert stage.meta["pages"] >= 2
    labels = [p.label for p in stage.provisions]
    assert labels == [
        "Recital 1", "Recital 2", "Recital 3", "Formula",
        *[f"Article {n}" for n in range(1, 8)],
    ]  # fmt: skip
    by_label = {p.label: p for p in stage.provisions}
    for number in range(1, 7):
        article = by_label[f"Article {number}"]
        assert article.heading == f"Made-up heading {number}"
        # Wrapped lines are joined back into two paragraphs; no header, footer or page number.
        assert article.text == (
            f"1. {FILLER}, paragraph one of article {number}.\n"
            f"2. {FILLER}, paragraph two of article {number}."
        )
    assert by_label["Recital 2"].text == f"Made-up recital 2. {FILLER}."
    assert by_label["Article 7"].text == "This made-up regulation applies."
    assert all("9999/24" not in p.text for p in stage.provisions)


COLUMNS = ["Commission proposal", "EP", "Council", "Compromise"]


def _write_four_columns(path: Path, articles: int) -> None:
    styles = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=styles["Normal"], fontSize=7, leading=8)
    data = [["Provision", *COLUMNS]]
    for number in range(1, articles + 1):
        texts = [
            f"Made-up {column.lower()} text for article {number}. {FILLER}." for column in COLUMNS
        ]
        if number == 2:
            texts[2] = ""  # the Council deleted this article
        data.append([f"Article {number}", *(Paragraph(t, cell) if t else "" for t in texts)])
    table = Table(data, colWidths=[60, 110, 110, 110, 110], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([Paragraph(MADE_UP + " (four-column table)", styles["Title"]), table])


def test_four_column_table_over_several_pages(tmp_path: Path) -> None:
    path = tmp_path / "four-column.pdf"
    _write_four_columns(path, articles=24)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
    stages = parse_file(path).stages
    assert [s.name for s in stages] == COLUMNS
    commission, ep, council, compromise = stages
    assert [p.label for p in commission.provisions] == [f"Article {n}" for n in range(1, 25)]
    assert "Article 2" not in [p.label for p in council.provisions]
    assert len(council.provisions) == 23
    for stage, column in zip(stages, COLUMNS, strict=True):
        for provision in stage.provisions:
            assert provision.text == (
                f"Made-up {column.lower()} text for article {provision.number}. {FILLER}."
            ), (column, provision.label)


def test_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([Table([[""]])])
    with pytest.raises(InputError, match="empty.pdf"):
        parse_file(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    good = tmp_path / "act.pdf"
    _write_act(good)
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(good.read_bytes()[:600])
    with pytest.raises(InputError, match="truncated.pdf"):
        parse_file(bad)
