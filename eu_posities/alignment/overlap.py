"""Order-free evidence that two provisions share text: word shingles and weighted vocabulary.

The word-sequence similarity (similarity.py) reads two texts in order, so a provision whose
paragraphs were reordered, or that moved far away, scores low there or is never compared.
Shingles (runs of SHINGLE consecutive words) survive reordering: two unrelated provisions
share almost none, even in the boilerplate of legal texts, while a moved or reordered one
keeps most of them. Rewritten text keeps less of its wording but much of its vocabulary: a
tf-idf vector over the stage pair (words that are rare in the act weigh most) still points
to the right place when the wording was redone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

SHINGLE = 4  # words: short enough to survive edits, long enough to be rare
Shingles = frozenset[int]
# Words every provision uses: no evidence of where a text went.
_STOP = frozenset(
    {
        "a", "an", "and", "any", "are", "as", "at", "be", "by", "for", "from", "in", "is",
        "it", "its", "not", "of", "on", "or", "such", "that", "the", "their", "this", "to",
        "under", "where", "which", "with", "shall",
    }
)  # fmt: skip


def shingles(words: Sequence[str]) -> Shingles:
    """Hashes of the runs of SHINGLE consecutive words (a short text gives its one run)."""
    if len(words) < SHINGLE:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    # zip of shifted views builds and hashes the runs at C speed; keeping only the hashes
    # frees each run at once
    return frozenset(map(hash, zip(*(words[k:] for k in range(SHINGLE)), strict=False)))


def shingle_dice(a: Shingles, b: Shingles) -> float:
    """Share of shingles in common, 0..1 (1 = the same runs of words, in whatever order)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def shingle_containment(part: Shingles, whole: Shingles) -> float:
    """Share of `part`'s shingles that occur in `whole`."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


Vector = dict[str, float]


class Vocabulary:
    """Inverse document frequencies over the provisions of one alignment (both stages)."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for words in documents:
            df.update(set(words))
            n += 1
        self._idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}

    def vector(self, words: Iterable[str]) -> Vector:
        """Unit-length tf-idf vector of a text's words (stop words and bare numbers aside)."""
        counts = Counter(w for w in words if w not in _STOP and not w.isdigit())
        idf = self._idf
        vec = {w: (1 + math.log(c)) * idf.get(w, 0.0) for w, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in vec.values()))
        return {w: x / norm for w, x in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())
