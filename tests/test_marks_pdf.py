"""Council change marks in PDF: made-up presidency texts drawn the way Council PDFs are."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from eu_posities.document import ParsedDocument, ParsedProvision
from eu_posities.errors import InputError
from eu_posities.importers import parse_file
from eu_posities.importers.marks.rebuild import compare_base, rebuild_base
from eu_posities.importers.marks.runs import base_of, text_of
from tests import markedpdf


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    path = tmp_path_factory.mktemp("marks") / "compromise.pdf"
    markedpdf.write(path, markedpdf.council_text(), footnotes=markedpdf.FOOTNOTES)
    return parse_file(path)


def _by_label(provisions: tuple[ParsedProvision, ...]) -> dict[str, ParsedProvision]:
    return {p.label: p for p in provisions}


def test_struck_words_never_in_the_stage_text(council: ParsedDocument) -> None:
    (stage,) = council.stages
    words = " ".join(p.text for p in stage.provisions).replace(".", " ").split()
    text = " ".join(words)
    for struck in ("struck words", "old", "every year", "recorded", "presidency deleted"):
        assert f" {struck} " not in f" {text} ", struck
    provisions = _by_label(stage.provisions)
    assert provisions["Recital 1"].text == "Made-up recital one with and bold words."
    assert provisions["Article 1"].text == (
        "1. This Regulation applies to made-up new widgets.\n"
        "2. Made-up widgets shall be counted and in a register."
    )


def test_marks_are_data(council: ParsedDocument) -> None:
    provisions = _by_label(council.stages[0].provisions)
    recital = provisions["Recital 1"]
    assert [(r.op, r.text) for r in recital.marks] == [
        ("equal", "Made-up recital one with "),
        ("delete", "struck words "),
        ("equal", "and "),
        ("insert", "bold words"),
        ("equal", "."),
    ]
    # A red rectangle and a stroked line strike through as well as a black rectangle.
    deleted = [r.text.strip() for r in provisions["Article 1"].marks if r.op == "delete"]
    assert deleted == ["old", "every year", "recorded"]
    changed = [r for r in provisions["Recital 4"].marks if r.changed]
    assert [(r.op, r.text) for r in changed] == [("insert", "changed")]
    for provision in council.stages[0].provisions:
        assert text_of(provision.marks) == provision.text, provision.label


def test_convention_furniture_and_footnotes(council: ParsedDocument) -> None:
    marks = council.meta["marks"]
    assert marks["convention"] == "council" and marks["language"] == "en"
    assert "additions are marked with bold" in marks["sentence"]
    assert council.meta["limite"] is True
    assert council.meta["ref"] == "ST 9999/24"
    assert council.warnings == ()
    (stage,) = council.stages
    article = _by_label(stage.provisions)["Article 1"]
    assert article.footnotes == ("Made-up footnote text that is no provision text.",)
    for provision in stage.provisions:
        for furniture in ("9999/24", "LIMITE", "TREE.2.B", "footnote text", "RB/ab"):
            assert furniture not in provision.text, (provision.label, furniture)
    assert stage.title.startswith("Proposal for a REGULATION")


def test_placeholders_and_wholly_struck_provisions_are_deleted(council: ParsedDocument) -> None:
    (stage,) = council.stages
    labels = [p.label for p in stage.provisions]
    assert labels == [
        "Title", "Recital 1", "Recital 2a", "Recital 4", "Recital 27a", "Formula", "Article 1",
        "Article 88c", "Annex VIIIa",
    ]  # fmt: skip
    struck = _by_label(stage.struck)
    assert set(struck) == {"Recital 2", "Recital 3", "Article 24", "Article 5"}
    assert struck["Article 24"].markers["deleted"] == "placeholder"
    assert struck["Recital 2"].markers["placeholder"] == "(2) deleted"
    assert struck["Article 5"].markers["deleted"] == "struck"
    assert struck["Article 5"].heading == "Made-up heading struck through"
    assert all(p.text == "" for p in stage.struck)
    assert base_of(struck["Recital 3"].marks) == (
        "Made-up recital three that the presidency deleted in full."
    )
    assert "[deleted]" not in " ".join(p.text for p in stage.provisions)


def test_coverage_counts_every_word(council: ParsedDocument) -> None:
    coverage = council.coverage
    assert coverage is not None
    assert coverage.share == 1.0
    assert "cover note" in coverage.skipped
    assert coverage.missing == ()


def test_rebuilt_base(council: ParsedDocument) -> None:
    base = rebuild_base(council.stages[0])
    provisions = _by_label(base.provisions)
    assert provisions["Recital 1"].text == "Made-up recital one with struck words and."
    assert provisions["Recital 3"].text == (
        "Made-up recital three that the presidency deleted in full."
    )
    assert provisions["Article 1"].text == (
        "1. This Regulation applies to made-up old widgets.\n"
        "2. Made-up widgets shall be counted every year and recorded in a register."
    )
    assert "Recital 2a" not in provisions and "Article 88c" not in provisions
    # Deleted provisions come back where they stood.
    labels = [p.label for p in base.provisions]
    assert labels[:5] == ["Title", "Recital 1", "Recital 2", "Recital 3", "Recital 4"]
    assert provisions["Title"].text.startswith("Proposal for a REGULATION")
    assert [label for label in labels if label.startswith("Article")] == [
        "Article 1", "Article 24", "Article 5",
    ]  # fmt: skip
    assert base.meta["rebuilt_from_marks"] is True
    # Compared with itself the base agrees; compared with other text it does not.
    assert compare_base(base, base.provisions).share == 1.0
    other = [ParsedProvision("article", "1", "Article 1", "Completely different made-up words.")]
    comparison = compare_base(base, other)
    assert comparison.mostly_disagrees and comparison.disagreeing[0].label == "Article 1"


def test_marks_none_reads_the_text_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "compromise.pdf"
    markedpdf.write(path, markedpdf.council_text(), footnotes=markedpdf.FOOTNOTES)
    document = parse_file(path, marks="none")
    provisions = _by_label(document.stages[0].provisions)
    assert provisions["Recital 1"].text == "Made-up recital one with struck words and bold words."
    assert provisions["Recital 1"].marks == ()
    assert "marks" not in document.meta
    with pytest.raises(InputError, match="marks must be one of"):
        parse_file(path, marks="sometimes")


def test_marks_without_a_convention_sentence_warn(tmp_path: Path) -> None:
    path = tmp_path / "unstated.pdf"
    markedpdf.write(path, markedpdf.council_text(convention=False))
    document = parse_file(path)
    assert (
        len(document.warnings) == 1 and "no sentence stating the convention" in document.warnings[0]
    )
    assert document.meta["marks"]["stated"] is False
    recital = _by_label(document.stages[0].provisions)["Recital 1"]
    assert "struck words" not in recital.text  # still read as Council marks


def test_unmarked_pdf_has_no_marks(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    lines: list[markedpdf.Line] = [
        markedpdf.MADE_UP, "Whereas:", "(1) A made-up recital.", "HAVE ADOPTED THIS REGULATION:",
        "Article 1", [("Bold heading", "b")], "Made-up text.",
    ]  # fmt: skip
    markedpdf.write(path, [lines], furniture=False)
    document = parse_file(path)
    assert "marks" not in document.meta and document.warnings == ()
    assert all(p.marks == () for p in document.stages[0].provisions)
    assert "limite" not in document.meta


def test_release_stamp(tmp_path: Path) -> None:
    path = tmp_path / "released.pdf"
    pages = markedpdf.council_text()
    pages[0].insert(1, "DOCUMENT PARTIALLY ACCESSIBLE TO THE PUBLIC (02.08.2023)")
    markedpdf.write(path, pages)
    document = parse_file(path)
    assert document.meta["release"] == "DOCUMENT PARTIALLY ACCESSIBLE TO THE PUBLIC (02.08.2023)"
    assert all("ACCESSIBLE" not in p.text for p in document.stages[0].provisions)


def test_scanned_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.setFillColorRGB(0.9, 0.9, 0.9)
        c.rect(50, 50, 400, 600, stroke=0, fill=1)  # a page picture, no text
        c.showPage()
    c.save()
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "no text layer" in message and "scanned" in message and "\n" not in message
