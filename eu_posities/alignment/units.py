"""The paragraphs and points of a provision, with their numbers and places in its text.

A provision's `text` holds one paragraph, point or indent per line. Importers that know the
structure also give `blocks` (number, level, text) that line up one to one with those lines;
otherwise the number is read off the start of each line. Either way each unit knows where
its line sits in the text, so that a diff of the whole text can be cut at unit boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# A number as printed at the start of a line: "1.", "2a.", "(a)", "(iv)", "(12)", "a)", "–".
_NUM = re.compile(r"(?:\d+[a-z]{0,3}\.|\(\w{1,6}\)|[a-z]{1,4}\)|[–—•▌-])(?=\s)")
_ROMAN = re.compile(r"\((?=[ivxlc]+\))[ivxlc]{1,6}\)")


class HasBlocks(Protocol):
    """What units need of a provision: its text, and its blocks when the importer gave them."""

    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Unit:
    """One paragraph, point or indent: its number as printed, its text without the number,
    the character span of its whole line in the provision's text (number included), and the
    line's position among all lines of the text (`line`, empty lines counted)."""

    index: int
    num: str
    level: int
    text: str
    start: int
    end: int
    line: int


def units(prov: HasBlocks) -> list[Unit]:
    """The provision's lines as units, numbered from its blocks when they fit its text."""
    text = prov.text
    lines = text.split("\n")
    blocks: Sequence[object] = getattr(prov, "blocks", ()) or ()
    from_blocks = len(blocks) == len(lines) and all(
        _line_of(b) == line for b, line in zip(blocks, lines, strict=True)
    )
    out: list[Unit] = []
    pos = 0
    for k, line in enumerate(lines):
        end = pos + len(line)
        if from_blocks:
            block = blocks[k]
            num, level, body = block.num, block.level, block.text  # type: ignore[attr-defined]
        else:
            num, level, body = _read_number(line)
        if line.strip():
            out.append(Unit(len(out), num, level, body, pos, end, k))
        pos = end + 1
    return out


def _line_of(block: object) -> str:
    num, body = getattr(block, "num", ""), getattr(block, "text", "")
    return f"{num} {body}" if num else body


def _read_number(line: str) -> tuple[str, int, str]:
    """Number, a guessed level (paragraph 0, point 1, sub-point 2) and the rest of a line."""
    stripped = line.lstrip()
    m = _NUM.match(stripped)
    if not m:
        return "", 0, line.strip()
    num = m.group(0)
    body = stripped[m.end() :].strip()
    if num[0].isdigit():
        level = 0
    elif _ROMAN.fullmatch(num) and num not in ("(i)", "(v)", "(x)", "(c)", "(l)"):
        level = 2  # "(ii)", "(iv)": a sub-point; "(i)" alone is ambiguous, read as a point
    elif num.startswith("("):
        level = 1
    else:
        level = 2
    return num, level, body
