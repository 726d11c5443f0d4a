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

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from eu_posities.document import MarkedRun
from eu_posities.importers.marks.text import BOLD, STRUCK, UNDERLINED, MarkedText

_STRUCK_TABLE = bytes(0 if value & STRUCK else 1 for value in range(256))
# A flag byte as the run it makes: 1 inserted (bold), 2 changed (underlined).
_KEY_TABLE = bytes(
    (1 if value & BOLD else 0) | (2 if value & UNDERLINED else 0) for value in range(256)
)
_GAP_BEFORE_PUNCTUATION = re.compile(r"[ \t]*\x00[\x00 \t]*(?=[,.;:)\]])")
# How many unmarked source characters may be passed over to find the next character of
# the text: a label or number printed before the text ("(12) ", "1. ").
_SKIP = 40


def text_of(runs: Iterable[MarkedRun]) -> str:
    """The stage text the runs show: every run but the deleted ones."""
    return "".join(run.text for run in runs if run.op != "delete")


def base_of(runs: Iterable[MarkedRun]) -> str:
    """The base text the runs were marked against: every run but the inserted ones, each
    line's spaces collapsed (and none left before punctuation where an insertion stood:
    "and **bold words**." reads "and.")."""
    raw = "".join(run.text if run.op != "insert" else "\x00" for run in runs)
    raw = _GAP_BEFORE_PUNCTUATION.sub("", raw).replace("\x00", "")
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
    struck_at = flags.translate(_STRUCK_TABLE)  # 0 where a character is struck
    index = 0
    while index < len(text):
        if not pending and position == previous + 1:
            # Where text and source agree character for character (most of a provision),
            # copy the stretch in one go.
            same = _agreeing(text, index, chars, position, struck_at)
            if same:
                _copy(out, chars, flags, position, position + same, base_at)
                index += same
                previous = position + same - 1
                position += same
                continue
        char = text[index]
        index += 1
        if char.isspace():
            pending += char
            continue
        found = _find(chars, flags, position, char)
        if found < 0:
            unmatched += 1
            out.add("equal", pending + char)
            pending = ""
            continue
        key = _op(flags[found])
        _gap(out, source, previous, found, pending, key, base_at)
        pending = ""
        out.base = base_at(found)
        out.add(key[0], char, key[1])
        previous, position = found, found + 1
    _gap(out, source, previous, len(chars), pending, None, base_at)
    return out.runs(), unmatched


def _agreeing(text: str, index: int, chars: str, position: int, struck_at: bytes) -> int:
    """How many characters from `text[index]` equal those from `chars[position]`, none of
    them struck (0 when the first differs)."""
    limit = min(len(text) - index, len(chars) - position)
    struck = struck_at.find(0, position, position + limit)
    if struck >= 0:
        limit = struck - position
    if limit <= 0 or text[index] != chars[position]:
        return 0
    if text[index : index + limit] == chars[position : position + limit]:
        return limit
    low, high = 1, limit  # text[index:index+low] agrees, [index:index+high] does not
    while high - low > 1:
        middle = (low + high) // 2
        if text[index : index + middle] == chars[position : position + middle]:
            low = middle
        else:
            high = middle
    return low


def _copy(
    out: _Builder, chars: str, flags: bytes, start: int, end: int, base_at: Callable[[int], str]
) -> None:
    """Write `chars[start:end]` (equal in text and source) as runs of their own marks."""
    keys = flags[start:end].translate(_KEY_TABLE)
    offset = start
    for key, group in groupby(keys):
        length = sum(1 for _ in group)
        out.base = base_at(offset)
        out.add("insert" if key & 1 else "equal", chars[offset : offset + length], bool(key & 2))
        offset += length


def _gap(
    out: _Builder,
    source: MarkedText,
    previous: int,
    found: int,
    pending: str,
    after: tuple[str, bool] | None,
    base_at: Callable[[int], str],
) -> None:
    """Write what lies between two matched characters: the text's own white space
    (`pending`) and, in the source's order, the struck stretches there with the source's
    spaces around them. `after` is the marks of the next character (None at the end)."""
    chars, flags = source.text, source.flags
    written = not pending
    pieces = _pieces(chars, flags, previous + 1, found)
    struck = [i for i, piece in enumerate(pieces) if piece[2] == "struck"]
    for index, (begin, end, kind) in enumerate(pieces):
        if kind == "struck":
            out.base = base_at(begin)
            out.add("delete", " ".join(chars[begin:end].split()) or " ")
        elif kind == "space":
            if not written and (("\n" not in pending) or "\n" in chars[begin:end]):
                out.base = base_at(begin)
                # The space takes the marks of the source's own space: an unmarked space
                # between two bold words is in the base (it may part two base words).
                key = _op(flags[begin] & ~STRUCK)
                out.add(key[0], pending, key[1])
                written = True
                continue
            # A space of the base between struck text and the text around it.
            left = previous >= 0 or any(i < index for i in struck)
            right = after is not None or any(i > index for i in struck)
            if struck and left and right and not flags[begin] & BOLD:
                out.add("delete", _space(chars[begin:end]))
    if not written:
        out.add("equal", pending)


def _pieces(chars: str, flags: bytes, start: int, end: int) -> list[tuple[int, int, str]]:
    """The stretches of `chars[start:end]`: "struck" (struck text, with the struck or bare
    spaces inside it), "space" (unstruck white space) and "other" (unmarked characters the
    text left out, such as a label, and withdrawn bold-and-struck text)."""
    out: list[tuple[int, int, str]] = []
    index = start
    while index < end:
        char, flag = chars[index], flags[index]
        if flag & STRUCK and not flag & BOLD and not char.isspace():
            stop = index + 1
            # A struck stretch runs on over spaces that lead to more struck text.
            while stop < end:
                if flags[stop] & STRUCK and not flags[stop] & BOLD and not chars[stop].isspace():
                    stop += 1
                    continue
                look = stop
                while look < end and chars[look].isspace() and flags[look] & STRUCK:
                    look += 1
                if look > stop and look < end and _deleted(chars, flags, look):
                    stop = look
                    continue
                break
            out.append((index, stop, "struck"))
            index = stop
        elif char.isspace():
            stop = index + 1
            while stop < end and chars[stop].isspace():
                stop += 1
            out.append((index, stop, "space"))
            index = stop
        else:
            out.append((index, index + 1, "other"))
            index += 1
    return out


def _deleted(chars: str, flags: bytes, index: int) -> bool:
    return bool(flags[index] & STRUCK) and not flags[index] & BOLD and not chars[index].isspace()


def _struck_near(chars: str, flags: bytes, start: int, end: int) -> bool:
    return any(_deleted(chars, flags, i) for i in range(start, end))


def _find(chars: str, flags: bytes, start: int, char: str) -> int:
    """The next unstruck source character equal to `char` (-1 if it is not within reach:
    only struck text, white space and a few unmarked characters may lie before it)."""
    skipped = 0
    index = start
    while index < len(chars):
        if flags[index] & STRUCK:
            pass  # struck (or bold and struck: added earlier and deleted again)
        elif chars[index] == char:
            return index
        elif not chars[index].isspace():
            skipped += 1
            if skipped > _SKIP:
                break
        index += 1
    return -1
