"""Recast proposals: one text yields the proposal and the current law (made-up snippets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eu_posities.errors import InputError
from eu_posities.importers import parse_file
from eu_posities.importers.recast import is_label, render

# Made-up test text (not legal text), marked up the way recast proposals are printed.
RECAST = """\
MADE-UP RECAST TEST TEXT - NOT A REAL PROPOSAL
Article 1
Subject matter
2011/93/EU (adapted)
1. This ⌦ Directive ⌫ ⇨ Regulation ⇦ lays down made-up rules.
new
2. It also covers made-up gadgets.
2011/93/EU
3. Unchanged made-up sentence.
new
Article 2
New made-up article
Completely new made-up text.
2011/93/EU Article 3
Article 3
Old made-up article
⌦ Member States shall ⌫ ⇨ The Union shall ⇦ count made-up widgets.
"""


@pytest.fixture()
def recast_file(tmp_path: Path) -> Path:
    path = tmp_path / "recast.txt"
    path.write_text(RECAST, encoding="utf-8")
    return path


def texts(stage) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.label: p.text for p in stage.provisions}


def test_proposal_reading_is_the_default(recast_file: Path) -> None:
    (stage,) = parse_file(recast_file).stages
    assert stage.meta["recast"] == "proposal"
    assert texts(stage) == {
        "Article 1": (
            "1. This Regulation lays down made-up rules.\n"
            "2. It also covers made-up gadgets.\n"
            "3. Unchanged made-up sentence."
        ),
        "Article 2": "Completely new made-up text.",
        "Article 3": "The Union shall count made-up widgets.",
    }


def test_current_law_reading(recast_file: Path) -> None:
    (stage,) = parse_file(recast_file, recast="current").stages
    assert texts(stage) == {
        "Article 1": "1. This Directive lays down made-up rules.\n3. Unchanged made-up sentence.",
        "Article 3": "Member States shall count made-up widgets.",
    }


def test_markers_kept_as_structure(recast_file: Path) -> None:
    (stage,) = parse_file(recast_file).stages
    article_1 = stage.provisions[0]
    first, second, third = article_1.blocks
    assert first.markers["recast"] == "adapted"
    assert first.markers["recast_label"] == "2011/93/EU (adapted)"
    assert first.markers["deleted"] == ["Directive"]
    assert first.markers["inserted"] == ["Regulation"]
    assert second.markers["recast"] == "new"
    assert third.markers["recast"] == "unchanged"
    article_2 = stage.provisions[1]
    assert article_2.markers["recast_label"] == "new"


def test_labels_and_render() -> None:
    assert is_label("2011/93/EU (adapted)")
    assert is_label("⇩ new")
    assert is_label("2011/93/EU Article 3")
    assert not is_label("This Directive lays down rules.")
    assert render("a ⌦ b ⌫ ⇨ c ⇦ d", "proposal") == "a c d"
    assert render("a ⌦ b ⌫ ⇨ c ⇦ d", "current") == "a b d"


def test_unknown_recast_option(recast_file: Path) -> None:
    with pytest.raises(InputError, match="recast"):
        parse_file(recast_file, recast="both")


def test_no_markers_no_recast_reading(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Article 1\nMade-up heading\nMade-up new text.\n", encoding="utf-8")
    (stage,) = parse_file(path, recast="current").stages
    assert "recast" not in stage.meta
    assert stage.provisions[0].text == "Made-up new text."


def test_recast_labels_in_commission_html(tmp_path: Path) -> None:
    # Made-up test text (not legal text) in the Commission's HTML paragraph classes.
    path = tmp_path / "recast.html"
    paragraphs = [
        ("Formuledadoption", "HAVE ADOPTED THIS DIRECTIVE:"),
        ("Normal", "2011/93/EU (adapted)"),
        ("Titrearticle", "Article 1"),
        ("Titrearticle", "Made-up subject matter"),
        ("Normal", "This ⌦ Directive ⌫ ⇨ Regulation ⇦ lays down made-up rules."),
        ("Normal", "new"),
        ("Titrearticle", "Article 2"),
        ("Titrearticle", "Made-up new article"),
        ("Normal", "Made-up new obligations."),
    ]
    body = "".join(f'<p class="{cls}"><span>{text}</span></p>' for cls, text in paragraphs)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    (proposal,) = parse_file(path).stages
    assert {p.label: (p.heading, p.text) for p in proposal.provisions if p.kind == "article"} == {
        "Article 1": ("Made-up subject matter", "This Regulation lays down made-up rules."),
        "Article 2": ("Made-up new article", "Made-up new obligations."),
    }
    (current,) = parse_file(path, recast="current").stages
    assert [p.label for p in current.provisions if p.kind == "article"] == ["Article 1"]
    assert current.provisions[-1].text == "This Directive lays down made-up rules."
    article_1 = next(p for p in proposal.provisions if p.label == "Article 1")
    assert article_1.markers["recast_label"] == "2011/93/EU (adapted)"
    assert article_1.blocks[0].markers["recast"] == "adapted"
