"""The PDF glyph layer: characters, fonts, rectangles and lines, checked against pdfplumber."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from eu_posities.errors import InputError
from eu_posities.importers.pdf import page_count, read_pages

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"


def _write(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Times-Roman", 12)
    c.drawString(72, 760, MADE_UP)
    c.drawString(72, 740, "Plain words and ")
    c.setFont("Times-Bold", 12)
    c.drawString(72 + c.stringWidth("Plain words and ", "Times-Roman", 12), 740, "bold words")
    c.setFont("Times-BoldItalic", 10)
    c.drawString(72, 720, "bold italic")
    # A strike drawn as a thin filled rectangle, a red one, and an underline as a stroked line.
    c.setFillColorRGB(0, 0, 0)
    c.rect(72, 743.5, 60, 0.6, stroke=0, fill=1)
    c.setFillColorRGB(1, 0, 0)
    c.rect(150, 743.5, 30, 1.2, stroke=0, fill=1)
    c.setLineWidth(0.5)
    c.line(72, 718, 120, 718)
    # A form XObject drawn twice: its rectangle must land where the form is placed.
    c.beginForm("box")
    c.setFillColorRGB(0, 0, 1)
    c.rect(0, 0, 40, 1, stroke=0, fill=1)
    c.endForm()
    c.saveState()
    c.translate(300, 500)
    c.doForm("box")
    c.restoreState()
    c.showPage()
    # Page 2 is stored 842 x 595 with /Rotate 90 (reportlab swaps the box), its text drawn
    # turned a quarter so that it reads left to right once the page is displayed.
    c.setPageRotation(90)
    c.setFont("Helvetica", 12)
    c.saveState()
    c.translate(100, 50)
    c.rotate(90)
    c.drawString(0, 0, "Second page")
    c.restoreState()
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def made_up_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("glyphs") / "glyphs.pdf"
    _write(path)
    return path


def test_characters_fonts_and_boxes_agree_with_pdfplumber(made_up_pdf: Path) -> None:
    import pdfplumber

    (page, _second) = list(read_pages(made_up_pdf))
    assert page.number == 1 and (round(page.width), round(page.height)) == (595, 842)
    mine = [g for g in page.glyphs if not g.text.isspace()]
    with pdfplumber.open(made_up_pdf) as pdf:
        theirs = [c for c in pdf.pages[0].chars if not c["text"].isspace()]
    assert "".join(g.text for g in mine) == "".join(c["text"] for c in theirs)
    for glyph, char in zip(mine, theirs, strict=True):
        assert glyph.font == char["fontname"]
        assert glyph.size == pytest.approx(char["size"], abs=0.01)
        assert glyph.x0 == pytest.approx(char["x0"], abs=0.05)
        assert glyph.x1 == pytest.approx(char["x1"], abs=0.6)
        assert glyph.top == pytest.approx(char["top"], abs=0.6)
        assert glyph.bottom - glyph.top == pytest.approx(glyph.size)
    bold = "".join(g.text for g in mine if g.bold)
    assert bold == "boldwordsbolditalic"
    assert "".join(g.text for g in mine if g.italic) == "bolditalic"


def test_spaces_and_spans(made_up_pdf: Path) -> None:
    page = next(iter(read_pages(made_up_pdf)))
    texts = [span.text for span in page.spans]
    assert texts[:3] == [MADE_UP, "Plain words and ", "bold words"]
    plain, bold = page.spans[1], page.spans[2]
    assert plain.x1 == pytest.approx(bold.x0, abs=0.6)
    assert len(plain.x) == len(plain.text) + 1
    assert plain.baseline == pytest.approx(A4[1] - 740, abs=0.01)


def test_rectangles_and_lines(made_up_pdf: Path) -> None:
    page = next(iter(read_pages(made_up_pdf)))
    rects = sorted(page.rects, key=lambda r: r.x0)
    assert [(round(r.x0), round(r.top, 1), round(r.width), round(r.height, 1)) for r in rects] == [
        (72, round(A4[1] - 744.1, 1), 60, 0.6),
        (150, round(A4[1] - 744.7, 1), 30, 1.2),
        (300, round(A4[1] - 501, 1), 40, 1.0),
    ]
    assert rects[1].color == (1.0, 0.0, 0.0) and rects[2].color == (0.0, 0.0, 1.0)
    (line,) = page.lines
    assert (round(line.x0), round(line.x1)) == (72, 120)
    assert line.top == pytest.approx(A4[1] - 718 - 0.25, abs=0.01)
    assert line.bottom == pytest.approx(A4[1] - 718 + 0.25, abs=0.01)


def test_rotated_page_is_read_as_displayed(made_up_pdf: Path) -> None:
    second = list(read_pages(made_up_pdf))[1]
    assert (round(second.width), round(second.height)) == (595, 842)
    (span,) = second.spans
    assert span.text == "Second page"
    # Drawn from (100, 50) upwards on the stored page: displayed 50 pt from the left edge,
    # 100 pt from the top, running to the right.
    assert span.x0 == pytest.approx(50, abs=0.01)
    assert span.baseline == pytest.approx(100, abs=0.01)
    assert span.x1 > span.x0 + 50


def test_pages_are_streamed(made_up_pdf: Path) -> None:
    pages = read_pages(made_up_pdf)
    first = next(pages)
    assert first.number == 1
    pages.close()  # the document is released without reading page 2
    assert page_count(made_up_pdf) == 2
    assert page_count(made_up_pdf.read_bytes()) == 2


def test_damaged_pdf_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF")
    with pytest.raises(InputError, match="damaged or unreadable PDF"):
        list(read_pages(path))


def test_real_council_text_fonts() -> None:
    """Bold additions in a real Council text are read from the font names."""
    from tests.corpus import corpus_file

    path = corpus_file("council-marked/AI-Act.CZ-presidency-compromise-1.2022-07-15.pdf")
    fonts: Counter[tuple[str, bool]] = Counter()
    for page in read_pages(path):
        if page.number > 12:
            break
        for span in page.spans:
            fonts[(span.font, span.bold)] += len(span.text)
    assert fonts[("TimesNewRomanPS-BoldMT", True)] > 1000
    assert fonts[("TimesNewRomanPSMT", False)] > 10000
    assert not any(bold for (name, bold) in fonts if "Bold" not in name)
