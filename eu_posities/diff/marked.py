"""A redline as the document marked it: the document's own marks turned into diff ops.

Council texts mark their changes against the Commission proposal (bold added, struck
deleted), EP amendments theirs (bold italic); `eup diff --as-marked` shows exactly those
marks in the shape of any other redline. Joining `old` of the non-insert ops gives the base
text as the document marked it, joining `new` of the non-delete ops the provision's text.
"""

from __future__ import annotations

from collections.abc import Iterable

from eu_posities.diff.op import DiffOp
from eu_posities.document import MarkedRun


def ops_from_marks(marks: Iterable[MarkedRun]) -> list[DiffOp]:
    """The marks as ops: equal runs kept, a deletion next to an insertion one replacement."""
    merged: list[tuple[str, str]] = []  # (op, text) with neighbours of one kind joined
    for mark in marks:
        if not mark.text:
            continue
        if merged and merged[-1][0] == mark.op:
            merged[-1] = (mark.op, merged[-1][1] + mark.text)
        else:
            merged.append((mark.op, mark.text))
    ops: list[DiffOp] = []
    for op, text in merged:
        previous = ops[-1] if ops else None
        if op == "equal":
            ops.append(DiffOp("equal", text, text))
        elif previous is not None and previous.op in ("delete", "insert", "replace"):
            # A change next to a change: one replacement, as a word diff would show it.
            old = previous.old + (text if op == "delete" else "")
            new = previous.new + (text if op == "insert" else "")
            ops[-1] = DiffOp("replace", old, new)
        elif op == "delete":
            ops.append(DiffOp("delete", text, ""))
        else:
            ops.append(DiffOp("insert", "", text))
    return ops
