"""A BNC-fiche or Kamerbrief received as DOCX or PDF is split by its own numbered sections.

The fiche used here is the made-up sample in tests/data (labelled as such in its first lines).
"""

from __future__ import annotations

from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from testdata import TEST_DATA

from eu_posities.importers import parse_file

FICHE = TEST_DATA / "bnc-fiche-sample.MADE-UP.txt"


def _fiche_pages() -> list[list[str]]:
    """The sample as printed: pages at its form feeds."""
    return [page.splitlines() for page in FICHE.read_text(encoding="utf-8").split("\f")]


def _fiche_as_word_holds_it() -> list[str]:
    """No page furniture in Word: running headers, page numbers and foot-of-page notes go."""
    first, *later = _fiche_pages()
    furniture = ("Fiche: Voorbeeldrichtlijn", "- ", "1 Kamerstuk")
    body = [line for page in later for line in page if not line.startswith(furniture)]
    return [line for line in first if not line.startswith("1 Kamerstuk")] + body


def _check(stage) -> None:  # type: ignore[no-untyped-def]
    assert stage.format == "dutch"
    assert stage.meta["document_type"] == "bnc-fiche"
    sections = {p.number: p for p in stage.provisions if p.kind == "section"}
    assert list(sections) == [str(n) for n in range(1, 9)]
    assert sections["3"].heading == "Nederlandse positie ten aanzien van het voorstel"
    assert "Article 16" in sections["3"].markers["refs"]


def test_fiche_as_docx(tmp_path: Path) -> None:
    document = docx.Document()
    for line in _fiche_as_word_holds_it():
        document.add_paragraph(line)
    path = tmp_path / "fiche.docx"
    document.save(str(path))
    [stage] = parse_file(path).stages
    _check(stage)


def test_fiche_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fiche.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in _fiche_pages():
        y = 800
        for line in page:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(30, y, line)
            y -= 11
        pdf.showPage()
    pdf.save()
    [stage] = parse_file(path).stages
    _check(stage)
