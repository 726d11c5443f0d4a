"""Content similarity of provisions: word sequences compared by longest common subsequence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from eu_posities.document import ParsedProvision

_WORD = re.compile(r"\w+")
HEADING_WEIGHT = 0.25


@dataclass(slots=True)
class Profile:
    """What similarity needs of one provision, computed once per alignment run."""

    index: int  # position in its stage
    prov: ParsedProvision
    words: list[int]
    key: str  # the text with case, marks and spacing removed: equal keys = unchanged text
    heading: str


class Interner:
    """Maps words to small ints shared by both stages, so sequences compare as int lists."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def profile(self, index: int, prov: ParsedProvision) -> Profile:
        words = _WORD.findall(prov.text.casefold())
        ids = self.ids
        seq = [ids.setdefault(w, len(ids)) for w in words]
        return Profile(index, prov, seq, " ".join(words), prov.heading.casefold().strip())


def lcs(a: Profile, b: Profile) -> int:
    return int(LCSseq.similarity(a.words, b.words))


def content(a: Profile, b: Profile) -> float:
    """Dice coefficient on the longest common word subsequence (1.0 = same words, same order)."""
    total = len(a.words) + len(b.words)
    if total == 0:
        return 1.0 if a.heading == b.heading else 0.0
    return 2 * lcs(a, b) / total


def similarity(a: Profile, b: Profile) -> float:
    """Content similarity, blended with heading similarity when both have a heading."""
    score = content(a, b)
    if a.heading and b.heading:
        score = (1 - HEADING_WEIGHT) * score + HEADING_WEIGHT * fuzz.ratio(
            a.heading, b.heading
        ) / 100
    return score


def containment(part: Profile, whole: Profile) -> float:
    """Share of `part`'s words found, in order, inside `whole` (for splits and merges)."""
    if not part.words:
        return 0.0
    return lcs(part, whole) / len(part.words)
