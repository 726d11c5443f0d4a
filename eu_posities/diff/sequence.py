"""Longest-common-subsequence diff of two token sequences: unique-token anchors, then Myers.

Items are any hashable values; the text layer passes token strings (compared at C speed).
Strategy, like git's patience diff: trim the common prefix and suffix; in a large region
anchor on tokens that occur exactly once on both sides (longest increasing run of such
anchors) and recurse between anchors; small regions, and regions without unique anchors,
get Myers' O(ND) algorithm, or a plain LCS table when one side is short.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

# Above this edit distance a region is reported as one replacement: such regions are
# rewrites, and a token-exact alignment of them is unreadable anyway.
MAX_MYERS_D = 400

TABLE_CELLS = 64  # regions up to this many cells use the plain table (less set-up than Myers)
SMALL_REGION = 120  # tokens (both sides together) below which Myers runs directly

Match = tuple[int, int, int]  # (start in a, start in b, length)


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Match]:
    """Return maximal runs of equal items, in order, as (i, j, length) triples."""
    out: list[Match] = []
    _diff(a, 0, len(a), b, 0, len(b), out)
    return _coalesce(out)


def _coalesce(blocks: list[Match]) -> list[Match]:
    merged: list[Match] = []
    for i, j, k in blocks:
        if k == 0:
            continue
        if merged:
            pi, pj, pk = merged[-1]
            if pi + pk == i and pj + pk == j:
                merged[-1] = (pi, pj, pk + k)
                continue
        merged.append((i, j, k))
    return merged


def _diff(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    out: list[Match],
) -> None:
    if ahi - alo == bhi - blo and a[alo:ahi] == b[blo:bhi]:  # common between anchors
        out.append((alo, blo, ahi - alo))
        return
    # Common prefix and suffix cost nothing to find and shrink the real problem.
    start = 0
    while alo + start < ahi and blo + start < bhi and a[alo + start] == b[blo + start]:
        start += 1
    if start:
        out.append((alo, blo, start))
        alo += start
        blo += start
    end = 0
    while ahi - end > alo and bhi - end > blo and a[ahi - end - 1] == b[bhi - end - 1]:
        end += 1
    ahi -= end
    bhi -= end
    if ahi - alo == 1 or bhi - blo == 1:
        _single(a, alo, ahi, b, blo, bhi, out)  # the commonest case: one word replaced
    elif alo < ahi and blo < bhi:
        # Small regions get the exact (minimal) Myers diff; big ones are cut at unique anchors
        # first, which keeps the cost near linear and ties the diff to distinctive words.
        small = (ahi - alo) + (bhi - blo) <= SMALL_REGION
        anchors = [] if small else _unique_anchors(a, alo, ahi, b, blo, bhi)
        if anchors:
            pa, pb = alo, blo
            for i, j in anchors:
                if pa < i and pb < j:  # a gap empty on one side holds no matches
                    _diff(a, pa, i, b, pb, j, out)
                out.append((i, j, 1))
                pa, pb = i + 1, j + 1
            if pa < ahi and pb < bhi:
                _diff(a, pa, ahi, b, pb, bhi, out)
        else:
            n, m = ahi - alo, bhi - blo
            # Myers costs about (n + m) * D with D >= |n - m|: lopsided regions (a paragraph
            # deleted next to a short change) are cheaper as a plain n * m table.
            if n * m <= max(TABLE_CELLS, (n + m) * abs(n - m)):
                _table(a, alo, ahi, b, blo, bhi, out)
            else:
                _myers(a, alo, ahi, b, blo, bhi, out)
    if end:
        out.append((ahi, bhi, end))


def _unique_anchors(
    a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Tokens unique in both regions, paired, then the longest order-preserving chain."""
    sa, sb = a[alo:ahi], b[blo:bhi]
    count_a, count_b = Counter(sa), Counter(sb)  # counted in C
    pos_a = dict(zip(sa, range(alo, ahi), strict=True))  # the last position; the only one if unique
    pos_b = dict(zip(sb, range(blo, bhi), strict=True))
    pairs = [(pos_a[t], pos_b[t]) for t, c in count_a.items() if c == 1 and count_b.get(t) == 1]
    if not pairs:
        return []
    pairs.sort()
    return longest_increasing(pairs)


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


def _single(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    out: list[Match],
) -> None:
    """One side is a single token: it matches its first occurrence on the other side, if any."""
    try:
        if ahi - alo == 1:
            out.append((alo, b.index(a[alo], blo, bhi), 1))
        else:
            out.append((a.index(b[blo], alo, ahi), blo, 1))
    except ValueError:
        pass


def _table(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    out: list[Match],
) -> None:
    """Textbook LCS table: exact, O(n * m), for regions where one side is short."""
    n, m = ahi - alo, bhi - blo
    rows = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        ai = a[alo + i]
        row, below = rows[i], rows[i + 1]
        for j in range(m - 1, -1, -1):
            if ai == b[blo + j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = below[j] if below[j] >= row[j + 1] else row[j + 1]
    i = j = 0
    while i < n and j < m:
        if a[alo + i] == b[blo + j]:
            out.append((alo + i, blo + j, 1))
            i += 1
            j += 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1


def _myers(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    out: list[Match],
) -> None:
    """Myers' greedy O(ND) forward search, keeping each round's frontier for the backtrack."""
    n = ahi - alo
    m = bhi - blo
    sa, sb = a[alo:ahi], b[blo:bhi]  # local copies: no offset arithmetic in the snake loop
    max_d = min(n + m, MAX_MYERS_D)
    offset = max_d + 1
    v = [0] * (2 * max_d + 3)
    trace: list[list[int]] = []
    found = -1
    for d in range(max_d + 1):
        trace.append(v[:])
        for kk in range(offset - d, offset + d + 1, 2):  # kk = offset + diagonal k
            if kk == offset - d or (kk != offset + d and v[kk - 1] < v[kk + 1]):
                x = v[kk + 1]
            else:
                x = v[kk - 1] + 1
            y = x - kk + offset
            while x < n and y < m and sa[x] == sb[y]:
                x += 1
                y += 1
            v[kk] = x
            if x >= n and y >= m:
                found = d
                break
        if found >= 0:
            break
    if found < 0:
        return  # too different: no common runs reported, the caller shows one replacement
    # Backtrack from (n, m) through the saved frontiers.
    snakes: list[Match] = []
    x, y = n, m
    for d in range(found, 0, -1):
        vd = trace[d]
        k = x - y
        down = k == -d or (k != d and vd[offset + k - 1] < vd[offset + k + 1])
        pk = k + 1 if down else k - 1
        px = vd[offset + pk]
        py = px - pk
        sx = px if pk == k + 1 else px + 1
        sy = sx - k
        if x > sx:
            snakes.append((alo + sx, blo + sy, x - sx))
        x, y = px, py
    if x > 0:
        snakes.append((alo, blo, x))
    snakes.reverse()
    out.extend(snakes)
