"""How alike the Commission column of an amendment is to a stretch of the base text.

The Commission column quotes the proposal, but not always to the letter: quotes and dashes
differ, a number is printed differently, a space moves around punctuation, a typo is fixed.
Texts are compared after `normalise` with rapidfuzz's ratio (0..1).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

# One character for one: positions in a folded text are positions in the original.
_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-",
                       "—": "-", "\u00a0": " ", "…": "."})  # fmt: skip
_SPACE_BEFORE = re.compile(r"\s+([,.;:)\]])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")
_SPACES = re.compile(r"\s+")

# Below this, a stretch of the base is not the text the amendment quotes.
MATCH = 0.85
# A quote shorter than this (in characters) is matched inside a line only when exact.
SHORT = 25


def fold(text: str) -> str:
    """Lower case and one kind of quote and dash, keeping every position in place."""
    folded = text.translate(_FOLD).lower()
    return folded if len(folded) == len(text) else text.translate(_FOLD)


def normalise(text: str) -> str:
    """Folded, with white space collapsed and no space before punctuation."""
    text = fold(text)
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


def ratio(a: str, b: str) -> float:
    """Similarity of two normalised texts, 0..1."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b) / 100.0


def within(needle: str, haystack: str) -> tuple[float, int, int]:
    """Where `needle` best sits inside `haystack`: (score, start, end), positions in `haystack`.

    Both are folded first; the end points are moved to the nearest word boundaries.
    """
    needle, haystack = fold(" ".join(needle.split())), fold(haystack)
    if not needle or not haystack:
        return 0.0, 0, 0
    at = haystack.find(needle)
    if at >= 0:
        return 1.0, at, at + len(needle)
    if len(needle) < SHORT:
        return 0.0, 0, 0
    found = fuzz.partial_ratio_alignment(needle, haystack)
    if found is None:
        return 0.0, 0, 0
    start, end = found.dest_start, found.dest_end
    while start > 0 and not haystack[start - 1].isspace():
        start -= 1
    while end < len(haystack) and not haystack[end].isspace() and haystack[end - 1 : end].isalnum():
        end += 1
    score = ratio(normalise(needle), normalise(haystack[start:end]))
    return score, start, end
