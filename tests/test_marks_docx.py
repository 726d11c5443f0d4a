"""Council change marks in DOCX: run formatting read as marks (made-up Word documents)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement

from eu_posities.document import ParsedDocument
from eu_posities.importers import parse_file
from eu_posities.importers.marks.rebuild import rebuild_base
from eu_posities.importers.marks.runs import base_of, text_of

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"
CONVENTION = (
    "Compared with the Commission's proposal, additions are marked with bold, deletions "
    "with strikethrough, and changes since the previous text are underlined."
)


def _paragraph(document: docx.Document, *pieces: tuple[str, str]) -> None:
    """A paragraph of runs; marks "b" bold, "s" strike, "d" double strike, "u" underline,
    "c" the character style "Added" (bold by style), "0" bold switched off explicitly."""
    paragraph = document.add_paragraph()
    for text, marks in pieces:
        run = paragraph.add_run(text)
        run.bold = True if "b" in marks else (False if "0" in marks else None)
        run.font.strike = "s" in marks or None
        run.font.double_strike = "d" in marks or None
        run.underline = "u" in marks or None
        if "c" in marks:
            run.style = "Added"


def _write(path: Path, *, convention: bool = True) -> None:
    document = docx.Document()
    added = document.styles.add_style("Added", WD_STYLE_TYPE.CHARACTER)
    added.font.bold = True
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "9999/24 RB/ab 1 TREE.2.B LIMITE EN"
    for text in ("NOTE", "From: Presidency", "To: Delegations", MADE_UP):
        document.add_paragraph(text)
    document.add_paragraph(CONVENTION if convention else "Delegations will find the text.")
    for text in ("Proposal for a", "REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
                 "Whereas:"):  # fmt: skip
        document.add_paragraph(text)
    _paragraph(document, ("(1) Made-up recital with ", ""), ("struck words", "s"), (" and ", ""),
               ("bold words", "b"), (".", ""))  # fmt: skip
    _paragraph(document, ("(2) ", ""), ("A made-up recital deleted in full.", "d"))
    _paragraph(document, ("(3) Made-up recital with ", ""), ("styled addition", "c"),
               (" and ", ""), ("not bold", "c0"), (" words.", ""))  # fmt: skip
    document.add_paragraph("HAVE ADOPTED THIS REGULATION:")
    document.add_paragraph("Article 1")
    document.add_paragraph("Subject matter")
    _paragraph(document, ("1. Made-up widgets shall be ", ""), ("counted", "s"), (" ", ""),
               ("registered", "bu"), (" every year.", ""))  # fmt: skip
    document.add_paragraph("Article 2 [deleted]")
    document.save(str(path))


def _tracked_insertion(path: Path) -> None:
    """Wrap the run "every year." of Article 1 in a tracked insertion (accepted as text)."""
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text == " every year.":
                insertion = OxmlElement("w:ins")
                insertion.set(qn("w:id"), "7")
                insertion.set(qn("w:author"), "Test")
                run._r.addprevious(insertion)
                insertion.append(run._r)
    document.save(str(path))


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    path = tmp_path_factory.mktemp("docx") / "compromise.docx"
    _write(path)
    _tracked_insertion(path)
    return parse_file(path)


def test_run_formatting_is_read_as_marks(council: ParsedDocument) -> None:
    (stage,) = council.stages
    provisions = {p.label: p for p in stage.provisions}
    recital = provisions["Recital 1"]
    assert recital.text == "Made-up recital with and bold words."
    assert [(r.op, r.text) for r in recital.marks if r.op != "equal"] == [
        ("delete", "struck words "),
        ("insert", "bold words"),
    ]
    styled = provisions["Recital 3"]
    assert [(r.op, r.text) for r in styled.marks if r.op == "insert"] == [
        ("insert", "styled addition")
    ]
    article = provisions["Article 1"]
    assert article.text == "1. Made-up widgets shall be registered every year."
    assert [(r.op, r.text.strip(), r.changed) for r in article.marks if r.op != "equal"] == [
        ("delete", "counted", False),
        ("insert", "registered", True),
    ]
    assert base_of(article.marks) == "1. Made-up widgets shall be counted every year."
    for provision in stage.provisions:
        assert text_of(provision.marks) == provision.text


def test_deleted_provisions_and_meta(council: ParsedDocument) -> None:
    (stage,) = council.stages
    struck = {p.label: p for p in stage.struck}
    assert set(struck) == {"Recital 2", "Article 2"}
    assert base_of(struck["Recital 2"].marks) == "A made-up recital deleted in full."
    assert council.meta["limite"] is True and council.meta["ref"] == "ST 9999/24"
    assert council.meta["marks"]["stated"] and council.meta["marks"]["underline"]
    assert council.coverage is not None and council.coverage.share == 1.0
    base = {p.label: p.text for p in rebuild_base(stage).provisions}
    assert base["Recital 1"] == "Made-up recital with struck words and."
    assert base["Recital 2"] == "A made-up recital deleted in full."


def test_marks_none_and_unstated(tmp_path: Path) -> None:
    path = tmp_path / "compromise.docx"
    _write(path, convention=False)
    document = parse_file(path)
    assert "no sentence stating the convention" in document.warnings[0]
    printed = parse_file(path, marks="none")
    recital = {p.label: p for p in printed.stages[0].provisions}["Recital 1"]
    assert recital.text == "Made-up recital with struck words and bold words."
    assert recital.marks == ()
