"""Content similarity of provisions: word sequences compared by longest common subsequence."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from eu_posities.alignment.match import ProvisionLike

HEADING_WEIGHT = 0.25
# Marks become spaces before splitting into words, in one C-speed pass.
_MARKS = str.maketrans({c: " " for c in ".,;:!?()[]{}'\"‘’“”„«»–—‑-/\\…*•§%"})


@dataclass(slots=True)
class Profile:
    """What similarity needs of one provision, computed once per alignment run."""

    index: int  # position in its stage
    prov: ProvisionLike
    words: list[str]
    key: str  # the text with case, marks and spacing removed: equal keys = unchanged text
    heading: str
    lcs_cache: dict[int, int] = field(default_factory=dict)  # id(other profile) -> LCS


class Interner:
    """Builds profiles for one alignment run (words casefolded, marks dropped)."""

    def profile(self, index: int, prov: ProvisionLike) -> Profile:
        words = prov.text.casefold().translate(_MARKS).split()
        return Profile(index, prov, words, " ".join(words), prov.heading.casefold().strip())


def lcs(a: Profile, b: Profile) -> int:
    """Longest common word subsequence, computed once per pair of profiles."""
    hit = a.lcs_cache.get(id(b))
    if hit is None:
        hit = int(LCSseq.similarity(a.words, b.words))
        a.lcs_cache[id(b)] = hit
        b.lcs_cache[id(a)] = hit
    return hit


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
