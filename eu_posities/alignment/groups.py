"""Splits and merges beyond the obvious: parts far away, and parts that were rewritten.

regroup.py finds a part next to its group whose words sit, in order, inside the whole. Two
kinds of parts escape it, and this module finds them for what the first passes left unpaired:
- a part anywhere in the stage most of whose runs of words occur in one provision already
  paired elsewhere (an article moved into another chapter's article);
- a rewritten part next to its group, when the words say it belongs there: one of the whole's
  paragraphs lives on in the part rather than in the group's other member, or the part's
  heading names what the whole now covers ("Common specifications" merged into the article
  that now lays them down), and the two share their rarer vocabulary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from eu_posities.alignment.overlap import Vector, Vocabulary, cosine
from eu_posities.alignment.regroup import CONTAINED
from eu_posities.alignment.similarity import Profile, containment, words_of

FAR_CONTAINED = 0.6  # share of a part's runs of words found in the whole: the part is there
MIN_SHINGLES = 12  # a part this short (formulas: "Having regard to ...") is not recognisable
VOCABULARY = 0.3  # tf-idf cosine a rewritten neighbour must share with its whole
LINE_DICE = 0.5  # a paragraph this alike in the part (word order kept) lives on there
LINE_WORDS = 15  # paragraphs shorter than this are formulas, not evidence
HEADING_HITS = 2  # times a part's heading must occur in the whole, more than in the rest
COMMON = 12

Pairs = dict[int, tuple[int, float]]


@dataclass
class Groups:
    """What the passes so far decided, one side's view: pairs, split and merge rows."""

    pairs: Pairs
    splits: list[tuple[int, int]]
    merges: list[tuple[int, int]]

    def matched_from(self) -> set[int]:
        return set(self.pairs) | {i for i, _ in self.splits} | {i for i, _ in self.merges}

    def matched_to(self) -> set[int]:
        return (
            {j for j, _ in self.pairs.values()}
            | {j for _, j in self.splits}
            | {j for _, j in self.merges}
        )


def regroup_further(groups: Groups, fs: list[Profile], ts: list[Profile]) -> None:
    """Attach unpaired provisions to split and merge groups (in place)."""
    free_t = [j for j in range(len(ts)) if j not in groups.matched_to()]
    free_f = [i for i in range(len(fs)) if i not in groups.matched_from()]
    if not free_t and not free_f:
        return
    vectors = _Vectors(fs, ts)
    if free_t:
        index = _Index(fs, groups.matched_from(), [ts[j] for j in free_t])
        sources, targets = _sources(groups), _targets(groups)
        for part in free_t:
            whole = index.whole_of(ts[part], ts, targets)
            if whole is None:
                whole = _near_whole(part, ts, fs, sources, vectors)
            if whole is not None:
                _add_split(groups, whole, part)
                sources, targets = _sources(groups), _targets(groups)
    if free_f:
        index = _Index(ts, groups.matched_to(), [fs[i] for i in free_f])
        sources, targets = _sources(groups), _targets(groups)
        for part in free_f:
            whole = index.whole_of(fs[part], fs, sources)
            if whole is None:
                whole = _near_whole(part, fs, ts, targets, vectors)
            if whole is not None:
                _add_merge(groups, part, whole)
                sources, targets = _sources(groups), _targets(groups)


class _Vectors:
    """tf-idf vectors of the provisions of one kind, built on first use."""

    def __init__(self, fs: list[Profile], ts: list[Profile]) -> None:
        self._profiles = (fs, ts)
        self._vocabulary: Vocabulary | None = None
        self._cache: dict[int, Vector] = {}

    def of(self, p: Profile) -> Vector:
        if self._vocabulary is None:
            fs, ts = self._profiles
            self._vocabulary = Vocabulary(q.words for q in [*fs, *ts])
        vec = self._cache.get(id(p))
        if vec is None:
            vec = self._cache[id(p)] = self._vocabulary.vector(p.words)
        return vec


def _sources(groups: Groups) -> dict[int, list[int]]:
    """TO index -> the FROM indices it came from; -1 stands for "part of a merge"."""
    out: dict[int, list[int]] = defaultdict(list)
    for i, (j, _) in groups.pairs.items():
        out[j].append(i)
    for i, j in groups.splits:
        out[j].append(i)
    for i, j in groups.merges:
        out[j].extend((i, -1))  # a merged provision takes no split part
    return out


def _targets(groups: Groups) -> dict[int, list[int]]:
    """FROM index -> the TO indices it became; -1 stands for "split"."""
    out: dict[int, list[int]] = defaultdict(list)
    for i, (j, _) in groups.pairs.items():
        out[i].append(j)
    for i, j in groups.merges:
        out[i].append(j)
    for i, j in groups.splits:
        out[i].extend((j, -1))  # a split provision takes no merge part
    return out


class _Index:
    """Runs of words of the paired provisions of one side, to find where a part went."""

    def __init__(self, side: list[Profile], paired: set[int], parts: list[Profile]) -> None:
        self._side = side
        wanted = frozenset().union(*(p.shingles for p in parts))
        self._postings: dict[int, list[int]] = defaultdict(list)
        for k in paired:
            for h in side[k].shingles & wanted:
                self._postings[h].append(k)

    def whole_of(
        self, part: Profile, part_side: list[Profile], partners: dict[int, list[int]]
    ) -> int | None:
        """The paired provision holding most of `part`'s runs of words, if most are there.

        Only what the whole's own partners (`partners[whole]`, on the part's side) do not
        explain counts: parallel provisions ("detection orders", "blocking orders") share
        most of their wording, yet neither is part of the other.
        """
        mine = part.shingles
        if len(mine) < MIN_SHINGLES:
            return None
        shared: dict[int, int] = defaultdict(int)
        for h in mine:
            hits = self._postings.get(h)
            if hits and len(hits) <= COMMON:
                for k in hits:
                    shared[k] += 1
        need = FAR_CONTAINED * len(mine)
        for k, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
            if n < need:
                break
            explained = frozenset().union(
                *(part_side[x].shingles for x in partners.get(k, ()) if x >= 0)
            )
            if len(mine & (self._side[k].shingles - explained)) < need:
                continue
            if containment(part, self._side[k]) >= CONTAINED:
                return k
        return None


def _neighbours(x: int, size: int, partners: dict[int, list[int]]) -> list[int]:
    """The nearest paired item on each side, looking past one unpaired (inserted) item."""
    out = []
    for step in (-1, 1):
        for dist in (1, 2):
            nb = x + step * dist
            if 0 <= nb < size and nb in partners:
                out.append(nb)
                break
    return out


def _near_whole(
    x: int,
    side: list[Profile],
    other: list[Profile],
    partners: dict[int, list[int]],
    vectors: _Vectors,
) -> int | None:
    """A neighbour's partner that the rewritten `side[x]` most plausibly belongs to."""
    part = side[x]
    best: tuple[float, int] | None = None
    for nb in _neighbours(x, len(side), partners):
        wholes = partners[nb]
        if len(wholes) != 1 or wholes[0] < 0:
            continue
        whole, rest = other[wholes[0]], side[nb]
        # cheap evidence first; the vocabulary (built once per kind) only when it holds
        if not (_heading_names(part, whole, rest) or _line_lives_on(whole, part, rest)):
            continue
        share = cosine(vectors.of(part), vectors.of(whole))
        if share >= VOCABULARY and (best is None or share > best[0]):
            best = (share, wholes[0])
    return best[1] if best else None


def _line_lives_on(whole: Profile, part: Profile, rest: Profile) -> bool:
    """Some long paragraph of `whole` is more alike a paragraph of `part` than any of `rest`."""
    for line in whole.lines:
        if len(line) < LINE_WORDS:
            continue
        here = _best_dice(line, part.lines)
        if here >= LINE_DICE and here > _best_dice(line, rest.lines):
            return True
    return False


def _best_dice(line: list[str], lines: list[list[str]]) -> float:
    best = 0.0
    for other in lines:
        total = len(line) + len(other)
        if 2 * min(len(line), len(other)) / total <= best:
            continue  # even a perfect match of the shorter one could not beat `best`
        best = max(best, 2 * LCSseq.similarity(line, other) / total)
    return best


def _heading_names(part: Profile, whole: Profile, rest: Profile) -> bool:
    """`part`'s heading (two words or more) recurs in `whole`, more often than in `rest`."""
    phrase = words_of(part.heading)
    if len(phrase) < 2:
        return False
    hits = _occurrences(phrase, whole.words)
    return hits >= HEADING_HITS and hits > _occurrences(phrase, rest.words)


def _occurrences(phrase: list[str], words: list[str]) -> int:
    """How often the phrase occurs in words (its last word also as the start of a word:
    "common specification" finds "common specifications")."""
    n = len(phrase)
    head, last = phrase[:-1], phrase[-1].rstrip("s")

    def match(k: int) -> bool:
        return words[k : k + n - 1] == head and words[k + n - 1].startswith(last)

    return sum(1 for k in range(len(words) - n + 1) if words[k] == phrase[0] and match(k))


def _add_split(groups: Groups, i: int, j: int) -> None:
    """FROM i gains the split part TO j; a 1:1 pair of i becomes the group's first part."""
    if i in groups.pairs:
        groups.splits.append((i, groups.pairs.pop(i)[0]))
    groups.splits.append((i, j))
    groups.splits.sort()


def _add_merge(groups: Groups, i: int, j: int) -> None:
    owner = next((k for k, (t, _) in groups.pairs.items() if t == j), None)
    if owner is not None:
        groups.pairs.pop(owner)
        groups.merges.append((owner, j))
    groups.merges.append((i, j))
    groups.merges.sort()
