"""Choose the stages to compare; known stages without text are shown but cannot be chosen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList
from textual.widgets.selection_list import Selection

from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.readmodels import StageSummary
from eu_posities.tui.widgets.render import stage_tags


class StagePicker(ModalScreen[list[str] | None]):
    """Returns the chosen stage keys in dossier order; the first is the base column."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, stages: Sequence[StageSummary], chosen: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.stages = stages
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"[b]Stages to compare[/b] — 1 to {MAX_COMPARE_STAGES}; "
                "the first chosen is the base column"
            )
            yield SelectionList[str](*(self._selection(s) for s in self.stages), id="stage-choices")
            yield Label("", classes="error", id="picker-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Compare", variant="primary", id="ok", compact=True)

    def _selection(self, stage: StageSummary) -> Selection[str]:
        prompt = Text(stage.key, style="bold" if stage.imported else "dim")
        prompt.append(f"  {stage.date or '—'}", style="dim")
        if not stage.imported:
            prompt.append("  known, no text", style="dim italic")
        tags = stage_tags(stage)
        if tags:
            prompt.append("  ")
            prompt.append_text(tags)
        return Selection(
            prompt,
            stage.key,
            stage.key in self.chosen,
            disabled=not stage.imported,
        )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        selected = set(self.query_one(SelectionList).selected)
        chosen = [s.key for s in self.stages if s.key in selected]
        if not 1 <= len(chosen) <= MAX_COMPARE_STAGES:
            self.query_one("#picker-error", Label).update(
                f"Choose 1 to {MAX_COMPARE_STAGES} stages ({len(chosen)} chosen)."
            )
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
