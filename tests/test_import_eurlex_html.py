"""EUR-Lex HTML of Commission proposals: the CSA Regulation proposal and three small samples."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eu_posities.document import ParsedStage
from eu_posities.importers import detect_format, parse_file

DATA = Path(__file__).parent / "data"
CSA = DATA / "commission-proposal.eurlex.html"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@pytest.fixture(scope="module")
def csa() -> ParsedStage:
    stages = parse_file(CSA).stages
    assert len(stages) == 1
    return stages[0]


def test_csa_detected_as_eurlex_html() -> None:
    assert detect_format(CSA) == "eurlex-html"


def test_csa_counts(csa: ParsedStage) -> None:
    kinds = Counter(p.kind for p in csa.provisions)
    assert kinds["recital"] == 84
    assert kinds["article"] == 89
    assert kinds["annex"] == 8
    assert csa.title.startswith("Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT")


def test_csa_recitals_numbered_1_to_84(csa: ParsedStage) -> None:
    recitals = [p for p in csa.provisions if p.kind == "recital"]
    assert [p.number for p in recitals] == [str(n) for n in range(1, 85)]
    assert [p.label for p in recitals][:2] == ["Recital 1", "Recital 2"]
    assert recitals[0].text.startswith("Information society services have become very important")
    assert not recitals[0].text.startswith("(1)")


def test_csa_every_article_heading_and_chapter_match_the_index(csa: ParsedStage) -> None:
    index = json.loads((DATA / "commission-proposal.article-index.json").read_text("utf-8"))
    articles = [p for p in csa.provisions if p.kind == "article"]
    assert len(articles) == len(index["articles"]) == 89
    for provision, entry in zip(articles, index["articles"], strict=True):
        assert provision.number == str(entry["number"])
        assert provision.label == f"Article {entry['number']}"
        assert provision.heading == " ".join(entry["heading"].split()), provision.label
        assert provision.path[0] == entry["chapter"], provision.label
        assert provision.text, provision.label


def test_csa_sections_in_path(csa: ParsedStage) -> None:
    by_label = {p.label: p for p in csa.provisions}
    assert by_label["Article 25"].path[1].startswith("Section 1 – Coordinating Authorities")
    assert by_label["Article 1"].path == ("CHAPTER I – GENERAL PROVISIONS",)


def test_csa_memorandum_and_financial_statement_yield_no_articles(csa: ParsedStage) -> None:
    texts = " ".join(p.text for p in csa.provisions)
    assert "EXPLANATORY MEMORANDUM" not in texts
    assert "FRAMEWORK OF THE PROPOSAL/INITIATIVE" not in texts
    labels = [p.label for p in csa.provisions]
    assert len(labels) == len(set(labels))


def test_csa_annexes(csa: ParsedStage) -> None:
    annexes = [p for p in csa.provisions if p.kind == "annex"]
    assert [p.label for p in annexes] == [f"Annex {n}" for n in ROMAN]
    assert annexes[0].heading == "TEMPLATE FOR DETECTION ORDERS"
    assert all(len(p.blocks) > 10 for p in annexes)
    # Annexes come last, after the enacting terms.
    assert csa.provisions[-1].label == "Annex VIII"


def test_csa_paragraphs_points_and_footnotes(csa: ParsedStage) -> None:
    article_1 = next(p for p in csa.provisions if p.label == "Article 1")
    assert article_1.blocks[0].num == "1."
    assert article_1.blocks[0].text.startswith("This Regulation lays down uniform rules")
    points = [b for b in article_1.blocks if b.num == "(a)"]
    assert points and points[0].level == 1
    assert article_1.text.split("\n")[0].startswith("1. This Regulation")
    # Footnote text is kept apart; the marker digits do not leak into the running text.
    citation = next(p for p in csa.provisions if p.label == "Citation 4")
    assert citation.text == (
        "Having regard to the opinion of the European Economic and Social Committee,"
    )
    assert citation.footnotes and citation.footnotes[0].startswith("OJ C")


@pytest.mark.parametrize(
    ("name", "recitals", "articles", "citations"),
    [
        ("COM-2025-1-proposal.html", 5, 2, 4),
        ("COM-2025-11-proposal.xhtml", 5, 2, 2),
        ("COM-2025-43-proposal.xhtml", 8, 2, 2),
    ],
)
def test_small_proposals(name: str, recitals: int, articles: int, citations: int) -> None:
    (stage,) = parse_file(DATA / name).stages
    kinds = Counter(p.kind for p in stage.provisions)
    assert kinds["recital"] == recitals
    assert kinds["article"] == articles
    assert kinds["citation"] == citations
    assert kinds["formula"] == 1
    labels = [p.label for p in stage.provisions if p.kind == "article"]
    assert labels == ["Article 1", "Article 2"]
    assert [p.number for p in stage.provisions if p.kind == "recital"] == [
        str(n) for n in range(1, recitals + 1)
    ]


def test_com_2025_43_points_inside_article() -> None:
    (stage,) = parse_file(DATA / "COM-2025-43-proposal.xhtml").stages
    article = next(p for p in stage.provisions if p.label == "Article 1")
    assert [b.num for b in article.blocks] == ["1.", "(a)", "(b)"]
    assert [b.level for b in article.blocks] == [0, 2, 2]
    assert article.heading == ""


def test_com_2025_1_footnote_star_not_in_text() -> None:
    (stage,) = parse_file(DATA / "COM-2025-1-proposal.html").stages
    article = next(p for p in stage.provisions if p.label == "Article 2")
    assert "28" not in article.text and "*" not in article.text
    assert article.text.endswith("It shall apply from [the date of its adoption].")
    assert article.footnotes


def test_article_number_and_heading_in_one_paragraph(tmp_path: Path) -> None:
    # Made-up test text (not legal text) in the Commission's HTML paragraph classes.
    path = tmp_path / "proposal.html"
    path.write_text(
        "<html><body>"
        '<p class="Formuledadoption">HAVE ADOPTED THIS REGULATION:</p>'
        '<p class="Titrearticle">Article 1<br/>Made-up subject matter</p>'
        '<p class="li ManualNumPar1"><span class="num">1.</span>Made-up rules.</p>'
        '<p class="Titrearticle">Article 2</p>'
        '<p class="Normal">Made-up entry into force.</p>'
        "</body></html>",
        encoding="utf-8",
    )
    (stage,) = parse_file(path).stages
    articles = {p.label: p for p in stage.provisions if p.kind == "article"}
    assert articles["Article 1"].heading == "Made-up subject matter"
    assert articles["Article 1"].text == "1. Made-up rules."
    assert articles["Article 2"].heading == ""
    assert articles["Article 2"].text == "Made-up entry into force."
