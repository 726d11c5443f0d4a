"""The document's own marks as a redline (`eup diff --as-marked`): made-up marked runs."""

from __future__ import annotations

from eu_posities.diff.marked import ops_from_marks
from eu_posities.document import MarkedRun as M


def joined(ops, side: str) -> str:  # type: ignore[no-untyped-def]
    skip = "insert" if side == "old" else "delete"
    return "".join(getattr(op, side) for op in ops if op.op != skip)


def test_marks_become_ops_that_rebuild_both_texts() -> None:
    marks = [
        M("equal", "It is "),
        M("delete", "not"),
        M("insert", "should not be"),
        M("equal", " necessary "),
        M("insert", "to act", changed=True),
        M("insert", " swiftly"),
        M("equal", "."),
        M("delete", " The end."),
    ]
    ops = ops_from_marks(marks)
    assert [op.op for op in ops] == ["equal", "replace", "equal", "insert", "equal", "delete"]
    assert ops[1].old == "not" and ops[1].new == "should not be"
    assert ops[3].new == "to act swiftly"
    assert joined(ops, "old") == "It is not necessary . The end."
    assert joined(ops, "new") == "It is should not be necessary to act swiftly."


def test_an_insertion_then_a_deletion_is_one_replacement() -> None:
    ops = ops_from_marks([M("insert", "may"), M("delete", "shall"), M("equal", " act")])
    assert [(op.op, op.old, op.new) for op in ops] == [
        ("replace", "shall", "may"),
        ("equal", " act", " act"),
    ]
