"""Text with a mark per character: what a marked-up document prints, before it is split.

`MarkedText` pairs a string with one flag byte per character (bold, struck, underlined,
italic). PDF lines and DOCX runs are read into it; the splitter then sees one *view* of it
(the stage text: struck characters left out; the base text: bold ones left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

BOLD = 1
STRUCK = 2
UNDERLINED = 4
ITALIC = 8
# The change marks: what `marks="none"` ignores.
CHANGE_MARKS = BOLD | STRUCK | UNDERLINED

_SPACE = re.compile(r"\s+")
_GAP_BEFORE_PUNCTUATION = re.compile(r"\s*\x00\s*(?=[,.;:)\]])")
_KEPT = re.compile(rb"\x01+")


@cache
def _table(without: int) -> bytes:
    """A `bytes.translate` table: 1 for flag bytes with none of `without`, else 0."""
    return bytes(0 if value & without else 1 for value in range(256))


def kept_ranges(flags: bytes, without: int) -> list[tuple[int, int]]:
    """(start, end) of the stretches whose flags have none of `without`."""
    return [m.span() for m in _KEPT.finditer(flags.translate(_table(without)))]


def carries(flags: bytes, flag: int) -> bool:
    """True if some flag byte has `flag`."""
    return 0 in flags.translate(_table(flag))


_OTHER_SPACE = re.compile(r"[^\S ]|  ")


@dataclass(frozen=True, slots=True)
class MarkedText:
    """A string and one flag byte per character (`len(flags) == len(text)`)."""

    text: str
    flags: bytes = b""

    def __post_init__(self) -> None:
        if len(self.flags) != len(self.text):
            if self.flags:
                raise ValueError("one flag per character")
            object.__setattr__(self, "flags", bytes(len(self.text)))

    @classmethod
    def of(cls, text: str, flag: int = 0) -> MarkedText:
        return cls(text, bytes([flag]) * len(text))

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: MarkedText) -> MarkedText:
        return MarkedText(self.text + other.text, self.flags + other.flags)

    def __getitem__(self, index: slice) -> MarkedText:
        return MarkedText(self.text[index], self.flags[index])

    def any(self, flag: int) -> bool:
        """True if some non-space character carries `flag`."""
        if not carries(self.flags, flag):
            return False
        return any(f & flag for f, c in zip(self.flags, self.text, strict=True) if not c.isspace())

    def share(self, flag: int) -> float:
        """The share of non-space characters that carry `flag`."""
        marked = total = 0
        for f, c in zip(self.flags, self.text, strict=True):
            if not c.isspace():
                total += 1
                marked += bool(f & flag)
        return marked / total if total else 0.0

    def view(self, without: int) -> str:
        """The text without the characters flagged with any of `without`, spaces collapsed
        (and none left before punctuation where characters were taken out: "crime~~,
        including children~~;" reads "crime;")."""
        if not without:
            return " ".join(self.text.split())
        pieces = [self.text[a:b] for a, b in kept_ranges(self.flags, without)]
        kept = _GAP_BEFORE_PUNCTUATION.sub("", "\x00".join(pieces)).replace("\x00", "")
        return " ".join(kept.split())

    def without(self, flags: int) -> MarkedText:
        """The same characters with `flags` cleared."""
        if not flags:
            return self
        keep = 0xFF ^ flags
        return MarkedText(self.text, bytes(f & keep for f in self.flags))

    def clean(self) -> MarkedText:
        """White space collapsed to single spaces (a space keeps the marks that it, the rest
        of its run and both its neighbours share) and stripped."""
        text, flags = self.text, self.flags
        core = text.strip()
        if not _OTHER_SPACE.search(core):
            # Single spaces only (the usual case): cut the ends, check marked spaces.
            start = text.find(core[:1]) if core else 0
            cut = flags[start : start + len(core)]
            if not cut.strip(b"\x00") or " " not in core:
                return self if len(core) == len(text) else MarkedText(core, cut)
            marked = bytearray(cut)
            index = core.find(" ")
            while index > 0:
                marked[index] &= marked[index - 1] & marked[index + 1]
                index = core.find(" ", index + 1)
            return MarkedText(core, bytes(marked))
        out_text: list[str] = []
        out_flags = bytearray()
        for start, end, space in _runs(text):
            if space:
                if out_text and end < len(text):
                    # The space keeps a mark only if it and both its neighbours carry it.
                    shared = flags[start - 1] & flags[end]
                    for f in flags[start:end]:
                        shared &= f
                    out_text.append(" ")
                    out_flags.append(shared)
            else:
                out_text.append(text[start:end])
                out_flags.extend(flags[start:end])
        return MarkedText("".join(out_text), bytes(out_flags))


def _runs(text: str) -> Iterable[tuple[int, int, bool]]:
    """(start, end, is_space) for the alternating runs of white space and other text."""
    position = 0
    for match in _SPACE.finditer(text):
        if match.start() > position:
            yield position, match.start(), False
        yield match.start(), match.end(), True
        position = match.end()
    if position < len(text):
        yield position, len(text), False


def join(parts: Iterable[MarkedText], separator: str = " ") -> MarkedText:
    """Join marked texts with an unmarked separator."""
    texts: list[str] = []
    flags = bytearray()
    for index, part in enumerate(parts):
        if index:
            texts.append(separator)
            flags.extend(bytes(len(separator)))
        texts.append(part.text)
        flags.extend(part.flags)
    return MarkedText("".join(texts), bytes(flags))
