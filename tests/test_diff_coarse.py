"""Word diff shortcuts on long texts: unchanged lines, whole words, trimmed ends, real pairs."""

from __future__ import annotations

import difflib

import pytest
from difftools import WORDS, check_shape, edited, rebuild
from engine_corpus import load_proposal
from hypothesis import given, settings
from hypothesis import strategies as st
from stagegen import generate

from eu_posities.alignment import align
from eu_posities.diff import word_diff
from eu_posities.diff.coarse import Span, line_anchors
from eu_posities.diff.ops import COARSE_CHARS, _tokens, is_weak_span
from eu_posities.diff.sequence import matching_blocks
from eu_posities.diff.words import word_pieces


def check_spans(old: str, new: str, spans: list[Span], seps: str) -> None:
    """Spans are in order, hold the same text on both sides and start after a separator."""
    pa = pb = 0
    for sa, xa, sb, xb in spans:
        assert pa <= sa < xa <= len(old) and pb <= sb < xb <= len(new)
        # the same words; spacing may differ where line breaks count as spaces
        assert old[sa:xa].split() == new[sb:xb].split()
        assert len(old[sa:xa].rstrip(seps)) == len(new[sb:xb].rstrip(seps))
        assert sa == 0 or old[sa - 1] in seps
        assert sb == 0 or new[sb - 1] in seps
        assert xa == len(old) or old[xa - 1] in seps
        assert xb == len(new) or new[xb - 1] in seps
        pa, pb = xa, xb


@settings(max_examples=200, deadline=None)
@given(edited(200))
def test_word_pieces_give_the_window_back(pair: tuple[str, str]) -> None:
    old, new = pair
    ao, bo = _start(old), _start(new)
    pieces = word_pieces(old, ao, len(old), new, bo, len(new), _tokens, is_weak_span)
    assert "".join(o for kind, o, _ in pieces if kind != "insert") == old[ao:]
    assert "".join(n for kind, _, n in pieces if kind != "delete") == new[bo:]
    for kind, o, n in pieces:
        if kind == "equal":
            assert o.split() == n.split()


def _start(text: str) -> int:
    return len(text) - len(text.lstrip())


@settings(max_examples=200, deadline=None)
@given(edited(200))
def test_line_anchors_are_unchanged_lines(pair: tuple[str, str]) -> None:
    old, new = pair
    check_spans(old, new, line_anchors(old, new), "\n")


def paragraph(seed: int, words: int = 60) -> str:
    """A made-up paragraph of test words (not legal text)."""
    vocab = [f"w{seed}x{i}" for i in range(words)]
    return " ".join(vocab) + "."


def test_edits_in_long_multi_paragraph_text_are_exact_hunks() -> None:
    paras = [paragraph(k) for k in range(5)]
    old = "\n".join(paras)
    changed = list(paras)
    changed[1] = changed[1].replace("w1x30", "CHANGED")
    changed[3] = changed[3].replace("w3x5 w3x6", "w3x5 NEW w3x6")
    new = "\n".join(changed)
    assert len(old) + len(new) > 4 * COARSE_CHARS
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    assert [(op.op, op.old, op.new) for op in ops if op.op != "equal"] == [
        ("replace", "w1x30 ", "CHANGED "),
        ("insert", "", "NEW "),
    ]


def test_long_reflowed_text_is_equal() -> None:
    old = " ".join(paragraph(k) for k in range(4))
    new = old.replace(" w1x10 ", "\nw1x10  ").replace(" w2x40 ", "   w2x40\n")
    ops = word_diff(old, new)
    assert all(op.op == "equal" for op in ops)
    assert rebuild(ops) == (old, new)


def test_rewrite_around_a_short_run_reads_as_one_replacement() -> None:
    """Long texts get the same clean-up as short ones: a short kept run between two big
    rewrites is folded into one replacement."""
    keep = " ".join(f"k{i}" for i in range(5))
    head, tail = paragraph(1), paragraph(2)
    old = f"{head} {' '.join(f'a{i}' for i in range(20))} {keep} "
    old += f"{' '.join(f'b{i}' for i in range(20))} {tail}"
    new = f"{head} {' '.join(f'c{i}' for i in range(20))} {keep} "
    new += f"{' '.join(f'd{i}' for i in range(20))} {tail}"
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    assert [op.op for op in ops] == ["equal", "replace", "equal"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from(["  ", "\n", " \n", "\n\n"])), max_size=200))
def test_long_texts_with_odd_spacing_reconstruct(parts: list[tuple[str, str]]) -> None:
    old = "".join(w + s for w, s in parts)
    new = "".join(w + " " for w, _ in parts)
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=80), st.lists(st.integers(0, 9), max_size=80))
def test_matching_blocks_are_a_longest_common_subsequence(a: list[int], b: list[int]) -> None:
    blocks = matching_blocks(a, b)
    # difflib's blocks are not always the longest; ours are: never shorter
    ref = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    assert sum(k for *_, k in blocks) >= sum(m.size for m in ref)
    for (i, j, k), (i2, j2, _) in zip(blocks, blocks[1:], strict=False):
        assert i + k <= i2 and j + k <= j2 and (i + k, j + k) != (i2, j2)  # maximal runs


@pytest.mark.slow
def test_real_pairs_need_no_more_hunks_than_difflib() -> None:
    """Real proposal text against a generated later stage (made up by tests/stagegen.py)."""
    proposal = load_proposal()
    new_stage, _ = generate(proposal, 1)
    old_text = {p.label: p.text for p in proposal}
    new_text = {p.label: p.text for p in new_stage}
    ours = theirs = changed = 0
    for m in align(proposal, new_stage):
        if not (m.from_label and m.to_label):
            continue
        old, new = old_text[m.from_label], new_text[m.to_label]
        changed += old != new
        ops = word_diff(old, new)
        assert rebuild(ops) == (old, new)
        ours += sum(op.op != "equal" for op in ops)
        sm = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
        theirs += sum(tag != "equal" for tag, *_ in sm.get_opcodes())
    assert changed > 20
    assert ours <= theirs


def test_reference_before_full_stop_is_not_numbering_inside_long_text() -> None:
    """Only a number at a line start is paragraph numbering ("4."), even when the change
    sits deep in a long text that the shortcuts cut into windows."""
    body = paragraph(1)
    old = f"{body}\nmeasures taken pursuant to Article 4.\n2. {paragraph(2)}"
    new = f"{body}\nmeasures taken pursuant to Article 5.\n2. {paragraph(2)}"
    ops = word_diff(old, new)
    assert [(op.op, op.old, op.new) for op in ops if op.op != "equal"] == [("replace", "4", "5")]
    old_n = f"{body}\n4. {paragraph(2)}"
    new_n = f"{body}\n5. {paragraph(2)}"
    ops = word_diff(old_n, new_n)
    assert [(op.op, op.old, op.new) for op in ops if op.op != "equal"] == [
        ("replace", "4. ", "5. ")
    ]


def test_added_paragraph_starts_at_its_line_start() -> None:
    """A paragraph added in front of one with the same numbering is shown whole (made up)."""
    kept = "1. Member States shall designate one or more competent authorities " + paragraph(3)
    added = "1. Providers without a main establishment in the Union shall appoint a representative."
    ops = word_diff(kept, f"{added}\n{kept}")
    assert [(op.op, op.old, op.new) for op in ops] == [
        ("insert", "", f"{added}\n"),
        ("equal", kept, kept),
    ]
    ops = word_diff(f"{added}\n{kept}", kept)
    assert [(op.op, op.old, op.new) for op in ops] == [
        ("delete", f"{added}\n", ""),
        ("equal", kept, kept),
    ]
    inner_old = f"{paragraph(4)}\n{kept}"
    inner_new = f"{paragraph(4)}\n{added}\n{kept}"
    ops = word_diff(inner_old, inner_new)
    assert [(op.op, op.new) for op in ops if op.op != "equal"] == [("insert", f"{added}\n")]
    assert rebuild(ops) == (inner_old, inner_new)


def test_deleted_paragraph_before_a_similar_one_is_deleted_whole() -> None:
    """Made-up text: paragraph 2 goes, paragraph 3 (same opening words) loses one word."""
    opening = "Where the Centre considers that the report is"
    gone = f"2. {opening} unfounded, it shall inform the provider of the reasons.\n"
    # long enough for the shortcuts to look for unchanged runs of words first
    kept_old = f"3. {opening} founded, {paragraph(8)} it goes to the competent authority. "
    kept_new = f"3. {opening} founded, {paragraph(8)} it goes to the authority. "
    head, rest = paragraph(6) + "\n", paragraph(7)
    ops = word_diff(head + gone + kept_old + rest, head + kept_new + rest)
    assert [(op.op, op.old, op.new) for op in ops if op.op != "equal"] == [
        ("delete", gone, ""),
        ("delete", "competent ", ""),
    ]
