"""One alignment row: a provision of the FROM stage and what it became in the TO stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

STATUSES = ("unchanged", "modified", "added", "deleted", "split", "merged")
METHODS = ("number", "content", "manual")


@dataclass(frozen=True, slots=True)
class Match:
    """`from_label` None means added, `to_label` None deleted; `score` is content similarity 0..1.

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
