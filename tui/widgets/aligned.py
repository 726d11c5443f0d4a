"""Stages side by side, paragraph by paragraph: a table when the columns are wide enough,
else each paragraph's stages stacked one under another (words are never cut in half).

The choice is made when drawn, from the width the pane really has, so a resize switches
between the two by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from eu_posities.readmodels import StageSummary
from eu_posities.services.comparing import word_redline
from eu_posities.services.paragraphs import ParagraphCell, ParagraphRow
from eu_posities.tui.widgets.render import AMENDMENT_STYLE, CHANGE_MARK, INSERT_STYLE, marked_text

# Below this many cells a column is too narrow to read; stack the stages instead.
MIN_COLUMN = 16
GUTTER = 6  # "362a G"
ROW_STYLE = {"G": "bold black on green", "Y": "bold black on yellow", "R": "bold white on red"}
MISSING = "—"

Marker = Callable[[Text, StageSummary], None]


def doc_row_text(rows: Sequence[tuple[str, str | None]]) -> Text:
    """'362 G' for the four-column row(s) beside a paragraph row."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for k, (number, status) in enumerate(rows):
        if k:
            text.append("\n")
        text.append(number, style="dim")
        if status:
            text.append(" ")
            text.append(status, style=ROW_STYLE.get(status, "bold"))
    return text


def cell_text(row: ParagraphRow, column: int) -> Text:
    """One paragraph of one stage: its redline against the column it was aligned with."""
    cell = row.cells[column]
    if cell is None:
        return Text(MISSING, style="dim")
    text = Text()
    if cell.amendments:
        # the EP amendments that wrote this paragraph, as the four-column document cites them
        text.append(f"AM {', '.join(cell.amendments)} ", style=AMENDMENT_STYLE)
    if cell.moved:
        symbol, style = CHANGE_MARK["moved"]
        text.append(f"{symbol} ", style=f"bold {style}")
    other = row.cells[cell.against] if cell.against is not None else None
    if cell.status == "modified" and other is not None:
        text.append_text(marked_text(word_redline(other.text, cell.text)))
    elif cell.status == "added":
        text.append(cell.text, style=INSERT_STYLE)
    else:
        text.append(cell.text)
    return text


@dataclass
class AlignedColumns:
    """The rich renderable of one comparison row: `heads[i]` the provision's heading in stage
    i (label, heading, status), `rows` its paragraphs aligned across the stages."""

    stages: Sequence[StageSummary]
    titles: Sequence[Text]  # a column header per stage
    heads: Sequence[Text]
    rows: Sequence[ParagraphRow]
    mark: Marker | None = None
    # stacked: the heading once, then a line per stage (label, status, amendments)
    heading: Text | None = None
    lines: Sequence[Text] = ()
    # Segments by width: Textual draws a Static several times (its height, then its lines),
    # and laying out a table of four long columns is most of a provision switch.
    _drawn: dict[int, list[Segment]] = field(default_factory=dict, repr=False)

    def _gutter(self) -> bool:
        return any(r.doc_rows for r in self.rows)

    def stacked(self, width: int) -> bool:
        """Too narrow for side by side: a column narrower than MIN_COLUMN or than a word."""
        n = len(self.stages)
        if n < 2:
            return False
        room = min(column_widths(width - (GUTTER + len(SEPARATOR) if self._gutter() else 0), n))
        if room < MIN_COLUMN:
            return True
        longest = max(
            (len(w) for r in self.rows for c in r.cells if c for w in c.text.split()), default=0
        )
        return longest > room

    def _cell(self, row: ParagraphRow, column: int) -> Text:
        text = cell_text(row, column)
        if self.mark is not None and row.cells[column] is not None:
            self.mark(text, self.stages[column])
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        drawn = self._drawn.get(options.max_width)
        if drawn is None:
            drawn = list(console.render(_Draw(self), options))
            self._drawn[options.max_width] = drawn
        yield from drawn

    def draw(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.stacked(width):
            yield from self._stacked()
            return
        gutter = GUTTER + len(SEPARATOR) if self._gutter() else 0
        widths = column_widths(width - gutter, len(self.stages))
        lead = [Text("")] if gutter else []
        yield from _grid_row(console, [GUTTER] * bool(gutter) + widths, [*lead, *self.titles])
        yield Segment("─" * width, Style(dim=True))
        yield Segment.line()
        yield from _grid_row(console, [GUTTER] * bool(gutter) + widths, [*lead, *self.heads])
        yield Segment.line()
        for row in self.rows:
            cells = [self._cell(row, c) for c in range(len(self.stages))]
            doc = [doc_row_text(row.doc_rows)] if gutter else []
            yield from _grid_row(console, [GUTTER] * bool(gutter) + widths, [*doc, *cells])
            yield Segment.line()

    def _stacked(self) -> RenderResult:
        """Per paragraph, one block per stage: 'council ~' over its text."""
        if self.heading is not None:
            yield self.heading
        width = max(len(s.key) for s in self.stages)
        for stage, head in zip(self.stages, self.lines or self.heads, strict=True):
            line = Text(f"{stage.key:<{width}}  ", style="bold")
            line.append_text(head)
            yield line
        yield Text("")
        for row in self.rows:
            if row.doc_rows:
                line = Text("row ", style="dim")
                line.append_text(doc_row_text(row.doc_rows))
                yield line
            for column, stage in enumerate(self.stages):
                cell = row.cells[column]
                name = Text(stage.key, style="bold cyan" if column else "bold")
                name.append(f" {_status_word(cell)}", style=_status_style(cell))
                same = cell is not None and cell.status == "unchanged" and not cell.moved
                if same and cell is not None and cell.against is not None:
                    # the same words as the column it was read against: not repeated
                    name.append(f" as {self.stages[cell.against].key}", style="dim")
                    yield name
                    continue
                yield name
                yield self._cell(row, column)
            yield Text("")


def _status_word(cell: ParagraphCell | None) -> str:
    if cell is None:
        return "— not there"
    if cell.against is None and cell.status == "unchanged":
        return ""
    word = "moved" if cell.moved else cell.status
    symbol = CHANGE_MARK.get(word, ("=", ""))[0] if word != "unchanged" else "="
    return f"{symbol} {word}"


def _status_style(cell: ParagraphCell | None) -> str:
    if cell is None:
        return "dim"
    word = "moved" if cell.moved else cell.status
    return CHANGE_MARK.get(word, ("", "dim"))[1]


SEPARATOR = " │ "


def column_widths(width: int, n: int) -> list[int]:
    """Equal columns between separators; the last one takes what is left over."""
    each = max(1, (width - len(SEPARATOR) * (n - 1)) // n)
    return [each] * (n - 1) + [max(1, width - len(SEPARATOR) * (n - 1) - each * (n - 1))]


def _grid_row(console: Console, widths: list[int], cells: Sequence[Text]) -> RenderResult:
    """One row of cells side by side, each wrapped to its width at word boundaries.

    Drawn by hand rather than with a rich Table: a table measures every cell before laying
    it out, which made a provision switch of four long stages twice as slow."""
    wrapped = [c.wrap(console, w, overflow="fold") for c, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    rule = Style(dim=True)
    for y in range(height):
        for k, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
            if k:
                yield Segment(SEPARATOR, rule)
            if y < len(lines):
                line = lines[y]
                yield from line.render(console)
                pad = w - line.cell_len
            else:
                pad = w
            if pad > 0:
                yield Segment(" " * pad)
        yield Segment.line()


@dataclass
class _Draw:
    """The view drawn afresh (what `AlignedColumns` keeps per width)."""

    view: AlignedColumns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.view.draw(console, options)
