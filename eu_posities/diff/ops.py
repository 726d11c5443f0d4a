"""Word-level redline of two texts: immutable ops, cleaned up to read like a lawyer's redline.

Most amendments touch a few words of a long provision, so the expensive part (tokenising and
aligning tokens) only runs where text changed: common ends are cut off first (rapidfuzz
Prefix/Postfix, C++), then unchanged lines (coarse.py); a long window left is aligned on its
whole words with the clean-up on words, and only its small changes are tokenised (words.py);
a small window gets the token diff directly (tokens.py, an exact LCS by rapidfuzz) and the
readability clean-up. Work is done on plain strings and tuples; DiffOps are built once at the
end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from rapidfuzz.distance import Postfix, Prefix

from eu_posities.diff.coarse import drop_islands, line_anchors
from eu_posities.diff.op import DiffOp
from eu_posities.diff.sequence import Match, matching_blocks
from eu_posities.diff.slide import slid
from eu_posities.diff.tokens import token_runs as _token_runs
from eu_posities.diff.tokens import tokenize
from eu_posities.diff.words import word_pieces

# Short function words and marks: an unchanged island made only of these between two changes
# is noise ("the", "of", ",") and is folded into one replacement.
_WEAK_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "as",
        "is",
        "are",
        "be",
        "that",
        "this",
        "which",
        "from",
        "its",
        "it",
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "in",
        "op",
        "te",
        "voor",
        "met",
        "aan",
        "bij",
        "door",
        "die",
        "dat",
        "als",
        "is",
        "zijn",
        "om",
        "tot",
    ]
)
_WORDLIKE = re.compile(r"\w")
_MARKS_AROUND = ".,;:!?()[]{}'\"‘’“”„«»–—-/"
# Space-separated words that are each a weak word with marks around it ("the,", "(of") or
# only marks: `is_weak_span(text, start, end)`. Case is ignored in ASCII only, as
# str.lower() turns no other letter into one of these words.
_MARK = "[" + re.escape(_MARKS_AROUND) + "]*"
_WEAK_WORD = (
    _MARK + "(?:(?:" + "|".join(sorted(_WEAK_WORDS, key=len, reverse=True)) + ")" + _MARK + ")?"
)
is_weak_span = re.compile(
    _WEAK_WORD + "(?:[ \n]" + _WEAK_WORD + ")*", re.IGNORECASE | re.ASCII
).fullmatch
_SPACES = re.compile(r"\s*")
# A DiffOp from a (kind, old, new, detail) tuple at C speed: the named tuple's own __new__ is
# Python code, and a long redline makes thousands of ops.
_as_op = partial(tuple.__new__, DiffOp)
COARSE_CHARS = 400  # from this size (both sides) unchanged runs of words are found first


def word_diff(old: str, new: str, *, char_detail: bool = False) -> list[DiffOp]:
    """Diff two texts word by word.

    Joining `.old` of all non-insert ops gives `old` exactly, joining `.new` of all non-delete
    ops gives `new` exactly. Whitespace differences alone do not count as changes (an `equal`
    op may then carry differently spaced `old` and `new`). Ops alternate between `equal` and a
    change, so no two neighbours share a kind.
    """
    if old == new:
        return [DiffOp("equal", old, new)] if old else []
    ops = slid(_line_aligned(_merged(_pieces(old, new))), DiffOp)
    if char_detail:
        ops = [_with_detail(op) for op in ops]
    return ops


Piece = tuple[str, str, str]  # (op, old, new): built as plain tuples, DiffOps only at the end


# Each step diffs old[ao:ae] against new[bo:be], positions in the whole texts: tokenising a
# window in place lets the tokenizer see the character before it (only a number at a real
# line start is paragraph numbering, "4." after "Article" is a reference and a full stop).
Step = Callable[[str, int, int, str, int, int], list[Piece]]


def _pieces(old: str, new: str) -> list[Piece]:
    """The redline as pieces; neighbours may share a kind (`_merged` joins them)."""
    return _trimmed(old, 0, len(old), new, 0, len(new), _by_lines)


def _trimmed(old: str, ao: int, ae: int, new: str, bo: int, be: int, inner: Step) -> list[Piece]:
    """Common ends as equal pieces, found at C speed; `inner` diffs the middle.

    Most amendments touch a small part of a provision, or of a paragraph.
    """
    if ao == ae or bo == be:
        if ao == ae and bo == be:
            return []
        return [("insert", "", new[bo:be]) if ao == ae else ("delete", old[ao:ae], "")]
    whole = ao == 0 and ae == len(old) and bo == 0 and be == len(new)
    head, tail = _common_ends(old, new) if whole else _common_ends(old[ao:ae], new[bo:be])
    # Whitespace right after the common prefix joins the prefix (equal, spacing aside).
    ea, eb = ae - tail, be - tail
    ho, hn = ao + head, bo + head
    if ho < ea and old[ho].isspace():
        ho = _SPACES.match(old, ho, ea).end()  # type: ignore[union-attr]
    if hn < eb and new[hn].isspace():
        hn = _SPACES.match(new, hn, eb).end()  # type: ignore[union-attr]
    pieces: list[Piece] = [("equal", old[ao:ho], new[bo:hn])] if ho > ao or hn > bo else []
    pieces += inner(old, ho, ea, new, hn, eb)
    if tail:
        pieces.append(("equal", old[ea:ae], new[eb:be]))
    return pieces


def _by_lines(old: str, ao: int, ae: int, new: str, bo: int, be: int) -> list[Piece]:
    """Diff changed lines (paragraphs) only, each with its own common ends trimmed."""
    if (ae - ao) + (be - bo) < COARSE_CHARS:
        return _tokens(old, ao, ae, new, bo, be)
    if old.find("\n", ao, ae) >= 0 and new.find("\n", bo, be) >= 0:
        return _between(old, ao, ae, new, bo, be, _trimmed_by_words)
    return _by_words(old, ao, ae, new, bo, be)


def _trimmed_by_words(old: str, ao: int, ae: int, new: str, bo: int, be: int) -> list[Piece]:
    return _trimmed(old, ao, ae, new, bo, be, _by_words)


def _by_words(old: str, ao: int, ae: int, new: str, bo: int, be: int) -> list[Piece]:
    """Align a long window on its words; tokenise only the small changes left (words.py)."""
    if (ae - ao) + (be - bo) < COARSE_CHARS:
        return _tokens(old, ao, ae, new, bo, be)
    return word_pieces(old, ao, ae, new, bo, be, _tokens, is_weak_span)


def _between(
    old: str,
    ao: int,
    ae: int,
    new: str,
    bo: int,
    be: int,
    inner: Step,
) -> list[Piece]:
    """Unchanged lines become equal pieces; `inner` diffs the rest."""
    pieces: list[Piece] = []
    pa, pb = ao, bo
    for sa, xa, sb, xb in line_anchors(old, new, ao, ae, bo, be):
        pieces += inner(old, pa, sa, new, pb, sb)
        pieces.append(("equal", old[sa:xa], new[sb:xb]))
        pa, pb = xa, xb
    pieces += inner(old, pa, ae, new, pb, be)
    return pieces


def _tokens(old: str, ao: int, ae: int, new: str, bo: int, be: int) -> list[Piece]:
    """The token diff of two windows, cleaned up for reading.

    Windows follow the common prefix or an unchanged run: whitespace at their start is
    spacing next to unchanged text, so it is equal (spacing aside), never a change.
    """
    # This runs for every small change of a long redline: inlined tests, no helper calls.
    ho, hn = ao, bo
    if ao < ae and old[ao].isspace():
        ho = _SPACES.match(old, ao, ae).end()  # type: ignore[union-attr]
    if bo < be and new[bo].isspace():
        hn = _SPACES.match(new, bo, be).end()  # type: ignore[union-attr]
    pieces: list[Piece] = [("equal", old[ao:ho], new[bo:hn])] if ho > ao or hn > bo else []
    if ho == ae or hn == be:
        if ho < ae:
            pieces.append(("delete", old[ho:ae], ""))
        elif hn < be:
            pieces.append(("insert", "", new[hn:be]))
        return pieces
    a_tok = _token_runs(old, ho, ae)
    b_tok = _token_runs(new, hn, be)
    if len(a_tok) == 1 and len(b_tok) == 1:  # the commonest window: one word for another
        x, y = a_tok[0], b_tok[0]
        pieces.append(("equal" if x.rstrip() == y.rstrip() else "replace", x, y))
        return pieces
    # Tokens are compared as strings without their whitespace: reflowed text stays equal.
    a = list(map(str.rstrip, a_tok))
    b = list(map(str.rstrip, b_tok))

    def small(i: int, k: int) -> bool:
        return k <= 3 and _is_weak(a, i, k)

    blocks = drop_islands(matching_blocks(a, b), len(a), len(b), small)
    pieces += _to_pieces(blocks, a_tok, b_tok)
    return pieces


def _merged(pieces: list[Piece]) -> list[DiffOp]:
    """Ops from pieces, joining neighbours of the same kind (two changes become one)."""
    merged: list[tuple[str, str, str, tuple[DiffOp, ...]]] = []
    append = merged.append
    rest = iter(pieces)
    kind, old, new = next(rest)
    change = kind != "equal"
    for next_kind, next_old, next_new in rest:
        if (next_kind != "equal") is change:
            old += next_old
            new += next_new
            if change:
                kind = "replace" if old and new else ("delete" if old else "insert")
        else:
            append((kind, old, new, ()))
            kind, old, new = next_kind, next_old, next_new
            change = not change
    append((kind, old, new, ()))
    return list(map(_as_op, merged))


def _line_aligned(ops: list[DiffOp]) -> list[DiffOp]:
    """Slide an inserted or deleted run of whole lines back so that it starts a line.

    `ops` alternate between equal ops and changes, as `_merged` makes them.

    Trimming common ends can cut an added paragraph in the wrong place: "1. " equal, then
    "Providers ...\n1. " inserted. The same texts read better as "1. Providers ...\n" inserted
    before the unchanged "1. Member States ...".
    """
    if not ops:
        return ops
    last = len(ops) - 1
    # Ops alternate, so every other op is a change: only those are looked at.
    for k in range(1 if ops[0].op == "equal" else 2, last, 2):
        op = ops[k]
        # cheap tests first: this runs over every change of every redline
        kind = op.op
        text = op.new if kind == "insert" else (op.old if kind == "delete" else "")
        if "\n" not in text:
            continue
        prev, nxt = ops[k - 1], ops[k + 1]
        # the partial line before the change, the same on both sides
        cut_a, cut_b = prev.old.rfind("\n") + 1, prev.new.rfind("\n") + 1
        tail = prev.old[cut_a:]
        if not tail or tail != prev.new[cut_b:] or (min(cut_a, cut_b) == 0 and k > 1):
            continue  # no partial line, spaced differently, or not at a line start
        lines = text[: len(text) - len(tail)]
        if not (text.endswith(tail) and lines.endswith("\n")):
            continue
        moved = tail + lines
        ops[k - 1] = DiffOp("equal", prev.old[:cut_a], prev.new[:cut_b])
        ops[k] = DiffOp(op.op, "", moved) if op.op == "insert" else DiffOp(op.op, moved, "")
        ops[k + 1] = DiffOp("equal", tail + nxt.old, tail + nxt.new)
    # Ops alternate, so the neighbours of a change are equal; only a first equal op can have
    # slid away entirely.
    return ops[1:] if ops and not (ops[0].old or ops[0].new) else ops


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, cut back to whole tokens.

    Measured by rapidfuzz (C++), then moved back to just after a space or line break inside
    the common part, so tokens on both sides stay whole and the text before each cut is
    identical (tokenising depends on the preceding character).
    """
    head = Prefix.similarity(old, new)
    # Cut back to just after the last space or line break (str.rfind: C speed).
    head = max(old.rfind(" ", 0, head), old.rfind("\n", 0, head)) + 1
    common = min(Postfix.similarity(old, new), min(len(old), len(new)) - head)
    # The suffix starts right after the first space or line break inside the common suffix.
    start = len(old) - common
    space, line = old.find(" ", start), old.find("\n", start)
    first = line if space < 0 or 0 <= line < space else space
    return head, (len(old) - first - 1 if first >= 0 else 0)


def _is_weak(keys: list[str], start: int, length: int) -> bool:
    for key in keys[start : start + length]:
        word = key.lower()
        if _WORDLIKE.search(word) and word not in _WEAK_WORDS:
            return False
    return True


def _to_pieces(blocks: list[Match], a_tok: list[str], b_tok: list[str]) -> list[Piece]:
    pieces: list[Piece] = []
    ai = bj = 0
    for i, j, k in [*blocks, (len(a_tok), len(b_tok), 0)]:
        if i > ai or j > bj:
            old = "".join(a_tok[ai:i])
            new = "".join(b_tok[bj:j])
            pieces.append(("replace" if old and new else ("delete" if old else "insert"), old, new))
        if k:
            pieces.append(("equal", "".join(a_tok[i : i + k]), "".join(b_tok[j : j + k])))
        ai, bj = i + k, j + k
    return pieces


def _with_detail(op: DiffOp) -> DiffOp:
    """Character sub-ops for a one-word replacement ("Member" → "member", "7" → "8")."""
    if (
        op.op != "replace"
        or len(tokenize(op.old.strip())) != 1
        or len(tokenize(op.new.strip())) != 1
    ):
        return op
    a_chars, b_chars = list(op.old), list(op.new)
    detail = _to_pieces(matching_blocks(op.old, op.new), a_chars, b_chars)
    return DiffOp(op.op, op.old, op.new, tuple(DiffOp(*piece) for piece in detail))
