"""Moved text inside a redline: where it left and arrived, as runs inside the ops.

The ops stay the contract's four kinds; a moved paragraph is a `delete` where it left and an
`insert` where it arrived, and `MovedRun`s say which characters of which ops moved, so a
renderer can show them as a move. For paragraphs reordered inside one provision, the redline
is built around the move: the texts without the moved paragraphs are diffed as usual, then
each moved paragraph is put back, whole, as a delete at its old place and an insert at its new
one (a plain diff would pick whichever paragraph keeps the longest common text as unchanged,
and show the other as changed text wherever the two happened to overlap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eu_posities.diff.moves import Move
from eu_posities.diff.op import DiffOp

if TYPE_CHECKING:  # the alignment package imports this one; keep the runtime graph acyclic
    from eu_posities.alignment.match import PartMatch, ProvisionLike


@dataclass(frozen=True, slots=True)
class MovedRun:
    """Characters [start, end) of op `op`'s `old` text (side "old": text that left from here)
    or `new` text (side "new": text that arrived here) belong to move `move` of the pair."""

    op: int
    side: str
    start: int
    end: int
    move: int

    def to_json(self) -> dict[str, object]:
        return {"side": self.side, "start": self.start, "end": self.end, "move": self.move}


@dataclass(frozen=True, slots=True)
class Cut:
    """A moved line: characters [start, end) of one side's text, and the move it belongs to."""

    start: int
    end: int
    move: int


_Run = tuple[str, int, int, int]  # side, start, end, move: offsets inside the piece's text
_Piece = tuple[str, str, str, list[_Run]]  # "equal" | "change", old, new, moved runs


def _removed(text: str, cuts: Sequence[Cut]) -> tuple[str, list[tuple[int, str, Cut]]]:
    """The text without the cut lines (each with one line break), and for each cut its place
    in that shorter text and the exact characters taken out there."""
    out: list[str] = []
    places: list[tuple[int, str, Cut]] = []
    pos = kept = 0
    for cut in sorted(cuts, key=lambda c: c.start):
        start, end = cut.start, cut.end
        if end < len(text) and text[end] == "\n":
            end += 1  # the line with the break after it
        elif start > 0 and text[start - 1] == "\n" and start - 1 >= pos:
            start -= 1  # the last line: the break before it
        out.append(text[pos:start])
        kept += start - pos
        places.append((kept, text[start:end], cut))
        pos = end
    out.append(text[pos:])
    return "".join(out), places


def diff_around_moves(
    old: str,
    new: str,
    cuts_old: Sequence[Cut],
    cuts_new: Sequence[Cut],
    diff: Callable[[str, str], list[DiffOp]],
) -> tuple[list[DiffOp], list[MovedRun]]:
    """The redline of old → new with the cut lines shown as moved, and the moved runs.

    Joining `old` of the non-insert ops gives `old`, joining `new` of the non-delete ops gives
    `new`, as for any redline; ops still alternate between equal and a change.
    """
    rest_old, at_old = _removed(old, cuts_old)
    rest_new, at_new = _removed(new, cuts_new)
    pieces: list[_Piece] = []
    events = sorted(
        [(p, "old", text, c) for p, text, c in at_old]
        + [(p, "new", text, c) for p, text, c in at_new],
        key=lambda e: (e[0], e[1]),
    )
    ro = rn = 0  # where the residual ops have got to, in the residual texts
    queue_old = [e for e in events if e[1] == "old"]
    queue_new = [e for e in events if e[1] == "new"]
    for op in diff(rest_old, rest_new):
        o, n = (op.old if op.op != "insert" else ""), (op.new if op.op != "delete" else "")
        po = pn = 0  # how much of this op's texts has been emitted
        while True:
            cut_o = queue_old[0][0] - ro if queue_old and queue_old[0][0] - ro <= len(o) else None
            cut_n = queue_new[0][0] - rn if queue_new and queue_new[0][0] - rn <= len(n) else None
            if cut_o is None and cut_n is None:
                break
            if op.op == "equal":
                # a cut on one side falls at the same place of the other side's equal text
                if cut_o is not None and (cut_n is None or _same_place(o, cut_o, n) <= cut_n):
                    side, ko, kn = "old", cut_o, _same_place(o, cut_o, n)
                else:
                    assert cut_n is not None
                    side, ko, kn = "new", _same_place(n, cut_n, o), cut_n
                ko, kn = max(ko, po), max(kn, pn)
                pieces.append(("equal", o[po:ko], n[pn:kn], []))
                po, pn = ko, kn
            else:
                side = "old" if cut_o is not None else "new"
                if side == "old":
                    assert cut_o is not None
                    pieces.append(("change", o[po:cut_o], "", []))
                    po = cut_o
                else:
                    assert cut_n is not None
                    pieces.append(("change", "", n[pn:cut_n], []))
                    pn = cut_n
            _, _, text, cut = (queue_old if side == "old" else queue_new).pop(0)
            line_start = 1 if text.startswith("\n") else 0
            run = (side, line_start, line_start + (cut.end - cut.start), cut.move)
            if side == "old":
                pieces.append(("change", text, "", [run]))
            else:
                pieces.append(("change", "", text, [run]))
        kind = "equal" if op.op == "equal" else "change"
        pieces.append((kind, o[po:], n[pn:], []))
        ro += len(o)
        rn += len(n)
    for _, side, text, cut in queue_old + queue_new:  # cuts at the very end
        line_start = 1 if text.startswith("\n") else 0
        run = (side, line_start, line_start + (cut.end - cut.start), cut.move)
        pieces.append(
            ("change", text if side == "old" else "", text if side == "new" else "", [run])
        )
    return _joined(pieces)


def _same_place(text: str, at: int, other: str) -> int:
    """The offset in `other` (equal to `text` but for spacing) that matches offset `at`."""
    if text == other:
        return at
    solid = sum(1 for c in text[:at] if not c.isspace())
    seen = k = 0
    while k < len(other) and seen < solid:
        if not other[k].isspace():
            seen += 1
        k += 1
    if at and text[at - 1].isspace():  # the cut follows spacing: so does its match
        while k < len(other) and other[k].isspace():
            k += 1
    return k


def _joined(pieces: list[_Piece]) -> tuple[list[DiffOp], list[MovedRun]]:
    """Ops from pieces: neighbours of the same kind joined, moved runs carried along."""
    ops: list[DiffOp] = []
    runs: list[MovedRun] = []
    kind, old, new = "", "", ""
    mine: list[_Run] = []

    def emit() -> None:
        if kind == "equal":
            ops.append(DiffOp("equal", old, new))
        else:
            ops.append(
                DiffOp("replace" if old and new else ("delete" if old else "insert"), old, new)
            )
        runs.extend(MovedRun(len(ops) - 1, side, s, e, m) for side, s, e, m in mine)

    for k, o, n, rs in pieces:
        if not o and not n:
            continue
        if kind and k != kind:
            emit()
            kind, old, new, mine = k, "", "", []
        kind = k
        mine.extend(
            (
                side,
                s + len(old if side == "old" else new),
                e + len(old if side == "old" else new),
                m,
            )
            for side, s, e, m in rs
        )
        old += o
        new += n
    if kind:
        emit()
    return ops, runs


def redline_with_moves(
    old: ProvisionLike,
    new: ProvisionLike,
    diff: Callable[[str, str], list[DiffOp]],
    parts: Sequence[PartMatch] | None = None,
) -> tuple[list[DiffOp], list[MovedRun], list[Move]] | None:
    """The redline of a pair whose paragraphs or points were reordered, laid out around the
    moves, with its moved runs and its moves (`within`); None when nothing moved.

    `parts` is the pair's paragraph-level alignment when already computed.
    """
    from eu_posities.alignment.parts import part_alignment
    from eu_posities.alignment.units import units

    if parts is None:
        parts = part_alignment(old, new)
    moved = [p for p in parts if p.moved and p.from_index is not None and p.to_index is not None]
    if not moved:
        return None
    ua, ub = units(old), units(new)
    moves, cuts_old, cuts_new = [], [], []
    for k, p in enumerate(moved):
        assert p.from_index is not None and p.to_index is not None
        a, b = ua[p.from_index], ub[p.to_index]
        was, now = old.text[a.start : a.end], new.text[b.start : b.end]
        moves.append(
            Move(
                old.label,
                new.label,
                was,
                round(p.score, 3),
                within=True,
                from_part=a.num,
                to_part=b.num,
                ops=tuple(diff(was, now)),
            )
        )
        cuts_old.append(Cut(a.start, a.end, k))
        cuts_new.append(Cut(b.start, b.end, k))
    ops, runs = diff_around_moves(old.text, new.text, cuts_old, cuts_new, diff)
    return ops, runs, moves
