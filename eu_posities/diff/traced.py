"""The results of a stage lineage: the first → last redline with each change's stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TracedOp:
    """One op of the first → last redline; a change carries the stage that made it."""

    op: str
    old: str
    new: str
    introduced_in: str | None = None  # None for equal text

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"op": self.op, "old": self.old, "new": self.new}
        if self.op != "equal":
            data["introduced_in"] = self.introduced_in
        return data


@dataclass(frozen=True, slots=True)
class TracedChange:
    """A change some stage made: `op` insert, delete or replace; `old` the text it took out,
    `new` the text it wrote. `undone_in` is the stage from which the change is no longer in
    the text (the inserted text deleted or rewritten again, the deleted text put back);
    None when the change is in the last stage's text (`in_final`)."""

    op: str
    old: str
    new: str
    introduced_in: str
    undone_in: str | None = None

    @property
    def in_final(self) -> bool:
        return self.undone_in is None

    def to_json(self) -> dict[str, object]:
        return {
            "op": self.op,
            "old": self.old,
            "new": self.new,
            "introduced_in": self.introduced_in,
            "undone_in": self.undone_in,
            "in_final": self.in_final,
        }


@dataclass(frozen=True, slots=True)
class Lineage:
    """One provision through stages: its label(s) in each stage, the first → last redline
    with each change tagged by its stage (`ops`), and every change made on the way
    (`changes`: those in the final text in redline order, then those undone)."""

    label: str
    stages: tuple[str, ...]
    labels: tuple[tuple[str, ...], ...]
    ops: tuple[TracedOp, ...]
    changes: tuple[TracedChange, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "provision": self.label,
            "stages": list(self.stages),
            "labels": {s: list(ls) for s, ls in zip(self.stages, self.labels, strict=True)},
            "ops": [op.to_json() for op in self.ops],
            "changes": [c.to_json() for c in self.changes],
        }
