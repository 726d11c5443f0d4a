"""The comparison beside the tree: stages side by side (columns) or one inline redline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from eu_posities.diff import PairDiff
from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.readmodels import ProvisionView, StageSummary
from eu_posities.tui.widgets.render import (
    CHANGE_MARK,
    FLAG_STYLE,
    marked_text,
    provision_body,
    stage_tags,
    stage_title,
)

MAX_COLUMNS = MAX_COMPARE_STAGES


class ComparisonPane(VerticalScroll):
    """Shows one comparison row; the screen hands it the texts and diffs (attributes down)."""

    can_focus = True
    # Marks words in each stage's text (a search's matches), or None.
    mark: Callable[[Text, StageSummary], None] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            for column in range(MAX_COLUMNS):
                yield Static(classes="stage-column", id=f"column-{column}")
        yield Static(id="redline")

    def on_mount(self) -> None:
        self.query_one("#redline").display = False

    def show_columns(
        self,
        stages: Sequence[StageSummary],
        cells: Sequence[Sequence[ProvisionView]],
        statuses: list[str | None],
        redlines: list[Text | None],
    ) -> None:
        """One column per stage; columns after the first carry their redline against it."""
        self.query_one("#redline").display = False
        self.query_one("#columns").display = True
        for column in range(MAX_COLUMNS):
            widget = self.query_one(f"#column-{column}", Static)
            if column >= len(stages):
                widget.display = False
                continue
            widget.display = True
            # Key on the first line, date and one-word tags on the second: narrow columns
            # then never wrap a header in the middle of a tag.
            stage = stages[column]
            header = Text(stage.key, style="bold", overflow="ellipsis")
            header.append("\n")
            header.append(stage.date, style="dim")
            tags = stage_tags(stage, short=True)
            if tags:
                header.append(" " if stage.date else "")
                header.append_text(tags)
            status = statuses[column]
            if status and status != "unchanged":
                symbol, style = CHANGE_MARK.get(status, ("?", "white"))
                header.append(f"\n{symbol} {status}", style=f"bold {style}")
            parts: list[Any] = [header, Text("")]
            if not cells[column]:
                parts.append(provision_body(None))
            for i, provision in enumerate(cells[column]):
                redline = redlines[column] if i == 0 else None
                body = self._body(provision, redline)
                if self.mark is not None:
                    self.mark(body, stage)
                parts.append(body)
            widget.update(Group(*parts))
        self.scroll_home(animate=False)

    @staticmethod
    def _body(provision: ProvisionView, redline: Text | None) -> Text:
        if redline is None:
            return provision_body(provision)
        body = Text(provision.label, style="bold")
        if provision.heading:
            body.append(f"\n{provision.heading}", style="italic")
        body.append("\n\n")
        body.append_text(redline)
        return body

    def show_redline(
        self,
        old: StageSummary,
        new: StageSummary,
        pair: PairDiff | None,
        note: str = "",
    ) -> None:
        """The inline word diff of one aligned pair, with its flags and moves listed."""
        self.query_one("#columns").display = False
        widget = self.query_one("#redline", Static)
        widget.display = True
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
