"""Alignment of provisions across stages: which provision of one stage became which of another.

- `align(from_provs, to_provs, overrides=()) -> list[Match]`: rows in TO document order,
  `Match.to_json()` in the contract's `align` shape; overrides are (from_label | None,
  to_label | None) pairs that always win.
  `align(..., parts=True)` fills `Match.parts` with the paragraph-level alignment of every
  row (`PartMatch`: unit numbers and indices, status, score, `moved`).
- `part_alignment(old, new) -> tuple[PartMatch, ...]`: the same for one pair of provisions.
- `units(provision) -> list[Unit]`: its paragraphs and points, with numbers and text spans.
- `label_map(matches) -> dict[str, str]`: old label → new label, for `eu_posities.diff`.

Methods: `number` (same label), `content` (similar text, in document order), `manual`
(an override), `moved` (similar text found out of document order, or a split or merge part
far from the rest of its group).
"""

from __future__ import annotations

from eu_posities.alignment.aligner import align
from eu_posities.alignment.match import Match, PartMatch, ProvisionLike, label_map
from eu_posities.alignment.parts import part_alignment, with_parts
from eu_posities.alignment.units import Unit, units

__all__ = [
    "Match",
    "PartMatch",
    "ProvisionLike",
    "Unit",
    "align",
    "label_map",
    "part_alignment",
    "units",
    "with_parts",
]
