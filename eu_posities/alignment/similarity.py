"""Similarity of provisions: word-sequence confidence for matching, text similarity for readers.

`similarity`/`containment` drive the matching (casefolded words, marks dropped, so that
typographic and case changes do not stop two provisions from pairing). `text_score` and
`share_score` are what a row shows: how alike the two texts are, 1.0 only when identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq

from eu_posities.alignment.match import ProvisionLike
from eu_posities.alignment.overlap import Shingles, shingles

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
    folded: str  # the text casefolded, marks turned into spaces, line breaks kept
    lcs_cache: dict[int, int] = field(default_factory=dict)  # id(other profile) -> LCS
    _shingles: Shingles | None = None
    _lines: list[list[str]] | None = None

    @property
    def shingles(self) -> Shingles:
        """Hashes of the provision's runs of words (computed on first use)."""
        if self._shingles is None:
            self._shingles = shingles(self.words)
        return self._shingles

    @property
    def lines(self) -> list[list[str]]:
        """The words of each paragraph or point (line) of the text, as `words` reads them."""
        if self._lines is None:
            if "\n" in self.prov.text:
                # the words, line by line: the folded text keeps its line breaks
                self._lines = [w for w in map(str.split, self.folded.split("\n")) if w]
            else:
                self._lines = [self.words] if self.words else []
        return self._lines


def words_of(text: str) -> list[str]:
    """Casefolded words with marks dropped: what matching compares."""
    return fold(text).split()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The text casefolded, marks turned into spaces (line breaks kept).

    Cached: one comparison folds each provision for the alignment of the stages, again for
    the alignment of its paragraphs, and again for the diff's paragraph moves.
    """
    return text.casefold().translate(_MARKS)


class Interner:
    """Builds profiles for one alignment run (words casefolded, marks dropped)."""

    def profile(self, index: int, prov: ProvisionLike) -> Profile:
        folded = fold(prov.text)
        words = folded.split()
        return Profile(index, prov, words, " ".join(words), prov.heading.casefold().strip(), folded)


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


SHOWN_MAX = 0.99  # changed text never shows as 1.00, however it is rounded
SHARE_RUN = 3  # words: a shorter common run does not stretch a part's share of the whole


def text_score(a: Profile, b: Profile) -> float:
    """Indel similarity of heading and text (spacing aside): 1.0 only for identical provisions.

    The heading is compared as the status is decided (case aside); a changed text scores at
    most SHOWN_MAX, so that "1.00" in a table always means identical.
    """
    old, new = _plain(a), _plain(b)
    if a.heading == b.heading and old == new:
        return 1.0
    score = fuzz.ratio(f"{a.heading}\n{old}", f"{b.heading}\n{new}") / 100
    return min(score, SHOWN_MAX)


def share_score(part: Profile, whole: Profile) -> float:
    """How alike a split or merge part is to its share of the whole (best matching stretch).

    Texts only: the part's heading names the part, not the whole. 1.0 only when the part's
    text appears unchanged inside the whole.
    """
    mine, all_words = part.prov.text.split(), whole.prov.text.split()
    if not mine or not all_words:
        return 0.0
    text = " ".join(mine)
    if text in " ".join(all_words):
        return 1.0
    # The share is the stretch of the whole that the part's words line up with (by words:
    # fast, and a stray common word far away does not stretch it: short runs are ignored).
    blocks = [b for b in Indel.opcodes(mine, all_words).as_matching_blocks() if b.size]
    runs = [b for b in blocks if b.size >= SHARE_RUN] or blocks
    if not runs:
        return 0.0
    share = " ".join(all_words[runs[0].b : runs[-1].b + runs[-1].size])
    return min(fuzz.ratio(text, share) / 100, SHOWN_MAX)


def _plain(p: Profile) -> str:
    """The text with spacing normalised, case and marks kept: what a reader compares."""
    return " ".join(p.prov.text.split())


def containment(part: Profile, whole: Profile) -> float:
    """Share of `part`'s words found, in order, inside `whole` (for splits and merges)."""
    if not part.words:
        return 0.0
    return lcs(part, whole) / len(part.words)
