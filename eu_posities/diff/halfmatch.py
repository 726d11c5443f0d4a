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


def common_prefix(a: str, b: str, i: int = 0, j: int = 0) -> int:
    """Length of the common prefix of a[i:] and b[j:].

    Galloping (32, 64, 128, ... characters) then bisection, on slice comparisons: C-speed
    compares, and few of them when the texts part early.
    """
    limit = min(len(a) - i, len(b) - j)
    lo, step = 0, 32
    while lo < limit:
        hi = min(lo + step, limit)
        if a[i + lo : i + hi] != b[j + lo : j + hi]:
            break
        lo, step = hi, step * 2
    else:
        return limit
    # lo matches, lo + step (or limit) does not: bisect in between
    hi = min(lo + step, limit) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i + lo : i + mid] == b[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, i: int | None = None, j: int | None = None) -> int:
    """Length of the common suffix of a[:i] and b[:j] (galloping, then bisection)."""
    ea = len(a) if i is None else i
    eb = len(b) if j is None else j
    limit = min(ea, eb)
    lo, step = 0, 32
    while lo < limit:
        hi = min(lo + step, limit)
        if a[ea - hi : ea - lo] != b[eb - hi : eb - lo]:
            break
        lo, step = hi, step * 2
    else:
        return limit
    hi = min(lo + step, limit) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[ea - mid : ea - lo] == b[eb - mid : eb - lo]:
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
        after = common_prefix(long_, short, i, j)
        before = common_suffix(long_, short, i, j)
        if best is None or before + after > best[2]:
            best = (i - before, j - before, before + after)
        j = short.find(seed, j + 1)
    return best
