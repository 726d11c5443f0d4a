"""Coarse first pass of the word diff (unchanged lines) and the island clean-up it shares.

`str.split("\\n")` cuts a text much faster than the redline tokenizer and keeps every character
(the parts joined by the separator give the text back), so character offsets follow from part
lengths: unchanged lines need no tokens at all. Long windows between them are aligned on whole
words (words.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from eu_posities.diff.sequence import Match, matching_blocks

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
            # conditional expressions rather than max(): this runs for every small change
            before = i - pi if i - pi > j - pj else j - pj
            ni, nj = (blocks[idx + 1][0], blocks[idx + 1][1]) if idx < last else (n, m)
            after = ni - i - k if ni - i > nj - j else nj - j - k
            if before and after and ((semantic and k <= before and k <= after) or small(i, k)):
                changed = True
                continue
            kept.append((i, j, k))
            pi, pj = i + k, j + k
        blocks = kept
    return blocks


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
    if not blocks:
        return []
    # offset of part i = lengths of the parts before it plus one separator after each
    a_at = list(accumulate(map(len, a), initial=0))
    b_at = list(accumulate(map(len, b), initial=0))
    spans = [
        (a_at[i] + i, min(a_at[i + k] + i + k, n), b_at[j] + j, min(b_at[j + k] + j + k, m))
        for i, j, k in blocks
    ]
    return [s for s in spans if s[0] < s[1] and s[2] < s[3]]  # empty parts at the very end
