"""Glyph spans to text lines with a mark per character (bold, struck, underlined).

Spans on one baseline make a line, left to right; a space goes in where the gap between
two spans is wider than 0.15 of the font size (a justified heading of the AI Act's general
approach sets "MONITORING," and "INFORMATION" 0.19 em apart with no space between them;
kerning and letter spacing stay under 0.1 em). Superscript spans (smaller, raised
inside a line's em box) join that line; superscript numbers are footnote references and
are taken out of the text (kept in `TextLine.notes`). A thin rule (filled rectangle or
stroked line under 2.5 pt high) marks the characters it covers by at least half their
width: through the middle of the x-height it strikes them, at the baseline it underlines
them. Measured on real Council PDFs the strike sits at 0.23-0.24 of the font size above
the baseline and the underline at 0.13-0.16 below it; table borders and footnote
separators sit further away and mark nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from eu_posities.importers.marks.text import BOLD, ITALIC, STRUCK, UNDERLINED, MarkedText
from eu_posities.importers.pdf.glyphs import Page, Span
from eu_posities.importers.pdf.shapes import Rule

THIN = 2.5
# Where a thin rule's middle sits relative to a line, in font sizes above the baseline.
STRIKE_BAND = (0.08, 0.55)
UNDERLINE_BAND = (-0.27, 0.08)
_SUPERSCRIPT_SIZE = 0.8
WORD_GAP = 0.15  # a gap wider than this share of the font size separates two words
_NOTE_CHARS = set("0123456789*†‡")


@dataclass(slots=True)
class TextLine:
    """One printed line: its marked text and where it sits on its page."""

    page: int
    text: MarkedText
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    notes: tuple[str, ...] = ()

    @property
    def plain(self) -> str:
        return self.text.text


@dataclass(slots=True)
class _Row:
    baseline: float
    size: float
    spans: list[Span]
    raised: list[Span]


def page_lines(page: Page) -> list[TextLine]:
    """The text lines of one page, top to bottom, marks read from its thin rules."""
    rows = _rows([span for span in page.spans if span.text])
    rules = [r for r in (*page.rects, *page.lines) if _is_mark_candidate(r)]
    # A space printed on its own (its own text object) only separates words.
    return [
        _line(page.number, row, rules)
        for row in rows
        if any(span.text.strip() for span in row.spans)
    ]


def footnote_separator(page: Page) -> float | None:
    """The top of the page's footnote separator: the lowest short thin rule in the lower
    half of the page that starts at the left margin (None if there is none)."""
    left = min((span.x[0] for span in page.spans if span.text.strip()), default=0.0)
    found = [
        rule.top
        for rule in (*page.rects, *page.lines)
        if rule.height <= 1.5
        and 30 <= rule.width <= 0.5 * page.width
        and abs(rule.x0 - left) < 20
        and rule.top > 0.4 * page.height
        and not rule.white
    ]
    return max(found) if found else None


def _is_mark_candidate(rule: Rule) -> bool:
    return rule.height <= THIN and rule.width >= 1.0 and not rule.white


def _rows(spans: list[Span]) -> list[_Row]:
    spans.sort(key=lambda s: (s.baseline, s.x[0]))
    rows: list[_Row] = []
    for span in spans:
        row = rows[-1] if rows else None
        if row is not None and abs(span.baseline - row.baseline) <= max(1.0, 0.15 * row.size):
            row.spans.append(span)
            row.size = max(row.size, span.size)
        else:
            rows.append(_Row(span.baseline, span.size, [span], []))
    # A row of small spans raised inside the em box of the row below it is superscript.
    merged: list[_Row] = []
    for index, row in enumerate(rows):
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below is not None and _is_raised(row, below):
            below.raised.extend(row.spans)
        else:
            merged.append(row)
    return merged


def _is_raised(row: _Row, line: _Row) -> bool:
    if row.size > _SUPERSCRIPT_SIZE * line.size:
        return False
    rise = line.baseline - row.baseline
    if not 0.1 * line.size <= rise <= 0.7 * line.size:
        return False
    left = min(s.x[0] for s in line.spans) - 2
    right = max(s.x[-1] for s in line.spans) + 2 * line.size
    return all(left <= s.x[0] <= right for s in row.spans)


def _line(number: int, row: _Row, rules: list[Rule]) -> TextLine:
    pieces = sorted(
        [(s, False) for s in row.spans] + [(s, True) for s in row.raised], key=lambda p: p[0].x[0]
    )
    texts: list[str] = []
    flags = bytearray()
    # Per printed piece: (offset in the line text, span); spaces put in have no span.
    placed: list[tuple[int, Span]] = []
    notes: list[str] = []
    length = 0
    reach = 0.0  # where the last character (or a removed footnote reference) ends
    last_space = True
    x0 = x1 = 0.0
    for span, raised in pieces:
        text = span.text
        if raised and set(text.strip()) <= _NOTE_CHARS:
            notes.append(text.strip())  # a footnote reference
            reach = max(reach, span.x[-1])
            continue
        if not text.strip():
            if not last_space:
                texts.append(" ")
                flags.append(0)
                length += 1
                last_space = True
            reach = max(reach, span.x[-1])
            continue
        wide_gap = span.x[0] - reach > WORD_GAP * row.size
        if length and not last_space and not text[0].isspace() and wide_gap:
            texts.append(" ")
            flags.append(0)
            length += 1
        if not length:
            x0 = span.x[0]
        flag = (BOLD if span.bold else 0) | (ITALIC if span.italic else 0)
        placed.append((length, span))
        texts.append(text)
        flags.extend(bytes([flag]) * len(text))
        length += len(text)
        reach = span.x[-1]
        last_space = text[-1].isspace()
        stripped = len(text.rstrip())
        x1 = max(x1, span.x[stripped] if stripped < len(text) else span.x[-1])
    for rule in rules:
        middle = (rule.top + rule.bottom) / 2
        rel = (row.baseline - middle) / row.size
        if STRIKE_BAND[0] <= rel <= STRIKE_BAND[1]:
            mark = STRUCK
        elif UNDERLINE_BAND[0] <= rel < UNDERLINE_BAND[1]:
            mark = UNDERLINED
        else:
            continue
        _mark(flags, placed, rule, mark)
    return TextLine(
        page=number,
        text=MarkedText("".join(texts), bytes(flags)),
        x0=x0,
        x1=x1,
        top=row.baseline - row.size,
        bottom=row.baseline + 0.25 * row.size,
        baseline=row.baseline,
        size=row.size,
        notes=tuple(notes),
    )


def _mark(flags: bytearray, placed: list[tuple[int, Span]], rule: Rule, mark: int) -> None:
    """Flag the characters `rule` covers by at least half their width; the spaces put in
    between two covered pieces are covered too."""
    previous_end = -1
    for offset, span in placed:
        x = span.x
        if x[-1] <= rule.x0 or x[0] >= rule.x1:
            continue
        first = -1
        for i in range(len(span.text)):
            width = x[i + 1] - x[i]
            covered = min(rule.x1, x[i + 1]) - max(rule.x0, x[i])
            if width > 0 and covered >= 0.5 * width:
                flags[offset + i] |= mark
                if first < 0:
                    first = offset + i
        if first >= 0 and previous_end >= 0:
            for k in range(previous_end + 1, first):
                flags[k] |= mark
        if first >= 0:
            previous_end = offset + len(span.text) - 1
