"""Split a long diff problem at a long common run, found with C-speed string search.

After the "half match" of diff-match-patch: if a long run of text seeded at the same place
occurs on both sides, that run is surely unchanged, and the two sides of it can be
diffed separately. Searching raw strings with `str.find` costs far less than tokenising and
aligning the run word by word.
"""

from __future__ import annotations

import re

MIN_RUN = 24  # characters: shorter common runs are not worth a split
SEED_PARTS = 8  # seeds are the 2nd, 4th, 6th and 8th eighths of the longer text
MIN_SURE_RUN = 64  # characters: a common run this long, found where seeded, is unchanged
_SPACE = re.compile(r"\s")


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slice comparisons."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str) -> int:
    """Length of the common suffix, by bisection on slice comparisons."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def half_match(old: str, new: str) -> tuple[int, int, int, int] | None:
    """A common run covering at least a quarter of the longer text, cut to whole words.

    (diff-match-patch asks for half; a quarter of a text of hundreds of characters, found at
    the same place on both sides, is just as surely unchanged, and splits more problems.)

    Returns (old_start, old_end, new_start, new_end) of the run, where each start and end
    lies just after a whitespace character inside the run (so both sides are cut at the same
    token boundary), or None.
    """
    swap = len(old) < len(new)
    long_, short = (new, old) if swap else (old, new)
    if len(long_) < 4 or len(short) * 2 < len(long_):
        return None
    size = len(long_) // SEED_PARTS
    seeds = (_seeded(long_, short, k * size, size) for k in range(1, SEED_PARTS, 2))
    best = max(seeds, key=lambda m: m[2] if m else -1)
    if best is None or best[2] * SEED_PARTS < len(long_) or best[2] < MIN_SURE_RUN:
        return None
    li, si, length = best
    # Cut to just after whitespace at both ends, staying inside the common run.
    first = _SPACE.search(long_, li, li + length)
    if first is None:
        return None
    start = first.end()
    end = li + length
    while end > start and not long_[end - 1].isspace():
        end -= 1
    if end - start < MIN_RUN:
        return None
    shift = si - li
    if swap:
        return start + shift, end + shift, start, end
    return start, end, start + shift, end + shift


def _seeded(long_: str, short: str, i: int, size: int) -> tuple[int, int, int] | None:
    """Longest common run through `long_[i:i + size]`: (start in long, in short, length)."""
    seed = long_[i : i + size]
    best: tuple[int, int, int] | None = None
    j = short.find(seed)
    while j != -1:
        after = common_prefix(long_[i:], short[j:])
        before = common_suffix(long_[:i], short[:j])
        if best is None or before + after > best[2]:
            best = (i - before, j - before, before + after)
        j = short.find(seed, j + 1)
    return best
