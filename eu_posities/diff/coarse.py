"""Coarse first passes of the word diff: unchanged lines, then long runs of unchanged words.

`str.split("\\n")` and `str.split(" ")` cut a text several times faster than the redline
tokenizer, and keep every character (the parts joined by the separator give the text back), so
character offsets follow from part lengths. Runs of parts that are equal on both sides and long
enough to survive the redline clean-up are certainly unchanged: only the windows between them
need real tokens.
"""

from __future__ import annotations

from collections.abc import Callable

from eu_posities.diff.sequence import Match, matching_blocks

MIN_ANCHOR = 4  # parts: a shorter equal run is left to the token diff to keep or drop

Span = tuple[int, int, int, int]  # (old start, old end, new start, new end) in characters


def drop_islands(
    blocks: list[Match],
    n: int,
    m: int,
    small: Callable[[int, int], bool],
    semantic: bool = True,
) -> list[Match]:
    """Drop equal islands that only split one change into two, until nothing changes.

    An island between two changes goes when `small(i, k)` says so, or (if `semantic`) when it
    is no longer than the changes on both sides of it (the diff-match-patch semantic rule,
    counted in items).
    """
    changed = True
    while changed and blocks:
        changed = False
        kept: list[Match] = []
        last = len(blocks) - 1
        pi = pj = 0  # end of the previous kept block
        for idx, (i, j, k) in enumerate(blocks):
            before = max(i - pi, j - pj)
            ni, nj = (blocks[idx + 1][0], blocks[idx + 1][1]) if idx < last else (n, m)
            after = max(ni - i - k, nj - j - k)
            if before and after and ((semantic and k <= before and k <= after) or small(i, k)):
                changed = True
                continue
            kept.append((i, j, k))
            pi, pj = i + k, j + k
        blocks = kept
    return blocks


def word_anchors(old: str, new: str) -> list[Span]:
    """Unchanged runs of at least MIN_ANCHOR space-separated words that the clean-up keeps."""
    a = old.split(" ")
    b = new.split(" ")
    blocks = drop_islands(matching_blocks(a, b), len(a), len(b), lambda i, k: k < MIN_ANCHOR)
    return _spans(blocks, a, b, len(old), len(new))


def line_anchors(old: str, new: str) -> list[Span]:
    """Unchanged lines (paragraphs); a blank line between two changes is no anchor."""
    a = old.split("\n")
    b = new.split("\n")

    def blank(i: int, k: int) -> bool:
        return not "".join(a[i : i + k]).strip()

    blocks = drop_islands(matching_blocks(a, b), len(a), len(b), blank, semantic=False)
    return _spans(blocks, a, b, len(old), len(new))


def _spans(blocks: list[Match], a: list[str], b: list[str], n: int, m: int) -> list[Span]:
    """Character spans of matched parts, each with the one-character separator after it.

    So the text between two spans starts right after a separator on both sides.
    """
    spans: list[Span] = []
    ai = bj = 0  # part index reached
    ao = bo = 0  # its character offset
    for i, j, k in blocks:
        # offset of part i = lengths of the parts before it plus one separator after each
        ao += sum(map(len, a[ai:i])) + (i - ai)
        bo += sum(map(len, b[bj:j])) + (j - bj)
        ae = ao + sum(map(len, a[i : i + k])) + k
        be = bo + sum(map(len, b[j : j + k])) + k
        spans.append((ao, min(ae, n), bo, min(be, m)))
        ai, bj, ao, bo = i + k, j + k, ae, be
    return spans
