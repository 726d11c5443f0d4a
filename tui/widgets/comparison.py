"""The comparison beside the tree: stages side by side (columns) or one inline redline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from eu_posities.diff import DiffOp, Lineage, PairDiff
from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.readmodels import AmendmentEntry, ProvisionView, StageSummary
from eu_posities.services.paragraphs import ParagraphRow
from eu_posities.tui.widgets.aligned import AlignedColumns
from eu_posities.tui.widgets.lineage import lineage_view, marked_view
from eu_posities.tui.widgets.lines import Prerendered
from eu_posities.tui.widgets.render import (
    AMENDMENT_STYLE,
    CHANGE_MARK,
    FLAG_STYLE,
    marked_text,
    stage_tags,
    stage_title,
)

MAX_COLUMNS = MAX_COMPARE_STAGES
JUSTIFICATION = 400  # characters of an amendment's justification shown under the columns


class ComparisonPane(VerticalScroll):
    """Shows one comparison row; the screen hands it the texts and diffs (attributes down)."""

    DEFAULT_CSS = """
    ComparisonPane #aligned { padding: 0 1; }
    """

    can_focus = True
    # Marks words in each stage's text (a search's matches), or None.
    mark: Callable[[Text, StageSummary], None] | None = None

    def compose(self) -> ComposeResult:
        yield Prerendered(id="aligned")
        yield Prerendered(id="redline")

    def on_mount(self) -> None:
        self.query_one("#redline").display = False

    def _show(self, which: str) -> Static:
        other = "#redline" if which == "#aligned" else "#aligned"
        self.query_one(other).display = False
        widget = self.query_one(which, Static)
        widget.display = True
        return widget

    def show_columns(
        self,
        stages: Sequence[StageSummary],
        cells: Sequence[Sequence[ProvisionView]],
        statuses: Sequence[str | None],
        rows: Sequence[ParagraphRow],
        amendments: Sequence[tuple[str, Sequence[AmendmentEntry]]] = (),
    ) -> None:
        """One column per stage, paragraph beside paragraph; later columns as redlines."""
        widget = self._show("#aligned")
        view = AlignedColumns(
            stages,
            [column_title(s) for s in stages],
            [column_head(c, s) for c, s in zip(cells, statuses, strict=True)],
            rows,
            self.mark,
            heading=first_heading(cells),
            lines=[column_line(c, s) for c, s in zip(cells, statuses, strict=True)],
        )
        parts: list[Any] = [view]
        for stage, entries in amendments:
            if entries:
                parts += [Text(""), amendment_list(stage, entries)]
        widget.update(Group(*parts))
        self.scroll_home(animate=False)

    def show_lineage(
        self, stages: Sequence[StageSummary], lineage: Lineage | None, note: str = ""
    ) -> None:
        """The first → last redline, each change in the colour and number of its stage."""
        widget = self._show("#redline")
        widget.update(lineage_view(stages, lineage, note))
        self.scroll_home(animate=False)

    def show_marked(
        self,
        stages: Sequence[StageSummary],
        marks: Sequence[tuple[str, Sequence[DiffOp] | None]],
        note: str = "",
    ) -> None:
        """Each stage's own marks (bold added, struck deleted) as its document printed them."""
        widget = self._show("#redline")
        widget.update(marked_view(stages, marks, note))
        self.scroll_home(animate=False)

    def show_redline(
        self,
        old: StageSummary,
        new: StageSummary,
        pair: PairDiff | None,
        note: str = "",
    ) -> None:
        """The inline word diff of one aligned pair, with its flags and moves listed."""
        widget = self._show("#redline")
        head = stage_title(old)
        second = stage_title(new)
        # Side by side when both fit, else one stage a line: never broken inside a title.
        room = max(20, self.scrollable_content_region.width - 2)
        head.append("\n→ " if head.cell_len + 5 + second.cell_len > room else "  →  ")
        head.append_text(second)
        parts: list[Any] = [head]
        if pair is None:
            parts.append(Text(note or "No aligned pair for this provision.", style="dim italic"))
            widget.update(Group(*parts))
            return
        labels = Text(f"{pair.from_label or '—'} → {pair.to_label or '—'}", style="bold")
        labels.append(f"   {pair.status}", style="italic")
        parts += [labels, Text("")]
        for flag in pair.flags:
            line = Text(" ! ", style=FLAG_STYLE)
            line.append(f" {flag.kind}: ", style="bold")
            line.append(f"{flag.old or '—'} → {flag.new or '—'}")
            parts.append(line)
        for move in pair.moves:
            parts.append(
                Text(
                    f" ^ moved {move.from_label} → {move.to_label}: {move.text[:60]}",
                    style="blue",
                )
            )
        if pair.flags or pair.moves:
            parts.append(Text(""))
        parts.append(marked_text(pair.ops, pair.flags))
        widget.update(Group(*parts))
        self.scroll_home(animate=False)


def column_title(stage: StageSummary) -> Text:
    """Key on the first line; date, document number and one-word tags on the second."""
    title = Text(overflow="ellipsis")
    title.append(stage.key, style="bold")
    second = " ".join(x for x in (stage.date, stage.ref) if x)
    if second:
        title.append(f"\n{second}", style="dim")
    tags = stage_tags(stage, short=True)
    if tags:
        title.append("\n")
        title.append_text(tags)
    return title


def column_head(cell: Sequence[ProvisionView], status: str | None) -> Text:
    """The provision as this stage has it: label, heading, what became of it, amendments."""
    if not cell:
        return Text("— not in this stage —", style="dim italic")
    head = Text()
    for k, provision in enumerate(cell):
        if k:
            head.append("\n")
        head.append(provision.label, style="bold")
        if provision.heading:
            head.append(f"\n{provision.heading}", style="italic")
    if status and status != "unchanged":
        symbol, style = CHANGE_MARK.get(status, ("?", "white"))
        head.append(f"\n{symbol} {status}", style=f"bold {style}")
    numbers = [n for p in cell for n in p.amendments]
    if numbers:
        head.append("\nAM " + ", ".join(numbers), style=AMENDMENT_STYLE)
    return head


def first_heading(cells: Sequence[Sequence[ProvisionView]]) -> Text | None:
    """The provision's heading as the first stage that has one gives it (stacked view)."""
    heading = next((p.heading for cell in cells for p in cell if p.heading), "")
    return Text(heading, style="italic") if heading else None


def column_line(cell: Sequence[ProvisionView], status: str | None) -> Text:
    """The provision in one stage on one line: labels, what became of it, amendments."""
    if not cell:
        return Text("— not in this stage —", style="dim italic")
    line = Text(", ".join(p.label for p in cell), style="bold")
    if status and status != "unchanged":
        symbol, style = CHANGE_MARK.get(status, ("?", "white"))
        line.append(f"  {symbol} {status}", style=f"bold {style}")
    numbers = [n for p in cell for n in p.amendments]
    if numbers:
        line.append("  AM " + ", ".join(numbers), style=AMENDMENT_STYLE)
    return line


def amendment_list(stage: str, entries: Sequence[AmendmentEntry]) -> Group:
    """The EP amendments behind a provision: number, what they do, their justification."""
    lines: list[Any] = [Text(f"Amendments behind {stage}", style="bold underline")]
    for entry in entries:
        line = Text(f"AM {entry.number}", style="bold blue")
        line.append(f"  {entry.kind} {entry.target}".rstrip(), style="italic")
        if entry.members:
            line.append(f"  ({entry.members})", style="dim")
        if entry.problem:
            line.append(f"  not applied: {entry.problem}", style="bold red")
        lines.append(line)
        if entry.justification:
            words = " ".join(entry.justification.split())
            short = words if len(words) <= JUSTIFICATION else words[:JUSTIFICATION] + "…"
            lines.append(Text(f"Justification: {short}", style="dim"))
    return Group(*lines)
