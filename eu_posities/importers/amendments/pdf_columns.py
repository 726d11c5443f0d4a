"""EP amendment lists as PDF: the two-column layout, split by column geometry.

An EP committee opinion, report or amendment document prints each amendment as headings
("Amendment 12", "Proposal for a regulation", the target in bold), a header row "Text proposed
by the Commission | Amendment", then the two columns side by side, "Or. en" and sometimes a
"Justification". The text layer's reading order interleaves the columns line by line, so
words are placed by position: left or right of the line halfway between the two header
words. Paragraphs are rebuilt from vertical gaps. Page furniture (the lines repeated at the
foot and head of the pages, the "EN" marker), "Or. en" and footnotes are not amendment text;
the cover, short justification and procedure pages are counted as skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from eu_posities.document import Amendment, Coverage, ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers.amendments.meta import read_meta
from eu_posities.importers.amendments.model import Column, build_amendment
from eu_posities.importers.amendments.pdf_words import Page, Word, read_pages
from eu_posities.importers.amendments.runs import Piece
from eu_posities.importers.common import NOTE_MARK

FORMAT = "ep-amendments"

_AMENDMENT = re.compile(r"^(?:Amendment|Compromise amendment)\s+(\d+\s?[a-z]?)$", re.IGNORECASE)
_DOCUMENT = re.compile(r"^(?:Proposal|Draft|Motion)\s+for\b|^Annex to the proposal", re.I)
_LEFT_HEADERS = ("text proposed by the commission", "present text", "motion for a resolution",
                 "draft opinion", "draft report", "draft legislative resolution")  # fmt: skip
_LANGUAGE = re.compile(r"^Or\.\s*[a-z]{2}$", re.IGNORECASE)
_END = re.compile(r"^(PROCEDURE\b|FINAL VOTE BY ROLL CALL|ANNEX: LIST OF ENTITIES)")
_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_NUMBER_START = re.compile(r"^(\(?[a-z0-9]{1,4}\)|\d+[a-z]{0,2}\.(\d+\.)*)\s")


@dataclass
class _Line:
    words: list[Word]
    page: int

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold and not w.italic for w in self.words if w.text.strip())

    def words_in(self, left: bool, boundary: float) -> list[Word]:
        return [w for w in self.words if ((w.x0 + w.x1) / 2 < boundary) == left]


def _lines(page: Page) -> list[_Line]:
    """The page's words grouped into lines (words whose boxes overlap vertically)."""
    lines: list[_Line] = []
    for word in sorted(page.words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 1.0)
        for line in reversed(lines[-3:]):
            first = line.words[0]
            overlap = min(first.bottom, word.bottom) - max(first.top, word.top)
            if overlap > 0.4 * height:
                line.words.append(word)
                break
        else:
            lines.append(_Line([word], page.number))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _without_furniture(pages: list[Page]) -> tuple[list[_Line], int]:
    """All lines in order, without running heads and feet; and how many words were dropped."""
    per_page = [_lines(page) for page in pages]
    counts: Counter[str] = Counter()
    for lines in per_page:
        counts.update(
            {_shape(line.text) for line in lines[:2] + lines[-2:] if not _structural(line)}
        )
    threshold = max(2, len(pages) // 3)
    running = {shape for shape, n in counts.items() if n >= threshold}
    kept: list[_Line] = []
    dropped = 0
    for lines, page in zip(per_page, pages, strict=True):
        for index, line in enumerate(lines):
            at_edge = index < 2 or index >= len(lines) - 2
            big = all(w.size >= 18 for w in line.words)  # the "EN" language marker
            if at_edge and (_shape(line.text) in running or big or line.text.strip().isdigit()):
                dropped += len(line.words)
                continue
            if big and line.top > 0.9 * page.height:
                dropped += len(line.words)
                continue
            kept.append(line)
    return kept, dropped


def _structural(line: _Line) -> bool:
    """Lines of the amendments themselves, however often they open or close a page."""
    text = line.text.strip()
    return bool(
        _AMENDMENT.match(text)
        or _LANGUAGE.match(text)
        or _DOCUMENT.match(text)
        or _header(line) is not None
        or text.lower().startswith("justification")
    )


def _header(line: _Line) -> float | None:
    """The column boundary, if `line` is the "Text proposed by the Commission | Amendment" row."""
    text = line.text.lower()
    left = next((h for h in _LEFT_HEADERS if text.startswith(h)), None)
    if left is None or not text.endswith("amendment"):
        return None
    right_word = line.words[-1]
    left_words = [w for w in line.words if w.x1 <= right_word.x0]
    if not left_words:
        return None
    left_centre = (left_words[0].x0 + left_words[-1].x1) / 2
    right_centre = (right_word.x0 + right_word.x1) / 2
    return (left_centre + right_centre) / 2


@dataclass
class _Side:
    """One column of the amendment being read: paragraphs of marked pieces."""

    column: Column = field(default_factory=Column)
    paragraph: list[Piece] = field(default_factory=list)
    last_top: float | None = None
    last_page: int = 0
    footnotes: bool = False
    skipped: int = 0
    placed: int = 0

    def add(self, words: list[Word], page: int, pitch: float, body_size: float) -> None:
        if not words:
            return
        text = " ".join(w.text for w in words)
        if _FOOTNOTE_RULE.match(text):
            self.footnotes = True
        if self.footnotes:
            self.skipped += len(words)
            return
        self.placed += len(words)
        top = min(w.top for w in words)
        new_paragraph = False
        if self.last_top is not None and self.paragraph:
            previous = "".join(t for t, _ in self.paragraph).rstrip()
            if page == self.last_page:
                new_paragraph = top - self.last_top > 1.4 * pitch
            elif _NUMBER_START.match(text) and previous.endswith((".", ";", ":")):
                new_paragraph = True  # a numbered point opening a page
        if new_paragraph:
            self.flush()
        pieces = _pieces(words, body_size)
        if self.paragraph:
            last = self.paragraph[-1][0]
            joiner = "" if re.search(r"[A-Za-zÀ-ÿ]-$", last) else " "
            self.paragraph.append((joiner, self.paragraph[-1][1] and pieces[0][1]))
        self.paragraph.extend(pieces)
        self.last_top, self.last_page = top, page

    def flush(self) -> None:
        if self.paragraph:
            self.column.add(self.paragraph)
        self.paragraph = []


def _pieces(words: list[Word], body_size: float) -> list[Piece]:
    pieces: list[Piece] = []
    for index, word in enumerate(words):
        # Words the PDF splits at a change of font ("software" bold italic + ",") touch.
        if index and word.x0 - words[index - 1].x1 > 0.12 * max(word.size, 1.0):
            previous = words[index - 1]
            pieces.append((" ", word.bold and word.italic and previous.bold and previous.italic))
        if word.size < 0.8 * body_size and re.match(r"^\d{1,3}[a-z]?$", word.text):
            pieces.append((NOTE_MARK, False))  # a footnote reference, printed small
        else:
            pieces.append((word.text, word.bold and word.italic))
    return pieces


@dataclass
class _Reading:
    """One amendment being read."""

    number: str
    heads: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    old: _Side = field(default_factory=_Side)
    new: _Side = field(default_factory=_Side)
    justification: list[str] = field(default_factory=list)
    state: str = "head"  # head -> table -> after (-> justification)

    def finish(self) -> Amendment:
        self.old.flush()
        self.new.flush()
        target = " – ".join(h for h in self.heads if not _DOCUMENT.match(h))
        return build_amendment(
            self.number,
            target,
            self.old.column,
            self.new.column,
            justification=" ".join(self.justification),
            members=" ".join(self.members),
        )


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read the amendments of an EP amendment list printed to PDF."""
    pages = read_pages(path)
    return parse_pages(pages, source=str(path))


def parse_pages(pages: list[Page], *, source: str = "") -> ParsedDocument:
    """Read the amendments from pages already read (see `pdf_words.read_pages`)."""
    lines, furniture = _without_furniture(pages)
    sizes = [w.size for line in lines for w in line.words]
    body_size = median(sizes) if sizes else 12.0
    pitch = _pitch(lines)
    amendments: list[Amendment] = []
    current: _Reading | None = None
    boundary: float | None = None
    front: list[str] = []
    missing: list[str] = []
    skipped = placed = 0
    ended = False
    for line in lines:
        text = line.text.strip()
        words = len(line.words)
        if ended:
            skipped += words
            continue
        match = _AMENDMENT.match(text)
        if match and line.bold:
            if current is not None:
                amendments.append(current.finish())
                placed += _side_words(current)
                skipped += current.old.skipped + current.new.skipped
            current = _Reading(match.group(1).replace(" ", ""))
            placed += words
            continue
        if current is None:
            front.append(text)
            skipped += words
            continue
        if _END.match(text) and line.bold:
            ended = True
            skipped += words
            continue
        if current.state == "head":
            found = _header(line)
            if found is not None:
                boundary = found
                current.state = "table"
            elif line.bold or _DOCUMENT.match(text):
                current.heads.append(text)
            else:
                current.members.append(text)
            placed += words
        elif current.state == "table" and boundary is not None:
            if _LANGUAGE.match(text):
                current.state = "after"
                placed += words
            elif text.lower() in ("justification", "justification:"):
                current.state = "justification"
                placed += words
            elif _header(line) is not None:
                placed += words  # the header repeated on a new page
            else:
                current.old.add(line.words_in(True, boundary), line.page, pitch, body_size)
                current.new.add(line.words_in(False, boundary), line.page, pitch, body_size)
        elif text.lower() in ("justification", "justification:"):
            current.state = "justification"
            placed += words
        elif current.state == "justification" and not _FOOTNOTE_RULE.match(text):
            current.justification.append(text)
            placed += words
        elif current.state == "justification" or _FOOTNOTE_RULE.match(text):
            skipped += words  # a justification's footnotes
        elif len(missing) < 5:
            missing.append(text[:80])  # text after an amendment that belongs to nothing
    if current is not None:
        amendments.append(current.finish())
        placed += _side_words(current)
        skipped += current.old.skipped + current.new.skipped
    if not amendments:
        raise InputError("no EP amendments found in this PDF", source=source or None)
    body = sum(len(line.words) for line in lines)
    cover = [line.text for line in lines if line.page == lines[0].page] if lines else []
    meta: dict[str, object] = dict(read_meta(" ".join(cover)))
    meta["amendments"] = len(amendments)
    meta["pages"] = len(pages)
    coverage = Coverage(
        body_words=body,
        placed_words=min(placed, body),
        skipped_words=skipped,
        skipped=("cover and introduction", "procedure pages", "footnotes"),
        missing=tuple(missing),
    )
    return ParsedDocument(
        stages=(), amendments=tuple(amendments), coverage=coverage, meta=meta,
        warnings=() if furniture else ("no page furniture recognised",),
    )  # fmt: skip


def _side_words(reading: _Reading) -> int:
    return reading.old.placed + reading.new.placed


def _pitch(lines: list[_Line]) -> float:
    """The usual distance between two lines of running text."""
    gaps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and 0 < b.top - a.top < 40
    ]
    return median(gaps) if gaps else 14.0
