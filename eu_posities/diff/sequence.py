"""Longest common subsequence of two sequences (rapidfuzz, in C++), and longest increasing chains.

`matching_blocks` hands the whole problem to `rapidfuzz.distance.Indel`, a bit-parallel exact
LCS over any hashable items (tokens, line keys, characters): far faster than a diff written in
Python, and minimal, so a redline never shows more change than there is.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence

from rapidfuzz.distance import Indel

Match = tuple[int, int, int]  # (start in a, start in b, length)


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Match]:
    """Return maximal runs of equal items, in order, as (i, j, length) triples.

    Items are compared by hash (rapidfuzz hashes non-string items), so equal items must hash
    equal; strings are compared as sequences of characters.
    """
    blocks = Indel.opcodes(a, b).as_matching_blocks()
    # indexing a MatchingBlock is cheaper than reading its attributes
    return [(m[0], m[1], m[2]) for m in blocks if m[2]]


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (pairs sorted by first)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1]
    while k >= 0:
        chain.append(pairs[k])
        k = prev[k]
    chain.reverse()
    return chain
