"""Alignment of provisions across stages: which provision of one stage became which of another.

`align(from_provs, to_provs, overrides=())` returns `Match` rows in the contract's `align` shape.
"""

from __future__ import annotations

from eu_posities.alignment.aligner import align, label_map
from eu_posities.alignment.match import STATUSES, Match

__all__ = ["STATUSES", "Match", "align", "label_map"]
