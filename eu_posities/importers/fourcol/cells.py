"""The text of a four-column cell from its spans: lines, paragraphs and marked runs.

Spans on one baseline form a line; a line continues the one above unless the first word
of the next line would have fitted on it (the writer pressed Enter) or the next line
starts a numbered point after a full stop, colon or semicolon. A hyphen at a line end is
kept ("high-" + "risk" is "high-risk"): these documents are not hyphenated by the word
processor. Small raised digits are footnote markers and are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eu_posities.document import MarkedRun
from eu_posities.importers.fourcol.marks import Mark, rules_near, span_marks, tidy
from eu_posities.importers.pdf import Rule, Span

_STARTS_POINT = re.compile(r"^(\(\w{1,5}\)|\d+[a-z]?\.(?!\d)|[–—•▪-]\s)")
_SAME_LINE = 0.3  # of the font size: spans whose baselines differ less share a line
# Of the font size: a wider gap between two spans is a space. Spans split inside a word
# touch (gaps within ±0.02); the narrowest word gaps, after an italic "f" whose box
# overhangs, are 0.06.
_GAP = 0.04


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line inside a cell, its spans left to right.

    `marks` has one entry per span: its mark, or one mark per character when only part of
    the span is struck or underlined (read against the rules of the line's own page).
    """

    spans: tuple[Span, ...]
    baseline: float
    size: float
    x0: float
    x1: float
    marks: tuple[Mark | tuple[Mark, ...], ...] = ()
    footnotes: int = 0

    @property
    def text(self) -> str:
        parts: list[str] = []
        last: Span | None = None
        for span in self.spans:
            if last is not None and _spaced(last, span):
                parts.append(" ")
            parts.append(span.text)
            last = span
        return "".join(parts)

    def first_word_width(self) -> float:
        """How wide the line's first word is (it may be printed in more than one span)."""
        start = self.spans[0].x[0]
        last: Span | None = None
        for span in self.spans:
            if last is not None and _spaced(last, span):
                return last.x[-1] - start
            for index, char in enumerate(span.text):
                if char.isspace() and (index or last is not None):
                    return span.x[index] - start
            last = span
        return self.x1 - start


def _spaced(left: Span, right: Span) -> bool:
    if left.text.endswith(" ") or right.text.startswith(" "):
        return False
    return right.x[0] - left.x[-1] > _GAP * right.size


def lines_of(spans: Sequence[Span], rules: Sequence[Rule] = ()) -> list[Line]:
    """Group a cell's spans into lines, top to bottom; raised footnote digits dropped.

    Text in the cell's main size makes the lines; smaller text joins the line it is raised
    or lowered against (a footnote digit is dropped there), or else makes lines of its own
    (the footnotes printed at the foot of a cell). `rules` are the page's thin horizontal
    rules sorted by `top`, to read struck and underlined text.
    """
    if not spans:
        return []
    sizes: Counter[float] = Counter()
    for span in spans:
        sizes[round(span.size, 1)] += len(span.text)
    main = sizes.most_common(1)[0][0]
    body = [s for s in spans if s.size >= 0.8 * main]
    small = [s for s in spans if s.size < 0.8 * main]
    groups = _grouped(body)
    notes = [0] * len(groups)
    loose = []
    for span in small:
        line = _host(groups, span)
        if line is None:
            loose.append(span)
        elif span.text.strip().isdigit() and span.baseline < groups[line][0].baseline - 1:
            notes[line] += 1
        else:
            groups[line].append(span)
    extra = _grouped(loose)
    groups.extend(extra)
    notes.extend([0] * len(extra))
    order = sorted(range(len(groups)), key=lambda i: max(s.baseline for s in groups[i]))
    tops = [rule.top for rule in rules]
    lines = []
    for index in order:
        group = groups[index]
        size = max(s.size for s in group)
        baseline = max(s.baseline for s in group if s.size >= 0.8 * size)
        kept = [_trimmed(s) for s in sorted(group, key=lambda s: s.x[0])]
        kept = [s for s in kept if s.text]
        if not kept:
            continue
        near = rules_near(rules, tops, baseline - 1.2 * size, baseline + size) if rules else []
        marks = tuple(span_marks(s, near) for s in kept)
        lines.append(Line(tuple(kept), baseline, size, kept[0].x[0], kept[-1].x[-1], marks,
                          notes[index]))  # fmt: skip
    return lines


def _grouped(spans: Sequence[Span]) -> list[list[Span]]:
    """Spans on (nearly) the same baseline, in groups from top to bottom."""
    groups: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.baseline):
        if groups and span.baseline - groups[-1][0].baseline <= _SAME_LINE * span.size:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _host(groups: list[list[Span]], span: Span) -> int | None:
    """The line a small span is raised or lowered against, if any."""
    for index, group in enumerate(groups):
        first = group[0]
        if not (-0.7 * first.size <= span.baseline - first.baseline <= 0.35 * first.size):
            continue
        left = min(s.x[0] for s in group)
        right = max(s.x[-1] for s in group)
        if left - 3 <= span.x[0] <= right + 3:
            return index
    return None


def _trimmed(span: Span) -> Span:
    """The span without spaces at either end (its box shrunk to match)."""
    text = span.text
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == 0 and end == len(text):
        return span
    return span._replace(text=text[start:end], x=span.x[start : end + 1])


def _fits_after(line: Line, following: Line, left: float, right: float) -> bool:
    """Would the first word of `following` have fitted at the end of `line`?"""
    space = 0.3 * line.size
    word = following.first_word_width()
    centre = (left + right) / 2
    centred = line.x0 > left + 6 and abs((line.x0 + line.x1) / 2 - centre) < 3
    if centred:
        return (line.x1 - line.x0) + space + word < right - left - 2
    return line.x1 + space + word < right - 1


def _separator(line: Line, following: Line, left: float, right: float) -> str:
    text = line.spans[-1].text
    if text.endswith("-") and not text.endswith(" -") and following.spans[0].text[:1].isalnum():
        return ""
    if text[-1:] in ".;:" and _STARTS_POINT.match(following.spans[0].text):
        return "\n"
    return "\n" if _fits_after(line, following, left, right) else " "


def cell_runs(lines: Sequence[Line], left: float, right: float) -> tuple[MarkedRun, ...]:
    """The marked runs of a cell's lines; paragraph breaks as "\\n".

    `left` and `right` are the cell's borders; the text area is found from the lines
    themselves (the cell padding is the distance of the leftmost line from the border).
    """
    if not lines:
        return ()
    pad = min(max(min(line.x0 for line in lines) - left, 1.0), 8.0)
    area_left, area_right = left + pad, right - pad
    runs: list[MarkedRun] = []
    previous: Line | None = None
    for line in lines:
        marks = line.marks or tuple(("equal", False) for _ in line.spans)
        if previous is not None:
            separator = _separator(previous, line, area_left, area_right)
            if separator:
                runs.append(_joint(separator, runs, _first(marks[0])))
        last: Span | None = None
        for span, mark in zip(line.spans, marks, strict=True):
            if last is not None and _spaced(last, span):
                runs.append(_joint(" ", runs, _first(mark)))
            if isinstance(mark[0], str):
                runs.append(MarkedRun(mark[0], span.text, bool(mark[1])))
            else:
                for char, (op, changed) in zip(span.text, mark, strict=True):  # type: ignore[misc]
                    runs.append(MarkedRun(op, char, changed))
            last = span
        previous = line
    return tidy(runs)


def _first(mark: Mark | tuple[Mark, ...]) -> Mark:
    return mark if isinstance(mark[0], str) else mark[0]  # type: ignore[return-value]


def _joint(text: str, runs: list[MarkedRun], after: Mark) -> MarkedRun:
    """A space or paragraph break between two marked stretches: marked only if both are."""
    before = runs[-1] if runs else None
    if before is not None and before.op == after[0]:
        return MarkedRun(before.op, text, before.changed and after[1])
    return MarkedRun("equal", text)
