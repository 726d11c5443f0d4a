"""Out-of-order matches: a provision whose text reappears elsewhere is matched there.

The ordered pass (anchors, then a dynamic programme between them) cannot pair a provision
that moved against the flow of the others: it is left deleted, its new place added, or it is
paired with a weak in-order stand-in. This pass looks, across the whole stage, for where the
text of those provisions went, by shared runs of words (overlap.py): order is evidence there,
not a constraint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from eu_posities.alignment.overlap import shingle_dice
from eu_posities.alignment.similarity import Profile, similarity

MOVED_DICE = 0.35  # share of runs of words in common that says the text went there
MIN_SHARED = 6  # runs of words: a few shared phrases are boilerplate, not a moved provision
WEAK = 0.5  # an ordered pairing this weak gives way to a clearly better match elsewhere
MARGIN = 0.15  # how much better (in shared runs) the match elsewhere must be
COMMON = 12  # a run of words found in more provisions than this is formula, not evidence

Pairs = dict[int, tuple[int, float]]  # from index -> (to index, similarity)


def relocate(
    pairs: Pairs,
    fs: list[Profile],
    ts: list[Profile],
    grouped_f: Collection[int] = (),
    grouped_t: Collection[int] = (),
) -> set[int]:
    """Add out-of-order pairs to `pairs` (in place); returns the FROM indices paired here.

    Candidates are the provisions the ordered pass left unpaired or paired weakly; a weak
    pair is broken only for a match elsewhere that shares clearly more of its text. Members
    of split and merge groups (`grouped_f`, `grouped_t`) are settled already.
    """
    owner = {j: i for i, (j, _) in pairs.items()}
    open_f = [
        i for i in range(len(fs)) if i not in grouped_f and (i not in pairs or pairs[i][1] < WEAK)
    ]
    open_t = [
        j
        for j in range(len(ts))
        if j not in grouped_t and (j not in owner or pairs[owner[j]][1] < WEAK)
    ]
    if not open_f or not open_t:
        return set()
    # Postings of the runs of words that some open FROM provision has (set intersections
    # at C speed keep this cheap on long stages).
    wanted = frozenset().union(*(fs[i].shingles for i in open_f))
    index: dict[int, list[int]] = defaultdict(list)
    for j in open_t:
        for h in ts[j].shingles & wanted:
            index[h].append(j)
    candidates: list[tuple[float, int, int]] = []
    for i in open_f:
        shared: dict[int, int] = defaultdict(int)
        for h in fs[i].shingles:
            hits = index.get(h)
            if hits and len(hits) <= COMMON:
                for j in hits:
                    shared[j] += 1
        for j, n in shared.items():
            if n < MIN_SHARED or (i in pairs and pairs[i][0] == j):
                continue
            # two weakly paired ends would be a swap of weak guesses: left to the ordered pass
            if not (i in pairs and j in owner):
                dice = shingle_dice(fs[i].shingles, ts[j].shingles)
                if dice >= MOVED_DICE:
                    candidates.append((dice, i, j))
    placed: set[int] = set()
    settled_t: set[int] = set()
    for dice, i, j in sorted(candidates, reverse=True):
        if i in placed or j in settled_t:
            continue
        if not _still_better(dice, i, j, pairs, owner, fs, ts):
            continue
        if i in pairs:
            del owner[pairs[i][0]]
        if j in owner:
            del pairs[owner[j]]
        pairs[i] = (j, max(similarity(fs[i], ts[j]), dice))
        owner[j] = i
        placed.add(i)
        settled_t.add(j)
    return placed


def _still_better(
    dice: float,
    i: int,
    j: int,
    pairs: Pairs,
    owner: dict[int, int],
    fs: list[Profile],
    ts: list[Profile],
) -> bool:
    """Whether the match beats the weak pairs it would break, by MARGIN of shared runs."""
    if i in pairs:
        old_j = pairs[i][0]
        if dice < shingle_dice(fs[i].shingles, ts[old_j].shingles) + MARGIN:
            return False
    if j in owner:
        old_i = owner[j]
        if dice < shingle_dice(fs[old_i].shingles, ts[j].shingles) + MARGIN:
            return False
    return True
