"""Marked text: pieces of text flagged as bold italic, cleaned and turned into `MarkedRun`s.

An EP amendment marks its changes in both columns: in the amendment column the bold-italic
words are the Parliament's new words, in the Commission column the bold-italic words are the
ones the amendment removes or replaces. Readers collect `(text, marked)` pieces; `clean_pieces`
collapses white space exactly as `common.clean` does, so the runs always join to the cleaned
text; `merge_columns` lays the two columns over each other into one redline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from eu_posities.document import MarkedRun
from eu_posities.importers.common import NOTE_MARK, clean

Piece = tuple[str, bool]  # (text, marked)

_SPACE_CHARS = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u202f\u200b\ufeff")
_NOTE_THEN_PUNCT = frozenset(",.;:)]")


def clean_pieces(pieces: Iterable[Piece]) -> list[Piece]:
    """The pieces with white space collapsed and footnote markers dropped, as `clean` does.

    Joining the texts of the result gives `clean(joined texts of the input)`. A collapsed
    space takes the mark of the text before it, so "new words" + " " + "old" marks the
    space as part of the new words only when it sat inside them.
    """
    pieces = list(pieces)
    if not any(NOTE_MARK in text for text, _ in pieces):
        return _clean_fast(pieces)
    chars: list[tuple[str, bool]] = []
    for text, marked in pieces:
        chars.extend((c, marked) for c in text)
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(chars):
        char, marked = chars[i]
        if char in _SPACE_CHARS:
            j = i
            while j < len(chars) and chars[j][0] in _SPACE_CHARS:
                j += 1
            if j < len(chars) and chars[j][0] == NOTE_MARK:
                i = j  # the space before a footnote marker goes with it
                continue
            out.append((" ", marked))
            i = j
        elif char == NOTE_MARK:
            i += 1
            if i < len(chars) and chars[i][0] in _SPACE_CHARS:
                # "(1) ," keeps no space before punctuation, as `clean` does.
                j = i
                while j < len(chars) and chars[j][0] in _SPACE_CHARS:
                    j += 1
                if j < len(chars) and chars[j][0] in _NOTE_THEN_PUNCT:
                    i = j
        else:
            out.append((char, marked))
            i += 1
    while out and out[0][0] == " ":
        out.pop(0)
    while out and out[-1][0] == " ":
        out.pop()
    return _group(out)


_SPACE_RUN = re.compile("[" + "".join(sorted(_SPACE_CHARS)) + "]+")


def _clean_fast(pieces: list[Piece]) -> list[Piece]:
    """`clean_pieces` for text without footnote markers, a piece at a time."""
    out: list[Piece] = []
    ends_in_space = True  # nothing written yet: leading space is dropped
    for text, marked in pieces:
        text = _SPACE_RUN.sub(" ", text)
        if ends_in_space and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        ends_in_space = text.endswith(" ")
        if out and out[-1][1] == marked:
            out[-1] = (out[-1][0] + text, marked)
        else:
            out.append((text, marked))
    while out and out[-1][0].endswith(" "):
        text, marked = out[-1]
        text = text[:-1]
        if text:
            out[-1] = (text, marked)
        else:
            out.pop()
    return out


def _group(chars: Sequence[tuple[str, bool]]) -> list[Piece]:
    pieces: list[Piece] = []
    for char, marked in chars:
        if pieces and pieces[-1][1] == marked:
            pieces[-1] = (pieces[-1][0] + char, marked)
        else:
            pieces.append((char, marked))
    return pieces


def plain(pieces: Iterable[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def as_runs(pieces: Iterable[Piece], op: str) -> tuple[MarkedRun, ...]:
    """Runs of one column: marked pieces get `op` ("insert" or "delete"), the rest "equal"."""
    runs: list[MarkedRun] = []
    for text, marked in pieces:
        kind = op if marked else "equal"
        if not text:
            continue
        if runs and runs[-1].op == kind:
            runs[-1] = MarkedRun(kind, runs[-1].text + text)
        else:
            runs.append(MarkedRun(kind, text))
    return tuple(runs)


def join_lines(lines: Sequence[Sequence[Piece]]) -> list[Piece]:
    """Lines of pieces joined with "\\n" (an unmarked separator)."""
    out: list[Piece] = []
    for index, line in enumerate(lines):
        if index:
            out.append(("\n", False))
        out.extend(line)
    return out


def normalise_runs(runs: Iterable[MarkedRun]) -> tuple[MarkedRun, ...]:
    """Empty runs dropped, neighbours of the same kind merged."""
    out: list[MarkedRun] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].op == run.op and out[-1].changed == run.changed:
            out[-1] = MarkedRun(run.op, out[-1].text + run.text, run.changed)
        else:
            out.append(run)
    return tuple(out)


_TOKEN = re.compile(r"\S+|\s+")


def _tokens(runs: Sequence[MarkedRun], changed_op: str) -> list[tuple[str, bool]]:
    """(token, is a shared word) for every word and space of a column."""
    out: list[tuple[str, bool]] = []
    for run in runs:
        for token in _TOKEN.findall(run.text):
            out.append((token, run.op != changed_op and not token.isspace()))
    return out


def _space_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n] and a[n].isspace():
        n += 1
    return n


def _anchors(old: list[tuple[str, bool]], new: list[tuple[str, bool]]) -> list[tuple[int, int]]:
    """Token positions of the unmarked words both columns share, in order (their LCS)."""
    from difflib import SequenceMatcher

    old_at = [i for i, (_, shared) in enumerate(old) if shared]
    new_at = [j for j, (_, shared) in enumerate(new) if shared]
    matcher = SequenceMatcher(
        None, [old[i][0] for i in old_at], [new[j][0] for j in new_at], autojunk=False
    )
    pairs = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs.append((old_at[block.a + k], new_at[block.b + k]))
    return pairs


def merge_columns(
    old_runs: Sequence[MarkedRun], new_runs: Sequence[MarkedRun]
) -> tuple[MarkedRun, ...]:
    """One redline from the two marked columns.

    The unmarked words both columns share (in order) are the equal text; between two of
    them, whatever the Commission column has is deleted and whatever the amendment column has
    is inserted, so every bold-italic word counts as changed. Unmarked words that differ
    between the columns (the EP's marks are not always complete) count as changed too.
    White space both sides have around a change stays equal.
    """
    old = _tokens(old_runs, "delete")
    new = _tokens(new_runs, "insert")
    out = _Runs()
    i = j = 0
    for a, b in [*_anchors(old, new), (len(old), len(new))]:
        if a > i or b > j:
            old_gap = "".join(t for t, _ in old[i:a])
            new_gap = "".join(t for t, _ in new[j:b])
            head = _space_prefix(old_gap, new_gap)
            old_rest, new_rest = old_gap[head:], new_gap[head:]
            tail = _space_prefix(old_rest[::-1], new_rest[::-1])
            out.add("equal", old_gap[:head])
            out.add("delete", old_rest[: len(old_rest) - tail])
            out.add("insert", new_rest[: len(new_rest) - tail])
            out.add("equal", old_rest[len(old_rest) - tail :])
        if a < len(old):
            out.add("equal", old[a][0])
        i, j = a + 1, b + 1
    return out.runs()


class _Runs:
    """Runs being written: text of the same kind is gathered before a run is made."""

    def __init__(self) -> None:
        self.done: list[MarkedRun] = []
        self.op = ""
        self.parts: list[str] = []

    def add(self, op: str, text: str) -> None:
        if not text:
            return
        if op != self.op:
            self._flush()
            self.op = op
        self.parts.append(text)

    def _flush(self) -> None:
        if self.parts:
            self.done.append(MarkedRun(self.op, "".join(self.parts)))
        self.parts = []

    def runs(self) -> tuple[MarkedRun, ...]:
        self._flush()
        return tuple(self.done)


def split_lines(runs: Sequence[MarkedRun]) -> list[tuple[MarkedRun, ...]]:
    """The runs of each line of a text (split at "\\n", the separators dropped)."""
    lines: list[list[MarkedRun]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(MarkedRun(run.op, part, run.changed))
    return [tuple(line) for line in lines]


def check_runs(runs: Sequence[MarkedRun], text: str, base: str) -> bool:
    """The invariant: non-delete runs join to `text`, non-insert runs to `base`."""
    new = "".join(r.text for r in runs if r.op != "delete")
    old = "".join(r.text for r in runs if r.op != "insert")
    return new == text and old == base


__all__ = [
    "Piece",
    "as_runs",
    "check_runs",
    "clean",
    "clean_pieces",
    "join_lines",
    "merge_columns",
    "normalise_runs",
    "plain",
    "split_lines",
]
