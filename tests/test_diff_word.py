"""Word diff: exact reconstruction, readable hunks, character detail (hypothesis properties)."""

from __future__ import annotations

import difflib

from difftools import check_shape, edited, rebuild, texts
from hypothesis import given, settings
from hypothesis import strategies as st

from eu_posities.diff import DiffOp, word_diff
from eu_posities.diff.sequence import matching_blocks
from eu_posities.diff.tokens import tokenize


@settings(max_examples=300, deadline=None)
@given(texts(), texts())
def test_reconstructs_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)


@settings(max_examples=300, deadline=None)
@given(edited())
def test_random_edits(pair: tuple[str, str]) -> None:
    old, new = pair
    ops = word_diff(old, new, char_detail=True)
    assert rebuild(ops) == (old, new)
    check_shape(ops)
    for op in ops:
        if op.detail:
            assert rebuild(list(op.detail)) == (op.old, op.new)


@settings(max_examples=150, deadline=None)
@given(edited(400))
def test_random_edits_in_long_texts(pair: tuple[str, str]) -> None:
    """Long texts take the shortcuts (paragraphs, common runs): still exact and well formed."""
    old, new = pair
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)


@settings(max_examples=200, deadline=None)
@given(texts())
def test_identical_is_one_equal_op(text: str) -> None:
    ops = word_diff(text, text)
    assert ops == ([DiffOp("equal", text, text)] if text else [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=60), st.lists(st.integers(0, 6), max_size=60))
def test_matching_blocks_are_a_common_subsequence(a: list[int], b: list[int]) -> None:
    blocks = matching_blocks(a, b)
    ai = bj = 0
    for i, j, k in blocks:
        assert i >= ai and j >= bj and k > 0
        assert a[i : i + k] == b[j : j + k]
        ai, bj = i + k, j + k
    # anchored diff is not always minimal, but never far from difflib's LCS on these inputs
    ref = sum(
        m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    assert sum(k for _, _, k in blocks) >= ref * 0.6


def test_tokens_keep_numbering_references_and_quotes() -> None:
    toks = [
        t.strip()
        for t in tokenize("1. Member States shall, in Article 7(2), ‘Centre’ (a) 5a 2011/93/EU")
    ]
    assert toks == [
        "1.", "Member", "States", "shall", ",", "in", "Article", "7(2)", ",",
        "‘", "Centre", "’", "(a)", "5a", "2011/93/EU",
    ]  # fmt: skip


def test_modal_change_reads_as_one_replacement() -> None:
    ops = word_diff(
        "Member States shall ensure that the provider acts.",
        "Member States may take measures so that the provider acts.",
    )
    assert [op.op for op in ops] == ["equal", "replace", "equal"]
    assert ops[1].old == "shall ensure " and ops[1].new == "may take measures so "


def test_no_islands_of_small_words_between_changes() -> None:
    old = "the provider of the service shall inform the Coordinating Authority without delay"
    new = "a controller of a platform must notify the competent body without delay"
    ops = word_diff(old, new)
    assert [op.op for op in ops] == ["replace", "equal"]
    assert ops[-1].old == "without delay"


def test_whitespace_only_change_is_equal_but_exact() -> None:
    ops = word_diff("shall  apply\nfrom", "shall apply from")
    assert all(op.op == "equal" for op in ops)
    assert rebuild(ops) == ("shall  apply\nfrom", "shall apply from")


def test_char_detail_inside_changed_word() -> None:
    ops = word_diff("in Article 7(2) of", "in Article 8(2) of", char_detail=True)
    changed = [op for op in ops if op.op == "replace"]
    assert len(changed) == 1
    assert [(d.op, d.old, d.new) for d in changed[0].detail] == [
        ("replace", "7", "8"),
        ("equal", "(2) ", "(2) "),
    ]


def test_to_json_shape() -> None:
    op = word_diff("a b", "a c")[1]
    assert op.to_json() == {"op": "replace", "old": "b", "new": "c"}


def test_completely_different_texts() -> None:
    old = " ".join(f"w{i}" for i in range(600))
    new = " ".join(f"v{i}" for i in range(600))
    ops = word_diff(old, new)
    assert [op.op for op in ops] == ["replace"]
    assert rebuild(ops) == (old, new)


def test_changes_at_both_ends_of_a_long_unchanged_run() -> None:
    old = "alpha beta gamma " + "the same long unchanged middle run of words " * 3 + "delta end"
    new = "ALPHA beta gamma " + "the same long unchanged middle run of words " * 3 + "DELTA end"
    ops = word_diff(old, new)
    assert [op.op for op in ops] == ["replace", "equal", "replace", "equal"]
