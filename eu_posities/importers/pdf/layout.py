"""Page furniture, footnotes and paragraphs: a PDF's lines sorted into what a reader reads.

Furniture is what sits at the top or bottom of a page and repeats there on many pages
("11320/1/23 REV 1 RB/st 8", "TREE.2.B LIMITE EN"), page numbers, and release stamps.
Footnotes are the smaller lines below a short rule at the foot of a page (or, without a
rule, small lines there that start with a number). Body lines are joined into paragraphs:
a line continues the one before when that one ran to the right margin, nothing but normal
leading lies between them and the line does not start a numbered point or a label. A word
broken with a hyphen at a line end is joined; the hyphen stays when the document writes
the compound with a hyphen elsewhere ("high-risk").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from eu_posities.importers.common import continues_reference
from eu_posities.importers.furniture import RELEASE, furniture_meta
from eu_posities.importers.marks.text import MarkedText, join
from eu_posities.importers.pdf.lines import TextLine
from eu_posities.importers.tables import read_label

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|van|sur)\s*\d{1,4})?$", re.IGNORECASE
)
_STARTS_BLOCK = re.compile(
    r"^(-?\d+[a-z]?\.\s|\(\w{1,5}\)|[–—•-]\s|Article\s+\d|CHAPTER\b|Chapter\s+[IVXLC\d]+\s*$"
    r"|Section\s+\d|ANNEX\b|Whereas|HA(VE|S) ADOPTED|Having regard|Done at|\*\*\*)"
)
_HYPHENATED = re.compile(r"([A-Za-zÀ-ÿ]+)-$")
_WORD_START = re.compile(r"^([A-Za-zÀ-ÿ]+)")
_COMPOUND = re.compile(r"\b([A-Za-zÀ-ÿ]+)-([A-Za-zÀ-ÿ]+)\b")
_ZONE = 0.1
_WORDY = re.compile(r"[^\W_]")
# A line that ends like this cannot end a sentence or a heading: the next line goes on.
_DANGLING = re.compile(
    r"\b(in|of|to|the|and|for|on|with|by|under|from|or|referred|listed|pursuant|de|du|des|"
    r"la|le|les|et|aux|au|en|pour|sur|par|à|visée?s?)$",
    re.IGNORECASE,
)
_REFERENCE_START = re.compile(
    r"^(ANNEX|Annex|Article|Chapter|CHAPTER|Section|SECTION|Title|TITLE)\s"
)
_CAPITALS = re.compile(r"^[^a-zà-ÿ]*[A-ZÀ-Þ]{2,}[^a-zà-ÿ]*$")


@dataclass
class Body:
    """What a PDF's pages hold once page furniture and footnotes are set aside."""

    paragraphs: list[MarkedText]
    # The footnote references taken out of each paragraph's lines, by paragraph.
    notes: list[tuple[str, ...]]
    furniture: list[str]
    footnotes: list[str]
    meta: dict[str, object] = field(default_factory=dict)


def read_body(
    pages: list[list[TextLine]], heights: list[float], separators: list[float | None]
) -> Body:
    """Sort the lines of all pages into furniture, footnotes and body paragraphs.

    `separators` gives, per page, the top of its footnote separator rule (None if none)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.plain)
    body_size = sizes.most_common(1)[0][0] if sizes else 12.0
    running = _running_shapes(pages, heights)
    furniture: list[str] = []
    footnotes: list[str] = []
    body: list[TextLine] = []
    for lines, height, separator in zip(pages, heights, separators, strict=True):
        kept = []
        for line in lines:
            if _is_furniture(line, height, running):
                furniture.append(line.plain)
            else:
                kept.append(line)
        notes_from = _footnote_start(kept, height, body_size, separator)
        footnotes.extend(line.plain for line in kept[notes_from:])
        body.extend(kept[:notes_from])
    paragraphs, notes = _paragraphs(body)
    first_page = [line.plain.strip() for line in pages[0]] if pages else []
    return Body(paragraphs, notes, furniture, footnotes, furniture_meta(furniture, first_page))


def _shape(text: str) -> str:
    """A line with its numbers left out: "EN 12 EN" and "EN EN" are the same furniture."""
    return " ".join(re.sub(r"\d+", " ", text.lower()).split())


def _in_zone(line: TextLine, height: float) -> bool:
    return line.top < _ZONE * height or line.bottom > (1 - _ZONE) * height


def _running_shapes(pages: list[list[TextLine]], heights: list[float]) -> set[str]:
    """Shapes (digits as #) of lines in the top or bottom zone of many pages."""
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        counts.update({_shape(line.plain) for line in lines if _in_zone(line, height)})
    if len(pages) < 2:
        return set()
    threshold = max(2, int(0.3 * len(pages)))
    return {shape for shape, count in counts.items() if count >= threshold}


def _is_furniture(line: TextLine, height: float, running: set[str]) -> bool:
    text = line.plain.strip()
    if RELEASE.search(text) and len(text) < 120:
        return True
    if not _in_zone(line, height):
        return False
    return _shape(text) in running or bool(_PAGE_NUMBER.match(text))


def _footnote_start(
    lines: list[TextLine], height: float, body_size: float, separator: float | None
) -> int:
    """Index of the first footnote line of a page (len(lines) if none).

    Footnotes are the run of lines at the foot of the page set smaller than the body text.
    Below a footnote separator (a short rule at the foot of the page) that run is the
    footnotes; without one, only if it starts with a footnote number."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.95 * body_size:
        if separator is not None and lines[start - 1].top < separator - 1:
            break
        if separator is None and lines[start - 1].top < 0.5 * height:
            break
        start -= 1
    if start == len(lines):
        return start
    if separator is not None:
        return start
    # No separator: trust only smaller type that starts with a footnote number.
    while start < len(lines) and not re.match(r"^\d{1,3}\b", lines[start].plain.strip()):
        start += 1
    return start if start < len(lines) and lines[start].size < 0.85 * body_size else len(lines)


def _paragraphs(lines: list[TextLine]) -> tuple[list[MarkedText], list[tuple[str, ...]]]:
    if not lines:
        return [], []
    right = sorted(line.x1 for line in lines)[int(0.9 * (len(lines) - 1))]
    left = sorted(line.x0 for line in lines)[int(0.05 * (len(lines) - 1))]
    width = max(right - left, 1.0)
    compounds = _compounds(lines)
    leading = _leading(lines)
    out: list[MarkedText] = []
    notes: list[tuple[str, ...]] = []
    previous: TextLine | None = None
    for line in lines:
        text = line.text.clean()
        if not _WORDY.search(text.text):
            continue  # "***", "________": separators, no words
        if (
            previous is not None
            and out
            and _continues(previous, line, text.text, left, width, leading)
        ):
            out[-1] = _glue(out[-1], text, compounds)
            notes[-1] = notes[-1] + line.notes
        else:
            out.append(text)
            notes.append(line.notes)
        previous = line
    return out, notes


def _leading(lines: list[TextLine]) -> dict[int, float]:
    """The usual distance from one baseline to the next inside a paragraph, per page (a
    cover note may be set with wider line spacing than the text it carries)."""
    steps: dict[int, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        step = b.baseline - a.baseline
        if a.page == b.page and 0.9 * a.size < step < 3 * a.size:
            steps.setdefault(a.page, []).append(step)
    everywhere = sorted(step for page in steps.values() for step in page)
    usual = everywhere[len(everywhere) // 3] if everywhere else 0.0
    leading = {}
    for page, found in steps.items():
        found.sort()
        leading[page] = found[len(found) // 3] if len(found) >= 4 else usual
    return leading


def _continues(
    previous: TextLine,
    line: TextLine,
    text: str,
    left: float,
    width: float,
    leading: dict[int, float],
) -> bool:
    if previous.plain.rstrip().endswith(":"):
        return False
    dangling = _DANGLING.search(previous.plain.rstrip())
    if dangling and _REFERENCE_START.match(text):
        pass  # "... LISTED IN" + "ANNEX III": a reference that wrapped, not a new heading
    elif continues_reference(previous.plain, text):
        pass  # "... point (d), (2), (3) and" + "(4) of this Regulation": not a new recital
    elif _STARTS_BLOCK.match(text) or read_label(text) is not None:
        return False
    if _CAPITALS.match(text) and not _CAPITALS.match(previous.plain.strip()):
        return False  # a heading in capitals after running text
    step = line.baseline - previous.baseline
    usual = leading.get(line.page, 0.0)
    if line.page == previous.page and usual and step > 1.4 * usual:
        return False  # space between paragraphs
    if line.page != previous.page and previous.plain.rstrip()[-1:] in ".;" and text[:1].isupper():
        return False  # a sentence ended at the foot of the page, a new one heads the next
    if _HYPHENATED.search(previous.plain.rstrip()):
        return True
    return (previous.x1 - left) / width > 0.85


def _compounds(lines: list[TextLine]) -> set[str]:
    """Hyphenated compounds the document prints inside a line ("high-risk")."""
    found: set[str] = set()
    for line in lines:
        for match in _COMPOUND.finditer(line.plain.rstrip()[:-1]):
            found.add(match.group(0).lower())
    return found


def _glue(paragraph: MarkedText, line: MarkedText, compounds: set[str]) -> MarkedText:
    end = _HYPHENATED.search(paragraph.text)
    start = _WORD_START.match(line.text)
    if end and start and line.text[:1].islower():
        compound = f"{end.group(1)}-{start.group(1)}".lower()
        if compound not in compounds:
            return paragraph[:-1] + line  # "regu-" + "lation": one word broken by the line
        return paragraph + line  # "high-" + "risk": the hyphen belongs to the word
    return join([paragraph, line])
