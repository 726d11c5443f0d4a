"""Misreads of real Council PDFs, found by their look (`tests.import_defects`), and the
layouts that caused them, on made-up text.

The real documents are read in place (the LIMITE ones are never copied): those tests skip
when the corpus is not on this machine. Causes found on the Council's general approach on
the AI Act (ST 15698/22): a reference wrapped before its point number ("... (2), (3) and" +
"(4) of this Regulation") started a recital "(4)" and cut recital 25 off; "TITLE IA" and
"CHAPTER 1A" were not read as headings and ended up in the text of the article before them;
a recital numbered "(-12a)" ran into the recital before it; "Regulation" at a line end and
"(EU) 2016/679" at the start of the next broke a sentence into two paragraphs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from eu_posities.document import ParsedDocument
from eu_posities.importers import parse_file
from eu_posities.importers.text import split_text
from tests import markedpdf
from tests.corpus import corpus_file
from tests.import_defects import KINDS, scan

GA = "ai-act/council-general-approach.ST-15698-2022.pdf"
CZ = "council-marked/AI-Act.CZ-presidency-compromise-1.2022-07-15"
FR = "council-marked/AI-Act.FR-presidency-JHA-compromise.2022-04-04.pdf"


@cache
def _parsed(relative: str) -> ParsedDocument:
    return parse_file(corpus_file(relative))


def _none() -> dict[str, int]:
    return dict.fromkeys(KINDS, 0)


@pytest.mark.slow
def test_general_approach_reads_without_misreads() -> None:
    document = _parsed(GA)
    assert scan(document).counts() == _none(), scan(document).found
    provisions = {p.label: p for p in document.stages[0].provisions}
    assert provisions["Recital 25"].text.endswith("on the basis of Article 16 of the TFEU.")
    assert "(2), (3) and (4) of this Regulation" in provisions["Recital 25"].text
    assert provisions["Recital 26"].text.endswith("Title V of Part Three of the TFEU.")
    assert provisions["Recital -12a"].text.startswith("If and insofar AI systems")
    assert "TITLE" not in provisions["Article 4"].text
    assert provisions["Article 4c"].path == ("TITLE IA – GENERAL PURPOSE AI SYSTEMS",)
    assert provisions["Article 4c"].text.endswith("the seriousness of the associated risks.")
    assert provisions["Article 5"].path == (
        "TITLE II – PROHIBITED ARTIFICIAL INTELLIGENCE PRACTICES",
    )
    assert "CHAPTER" not in provisions["Article 58"].text
    # Chapters sit inside their Title, as in the Commission's proposal of the same act
    assert provisions["Article 58a"].path == (
        "TITLE VI – GOVERNANCE",
        "CHAPTER 1A – GUIDELINES FROM THE COMMISSION",
    )
    assert provisions["Article 6"].path == (
        "TITLE III – HIGH-RISK AI SYSTEMS",
        "CHAPTER 1 – CLASSIFICATION OF AI SYSTEMS AS HIGH-RISK",
    )
    # a justified heading sets two words 0.19 em apart without a space between them
    assert provisions["Article 61"].path[0] == (
        "TITLE VIII – POST-MARKET MONITORING, INFORMATION SHARING, MARKET SURVEILLANCE"
    )
    # The act's title is the provision "Title", as in the Commission proposal: a comparison
    # does not show it deleted ("ANNEX Proposal for a" is one line after the cover note).
    title = document.stages[0].provisions[0]
    assert (title.label, title.kind) == ("Title", "title")
    assert title.text.startswith("Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT")
    assert title.text.endswith("AND AMENDING CERTAIN UNION LEGISLATIVE ACTS")


@pytest.mark.slow
@pytest.mark.parametrize("relative", [f"{CZ}.pdf", FR])
def test_council_marked_pdfs_read_without_misreads(relative: str) -> None:
    defects = scan(_parsed(relative))
    assert defects.counts() == _none(), defects.found


@pytest.mark.slow
def test_council_marked_docx_conversion() -> None:
    """Acrobat's conversion drops some strikes: recitals 60 and 70 keep struck words as text
    and so do not end where the PDF's do. Nothing else is misread."""
    defects = scan(_parsed(f"{CZ}.acrobat-conversion.docx"))
    assert set(defects.found["unfinished recitals"]) <= {"Recital 60", "Recital 70"}
    assert {k: n for k, n in defects.counts().items() if k != "unfinished recitals"} == {
        k: 0 for k in KINDS if k != "unfinished recitals"
    }, defects.found


# MADE-UP TEXT, not from any real act.
ACT = [
    "Whereas:",
    "(1) In accordance with the made-up Protocol, Ruritania is not bound by the rules laid",
    "down in Article 5(1), point (d), (2), (3) and",
    "(4) of this Regulation which relate to made-up widgets.",
    "(2) Made-up Freedonia is not bound by the rules laid down in Article 5(1), point (d),",
    "(2), (3) and (4) of this Regulation.",
    "(-2a) A made-up recital the Council inserted before an inserted recital.",
    "(2a) A made-up recital inserted before, as laid down in the made-up Regulation",
    "(EU) 2099/1 on made-up widgets.",
    "HAVE ADOPTED THIS REGULATION:",
    "TITLE I",
    "GENERAL PROVISIONS",
    "Article 1",
    "Made-up subject matter",
    "This Regulation lays down made-up rules.",
    "TITLE IA",
    "MADE-UP GENERAL PURPOSE WIDGETS",
    "Article 1a",
    "Made-up widgets",
    "1. Made-up widgets shall be counted.",
    "CHAPTER 2A",
    "MADE-UP MONITORING, INFORMATION SHARING, MARKET",
    "SURVEILLANCE",
    "Article 2",
    "Made-up monitoring",
    "The made-up rules apply.",
]


def test_wrapped_references_headings_and_recital_numbers_in_text() -> None:
    provisions = {p.label: p for p in split_text(ACT)}
    assert list(provisions) == ["Recital 1", "Recital 2", "Recital -2a", "Recital 2a",
                                "Formula", "Article 1", "Article 1a", "Article 2"]  # fmt: skip
    assert provisions["Recital 1"].text.endswith("(2), (3) and (4) of this Regulation which "
                                                 "relate to made-up widgets.")  # fmt: skip
    assert provisions["Recital 2"].text.endswith("point (d), (2), (3) and (4) of this Regulation.")
    assert provisions["Recital 2a"].text.endswith(
        "made-up Regulation (EU) 2099/1 on made-up widgets."
    )
    assert provisions["Article 1"].text == "This Regulation lays down made-up rules."
    assert provisions["Article 1a"].path == ("TITLE IA – MADE-UP GENERAL PURPOSE WIDGETS",)
    assert provisions["Article 2"].path == (
        "TITLE IA – MADE-UP GENERAL PURPOSE WIDGETS",
        "CHAPTER 2A – MADE-UP MONITORING, INFORMATION SHARING, MARKET SURVEILLANCE",
    )


def test_points_after_and_are_still_points() -> None:
    """Only a number followed by a comma or "of", "and", "or" goes on: a list item ending
    in "and" is followed by a point of its own."""
    lines = ["HAVE ADOPTED THIS REGULATION:", "Article 1", "Made-up scope",
             "1. This Regulation applies to:", "(a) made-up widgets; and",
             "(b) made-up gadgets, and", "(c) made-up gizmos."]  # fmt: skip
    (_, article) = split_text(lines)
    assert article.text.splitlines()[1:] == [
        "(a) made-up widgets; and",
        "(b) made-up gadgets, and",
        "(c) made-up gizmos.",
    ]


def test_pdf_recital_wrapped_before_a_point_number(tmp_path: Path) -> None:
    """The PDF layout joins the lines: "(4) of" at a line start does not open a paragraph."""
    path = tmp_path / "wrapped.pdf"
    pages: list[list[markedpdf.Line]] = [[
        "Proposal for a",
        "REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on made-up widgets",
        "Whereas:",
        "(1) In accordance with the made-up Protocol, Ruritania is not bound by the rules",
        "laid down in the made-up Article 5(1), point (d), paragraphs (2), (3) and",
        "(4) of this Regulation which relate to the processing of made-up widget data in",
        "the made-up area of freedom, security and justice of the made-up Union of States.",
        "(2) A made-up second recital that says nothing at all about made-up widgets in the",
        "made-up area of freedom, security and justice, as laid down in made-up Regulation",
        "(EU) 2099/1 of the European Parliament and of the Council of the made-up Union.",
        "HAVE ADOPTED THIS REGULATION:",
        "Article 1",
        "Made-up subject matter",
        "This Regulation lays down made-up rules on the made-up widgets of the Union.",
    ]]  # fmt: skip
    markedpdf.write(path, pages)
    provisions = {p.label: p for p in parse_file(path).stages[0].provisions}
    assert [label for label in provisions if label.startswith("Recital")] == [
        "Recital 1",
        "Recital 2",
    ]
    assert provisions["Recital 1"].text.endswith("of the made-up Union of States.")
    assert "\n" not in provisions["Recital 2"].text
    recital = provisions["Recital 2"].text
    assert recital.endswith("(EU) 2099/1 of the European Parliament and "
                            "of the Council of the made-up Union.")  # fmt: skip
