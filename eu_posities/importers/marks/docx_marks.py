"""Word run formatting as change marks: bold, strike (single or double), underline.

A run's marks come from its own properties (`w:rPr`) over those of its character style
(`w:rStyle`, and the styles it is based on); a toggle such as `<w:b w:val="0"/>` turns a
mark off. Paragraph styles are typography (a bold heading style), not marks. A run set
in superscript holding only a number is a footnote reference (PDF → Word conversions
write footnotes that way) and is kept apart from the text.
"""

from __future__ import annotations

from lxml import etree

from eu_posities.importers.marks.text import BOLD, ITALIC, STRUCK, UNDERLINED

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = ("0", "false", "off", "none")
_TOGGLES = ((f"{W}b", BOLD), (f"{W}i", ITALIC), (f"{W}strike", STRUCK), (f"{W}dstrike", STRUCK))


def _on(element: etree._Element) -> bool:
    return element.get(f"{W}val", "true").lower() not in _OFF


def marks_of(rpr: etree._Element | None) -> int:
    """The marks one `w:rPr` sets on its own (no style)."""
    return _properties(rpr, 0)


def _properties(rpr: etree._Element | None, flags: int) -> int:
    """`flags` changed by the toggles of one `w:rPr`."""
    if rpr is None:
        return flags
    for tag, flag in _TOGGLES:
        element = rpr.find(tag)
        if element is not None:
            flags = flags | flag if _on(element) else flags & ~flag
    underline = rpr.find(f"{W}u")
    if underline is not None:
        flags = flags | UNDERLINED if _on(underline) else flags & ~UNDERLINED
    return flags


class RunMarks:
    """The marks of runs, with the character styles of one document."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.styles: dict[str, int] = {}
        if styles is None:
            return
        based: dict[str, str] = {}
        own: dict[str, int] = {}
        for style in styles.iter(f"{W}style"):
            if style.get(f"{W}type") != "character":
                continue
            ident = style.get(f"{W}styleId", "")
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based[ident] = parent.get(f"{W}val", "")
            own[ident] = _properties(style.find(f"{W}rPr"), 0)
        for ident in own:
            flags, seen, current = 0, set(), ident
            chain = []
            while current in own and current not in seen:
                seen.add(current)
                chain.append(current)
                current = based.get(current, "")
            for name in reversed(chain):
                flags |= own[name]
            self.styles[ident] = flags

    def flags(self, run: etree._Element) -> int:
        """The marks of one `w:r`."""
        rpr = run.find(f"{W}rPr")
        flags = 0
        if rpr is not None:
            style = rpr.find(f"{W}rStyle")
            if style is not None:
                flags = self.styles.get(style.get(f"{W}val", ""), 0)
        return _properties(rpr, flags)


def superscript(run: etree._Element) -> bool:
    align = run.find(f"{W}rPr/{W}vertAlign")
    return align is not None and align.get(f"{W}val") == "superscript"


def size(run: etree._Element) -> float:
    """The run's font size in points (0 when the run does not say)."""
    element = run.find(f"{W}rPr/{W}sz")
    if element is None:
        return 0.0
    try:
        return int(element.get(f"{W}val", "0")) / 2
    except ValueError:
        return 0.0
