"""Shared pieces of the importers: text clean-up, number patterns and a provision builder."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from eu_posities.document import Block, ParsedProvision
from eu_posities.safetext import for_storage

# Where a footnote marker was removed; dropped again by `clean` together with the space
# before it, so "procedure (1)," and "procedure<NOTE/>," both become "procedure,".
NOTE_MARK = "\x00"

_SPACE = re.compile(r"[ \t\r\n\u00a0\u2002\u2003\u2009\u202f\u200b\ufeff]+")
_NOTE_BEFORE_PUNCT = re.compile(r"\s*\x00\s*(?=[,.;:)\]])")
_NOTE_ANY = re.compile(r"\s*\x00")

ARTICLE_LINE = re.compile(r"^Article\s+(\d+[a-z]*)\s*$", re.IGNORECASE)
ANNEX_LINE = re.compile(r"^ANNEX(?:\s+([IVXLC]+[a-z]?|\d+[a-z]?))?\s*[:.]?\s*$")
RECITAL_NUM = re.compile(r"^\((\d+[a-z]*)\)$")
# "TITLE IA", "CHAPTER 1A": a title or chapter inserted between two others.
CHAPTER_LINE = re.compile(
    r"^(CHAPTER|Chapter|TITLE|Title|PART|Part)\s+([IVXLC]+[A-Za-z]?|\d+[A-Za-z]?)\b"
    r"\s*[-–—:.]?\s*(.*)$"
)
SUBSECTION_LINE = re.compile(r"^(Part|Subsection|SUBSECTION)\s+(\d+[a-z]?)\s*[-–—:.]?\s*(.*)$")
SECTION_LINE = re.compile(r"^(SECTION|Section)\s*(\d+[a-z]*)\s*[-–—:.]?\s*(.*)$")

# A reference that wrapped to the start of the next line before a point number ("laid down
# in Article 5(1), point (d), (2), (3) and" + "(4) of this Regulation") or the kind of an act
# ("Regulation" + "(EU) 2016/679"). No recital or point opens with a comma or with "of",
# "and", "or" after its number, nor is "(EU)" a number.
_REFERENCE_GOES_ON = re.compile(
    r"^(?:\(\w{1,5}\)(?:[,;)\]]|\s+(?:of|and|or|thereof)\b)|\((?:EU|EC|EEC|Euratom)\)\s)"
)


def continues_reference(previous: str, line: str) -> bool:
    """True when `line` opens with a wrapped point number of a reference that `previous`
    (the text before it) left unfinished, rather than with a new recital or point."""
    return previous.rstrip()[-1:] not in ".;:" and bool(_REFERENCE_GOES_ON.match(line))


# A paragraph or point number at the start of a line: "1.", "1a.", "(a)", "(iv)", "–".
_NUM_AT_START = re.compile(
    r"^(?P<num>-?\d+[a-z]?\.(?!\d)|\(\d+[a-z]?\)|\([a-z]{1,2}\)|\([ivxlc]+\)|[–—•]|-(?=\s))\s*"
)
_ROMAN = re.compile(r"^\([ivxlc]+\)$")
_LETTER_BEFORE = {"(i)": "(h)", "(v)": "(u)", "(x)": "(w)", "(l)": "(k)", "(c)": "(b)"}


def clean(text: str) -> str:
    """Collapse white space, drop removed-footnote markers (and the space before them) and
    control characters (`safetext.for_storage`)."""
    if NOTE_MARK in text:
        text = _NOTE_BEFORE_PUNCT.sub("", text)
        text = _NOTE_ANY.sub("", text)
    return _SPACE.sub(" ", for_storage(text)).strip()


def split_num(text: str) -> tuple[str, str]:
    """Split a leading paragraph/point number off a line: "1. Text" -> ("1.", "Text")."""
    match = _NUM_AT_START.match(text)
    if not match:
        return "", text
    rest = text[match.end() :]
    if not rest:
        return "", text
    return match.group("num"), rest


def num_level(num: str, previous: str = "") -> int:
    """Nesting depth of a printed number: "1." 0, "(a)" 1, "(i)" 2, an indent dash 2."""
    if not num or num[0].isdigit():
        return 0
    if num.startswith("("):
        # "(i)" right after "(h)" is the letter i, otherwise a roman numeral one level deeper.
        if _ROMAN.match(num) and previous != _LETTER_BEFORE.get(num):
            return 2
        return 1
    return 2


def local(tag: object) -> str:
    """The local name of an lxml tag (namespace dropped); "" for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(element: etree._Element, skip: Iterable[str] = ()) -> str:
    """All text inside `element`, skipping subtrees whose local name is in `skip`."""
    skipped = set(skip)
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = local(child.tag)
            if name and name not in skipped:
                walk(child)
            elif name:
                parts.append(NOTE_MARK)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


# "Article 25 is replaced by the following:" - the next "Article N" line is quoted text of
# the amended act, not a new article of this one.
_AMENDING_INTRO = re.compile(
    r"\b(following|replaced by|inserted|added|amended as follows|worded as follows|read)\b[^:]*:$",
    re.IGNORECASE,
)


def introduces_quote(draft: Draft | None) -> bool:
    """True if the provision being read ends with a sentence that introduces quoted text."""
    if draft is None or not draft.blocks:
        return False
    return bool(_AMENDING_INTRO.search(draft.blocks[-1].text))


LABEL_PREFIX = {"article": "Article", "recital": "Recital", "annex": "Annex"}


def make_label(kind: str, number: str) -> str:
    """The label as printed: "Article 5a", "Recital 12", "Annex I"."""
    prefix = LABEL_PREFIX.get(kind, kind.capitalize())
    return f"{prefix} {number}".strip()


@dataclass
class Draft:
    """A provision being assembled while a document is read in order."""

    kind: str
    number: str = ""
    label: str = ""
    heading: str = ""
    path: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    markers: dict[str, Any] = field(default_factory=dict)

    def add(
        self, text: str, num: str = "", level: int = 0, markers: dict[str, Any] | None = None
    ) -> None:
        """Add one paragraph or point; empty text is ignored."""
        text = clean(text)
        num = clean(num)
        if not text and not num:
            return
        self.blocks.append(Block(text=text, num=num, level=level, markers=markers or {}))

    def build(self) -> ParsedProvision:
        label = self.label or make_label(self.kind, self.number)
        return ParsedProvision(
            kind=self.kind,
            number=self.number,
            label=label,
            text=blocks_text(self.blocks),
            heading=clean(self.heading),
            path=tuple(p for p in (clean(x) for x in self.path) if p),
            blocks=tuple(self.blocks),
            footnotes=tuple(f for f in (clean(x) for x in self.footnotes) if f),
            markers=dict(self.markers),
        )


def blocks_text(blocks: Iterable[Block]) -> str:
    """Provision text: one line per block, its printed number first."""
    lines = []
    for block in blocks:
        line = f"{block.num} {block.text}".strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def finish(drafts: Iterable[Draft]) -> tuple[ParsedProvision, ...]:
    """Build the drafts, dropping those with neither text nor heading (empty shells)."""
    built = []
    for draft in drafts:
        provision = draft.build()
        if provision.text or provision.heading or provision.kind in ("article", "annex"):
            built.append(provision)
    return tuple(built)
