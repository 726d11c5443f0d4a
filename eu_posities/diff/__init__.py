"""Word-level diff of provision texts, with the flags negotiators care about.

- `word_diff(old, new, *, char_detail=False) -> list[DiffOp]`: immutable ops (`.op`, `.old`,
  `.new`); joining `old` of all non-insert ops gives the old text exactly, joining `new` of all
  non-delete ops the new text. `char_detail=True` fills `DiffOp.detail` with character ops
  inside a one-word replacement.
- `detect_flags(old, new, ops, label_map=None) -> list[Flag]`: modal, negation, number,
  reference and reference-renumbered changes.
- `classify(old, new, ops, flags, label_map=None)`: "unchanged" | "editorial" | "substantive".
- `find_moves(deleted_spans, inserted_spans) -> list[Move]`: text that changed provision.
- `diff_stages(from_provs, to_provs, matches) -> StageDiff`: all of it per alignment row;
  `.to_json()` gives the contract's `diff` document. Paragraphs reordered inside a provision
  are moves too (`Move.within`); `PairDiff.moved_runs` (`MovedRun`) say which characters of
  which ops moved (in JSON: a `moved` list on those ops). Moved text gives no flags and no
  "substantive" class by itself.
- `trace(stages, label, alignments=None) -> Lineage`: which stage made each change between
  the first and the last stage, and where a change was undone (`TracedChange`, `TracedOp`).
"""

from __future__ import annotations

from eu_posities.diff.classify import classify
from eu_posities.diff.flags import Flag, detect_flags
from eu_posities.diff.lineage import Lineage, TracedChange, TracedOp, trace
from eu_posities.diff.moved import MovedRun
from eu_posities.diff.moves import Move, find_moves
from eu_posities.diff.op import DiffOp
from eu_posities.diff.ops import word_diff
from eu_posities.diff.stage import PairDiff, StageDiff, diff_stages

__all__ = [
    "DiffOp",
    "Flag",
    "Lineage",
    "Move",
    "MovedRun",
    "PairDiff",
    "StageDiff",
    "TracedChange",
    "TracedOp",
    "classify",
    "detect_flags",
    "diff_stages",
    "find_moves",
    "trace",
    "word_diff",
]
