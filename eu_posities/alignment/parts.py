"""Paragraph-level alignment inside an aligned pair: which paragraph or point became which.

The provisions' paragraphs and points (units.py) are paired like provisions are: identical
texts that are unique on both sides anchor the alignment; between anchors an order-keeping
dynamic programme pairs the most alike units; what is still unpaired is then paired across
the whole provision when the text is clearly the same (a reordered paragraph or point:
`moved`). Numbers are not part of the text compared, so "1." that became "2." and an
inserted "1a." come out right; an equal number only tips the balance between rewritten units.
The result drives side-by-side views: rows in the order of the new text, a deleted unit right
after what its predecessor became.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz.distance import LCSseq

from eu_posities.alignment.match import Match, PartMatch, ProvisionLike
from eu_posities.alignment.similarity import fold
from eu_posities.alignment.units import Unit, units
from eu_posities.diff.sequence import longest_increasing
from eu_posities.kinds import AlignStatus

THRESHOLD = 0.4  # word-sequence Dice below which two units are not the same unit
SAME_NUMBER = 0.1  # an equal number ("(a)" and "(a)") makes a pair a little more likely
SANDWICHED = 0.2  # one unit each side between two pairs: most likely the same, rewritten
MOVED = 0.6  # out of order, a unit must be this alike to count as the same, moved
MOVED_MIN_WORDS = 4  # shorter units ("(a) the Centre;") pair out of order only if identical
WEAK = 0.5  # an ordered pairing this weak gives way to a far better match out of order
MARGIN = 0.2
FULL_DP_CELLS = 2500
BAND = 25


@dataclass(frozen=True, slots=True)
class _Side:
    """The units of one side of a pair (one provision, or a split's or merge's parts)."""

    units: list[Unit]
    owners: list[str]  # label of the provision each unit belongs to
    words: list[list[str]]
    keys: list[str]


def _side(provs: Sequence[ProvisionLike]) -> _Side:
    us: list[Unit] = []
    owners: list[str] = []
    words: list[list[str]] = []
    for p in provs:
        mine = units(p)
        us.extend(mine)
        owners.extend([p.label] * len(mine))
        # one pass over the whole text; a unit's words are its line's words after the number
        lines = [line.split() for line in fold(p.text).split("\n")]
        for u in mine:
            words.append(lines[u.line][_number_words(u.num) :])
    return _Side(us, owners, words, [" ".join(w) for w in words])


@cache
def _number_words(num: str) -> int:
    """How many of a line's words its number is ("1." one, "(a)" one, "–" none)."""
    return len(fold(num).split())


def part_alignment(old: ProvisionLike, new: ProvisionLike) -> tuple[PartMatch, ...]:
    """The paragraph-level alignment of one pair, in the new text's order."""
    return tuple(pm for _, _, pm in group_parts([old], [new]))


def group_parts(
    old: Sequence[ProvisionLike], new: Sequence[ProvisionLike]
) -> list[tuple[str | None, str | None, PartMatch]]:
    """(FROM label, TO label, part) for the units of a group of provisions (a pair, a split
    or a merge), in the new text's order; unit indices count within each provision."""
    a, b = _side(old), _side(new)
    pairs = _pair_units(a, b)
    in_order = set(longest_increasing(sorted(pairs.items()))) if pairs else set()
    source = {j: i for i, j in pairs.items()}
    out: list[tuple[int | None, int | None]] = [(source.get(j), j) for j in range(len(b.units))]
    out = _with_deletions(out, [i for i in range(len(a.units)) if i not in pairs], pairs)
    rows = []
    for i, j in out:
        ua = a.units[i] if i is not None else None
        ub = b.units[j] if j is not None else None
        if ua is not None and ub is not None:
            assert i is not None and j is not None
            same = a.keys[i] == b.keys[j] and " ".join(ua.text.split()) == " ".join(ub.text.split())
            status = AlignStatus.UNCHANGED if same else AlignStatus.MODIFIED
            score = 1.0 if same else min(_dice(a.words[i], b.words[j]), 0.99)
            moved = (i, j) not in in_order
        else:
            status = AlignStatus.DELETED if ub is None else AlignStatus.ADDED
            score, moved = 0.0, False
        rows.append(
            (
                a.owners[i] if i is not None else None,
                b.owners[j] if j is not None else None,
                PartMatch(
                    ua.index if ua else None,
                    ub.index if ub else None,
                    ua.num if ua else None,
                    ub.num if ub else None,
                    status,
                    round(score, 4),
                    moved,
                ),
            )
        )
    return rows


def _pair_units(a: _Side, b: _Side) -> dict[int, int]:
    """FROM unit index -> TO unit index."""
    if a.keys == b.keys:  # the commonest case by far: the same units, maybe renumbered
        return dict(zip(range(len(a.keys)), range(len(b.keys)), strict=True))
    # 1. anchors: identical text, unique on both sides; those out of the longest ordered
    # chain moved (identical text is the same unit wherever it went)
    ca, cb = Counter(a.keys), Counter(b.keys)
    at_b = {k: j for j, k in enumerate(b.keys) if cb[k] == 1 and k}
    anchors = [(i, at_b[k]) for i, k in enumerate(a.keys) if ca[k] == 1 and k in at_b]
    chain = longest_increasing(anchors) if anchors else []
    pairs: dict[int, tuple[int, float]] = {i: (j, 1.0) for i, j in anchors}
    # 2. between anchors, the order-keeping pairing that maximises summed similarity
    taken = {j for j, _ in pairs.values()}
    bounds = [(-1, -1), *chain, (len(a.units), len(b.units))]
    for (pi, pj), (ni, nj) in zip(bounds, bounds[1:], strict=False):
        gap_a = [i for i in range(pi + 1, ni) if i not in pairs]
        gap_b = [j for j in range(pj + 1, nj) if j not in taken]
        for i, j, score in _gap(gap_a, gap_b, a, b):
            pairs[i] = (j, score)
    # 3. across the provision: units so alike that they must have moved, in place of what
    # was left unpaired or paired only weakly in order
    _relocate(pairs, a, b)
    return {i: j for i, (j, _) in pairs.items()}


def _relocate(pairs: dict[int, tuple[int, float]], a: _Side, b: _Side) -> None:
    owner = {j: i for i, (j, _) in pairs.items()}
    open_a = [i for i in range(len(a.units)) if i not in pairs or pairs[i][1] < WEAK]
    open_b = [j for j in range(len(b.units)) if j not in owner or pairs[owner[j]][1] < WEAK]
    found = []
    for i in open_a:
        for j in open_b:
            if i in pairs and pairs[i][0] == j:
                continue
            if min(len(a.words[i]), len(b.words[j])) < MOVED_MIN_WORDS and a.keys[i] != b.keys[j]:
                continue
            s = _dice(a.words[i], b.words[j], MOVED)
            if s >= MOVED:
                found.append((s, i, j))
    for s, i, j in sorted(found, reverse=True):
        mine = pairs[i][1] if i in pairs else 0.0
        theirs = pairs[owner[j]][1] if j in owner else 0.0
        if s < max(mine, theirs) + MARGIN:
            continue
        if i in pairs:
            del owner[pairs[i][0]]
        if j in owner:
            del pairs[owner[j]]
        pairs[i] = (j, s)
        owner[j] = i


def _gap(gap_a: list[int], gap_b: list[int], a: _Side, b: _Side) -> list[tuple[int, int, float]]:
    n, m = len(gap_a), len(gap_b)
    if not n or not m:
        return []
    threshold = SANDWICHED if n == m == 1 else THRESHOLD
    band = None if n * m <= FULL_DP_CELLS else max(BAND, abs(n - m) + 5)
    score: dict[tuple[int, int], float] = {}
    for x in range(n):
        lo, hi = 0, m
        if band is not None:
            centre = x * m / n
            lo, hi = max(0, int(centre - band)), min(m, int(centre + band) + 1)
        i = gap_a[x]
        for y in range(lo, hi):
            j = gap_b[y]
            bonus = SAME_NUMBER if a.units[i].num and a.units[i].num == b.units[j].num else 0.0
            if a.units[i].level != b.units[j].level:
                bonus -= SAME_NUMBER  # a paragraph seldom becomes a point
            s = _dice(a.words[i], b.words[j], threshold - bonus) + bonus
            if s >= threshold:
                score[x, y] = s
    if not score:
        return []
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(1, n + 1):
        row, prev = dp[x], dp[x - 1]
        for y in range(1, m + 1):
            best = prev[y] if prev[y] >= row[y - 1] else row[y - 1]
            cell = score.get((x - 1, y - 1))
            if cell is not None and prev[y - 1] + cell > best:
                best = prev[y - 1] + cell
            row[y] = best
    out = []
    x, y = n, m
    while x and y:
        cell = score.get((x - 1, y - 1))
        if cell is not None and dp[x][y] == dp[x - 1][y - 1] + cell:
            out.append((gap_a[x - 1], gap_b[y - 1], cell))
            x, y = x - 1, y - 1
        elif dp[x][y] == dp[x - 1][y]:
            x -= 1
        else:
            y -= 1
    out.reverse()
    return out


def _dice(x: list[str], y: list[str], floor: float = 0.0) -> float:
    """Dice coefficient of the longest common word subsequence (1.0 = same words)."""
    total = len(x) + len(y)
    if not total:
        return 1.0
    if 2 * min(len(x), len(y)) / total < floor:
        return 0.0  # even the shorter one whole in the other would not reach the floor
    return 2 * LCSseq.similarity(x, y) / total


def _with_deletions(
    rows: list[tuple[int | None, int | None]], deleted: list[int], pairs: dict[int, int]
) -> list[tuple[int | None, int | None]]:
    """Deleted units go right after the row of the nearest paired unit before them."""
    if not deleted:
        return rows
    at: dict[int, int] = {}  # TO index -> position in rows
    for k, (_, j) in enumerate(rows):
        if j is not None:
            at[j] = k
    after: dict[int, list[int]] = {}
    for i in deleted:
        prev = max((p for p in pairs if p < i), default=None)
        key = at[pairs[prev]] if prev is not None else -1
        after.setdefault(key, []).append(i)
    out: list[tuple[int | None, int | None]] = [(i, None) for i in after.get(-1, [])]
    for k, row in enumerate(rows):
        out.append(row)
        out.extend((i, None) for i in after.get(k, []))
    return out


def with_parts(
    matches: Sequence[Match],
    from_provs: Sequence[ProvisionLike],
    to_provs: Sequence[ProvisionLike],
) -> list[Match]:
    """The same rows, each with its paragraph-level alignment in `parts`.

    A split or merge is aligned as one group (the source's units against all the parts'
    units), then each row keeps the units of its own two provisions.
    """
    old = {p.label: p for p in from_provs}
    new = {p.label: p for p in to_provs}
    groups: dict[tuple[str, str], list[Match]] = {}
    for m in matches:
        key = _group_key(m)
        if key is not None:
            groups.setdefault(key, []).append(m)
    done: dict[tuple[str | None, str | None], tuple[PartMatch, ...]] = {}
    for rows in groups.values():
        done.update(_group_rows(rows, old, new))
    out = []
    for m in matches:
        parts = done.get((m.from_label, m.to_label))
        if parts is None:
            f = old.get(m.from_label) if m.from_label else None
            t = new.get(m.to_label) if m.to_label else None
            parts = tuple(pm for _, _, pm in group_parts([f] if f else [], [t] if t else []))
        out.append(replace(m, parts=parts))
    return out


def _group_key(m: Match) -> tuple[str, str] | None:
    if m.status == AlignStatus.SPLIT and m.from_label and m.to_label:
        return ("from", m.from_label)
    if m.status == AlignStatus.MERGED and m.from_label and m.to_label:
        return ("to", m.to_label)
    return None


def _group_rows(
    rows: list[Match], old: dict[str, ProvisionLike], new: dict[str, ProvisionLike]
) -> dict[tuple[str | None, str | None], tuple[PartMatch, ...]]:
    from_labels = list(dict.fromkeys(m.from_label for m in rows if m.from_label in old))
    to_labels = list(dict.fromkeys(m.to_label for m in rows if m.to_label in new))
    keys = [(m.from_label, m.to_label) for m in rows]
    got: dict[tuple[str | None, str | None], list[PartMatch]] = {k: [] for k in keys}
    last: tuple[str | None, str | None] = keys[0]
    for fl, tl, pm in group_parts(
        [old[x] for x in from_labels if x], [new[x] for x in to_labels if x]
    ):
        if (fl, tl) in got:
            key = (fl, tl)
        elif fl is not None:  # a deleted unit: the row its source last went to
            key = last if last[0] == fl else next(k for k in keys if k[0] == fl)
        else:  # an added unit: the row of its provision that came last
            key = last if last[1] == tl else next(k for k in keys if k[1] == tl)
        got[key].append(pm)
        last = key
    return {k: tuple(v) for k, v in got.items()}
