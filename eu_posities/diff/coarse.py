"""Coarse first pass of the word diff (unchanged lines) and the island clean-up it shares.

Cutting a text at its line breaks (parts.py) is much faster than the redline tokenizer, keeps
every character and says where each line starts: unchanged lines need no tokens at all. Long
windows between them are aligned on whole words (words.py).
"""

from __future__ import annotations

from collections.abc import Callable

from eu_posities.diff.parts import parts
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


def line_anchors(
    old: str, new: str, ao: int = 0, ae: int | None = None, bo: int = 0, be: int | None = None
) -> list[Span]:
    """Unchanged lines (paragraphs) of old[ao:ae] and new[bo:be], as spans in the whole texts;
    a blank line between two changes is no anchor."""
    ae = len(old) if ae is None else ae
    be = len(new) if be is None else be
    a, b, a_at, b_at = parts(old, ao, ae, new, bo, be, True)

    def blank(i: int, k: int) -> bool:
        return not old[a_at[i] : a_at[i + k]].strip()

    blocks = drop_islands(matching_blocks(a, b), len(a), len(b), blank, semantic=False)
    # each span with the line break after it (none after the last line)
    spans = [(a_at[i], min(a_at[i + k], ae), b_at[j], min(b_at[j + k], be)) for i, j, k in blocks]
    return [s for s in spans if s[0] < s[1] and s[2] < s[3]]  # empty parts at the very end
