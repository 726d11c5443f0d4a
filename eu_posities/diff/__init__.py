"""Word-level diff of provision texts, with the flags negotiators care about.

`word_diff(old, new)` returns immutable ops (`.op`, `.old`, `.new`); joining `old` of all
non-insert ops gives the old text, joining `new` of all non-delete ops the new text.
"""

from __future__ import annotations

from eu_posities.diff.classify import classify
from eu_posities.diff.flags import Flag, detect_flags
from eu_posities.diff.moves import Move, find_moves
from eu_posities.diff.ops import DiffOp, word_diff
from eu_posities.diff.stage import PairDiff, StageDiff, diff_stages

__all__ = [
    "DiffOp",
    "Flag",
    "Move",
    "PairDiff",
    "StageDiff",
    "classify",
    "detect_flags",
    "diff_stages",
    "find_moves",
    "word_diff",
]
