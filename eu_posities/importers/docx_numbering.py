"""Word automatic numbering: the "1.", "(a)", "–" that Word draws but does not store as text.

Council and Parliament documents number paragraphs and points with Word lists, so the
numbers live in `word/numbering.xml` (formats and level texts such as "%1." or "(%2)")
and are counted per list while the document is read in order. A paragraph takes its list
from its own `w:numPr` or from its style's.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


@dataclass(frozen=True)
class Level:
    """One level of a Word list: number format, level text ("%1."), first number."""

    fmt: str
    text: str
    start: int


def _roman(value: int) -> str:
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _letters(value: int) -> str:
    # Word repeats the letter after z: aa, bb, ...
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """A counter printed in a Word number format."""
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return _roman(value)
    if fmt == "upperRoman":
        return _roman(value).upper()
    return str(value)


def _val(element: etree._Element | None, default: str = "") -> str:
    return element.get(f"{W}val", default) if element is not None else default


class Numbering:
    """Counts Word lists in document order and prints each paragraph's number."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        abstract: dict[str, dict[int, Level]] = {}
        self.lists: dict[str, dict[int, Level]] = {}
        self.style_lists: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            for node in numbering.iter(f"{W}abstractNum"):
                levels = {}
                for lvl in node.iter(f"{W}lvl"):
                    start = _val(lvl.find(f"{W}start"), "1")
                    levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
                        fmt=_val(lvl.find(f"{W}numFmt"), "decimal"),
                        text=_val(lvl.find(f"{W}lvlText")),
                        start=int(start) if start.isdigit() else 1,
                    )
                abstract[node.get(f"{W}abstractNumId", "")] = levels
            for num in numbering.iter(f"{W}num"):
                base = _val(num.find(f"{W}abstractNumId"))
                self.lists[num.get(f"{W}numId", "")] = abstract.get(base, {})
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    level = _val(num_pr.find(f"{W}ilvl"), "0")
                    self.style_lists[style.get(f"{W}styleId", "")] = (
                        _val(num_pr.find(f"{W}numId")),
                        int(level) if level.isdigit() else 0,
                    )

    def number(self, paragraph: etree._Element) -> tuple[str, int]:
        """The printed number of `paragraph` ("" if none) and its list level."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            level_text = _val(num_pr.find(f"{W}ilvl"), "0")
            level = int(level_text) if level_text.isdigit() else 0
        else:
            style = _val(paragraph.find(f"{W}pPr/{W}pStyle"))
            num_id, level = self.style_lists.get(style, ("", 0))
        levels = self.lists.get(num_id)
        if not levels or num_id == "0" or level not in levels:
            return "", 0
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a higher level restarts the levels below it
        spec = levels[level]
        if spec.fmt == "bullet":
            return "–", level  # Word bullets are symbol-font glyphs; EU texts use indent dashes
        if spec.fmt == "none":
            return "", level
        text = spec.text
        for index in range(level, -1, -1):
            if index in levels:
                value = counters.get(index, levels[index].start)
                text = text.replace(f"%{index + 1}", format_number(value, levels[index].fmt))
        return text.strip(), level
