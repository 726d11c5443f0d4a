"""Flags and class of a redline with moves: moved text is judged by how it changed, not by
the fact that it left one place and arrived in another.

A paragraph that moved shows as a deletion and an insertion; read naively those carry every
"shall", "not" and number of the paragraph as if they had gone and come. Instead, the texts
without the moved runs are compared (the residual), and each move's text is compared with
itself as it arrived; flags and class come from those comparisons only. When paragraphs were
reordered inside a provision, paragraph numbers are left out of the residual: "2." that
became "3." because its neighbour moved is no change of wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from eu_posities.diff.classify import classify, form_key
from eu_posities.diff.flags import Flag, detect_flags
from eu_posities.diff.moved import MovedRun
from eu_posities.diff.moves import Move
from eu_posities.diff.op import DiffOp
from eu_posities.diff.ops import word_diff
from eu_posities.kinds import Classification

_SUBSTANTIVE_FLAGS = frozenset({"modal", "negation", "number", "reference"})
_LINE_NUMBER = re.compile(r"(?m)^[ \t]*(?:\d+[a-z]{0,3}\.|\(\w{1,6}\))[ \t]+")


def without_runs(ops: Sequence[DiffOp], runs: Sequence[MovedRun], side: str) -> str:
    """One side's text with the moved runs of that side taken out."""
    out = []
    by_op: dict[int, list[MovedRun]] = {}
    for r in runs:
        if r.side == side:
            by_op.setdefault(r.op, []).append(r)
    for k, op in enumerate(ops):
        if side == "old" and op.op == "insert" or side == "new" and op.op == "delete":
            continue
        text = op.old if side == "old" else op.new
        pos = 0
        for r in sorted(by_op.get(k, ()), key=lambda r: r.start):
            out.append(text[pos : r.start])
            pos = r.end
        out.append(text[pos:])
    return "".join(out)


def judged(
    ops: Sequence[DiffOp],
    runs: Sequence[MovedRun],
    moves: Sequence[Move],
    labels: Mapping[str, str],
    *,
    inner: Sequence[Move],
    reordered: bool,
    crosses_kinds: bool,
) -> tuple[list[Flag], str]:
    """Flags and class of a pair whose redline has moved runs.

    `inner` are the moves whose own change of wording counts for this pair (moves inside it,
    and moves that arrived in it); `reordered`: paragraphs moved inside the provision;
    `crosses_kinds`: text moved between an article and a recital (or other kinds), which
    changes its legal force and so stays substantive.
    """
    old = without_runs(ops, runs, "old")
    new = without_runs(ops, runs, "new")
    if reordered:
        old, new = _LINE_NUMBER.sub("", old), _LINE_NUMBER.sub("", new)
    rest = word_diff(old, new)
    flags = detect_flags(old, new, rest, labels) if old and new else []
    kind = classify(old, new, rest, flags, labels) if old or new else Classification.UNCHANGED
    if not old or not new:
        kind = Classification.SUBSTANTIVE if old != new else Classification.UNCHANGED
    for move in inner:
        was, now = _wording(move)
        if was == now:
            continue
        change = list(move.ops) or word_diff(was, now)
        more = detect_flags(was, now, change, labels)
        flags.extend(f for f in more if f not in flags)
        if any(f.kind in _SUBSTANTIVE_FLAGS for f in more) or form_key(was, labels) != form_key(
            now
        ):
            kind = Classification.SUBSTANTIVE
    if kind == Classification.UNCHANGED and moves:
        kind = Classification.EDITORIAL  # the text is the same, only its place changed
    if crosses_kinds:
        kind = Classification.SUBSTANTIVE
    return flags, str(kind)


def _wording(move: Move) -> tuple[str, str]:
    """The moved text as it left and as it arrived (numbers of moved paragraphs aside)."""
    if not move.ops:
        return move.text, move.text
    was = "".join(op.old for op in move.ops if op.op != "insert")
    now = "".join(op.new for op in move.ops if op.op != "delete")
    if move.within:
        was, now = _LINE_NUMBER.sub("", was), _LINE_NUMBER.sub("", now)
    return was, now
