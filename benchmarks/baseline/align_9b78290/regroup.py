"""Splits and merges: a provision whose text sits inside its neighbour's counterpart."""

from __future__ import annotations

from collections.abc import Callable

from .similarity import Profile, containment

CONTAINED = 0.7  # share of a part's words that must appear, in order, in the whole
WEAK = 0.5  # a pairing this weak gives way when its item is clearly part of a split/merge

Pairs = dict[int, tuple[int, float]]  # from index -> (to index, similarity)


def find_splits(pairs: Pairs, fs: list[Profile], ts: list[Profile]) -> list[tuple[int, int]]:
    """(from, to) rows of splits; weak pairs whose TO item joins a split leave `pairs`."""
    owner = {j: i for i, (j, _) in pairs.items()}
    weak = {j for i, (j, s) in pairs.items() if s < WEAK}
    rows = _grow(len(ts), owner, weak, lambda j, i: containment(ts[j], fs[i]))
    taken = {j for _, j in rows}
    for i in [i for i, (j, _) in pairs.items() if j in taken and (i, j) not in rows]:
        del pairs[i]
    return rows


def find_merges(pairs: Pairs, fs: list[Profile], ts: list[Profile]) -> list[tuple[int, int]]:
    """(from, to) rows of merges; weak pairs whose FROM item joins a merge are removed."""
    owner = {i: j for i, (j, _) in pairs.items()}
    weak = {i for i, (_, s) in pairs.items() if s < WEAK}
    rows = [(i, j) for j, i in _grow(len(fs), owner, weak, lambda i, j: containment(fs[i], ts[j]))]
    for i, j in rows:
        if i in pairs and pairs[i][0] != j:
            del pairs[i]
    return rows


def _grow(
    size: int, owner: dict[int, int], weak: set[int], fits: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    """Attach items to a neighbour's counterpart, both directions, parts of 3+ included.

    Works on one side: `owner` maps an item on this side to its counterpart on the other.
    Unpaired items, and weakly paired ones (`weak`), may join their neighbour's counterpart.
    Returns (counterpart, item) for every member of a group that gained a part, including
    the member that was paired already.
    """
    owner = dict(owner)
    grouped: set[int] = set()
    movable = [x for x in range(size) if x not in owner or x in weak]
    for order in (movable, movable[::-1]):
        for x in order:
            if x in grouped:
                continue
            best: tuple[float, int] | None = None
            for nb in _neighbours(x, size, owner):
                c = owner.get(nb)
                if c is None or nb in weak and nb not in grouped or c == owner.get(x):
                    continue
                share = fits(x, c)
                if (
                    share >= CONTAINED
                    and (best is None or share > best[0])
                    and (nb in grouped or fits(nb, c) >= CONTAINED)
                ):
                    best = (share, nb)
            if best is not None:
                nb = best[1]
                owner[x] = owner[nb]
                grouped.update((x, nb))
    return sorted((owner[x], x) for x in grouped)


def _neighbours(x: int, size: int, owner: dict[int, int]) -> list[int]:
    """The nearest paired item on each side, looking past one unpaired (inserted) item."""
    out = []
    for step in (-1, 1):
        for dist in (1, 2):
            nb = x + step * dist
            if 0 <= nb < size and nb in owner:
                out.append(nb)
                break
    return out
