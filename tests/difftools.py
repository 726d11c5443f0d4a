"""Hypothesis strategies and checks shared by the word-diff tests: random texts and edits."""

from __future__ import annotations

from hypothesis import strategies as st

from eu_posities.diff import DiffOp
from eu_posities.diff.tokens import tokenize

WORDS = st.sampled_from(
    [
        "the",
        "of",
        "shall",
        "may",
        "not",
        "Member",
        "States",
        "provider",
        "(a)",
        "1.",
        "5a",
        "Article",
        "7(2)",
        ",",
        ";",
        ".",
        "‘Centre’",
        "Directive",
        "2011/93/EU",
        "10",
        "years",
        "moet",
        "kan",
        "geen",
        "data",
    ]
)
SEP = st.sampled_from([" ", " ", " ", "\n", "  ", ""])


@st.composite
def texts(draw: st.DrawFn, max_size: int = 40) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEP), max_size=max_size))
    return "".join(w + s for w, s in parts)


@st.composite
def edited(draw: st.DrawFn, max_size: int = 40) -> tuple[str, str]:
    """A text and a random edit of it (insertions, deletions, replacements of tokens)."""
    old = draw(texts(max_size))
    tokens = tokenize(old)
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["ins", "del", "rep"]))
        pos = draw(st.integers(0, len(tokens)))
        word = draw(WORDS) + " "
        if action == "ins":
            tokens.insert(pos, word)
        elif tokens and pos < len(tokens):
            if action == "del":
                del tokens[pos]
            else:
                tokens[pos] = word
    return old, "".join(tokens)


def rebuild(ops: list[DiffOp]) -> tuple[str, str]:
    old = "".join(op.old for op in ops if op.op != "insert")
    new = "".join(op.new for op in ops if op.op != "delete")
    return old, new


def check_shape(ops: list[DiffOp]) -> None:
    for op in ops:
        assert op.op in ("equal", "insert", "delete", "replace")
        if op.op == "insert":
            assert op.old == "" and op.new
        if op.op == "delete":
            assert op.new == "" and op.old
        if op.op == "replace":
            assert op.old and op.new
    for a, b in zip(ops, ops[1:], strict=False):
        assert a.op != b.op
        # changes are merged: a change is always followed by an equal run
        assert a.op == "equal" or b.op == "equal"
