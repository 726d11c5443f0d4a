"""Classify a provision pair: unchanged, editorial (form only) or substantive."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from eu_posities.diff.flags import REFERENCE, Flag, renumber
from eu_posities.diff.op import DiffOp
from eu_posities.diff.tokens import typo_key

CLASSIFICATIONS = ("unchanged", "editorial", "substantive")
_SUBSTANTIVE_FLAGS = frozenset({"modal", "negation", "number", "reference"})
_MARKS = re.compile(r"[^\w]+")


def form_key(text: str, label_map: Mapping[str, str] | None = None) -> str:
    """The text with form stripped: references renumbered, quotes, dashes, marks, space, case."""
    if label_map:
        text = REFERENCE.sub(lambda m: renumber(m.group(0), label_map), text)
    return _MARKS.sub(" ", typo_key(text)).strip().casefold()


def classify(
    old: str,
    new: str,
    ops: Sequence[DiffOp],
    flags: Sequence[Flag],
    label_map: Mapping[str, str] | None = None,
) -> str:
    """`unchanged` if the texts are identical, `editorial` if only punctuation, typography,
    whitespace, letter case or references renumbered along with their targets changed,
    otherwise `substantive`."""
    if old == new:
        return "unchanged"
    if any(f.kind in _SUBSTANTIVE_FLAGS for f in flags):
        return "substantive"
    if form_key(old, label_map) == form_key(new):
        return "editorial"
    return "substantive"
