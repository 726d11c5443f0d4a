"""Marked runs of a provision: its text, aligned with the marked source it was read from.

A provision's `text` is built by the splitter from the stage view of its lines (struck
characters left out, numbers split off, wrapped lines joined). `align` walks that text and
the marked source side by side: every character of the text takes the marks of the source
character it came from (bold: inserted, underlined: changed), and the struck characters
the source holds in between become delete runs at that place, with the spaces the source
has around them. Text both bold and struck was added by an earlier compromise and is
deleted again: it is in neither text and no run holds it. By construction the non-delete
runs join to exactly `text`; the non-insert runs join to the base text the document was
marked against.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from eu_posities.document import MarkedRun
from eu_posities.importers.marks.text import BOLD, STRUCK, UNDERLINED, MarkedText

# How many unmarked source characters may be passed over to find the next character of
# the text: a label or number printed before the text ("(12) ", "1. ").
_SKIP = 40


def text_of(runs: Iterable[MarkedRun]) -> str:
    """The stage text the runs show: every run but the deleted ones."""
    return "".join(run.text for run in runs if run.op != "delete")


def base_of(runs: Iterable[MarkedRun]) -> str:
    """The base text the runs were marked against: every run but the inserted ones, each
    line's spaces collapsed."""
    raw = "".join(run.text for run in runs if run.op != "insert")
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


class _Builder:
    """Collects (op, changed, base, text) pieces, merging neighbours with the same marks."""

    def __init__(self) -> None:
        self.keys: list[tuple[str, bool, str]] = []
        self.parts: list[list[str]] = []
        self.base = ""  # the base provision of the source text being read

    def add(self, op: str, text: str, changed: bool = False) -> None:
        if not text:
            return
        key = (op, changed, "" if op == "insert" else self.base)
        if self.keys and self.keys[-1] == key:
            self.parts[-1].append(text)
        else:
            self.keys.append(key)
            self.parts.append([text])

    def last(self) -> tuple[str, bool] | None:
        return self.keys[-1][:2] if self.keys else None

    def runs(self) -> tuple[MarkedRun, ...]:
        return tuple(
            MarkedRun(op, "".join(parts), changed, base)
            for (op, changed, base), parts in zip(self.keys, self.parts, strict=True)
        )


def _op(flags: int) -> tuple[str, bool]:
    return ("insert" if flags & BOLD else "equal"), bool(flags & UNDERLINED)


def _space(text: str) -> str:
    if not text:
        return ""
    return "\n" if "\n" in text else " "


def align(
    text: str, source: MarkedText, bases: Sequence[tuple[int, str]] = ()
) -> tuple[tuple[MarkedRun, ...], int]:
    """The marked runs of `text`, read from `source`; also how many characters of the
    text could not be found in the source (0 when the splitter only removed labels,
    numbers and white space). `bases` says where in the source the text of another base
    provision starts ((offset, label); label "" for the provision's own)."""
    chars, flags = source.text, source.flags
    out = _Builder()
    starts = [offset for offset, _label in bases]
    labels = [label for _offset, label in bases]

    def base_at(index: int) -> str:
        at = bisect_right(starts, index) - 1
        return labels[at] if at >= 0 else ""

    position = 0  # next source character to look at
    previous = -1  # source index of the last matched character
    pending = ""  # white space of the text not yet written
    unmatched = 0
    for char in text:
        if char.isspace():
            pending += char
            continue
        found, deleted = _find(chars, flags, position, char)
        if found < 0:
            unmatched += 1
            out.add("equal", pending + char)
            pending = ""
            continue
        if deleted:
            out.base = base_at(deleted[0])
            # Spaces the source has before and after the struck stretch.
            lead = _space(chars[previous + 1 : deleted[0]]) if previous >= 0 else ""
            trail = _space(chars[deleted[-1] + 1 : found])
            between = chars[previous + 1 : found] if previous >= 0 else ""
            op, changed = _op(_gap_flags(flags, previous, found, between))
            out.add(op, pending, changed)
            out.add("delete", ("" if pending else lead) + _stretch(chars, deleted) + trail)
            out.base = base_at(found)
        else:
            out.base = base_at(found)
            key = _op(flags[found])
            if pending and out.last() != key:
                # A space between two differently marked stretches: its own marks.
                key = _op(_gap_flags(flags, previous, found, chars[previous + 1 : found]))
            out.add(key[0], pending, key[1])
        pending = ""
        op, changed = _op(flags[found])
        out.add(op, char, changed)
        previous, position = found, found + 1
    tail = [
        i
        for i in range(position, len(chars))
        if flags[i] & STRUCK and not flags[i] & BOLD and not chars[i].isspace()
    ]
    if tail:
        out.add("equal", pending)
        out.base = base_at(tail[0])
        lead = _space(chars[previous + 1 : tail[0]]) if previous >= 0 else ""
        out.add("delete", lead + _stretch(chars, tail))
    else:
        out.add("equal", pending)
    return out.runs(), unmatched


def _find(chars: str, flags: bytes, start: int, char: str) -> tuple[int, list[int]]:
    """The next unstruck source character equal to `char`, and the struck characters
    passed on the way (-1 if it is not within reach)."""
    deleted: list[int] = []
    skipped = 0
    index = start
    while index < len(chars):
        if flags[index] & STRUCK:
            # Struck and bold: added by an earlier text, deleted again, in neither text.
            if not chars[index].isspace() and not flags[index] & BOLD:
                deleted.append(index)
        elif chars[index] == char:
            return index, deleted
        elif not chars[index].isspace():
            skipped += 1
            if skipped > _SKIP:
                break
        index += 1
    return -1, []


def _stretch(chars: str, indices: Sequence[int]) -> str:
    """The struck characters at `indices`, a space (or line break) where the source has
    white space between them."""
    parts = [chars[indices[0]]]
    for before, index in zip(indices, indices[1:], strict=False):
        if index > before + 1:
            parts.append(_space(chars[before + 1 : index]) or " ")
        parts.append(chars[index])
    return "".join(parts)


def _gap_flags(flags: bytes, previous: int, found: int, between: str) -> int:
    """The marks of the white space between two matched characters: those of the source's
    own space there, when it has one."""
    for offset, char in enumerate(between):
        if char.isspace():
            return flags[previous + 1 + offset] & ~STRUCK
    return 0
