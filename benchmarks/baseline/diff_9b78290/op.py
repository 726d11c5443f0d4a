"""The immutable redline operation every diff produces and every renderer reads."""

from __future__ import annotations

from typing import NamedTuple

OP_KINDS = ("equal", "insert", "delete", "replace")


class DiffOp(NamedTuple):
    """One redline operation. `insert` has old == "", `delete` has new == "".

    Immutable; a named tuple because it is several times cheaper to create than a frozen
    dataclass, and a long redline has thousands of ops.

    `detail` is only filled by `word_diff(..., char_detail=True)` on a `replace` of a single
    word: character-level sub-ops inside that word (same rules: equal/insert/delete/replace).
    """

    op: str
    old: str
    new: str
    detail: tuple[DiffOp, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The contract's `{"op", "old", "new"}` shape (plus `detail` when present)."""
        data: dict[str, object] = {"op": self.op, "old": self.old, "new": self.new}
        if self.detail:
            data["detail"] = [d.to_json() for d in self.detail]
        return data
