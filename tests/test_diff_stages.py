"""Whole-stage diff: contract JSON shape, exact texts, moves and classes on a generated stage."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from engine_corpus import load_proposal
from stagegen import _renumber_refs, expected_moves, generate

from eu_posities.alignment import align
from eu_posities.diff import diff_stages
from eu_posities.document import ParsedProvision


@pytest.fixture(scope="module")
def proposal() -> list[ParsedProvision]:
    return load_proposal()


def test_contract_shape_and_exact_texts(proposal: list[ParsedProvision]) -> None:
    new, _ = generate(proposal, 4)
    matches = align(proposal, new)
    data = diff_stages(
        proposal, new, matches, from_stage="commission-proposal", to_stage="x"
    ).to_json()
    json.dumps(data)
    assert data["from"] == "commission-proposal" and data["to"] == "x"
    old_text = {p.label: p.text for p in proposal}
    new_text = {p.label: p.text for p in new}
    assert len(data["pairs"]) == len(matches)
    for pair in data["pairs"]:
        assert set(pair) >= {"from", "to", "status", "ops", "flags", "moves", "classification"}
        old = "".join(op["old"] for op in pair["ops"] if op["op"] != "insert")
        new_ = "".join(op["new"] for op in pair["ops"] if op["op"] != "delete")
        assert old == (old_text[pair["from"]] if pair["from"] else "")
        assert new_ == (new_text[pair["to"]] if pair["to"] else "")
        if pair["status"] == "unchanged":
            assert pair["classification"] == "unchanged" and not pair["flags"]


def test_renumbered_stage_is_editorial(proposal: list[ParsedProvision]) -> None:
    """Insert one article: in final-act style everything after it moves up, references too."""
    shift = {
        f"Article {n}": f"Article {n + 1}"
        for n in range(5, 90)  # Articles 5 to 89 become 6 to 90
    }
    made_up = ParsedProvision(
        "article", "5", "Article 5", "Made-up test text: this article does not exist.", "Made up"
    )
    new: list[ParsedProvision] = []
    for p in proposal:
        if p.label == "Article 5":
            new.append(made_up)
        label = shift.get(p.label, p.label)
        new.append(
            replace(p, label=label, number=label.split()[-1], text=_renumber_refs(p.text, shift))
        )
    result = diff_stages(proposal, new, align(proposal, new))
    pairs = [p for p in result.pairs if p.from_label and p.to_label]
    assert len(pairs) == len(proposal)
    assert {p.classification for p in pairs} == {"unchanged", "editorial"}
    assert {f.kind for p in pairs for f in p.flags} == {"reference-renumbered"}
    added = [p for p in result.pairs if p.status == "added"]
    assert [p.to_label for p in added] == ["Article 5"]
    assert added[0].classification == "substantive"


def test_sentence_moved_into_recital(proposal: list[ParsedProvision]) -> None:
    by_label = {p.label: p for p in proposal}
    art, rec = by_label["Article 89"], by_label["Recital 84"]
    sentence = "It shall apply from 6 months after its entry into force."
    assert sentence in art.text
    new = [
        replace(p, text=p.text.replace(sentence + "\n", ""))
        if p is art
        else replace(p, text=p.text + " " + sentence)
        if p is rec
        else p
        for p in proposal
    ]
    result = diff_stages(proposal, new, align(proposal, new))
    assert [(m.from_label, m.to_label) for m in result.moves] == [("Article 89", "Recital 84")]
    art_pair = next(p for p in result.pairs if p.from_label == "Article 89")
    assert art_pair.moves and art_pair.moves[0].text == sentence


def test_deleted_article_reappearing_elsewhere_is_a_move(proposal: list[ParsedProvision]) -> None:
    by_label = {p.label: p for p in proposal}
    gone = by_label["Article 40"]
    new = [
        replace(p, text=p.text + "\n" + gone.text) if p.label == "Article 66" else p
        for p in proposal
        if p.label != "Article 40"
    ]
    result = diff_stages(proposal, new, align(proposal, new))
    assert ("Article 40", "Article 66") in {(m.from_label, m.to_label) for m in result.moves}
    deleted = next(p for p in result.pairs if p.from_label == "Article 40")
    assert deleted.status == "deleted" and deleted.moves


def test_split_group_flags_once(proposal: list[ParsedProvision]) -> None:
    by_label = {p.label: p for p in proposal}
    art = by_label["Article 7"]
    paras = art.text.split("\n")
    first = replace(art, text="\n".join(paras[:4]))
    second = replace(art, text="\n".join(paras[4:]), number="7a", label="Article 7a")
    new = [q for p in proposal for q in ((first, second) if p is art else (p,))]
    result = diff_stages(proposal, new, align(proposal, new))
    parts = [p for p in result.pairs if p.from_label == "Article 7"]
    assert [p.status for p in parts] == ["split", "split"]
    # nothing but the split itself changed: no modal/number flags for the "missing" half
    assert all(not p.flags for p in parts)
    assert {p.classification for p in parts} == {"unchanged"}  # same words, now in two articles


def test_heading_change_is_shown_and_classified(proposal: list[ParsedProvision]) -> None:
    by_label = {p.label: p for p in proposal}
    art = by_label["Article 1"]
    assert art.heading == "Subject matter and scope"
    renamed = [replace(p, heading="Subject matter") if p is art else p for p in proposal]
    pair = next(
        p
        for p in diff_stages(proposal, renamed, align(proposal, renamed)).pairs
        if p.from_label == "Article 1"
    )
    assert pair.classification == "substantive"
    assert [op.op for op in pair.heading_ops] == ["equal", "delete"]
    assert "heading_ops" in pair.to_json()
    recased = [replace(p, heading="Subject Matter and Scope") if p is art else p for p in proposal]
    pair = next(
        p
        for p in diff_stages(proposal, recased, align(proposal, recased)).pairs
        if p.from_label == "Article 1"
    )
    assert pair.classification == "editorial"


def test_moves_in_generated_stages(proposal: list[ParsedProvision]) -> None:
    """Paragraphs and sentences the generator moved are reported as moves, little else is."""
    want: set[tuple[int, str, str]] = set()
    got: set[tuple[int, str, str]] = set()
    for seed in range(8):
        new, _ = generate(proposal, seed)
        want |= {(seed, *m) for m in expected_moves(new)}
        moves = diff_stages(proposal, new, align(proposal, new)).moves
        got |= {(seed, m.from_label, m.to_label) for m in moves}
    assert len(want) >= 8
    assert len(want & got) / len(want) >= 0.9
    assert len(want & got) / len(got) >= 0.9
