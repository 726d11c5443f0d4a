"""Flags, classification and moves on real provisions of the CSA Regulation proposal."""

from __future__ import annotations

import pytest
from engine_corpus import load_proposal

from eu_posities.diff import Flag, classify, detect_flags, find_moves, word_diff


@pytest.fixture(scope="module")
def proposal() -> dict[str, str]:
    return {p.label: p.text for p in load_proposal()}


def flags_of(old: str, new: str, label_map: dict[str, str] | None = None) -> list[Flag]:
    return detect_flags(old, new, word_diff(old, new), label_map)


def kinds(flags: list[Flag]) -> set[str]:
    return {f.kind for f in flags}


def test_modal_weakening(proposal: dict[str, str]) -> None:
    old = proposal["Article 89"]
    new = old.replace("It shall apply", "It may apply")
    assert Flag("modal", "shall", "may") in flags_of(old, new)


@pytest.mark.parametrize(
    ("old", "new", "flag"),
    [
        ("Providers shall ensure that", "Providers may take measures so that", ("shall", "may")),
        ("The provider shall not store", "The provider may not store", ("shall not", "may not")),
        ("The victim is entitled to receive", "The victim may receive", ("is entitled to", "may")),
        ("De lidstaat moet melden.", "De lidstaat kan melden.", ("moet", "kan")),
        ("De aanbieder dient te melden.", "De aanbieder mag melden.", ("dient", "mag")),
    ],
)
def test_modal_pairs(old: str, new: str, flag: tuple[str, str]) -> None:
    assert Flag("modal", *flag) in flags_of(old, new)


def test_negation_added_and_removed() -> None:
    assert kinds(flags_of("shall store the data", "shall not store the data")) == {"negation"}
    assert Flag("negation", "geen", "") in flags_of("er is geen plicht", "er is een plicht")


def test_number_changes(proposal: dict[str, str]) -> None:
    old = proposal["Article 7"]
    assert "shall not exceed 12 months" in old
    new = old.replace("shall not exceed 12 months", "shall not exceed 24 months")
    assert Flag("number", "12 months", "24 months") in flags_of(old, new)
    assert Flag("number", "10 years", "20 years") in flags_of("for 10 years.", "for 20 years.")
    assert Flag("number", "5%", "6%") in flags_of("up to 5% of turnover", "up to 6% of turnover")


def test_paragraph_numbering_is_not_a_number_change() -> None:
    flags = flags_of(
        "1. The Centre shall act.\n2. It shall report.",
        "1. The Centre shall act.\n3. It shall report.",
    )
    assert "number" not in kinds(flags)


def test_reference_change_and_renumbering(proposal: dict[str, str]) -> None:
    old = proposal["Article 1"]
    assert "Directive 2011/93/EU" in old and "Article 40" in old
    changed = old.replace("Directive 2011/93/EU", "Directive (EU) 2024/1234")
    assert "reference" in kinds(flags_of(old, changed))
    renumbered = old.replace("Article 40", "Article 41")
    flags = flags_of(old, renumbered, {"Article 40": "Article 41"})
    assert flags == [Flag("reference-renumbered", "Article 40", "Article 41")]
    assert (
        classify(old, renumbered, word_diff(old, renumbered), flags, {"Article 40": "Article 41"})
        == "editorial"
    )
    # without the alignment telling it moved, the same change is a real one
    bare = flags_of(old, renumbered)
    assert kinds(bare) == {"reference"}
    assert classify(old, renumbered, word_diff(old, renumbered), bare) == "substantive"


def test_point_reference() -> None:
    flags = flags_of(
        "as referred to in point (a) of paragraph 1", "as referred to in point (b) of paragraph 1"
    )
    assert Flag("reference", "point (a)", "point (b)") in flags


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("the Centre shall act", "the Centre shall act", "unchanged"),
        ("the ‘Centre’ shall act - now", 'the "Centre" shall act – now', "editorial"),
        ("the Centre shall act, now", "the Centre shall act now", "editorial"),
        ("the centre shall  act", "the Centre shall act", "editorial"),
        ("the Centre shall act", "the Centre may act", "substantive"),
        ("the Centre shall act", "the Agency shall act", "substantive"),
    ],
)
def test_classify(old: str, new: str, expected: str) -> None:
    ops = word_diff(old, new)
    assert classify(old, new, ops, detect_flags(old, new, ops)) == expected


def test_move_of_article_sentence_into_recital(proposal: dict[str, str]) -> None:
    sentence = "It shall apply from 6 months after its entry into force."
    assert sentence in proposal["Article 89"]
    moves = find_moves(
        [("Article 89", sentence), ("Article 89", "shall be binding")],
        [
            ("Recital 84", "It shall apply from six months after its entry into force."),
            ("Article 89", "x"),
        ],
    )
    assert [(m.from_label, m.to_label) for m in moves] == [("Article 89", "Recital 84")]
    assert moves[0].text == sentence


def test_deleted_provision_reappears_inside_another(proposal: dict[str, str]) -> None:
    gone = proposal["Article 40"]
    host = proposal["Article 41"] + "\n" + gone
    moves = find_moves([("Article 40", gone)], [("Article 41", host)])
    assert moves and all((m.from_label, m.to_label) == ("Article 40", "Article 41") for m in moves)
    # consecutive moved sentences are reported as one move
    assert len(moves) == 1


def test_no_move_within_the_same_provision() -> None:
    text = "The EU Centre shall cooperate closely with Europol and national authorities."
    assert find_moves([("Article 53", text)], [("Article 53", text)]) == []
    assert (
        find_moves(
            [("Article 53", text)], [("Article 52", text)], aligned={("Article 53", "Article 52")}
        )
        == []
    )


def test_unrelated_text_is_not_a_move() -> None:
    assert (
        find_moves(
            [
                (
                    "Article 1",
                    "The Coordinating Authority shall publish a yearly report on its activities.",
                )
            ],
            [
                (
                    "Article 2",
                    "Providers of hosting services shall remove the material within one hour.",
                )
            ],
        )
        == []
    )
