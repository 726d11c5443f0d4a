"""Word-level redline of two texts: immutable ops, cleaned up to read like a lawyer's redline.

Most amendments touch a few words of a long provision, so the expensive part (tokenising and
aligning tokens) only runs where text changed: common ends are cut off first (rapidfuzz
Prefix/Postfix, C++), then unchanged lines, then long unchanged runs of words (coarse.py, on
`str.split`); what is left, small windows, gets the token diff (tokens.py, an exact LCS by
rapidfuzz) and the readability clean-up. Work is done on plain strings and tuples; DiffOps are
built once at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from rapidfuzz.distance import Postfix, Prefix

from eu_posities.diff.coarse import Span, drop_islands, line_anchors, word_anchors
from eu_posities.diff.sequence import Match, matching_blocks
from eu_posities.diff.tokens import tokenize, tokens_from

OP_KINDS = ("equal", "insert", "delete", "replace")

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
COARSE_CHARS = 400  # from this size (both sides) unchanged runs of words are found first


class DiffOp(NamedTuple):
    """One redline operation. `insert` has old == "", `delete` has new == "".

    Immutable; a named tuple because it is several times cheaper to create than a frozen
    dataclass, and a long redline has thousands of ops.

    `detail` is only filled by `word_diff(..., char_detail=True)` on a `replace` of a single
    word: character-level sub-ops inside that word (same rules: equal/insert/delete/replace).
    """

    op: str
    old: str
    new: str
    detail: tuple[DiffOp, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The contract's `{"op", "old", "new"}` shape (plus `detail` when present)."""
        data: dict[str, object] = {"op": self.op, "old": self.old, "new": self.new}
        if self.detail:
            data["detail"] = [d.to_json() for d in self.detail]
        return data


def word_diff(old: str, new: str, *, char_detail: bool = False) -> list[DiffOp]:
    """Diff two texts word by word.

    Joining `.old` of all non-insert ops gives `old` exactly, joining `.new` of all non-delete
    ops gives `new` exactly. Whitespace differences alone do not count as changes (an `equal`
    op may then carry differently spaced `old` and `new`). Ops alternate between `equal` and a
    change, so no two neighbours share a kind.
    """
    if old == new:
        return [DiffOp("equal", old, new)] if old else []
    ops = _merged(_pieces(old, new))
    if char_detail:
        ops = [_with_detail(op) for op in ops]
    return ops


Piece = tuple[str, str, str]  # (op, old, new): built as plain tuples, DiffOps only at the end


def _pieces(old: str, new: str) -> list[Piece]:
    """The redline as pieces; neighbours may share a kind (`_merged` joins them)."""
    return _trimmed(old, new, _by_lines)


def _trimmed(old: str, new: str, inner: Callable[[str, str], list[Piece]]) -> list[Piece]:
    """Common ends as equal pieces, found at C speed; `inner` diffs the middle.

    Most amendments touch a small part of a provision, or of a paragraph.
    """
    if not old or not new:
        if not old and not new:
            return []
        return [("insert", "", new) if new else ("delete", old, "")]
    head, tail = _common_ends(old, new)
    # Whitespace right after the common prefix joins the prefix (equal, spacing aside).
    ea, eb = len(old) - tail, len(new) - tail
    ho = _skip_space(old, head, ea)
    hn = _skip_space(new, head, eb)
    pieces: list[Piece] = [("equal", old[:ho], new[:hn])] if ho or hn else []
    if ho or hn or tail:
        pieces += inner(old[ho:ea], new[hn:eb])
    else:
        pieces += inner(old, new)
    if tail:
        pieces.append(("equal", old[ea:], new[eb:]))
    return pieces


def _by_lines(old: str, new: str) -> list[Piece]:
    """Diff changed lines (paragraphs) only, each with its own common ends trimmed."""
    if len(old) + len(new) < COARSE_CHARS:
        return _tokens(old, new)
    if "\n" in old and "\n" in new:
        return _between(old, new, line_anchors, _trimmed_by_words)
    return _by_words(old, new)


def _trimmed_by_words(old: str, new: str) -> list[Piece]:
    return _trimmed(old, new, _by_words)


def _by_words(old: str, new: str) -> list[Piece]:
    """Tokenise only the windows between long unchanged runs of words."""
    if len(old) + len(new) < COARSE_CHARS:
        return _tokens(old, new)
    return _between(old, new, word_anchors, _tokens)


def _between(
    old: str,
    new: str,
    find: Callable[[str, str], list[Span]],
    inner: Callable[[str, str], list[Piece]],
) -> list[Piece]:
    """Spans that `find` calls unchanged become equal pieces; `inner` diffs the rest."""
    pieces: list[Piece] = []
    pa = pb = 0
    for sa, xa, sb, xb in find(old, new):
        pieces += inner(old[pa:sa], new[pb:sb])
        pieces.append(("equal", old[sa:xa], new[sb:xb]))
        pa, pb = xa, xb
    pieces += inner(old[pa:], new[pb:])
    return pieces


def _tokens(old: str, new: str) -> list[Piece]:
    """The token diff of two texts, cleaned up for reading.

    Texts here follow the common prefix or an unchanged run: whitespace at their start is
    spacing next to unchanged text, so it is equal (spacing aside), never a change.
    """
    ho = _skip_space(old, 0, len(old))
    hn = _skip_space(new, 0, len(new))
    pieces: list[Piece] = [("equal", old[:ho], new[:hn])] if ho or hn else []
    if ho == len(old) or hn == len(new):
        if ho < len(old):
            pieces.append(("delete", old[ho:], ""))
        elif hn < len(new):
            pieces.append(("insert", "", new[hn:]))
        return pieces
    a_tok = tokens_from(old, ho)
    b_tok = tokens_from(new, hn)
    # Tokens are compared as strings without their whitespace: reflowed text stays equal.
    a = list(map(str.rstrip, a_tok))
    b = list(map(str.rstrip, b_tok))
    if len(a) == 1 and len(b) == 1:  # the commonest window: one word for another
        pieces.append(("equal" if a[0] == b[0] else "replace", a_tok[0], b_tok[0]))
        return pieces

    def small(i: int, k: int) -> bool:
        return k <= 3 and _is_weak(a, i, k)

    blocks = drop_islands(matching_blocks(a, b), len(a), len(b), small)
    return pieces + _to_pieces(blocks, a_tok, b_tok)


def _merged(pieces: list[Piece]) -> list[DiffOp]:
    """Ops from pieces, joining neighbours of the same kind (two changes become one)."""
    ops: list[DiffOp] = []
    kind, old, new = pieces[0]
    for next_kind, next_old, next_new in pieces[1:]:
        if (next_kind == "equal") == (kind == "equal"):
            old += next_old
            new += next_new
            if kind != "equal":
                kind = "replace" if old and new else ("delete" if old else "insert")
        else:
            ops.append(DiffOp(kind, old, new))
            kind, old, new = next_kind, next_old, next_new
    ops.append(DiffOp(kind, old, new))
    return ops


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
    breaks = [p for p in (old.find(" ", start), old.find("\n", start)) if p >= 0]
    tail = len(old) - min(breaks) - 1 if breaks else 0
    return head, tail


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


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
