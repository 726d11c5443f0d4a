"""One alignment row: a provision of the FROM stage and what it became in the TO stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Match:
    """`from_label` None means added, `to_label` None deleted.

    `score` is the text similarity of the pair, 0..1: 1.0 only for identical text (spacing
    aside), 0.0 for added and deleted rows; for a split or merge part, how alike the part is
    to its share of the whole.

    A split is one row per part sharing `from_label`; a merge one row per part sharing
    `to_label`.
    """

    from_label: str | None
    to_label: str | None
    score: float
    status: str
    method: str

    def to_json(self) -> dict[str, object]:
        """The contract's `align` row."""
        return {
            "from": self.from_label,
            "to": self.to_label,
            "score": round(self.score, 4),
            "status": self.status,
            "method": self.method,
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
