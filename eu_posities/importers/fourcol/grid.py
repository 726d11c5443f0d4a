"""The table on one PDF page, from its ruling: column edges, row bands and merged cells.

A Word table printed to PDF draws every cell border as a thin filled rectangle (or a
stroked line). Columns are the x positions where vertical borders run down a good share of
the table; bands are the stretches between horizontal borders that run across a whole
column. Inside a band, a column edge without a border is a merged cell (a row heading
spanning the table). Text is placed span by span, by the height of its ink and the middle
of its first character (a span running over a cell border is cut there); what falls
outside every band is outside the table (page furniture, section titles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from eu_posities.importers.pdf import Page, Rule, Span

THIN = 1.6  # points: thicker filled shapes are cell shading or highlights, not borders
_SAME_X = 1.5
_SAME_Y = 1.5
_LONG_EDGE = 0.3  # an edge runs down at least this share of the table's height


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a band: columns `first`..`last` (merged when they differ) and its text."""

    first: int
    last: int
    x0: float
    x1: float
    spans: tuple[Span, ...]

    @property
    def merged(self) -> bool:
        return self.last > self.first


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal stretch of the table between two row borders."""

    top: float
    bottom: float
    cells: tuple[Cell, ...]

    def cell(self, column: int) -> Cell | None:
        """The cell covering `column`."""
        for cell in self.cells:
            if cell.first <= column <= cell.last:
                return cell
        return None


@dataclass(frozen=True, slots=True)
class PageTable:
    """The table of one page: `edges` are the column borders, left to right."""

    page: int
    edges: tuple[float, ...]
    bands: tuple[Band, ...]
    fills: tuple[Rule, ...] = ()
    # Thin horizontal rules that are not row borders: strikes and underlines, by height.
    strikes: tuple[Rule, ...] = ()
    outside: tuple[Span, ...] = field(default=())

    @property
    def columns(self) -> int:
        return len(self.edges) - 1


def _merge(segments: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for top, bottom in sorted(segments):
        if merged and top <= merged[-1][1] + _SAME_Y:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def _cluster(values: Sequence[tuple[float, object]], tolerance: float) -> list[list[object]]:
    """Group items by a coordinate: neighbours closer than `tolerance` share a group."""
    groups: list[list[object]] = []
    last = None
    for value, item in sorted(values, key=lambda pair: pair[0]):
        if last is None or value - last > tolerance:
            groups.append([])
        groups[-1].append(item)
        last = value
    return groups


def _rules(page: Page) -> tuple[list[Rule], list[Rule]]:
    """Thin vertical and horizontal rules: cell borders, strikes and underlines."""
    vertical, horizontal = [], []
    for rule in (*page.rects, *page.lines):
        if rule.width <= THIN and rule.height > 3:
            vertical.append(rule)
        elif rule.height <= THIN and rule.width > 3:
            horizontal.append(rule)
    return vertical, horizontal


def _edges(vertical: list[Rule]) -> tuple[list[float], dict[int, list[tuple[float, float]]]]:
    """Column edges (x) that run down a good share of the table, with their segments."""
    groups = _cluster([((r.x0 + r.x1) / 2, r) for r in vertical], _SAME_X)
    found: list[tuple[float, list[tuple[float, float]]]] = []
    for group in groups:
        rules = [r for r in group if isinstance(r, Rule)]
        segments = _merge((r.top, r.bottom) for r in rules)
        x = sum((r.x0 + r.x1) / 2 for r in rules) / len(rules)
        found.append((x, segments))
    if not found:
        return [], {}
    top = min(s[0][0] for _, s in found)
    bottom = max(s[-1][1] for _, s in found)
    height = max(bottom - top, 1.0)
    kept = [(x, s) for x, s in found if sum(b - t for t, b in s) >= _LONG_EDGE * height]
    return [x for x, _ in kept], {i: s for i, (_, s) in enumerate(kept)}


def _covers(segments: list[tuple[float, float]], top: float, bottom: float) -> bool:
    """Does an edge's border run along most of the band from `top` to `bottom`?"""
    need = (bottom - top) * 0.5
    overlap = sum(max(0.0, min(b, bottom) - max(t, top)) for t, b in segments)
    return overlap >= need


def _row_borders(horizontal: list[Rule], edges: list[float]) -> list[float]:
    """The y of every horizontal border that runs across at least one whole column."""
    ys: list[tuple[float, object]] = []
    for rule in horizontal:
        for left, right in zip(edges, edges[1:], strict=False):
            if rule.x0 <= left + 2 and rule.x1 >= right - 2:
                ys.append(((rule.top + rule.bottom) / 2, rule))
                break
    borders = []
    for group in _cluster(ys, _SAME_Y):
        rules = [r for r in group if isinstance(r, Rule)]
        borders.append(sum((r.top + r.bottom) / 2 for r in rules) / len(rules))
    return borders


def ink_middle(span: Span) -> float:
    """The height where a span's ink is: a little above the middle of its em box."""
    return span.baseline - 0.3 * span.size


def cut(span: Span, start: int, end: int) -> Span:
    """Characters `start`..`end` of a span, as a span of their own."""
    return span._replace(text=span.text[start:end], x=span.x[start : end + 1])


def _split(span: Span, edges: Sequence[float], column: int) -> list[tuple[int, Span]]:
    """A span cut where it runs over column borders, each piece with its column."""
    pieces: list[tuple[int, Span]] = []
    start = 0
    x = span.x
    for index in range(1, len(span.text)):
        while column + 1 < len(edges) - 1 and (x[index] + x[index + 1]) / 2 > edges[column + 1]:
            if index > start:
                pieces.append((column, cut(span, start, index)))
                start = index
            column += 1
    pieces.append((column, cut(span, start, len(span.text))))
    return pieces


def read_table(page: Page) -> PageTable | None:
    """The ruled table of `page` (at least three columns), or None if the page has none."""
    vertical, horizontal = _rules(page)
    edges, segments = _edges(vertical)
    if len(edges) < 4:
        return None
    top = min(s[0][0] for s in segments.values())
    bottom = max(s[-1][1] for s in segments.values())
    borders = [y for y in _row_borders(horizontal, edges) if top - 2 <= y <= bottom + 2]
    ys = sorted({top, bottom, *borders})
    cuts = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 2]
    left, right = edges[0], edges[-1]
    by_band: dict[int, list[tuple[int, Span]]] = {}
    outside: list[Span] = []
    for span in page.spans:
        middle = ink_middle(span)
        first = (span.x[0] + span.x[1]) / 2 if len(span.x) > 1 else span.x[0]
        if not (left <= first <= right and cuts[0] <= middle <= cuts[-1]):
            outside.append(span)
            continue
        column = _index(edges, first)
        placed = by_band.setdefault(_index(cuts, middle), [])
        if column + 1 < len(edges) - 1 and span.x[-1] > edges[column + 1] + 2:
            placed.extend(_split(span, edges, column))
        else:
            placed.append((column, span))
    bands = []
    for index, (band_top, band_bottom) in enumerate(zip(cuts, cuts[1:], strict=False)):
        inner = [i for i in range(1, len(edges) - 1) if _covers(segments[i], band_top, band_bottom)]
        bounds = [0, *inner, len(edges) - 1]
        owner = {}
        for cell_index in range(len(bounds) - 1):
            for column in range(bounds[cell_index], bounds[cell_index + 1]):
                owner[column] = cell_index
        cell_spans: list[list[Span]] = [[] for _ in bounds[:-1]]
        for column, span in by_band.get(index, ()):
            cell_spans[owner[column]].append(span)
        cells = tuple(
            Cell(
                bounds[i],
                bounds[i + 1] - 1,
                edges[bounds[i]],
                edges[bounds[i + 1]],
                tuple(cell_spans[i]),
            )  # fmt: skip
            for i in range(len(bounds) - 1)
        )
        bands.append(Band(band_top, band_bottom, cells))
    fills = tuple(r for r in page.rects if r.width > THIN and r.height > THIN)
    strikes = tuple(sorted((r for r in horizontal if r.x1 - r.x0 < 0.9 * (right - left)),
                           key=lambda r: r.top))  # fmt: skip
    return PageTable(page.number, tuple(edges), tuple(bands), fills, strikes, tuple(outside))


def _index(cuts: Sequence[float], value: float) -> int:
    """Which interval of `cuts` holds `value` (clamped to the first and last)."""
    low, high = 0, len(cuts) - 2
    while low < high:
        middle = (low + high + 1) // 2
        if cuts[middle] <= value:
            low = middle
        else:
            high = middle - 1
    return low
