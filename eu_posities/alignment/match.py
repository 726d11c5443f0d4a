"""One alignment row: a provision of the FROM stage and what it became in the TO stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PartMatch:
    """One row of the paragraph-level alignment inside an aligned pair.

    `from_index`/`to_index` count the non-empty lines (paragraphs, points, indents) of the
    FROM and TO provision from 0 (None: the unit was added or deleted); `from_num`/`to_num`
    are their numbers as printed ("1.", "(a)", "" for an unnumbered subparagraph). `status`
    is an AlignStatus value: unchanged, modified, added or deleted; `score` the word-sequence
    similarity of the two texts without their numbers (1.0 only when identical). `moved`: the
    unit was matched out of order (a reordered paragraph or point).
    """

    from_index: int | None
    to_index: int | None
    from_num: str | None
    to_num: str | None
    status: str
    score: float
    moved: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.from_num,
            "to": self.to_num,
            "from_index": self.from_index,
            "to_index": self.to_index,
            "status": str(self.status),
            "score": round(self.score, 4),
            "moved": self.moved,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """`from_label` None means added, `to_label` None deleted.

    `score` is the text similarity of the pair, 0..1: 1.0 only for identical text (spacing
    aside), 0.0 for added and deleted rows; for a split or merge part, how alike the part is
    to its share of the whole.

    A split is one row per part sharing `from_label`; a merge one row per part sharing
    `to_label`. `method` is an AlignMethod value: number, content, manual, or moved (similar
    text found out of document order).

    `parts` is the paragraph-level alignment of the row (None when not computed): for a split
    or merge row, the units of this row's two provisions that correspond, plus the units of
    either that correspond to nothing (a deleted unit of a split's source sits in the row of
    the part its predecessor went to).
    """

    from_label: str | None
    to_label: str | None
    score: float
    status: str
    method: str
    parts: tuple[PartMatch, ...] | None = None

    def to_json(self) -> dict[str, object]:
        """The contract's `align` row."""
        return {
            "from": self.from_label,
            "to": self.to_label,
            "score": round(self.score, 4),
            "status": str(self.status),
            "method": str(self.method),
            **({"parts": [p.to_json() for p in self.parts]} if self.parts is not None else {}),
        }


class ProvisionLike(Protocol):
    """What alignment and diff read of a provision: ParsedProvision or a stored row."""

    @property
    def kind(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def heading(self) -> str: ...


def label_map(matches: Iterable[Match]) -> dict[str, str]:
    """Old label → new label for provisions that kept their identity under a new number."""
    out: dict[str, str] = {}
    for m in matches:
        if m.from_label and m.to_label and m.status in ("unchanged", "modified", "split"):
            out.setdefault(m.from_label, m.to_label)
    return out
