"""Which stage made each change of a comparison of three or more stages, from the lineage.

A column of a multi-stage table is marked against the first column; with stages in between,
a change seen there may have been made by any of them. The engine's lineage
(`eu_posities.diff.trace`) tells, for one provision followed through the stages, the stage
that wrote each inserted character and the stage that took out each deleted one. Here that
is turned into one entry per character of the first stage's text (who deleted it) and of the
last stage's text (who wrote it), per provision label, for the redline to split its runs by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eu_posities.errors import InputError, NotFound

if TYPE_CHECKING:
    from eu_posities.alignment import Match
    from eu_posities.alignment.match import ProvisionLike
    from eu_posities.diff import Lineage

Who = Sequence[str | None]  # per character: the stage that made the change (None: unchanged)


@dataclass(frozen=True)
class Provenance:
    """Per label: who took out each character of the first stage's text (`old`), and who
    wrote each character of the last stage's text (`new`)."""

    old: Mapping[str, Who] = field(default_factory=dict)
    new: Mapping[str, Who] = field(default_factory=dict)


def provenance_of(
    lineage: Lineage, first: Mapping[str, str], last: Mapping[str, str]
) -> Provenance:
    """The lineage's first → last redline as characters per label (`first`/`last` give the
    texts of the labels in the first and the last stage)."""
    old_who: list[str | None] = []
    new_who: list[str | None] = []
    for op in lineage.ops:
        if op.op in ("equal",):
            old_who += [None] * len(op.old)
            new_who += [None] * len(op.new)
            continue
        if op.op in ("delete", "replace"):
            old_who += [op.introduced_in] * len(op.old)
        if op.op in ("insert", "replace"):
            new_who += [op.introduced_in] * len(op.new)
    return Provenance(
        old=_per_label(old_who, lineage.labels[0], first),
        new=_per_label(new_who, lineage.labels[-1], last),
    )


def _per_label(
    who: list[str | None], labels: Sequence[str], texts: Mapping[str, str]
) -> dict[str, Who]:
    """Cut the group's characters (its labels' texts joined by line breaks) per label."""
    out: dict[str, Who] = {}
    at = 0
    for label in labels:
        size = len(texts.get(label, ""))
        piece = who[at : at + size]
        if len(piece) < size:  # the lineage read another text: no attribution beats a wrong one
            return {}
        out[label] = piece
        at += size + 1
    return out


class Attributor:
    """Provenance of the provisions of a stage chain, traced on demand and kept.

    `chain` is [(stage key, provisions)] in table order; `alignments[k]` aligns stage k with
    stage k + 1 (the user's overrides applied). `of(column, label)` gives the provenance of
    the first stage's provision `label` in column `column` (≥ 2), or of a provision new in
    that column when `label` is None and `last` names it there.
    """

    def __init__(
        self,
        chain: Sequence[tuple[str, Sequence[ProvisionLike]]],
        alignments: Sequence[Sequence[Match]],
    ) -> None:
        self._chain = list(chain)
        self._alignments = list(alignments)
        self._texts = [{p.label: p.text for p in provisions} for _, provisions in chain]
        self._cache: dict[tuple[int, str, str], Provenance] = {}

    def of(self, column: int, label: str | None, last: str | None = None) -> Provenance:
        from eu_posities.diff import trace

        at = "last" if label is None else None
        wanted = last if label is None else label
        if wanted is None or column < 2:
            return Provenance()
        key = (column, wanted, at or "")
        if key not in self._cache:
            try:
                lineage = trace(self._chain[: column + 1], wanted, self._alignments[:column], at=at)
            except (
                InputError,
                NotFound,
            ):  # not traceable through these stages: leave it unattributed
                self._cache[key] = Provenance()
            else:
                self._cache[key] = provenance_of(lineage, self._texts[0], self._texts[column])
        return self._cache[key]
