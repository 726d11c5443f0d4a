"""Alignment of provisions across stages: which provision of one stage became which of another.

- `align(from_provs, to_provs, overrides=()) -> list[Match]`: rows in TO document order,
  `Match.to_json()` in the contract's `align` shape; overrides are (from_label | None,
  to_label | None) pairs that always win.
- `label_map(matches) -> dict[str, str]`: old label → new label, for `eu_posities.diff`.
"""

from __future__ import annotations

from eu_posities.alignment.aligner import align, label_map
from eu_posities.alignment.match import Match, ProvisionLike

__all__ = ["Match", "ProvisionLike", "align", "label_map"]
