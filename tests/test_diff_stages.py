"""Whole-stage diff: contract JSON shape, exact texts, moves and classes on a generated stage."""

from __future__ import annotations

import json
import re
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
    gone = by_label["Article 45"]
    kept = gone.text.split("\n")[4]  # one paragraph of it reappears far away
    new = [
        replace(p, text=p.text + "\n" + kept) if p.label == "Article 66" else p
        for p in proposal
        if p.label != "Article 45"
    ]
    result = diff_stages(proposal, new, align(proposal, new))
    assert ("Article 45", "Article 66") in {(m.from_label, m.to_label) for m in result.moves}
    deleted = next(p for p in result.pairs if p.from_label == "Article 45")
    assert deleted.status == "deleted" and deleted.moves
    assert deleted.moved_runs and deleted.moved_runs[0].side == "old"
    host = next(p for p in result.pairs if p.to_label == "Article 66")
    run = host.moved_runs[0]
    assert host.ops[run.op].new[run.start : run.end] in kept
    # the paragraph arrived unchanged: no flags for its "shall"s, and only its place changed
    assert not host.flags and host.classification == "editorial"


def test_deleted_article_inside_another_far_away_is_a_merge(
    proposal: list[ParsedProvision],
) -> None:
    by_label = {p.label: p for p in proposal}
    gone = by_label["Article 40"]
    new = [
        replace(p, text=p.text + "\n" + gone.text) if p.label == "Article 66" else p
        for p in proposal
        if p.label != "Article 40"
    ]
    rows = {(m.from_label, m.to_label): m for m in align(proposal, new)}
    assert rows["Article 40", "Article 66"].status == "merged"
    assert rows["Article 40", "Article 66"].method == "moved"
    assert rows["Article 66", "Article 66"].status == "merged"


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


def _swapped(art: ParsedProvision, i: int, j: int, *, renumber: bool) -> ParsedProvision:
    """The article with its top-level paragraphs i and j (0-based) swapped; numbers follow the
    new order when `renumber`, otherwise each number keeps its place (only the texts swap)."""
    lines = art.text.split("\n")
    heads = [k for k, line in enumerate(lines) if re.match(r"\d+\. ", line)]
    blocks = [lines[a:b] for a, b in zip(heads, [*heads[1:], len(lines)], strict=True)]
    blocks[i], blocks[j] = blocks[j], blocks[i]
    out = [*lines[: heads[0]]]
    for n, block in enumerate(blocks, start=1):
        first = block[0]
        if renumber:
            first = re.sub(r"^\d+\. ", f"{n}. ", first)
        out.extend([first, *block[1:]])
    if not renumber:  # put the numbers back where they were
        nums = [re.match(r"\d+\. ", lines[k]).group(0) for k in heads]  # type: ignore[union-attr]
        k = 0
        for n, line in enumerate(out):
            if re.match(r"\d+\. ", line):
                out[n] = nums[k] + line[len(re.match(r"\d+\. ", line).group(0)) :]  # type: ignore[union-attr]
                k += 1
    return replace(art, text="\n".join(out), blocks=())


def _pair(result, label: str):  # type: ignore[no-untyped-def]
    return next(p for p in result.pairs if p.from_label == label)


@pytest.mark.parametrize("renumber", [True, False])
def test_paragraph_swap_is_a_move_and_editorial(
    proposal: list[ParsedProvision], renumber: bool
) -> None:
    by_label = {p.label: p for p in proposal}
    art = by_label["Article 12"]  # three paragraphs full of "shall", "not" and numbers
    new = [_swapped(p, 0, 2, renumber=renumber) if p is art else p for p in proposal]
    result = diff_stages(proposal, new, align(proposal, new))
    pair = _pair(result, "Article 12")
    assert pair.classification == "editorial"
    assert pair.flags == ()
    within = [m for m in pair.moves if m.within]
    assert within and all(m.from_label == m.to_label == "Article 12" for m in within)
    assert {m.from_part for m in within} <= {"1.", "3."}
    old = "".join(op.old for op in pair.ops if op.op != "insert")
    new_text = "".join(op.new for op in pair.ops if op.op != "delete")
    assert old == art.text and new_text == _swapped(art, 0, 2, renumber=renumber).text
    # every moved run points at a whole moved paragraph, on its side of the redline
    for run in pair.moved_runs:
        op = pair.ops[run.op]
        text = (op.old if run.side == "old" else op.new)[run.start : run.end]
        assert text.split(" ", 1)[1] in art.text
    assert {r.side for r in pair.moved_runs} == {"old", "new"}
    ops_json = pair.to_json()["ops"]
    assert any("moved" in op for op in ops_json)  # type: ignore[operator]
    assert all(op["op"] in ("equal", "insert", "delete", "replace") for op in ops_json)  # type: ignore[index]
    assert pair.to_json()["moves"][0]["within"] is True  # type: ignore[index]


def test_moved_paragraph_that_changed_is_judged_by_its_change(
    proposal: list[ParsedProvision],
) -> None:
    by_label = {p.label: p for p in proposal}
    art = by_label["Article 12"]
    swapped = _swapped(art, 0, 2, renumber=True)
    assert "shall inform" in swapped.text
    edited = replace(swapped, text=swapped.text.replace("shall inform", "may inform", 1))
    new = [edited if p is art else p for p in proposal]
    pair = _pair(diff_stages(proposal, new, align(proposal, new)), "Article 12")
    assert pair.classification == "substantive"
    assert [(f.kind, f.old, f.new) for f in pair.flags] == [("modal", "shall", "may")]


def test_real_dma_reordered_committee_article() -> None:
    import real_corpus as rc

    if not rc.available("dma"):
        pytest.skip(rc.missing_reason("dma"))
    old, new = rc.pair("dma")
    result = diff_stages(old, new, align(old, new))
    pair = next(p for p in result.pairs if p.from_label == "Article 32")
    assert pair.to_label == "Article 50"
    within = [m for m in pair.moves if m.within]
    assert [(m.from_part, m.to_part) for m in within] == [("4.", "2.")]
    assert within[0].text.startswith("4. Where reference is made to this paragraph, Article 4")
    # the moved paragraph did not change: none of its words is flagged (the flags are those
    # of the new paragraph 3, "... Article 5 of Regulation (EU) No 182/2011 shall apply.")
    assert not any("Article 4" in f.old + f.new for f in pair.flags)
    assert [(f.kind, f.old, f.new) for f in pair.flags if f.kind != "reference"] == [
        ("modal", "", "shall")
    ]


def test_first_and_last_paragraph_swapped_in_every_article(
    proposal: list[ParsedProvision],
) -> None:
    """Every article of the real proposal with three paragraphs or more: its first and last
    paragraphs swap places (numbers following the new order, or staying put). Always a move
    inside the provision, editorial, without flags, and the texts come back exactly."""
    checked = 0
    for art in (p for p in proposal if p.kind == "article"):
        heads = [line for line in art.text.split("\n") if re.match(r"\d+\. ", line)]
        if len(heads) < 3:
            continue
        for renumber in (True, False):
            new = _swapped(art, 0, len(heads) - 1, renumber=renumber)
            (pair,) = diff_stages([art], [new], align([art], [new])).pairs
            assert "".join(op.old for op in pair.ops if op.op != "insert") == art.text
            assert "".join(op.new for op in pair.ops if op.op != "delete") == new.text
            assert pair.classification == "editorial", (art.label, renumber)
            assert pair.flags == (), (art.label, renumber)
            assert any(m.within for m in pair.moves)
            checked += 1
    assert checked >= 100
