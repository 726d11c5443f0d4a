"""Word tracked changes: marked runs written as `w:ins`, `w:del`, `w:moveFrom`/`w:moveTo`.

Each change is a revision whose author is the stage that made it and whose date is that
stage's date, so a reader can accept or reject changes, and filter them by stage, in Word or
LibreOffice. A move is written as a Word move only where Word accepts one: both of its ends
are in the same document and read the same (a move whose wording changed on the way stays an
insertion and a deletion, with a note saying where the text came from).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from eu_posities.exports.model import Run

REDLINE_MODES = ("revisions", "formatting")

_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?$")


def revision_date(date: str) -> str | None:
    """A stage's date as Word wants it ("2024-12-13T00:00:00Z"); a month or year alone
    counts from its first day; None when the stage has no date."""
    found = _DATE.match(date.strip())
    if not found:
        return None
    year, month, day = found.group(1), found.group(2) or "01", found.group(3) or "01"
    return f"{year}-{month}-{day}T00:00:00Z"


class Revisions:
    """The tracked changes of one document: their ids, authors and dates, and its moves.

    `authors` maps a stage key to (name shown as the author, the stage's date); a change
    whose stage is unknown is credited to `fallback`.
    """

    def __init__(self, authors: Mapping[str, tuple[str, str]], fallback: str) -> None:
        self._authors = dict(authors)
        self._fallback = fallback or "eu-posities"
        self._next = 1
        self._names: dict[tuple[str, int], str] = {}
        self._paired: set[str] = set()
        self._seen: dict[tuple[str, str], int] = {}

    def plan_moves(self, runs: Iterable[Run]) -> None:
        """Decide which moves can be Word moves: every piece that left arrives, word for word."""
        pieces: dict[tuple[str, str], list[str]] = {}
        for run in runs:
            if run.move and run.kind in ("moved_in", "moved_out"):
                side = "from" if run.kind == "moved_out" else "to"
                pieces.setdefault((run.move, side), []).append(" ".join(run.text.split()))
        self._paired = {
            key
            for (key, side), texts in pieces.items()
            if side == "from" and pieces.get((key, "to")) == texts
        }

    def is_move(self, run: Run) -> bool:
        return run.kind in ("moved_in", "moved_out") and run.move in self._paired

    def _id(self) -> str:
        number = self._next
        self._next += 1
        return str(number)

    def _stamp(self, element: Any, stage: str) -> None:
        name, date = self._authors.get(stage, (self._fallback, ""))
        element.set(qn("w:id"), self._id())
        element.set(qn("w:author"), name)
        stamp = revision_date(date)
        if stamp:
            element.set(qn("w:date"), stamp)

    def wrap(self, run_element: Any, kind: str, stage: str) -> Any:
        """Put a written run inside a revision of `kind` ("ins" or "del")."""
        wrapper = OxmlElement(f"w:{kind}")
        self._stamp(wrapper, stage)
        run_element.addprevious(wrapper)
        wrapper.append(run_element)
        if kind == "del":
            for text in run_element.findall(qn("w:t")):
                text.tag = qn("w:delText")
        return wrapper

    def wrap_move(self, run_element: Any, run: Run) -> None:
        """Put a written run inside a Word move, between the range marks that name it."""
        side = "moveFrom" if run.kind == "moved_out" else "moveTo"
        piece = self._seen.get((run.move, side), 0)
        self._seen[(run.move, side)] = piece + 1
        name = self._names.setdefault((run.move, piece), f"eup_move{len(self._names) + 1}")
        start = OxmlElement(f"w:{side}RangeStart")
        self._stamp(start, run.stage)
        start.set(qn("w:name"), name)
        wrapper = OxmlElement(f"w:{side}")
        self._stamp(wrapper, run.stage)
        end = OxmlElement(f"w:{side}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        run_element.addprevious(start)
        start.addnext(wrapper)
        wrapper.append(run_element)
        wrapper.addnext(end)


def _sized(run: Any, size: float | None) -> Any:
    if size:
        run.font.size = Pt(size)
    return run


def write_revision_runs(
    paragraph: Any,
    runs: Sequence[Run],
    revisions: Revisions,
    *,
    size: float | None = None,
    note_colour: Any = None,
) -> Any:
    """Write marked runs as tracked changes; a `break` run starts a new paragraph.

    Returns the last paragraph written to.
    """
    container = paragraph._parent
    for run in runs:
        if run.kind == "break":
            paragraph = container.add_paragraph()
            continue
        written = _sized(paragraph.add_run(run.text), size)
        if run.kind == "plain":
            continue
        if revisions.is_move(run):
            revisions.wrap_move(written._r, run)
            continue
        revisions.wrap(written._r, "ins" if run.kind in ("ins", "moved_in") else "del", run.stage)
        if run.note:  # a move Word cannot show as one: say where the text went or came from
            note = _sized(paragraph.add_run(f" ({run.note})"), (size or 10) - 1)
            note.italic = True
            if note_colour is not None:
                note.font.color.rgb = note_colour
    return paragraph
