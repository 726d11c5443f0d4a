"""Word-level diff of provision texts, with the flags negotiators care about.

`word_diff(old, new)` returns immutable ops (`.op`, `.old`, `.new`); joining `old` of all
non-insert ops gives the old text, joining `new` of all non-delete ops the new text.
"""

from __future__ import annotations

from eu_posities.diff.ops import DiffOp, word_diff

__all__ = ["DiffOp", "word_diff"]
