"""Plain text: the derived text of the CSA proposal and small made-up snippets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eu_posities.importers import detect_format, parse_file

DATA = Path(__file__).parent / "data"
DERIVED = DATA / "commission-proposal.derived.txt"

# Made-up test text (not legal text), in the shape of an EU act.
MADE_UP = """\
MADE-UP TEST TEXT - NOT A REAL ACT
THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,
Having regard to the made-up Treaty,
Whereas:
(1) Widgets should be blue.
(2) Gadgets should be green.
HAVE ADOPTED THIS REGULATION:
CHAPTER I
GENERAL THINGS
Article 1
Subject matter
1. This made-up act lays down rules on widgets.
2. It applies to:
(a) blue widgets;
(b) green gadgets.
Article 1a
Scope
The made-up rules apply every-
where.
Article 2
Entry into force
This made-up act enters into force today.
Done at Nowhere,
ANNEX I
LIST OF WIDGETS
1. Small widgets
"""


def test_csa_derived_text_matches_the_html_structure() -> None:
    assert detect_format(DERIVED) == "text"
    (stage,) = parse_file(DERIVED).stages
    kinds = Counter(p.kind for p in stage.provisions)
    assert kinds["recital"] == 84
    assert kinds["article"] == 89
    assert kinds["annex"] == 8
    index = json.loads((DATA / "commission-proposal.article-index.json").read_text("utf-8"))
    articles = [p for p in stage.provisions if p.kind == "article"]
    for provision, entry in zip(articles, index["articles"], strict=True):
        assert provision.number == str(entry["number"])
        assert provision.heading == " ".join(entry["heading"].split())
        assert provision.path[0] == entry["chapter"]


def test_csa_derived_text_same_words_as_html() -> None:
    (text,) = parse_file(DERIVED).stages
    (html,) = parse_file(DATA / "commission-proposal.eurlex.html").stages
    by_label = {p.label: p for p in html.provisions}
    same = [
        p.label
        for p in text.provisions
        if p.kind in ("article", "recital")
        and " ".join(p.text.split()) == " ".join(by_label[p.label].text.split())
    ]
    # Every article and recital reads the same from the text as from the HTML.
    assert len(same) == 89 + 84


def test_made_up_act(tmp_path: Path) -> None:
    path = tmp_path / "made-up.txt"
    path.write_text(MADE_UP, encoding="utf-8")
    (stage,) = parse_file(path).stages
    labels = [p.label for p in stage.provisions]
    assert labels == [
        "Citation 1", "Recital 1", "Recital 2", "Formula", "Article 1", "Article 1a",
        "Article 2", "Annex I",
    ]  # fmt: skip
    by_label = {p.label: p for p in stage.provisions}
    article_1 = by_label["Article 1"]
    assert article_1.heading == "Subject matter"
    assert article_1.path == ("CHAPTER I – GENERAL THINGS",)
    assert [(b.num, b.level) for b in article_1.blocks] == [
        ("1.", 0), ("2.", 0), ("(a)", 1), ("(b)", 1)
    ]  # fmt: skip
    assert by_label["Article 1a"].number == "1a"
    assert by_label["Recital 2"].text == "Gadgets should be green."
    assert by_label["Annex I"].heading == "LIST OF WIDGETS"
    # A line broken inside a sentence is joined back.
    assert by_label["Article 1a"].text == "The made-up rules apply every- where."


def test_latin1_text_without_declaration_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Article 1\nMade-up café rules\nLes données sont protégées.\n".encode("latin-1")
    )
    (stage,) = parse_file(path).stages
    assert stage.provisions[0].heading == "Made-up café rules"
    assert stage.meta["encoding"] == "cp1252"


def test_article_quoted_by_an_amending_provision_is_not_split(tmp_path: Path) -> None:
    # Made-up test text (not legal text).
    path = tmp_path / "amending.txt"
    path.write_text(
        "Article 1\nAmendments to the made-up Directive\n"
        "The made-up Directive is amended as follows:\n"
        "Article 25 is replaced by the following:\n"
        "Article 25\n‘Made-up replaced text.’\n"
        "Article 2\nEntry into force\nThis made-up act enters into force today.\n",
        encoding="utf-8",
    )
    (stage,) = parse_file(path).stages
    assert [p.label for p in stage.provisions] == ["Article 1", "Article 2"]
    assert "Article 25\n‘Made-up replaced text.’" in stage.provisions[0].text
