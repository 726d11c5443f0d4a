"""Choose the stages to compare; known stages without text are shown but cannot be chosen.

The picker reads the stages again when it opens and whenever something is stored (an import
here, a stage's text removed by a colleague), so it never offers a text that is gone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList
from textual.widgets.selection_list import Selection

from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.readmodels import StageSummary
from eu_posities.services import reading
from eu_posities.tui import workspace
from eu_posities.tui.dialogs.form import FormError
from eu_posities.tui.widgets.render import stage_tags


class StagePicker(ModalScreen[list[str] | None]):
    """Returns the chosen stage keys in dossier order; the first is the base column."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Loaded(Message):
        def __init__(self, stages: tuple[StageSummary, ...]) -> None:
            super().__init__()
            self.stages = stages

    def __init__(
        self, stages: Sequence[StageSummary], chosen: list[str], dossier: str | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.stages = stages
        self.chosen = chosen
        # Whose stages to read again; by default the dossier of the screen it opened from.
        self.dossier_key = dossier

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"[b]Stages to compare[/b] — 1 to {MAX_COMPARE_STAGES}; "
                "the first chosen is the base column"
            )
            yield SelectionList[str](*(self._selection(s) for s in self.stages), id="stage-choices")
            yield FormError("", classes="error", id="picker-error")
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
        if self.dossier_key is None and len(self.app.screen_stack) > 1:
            self.dossier_key = getattr(self.app.screen_stack[-2], "dossier_key", None)
        self.query_one(SelectionList).focus()
        self.reload()

    def reload(self) -> None:
        if self.dossier_key:
            self.load(self.dossier_key)

    def data_changed(self) -> None:
        """Something was stored: show the stages as they are now."""
        self.reload()

    @work(thread=True, exclusive=True)
    def load(self, dossier: str) -> None:
        try:
            self.post_message(self.Loaded(reading.stages(workspace.engine(self), dossier)))
        except Exception:  # noqa: BLE001, S110  (the list already shown stays usable)
            return

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.stages == tuple(self.stages):
            return
        choices = self.query_one(SelectionList)
        selected = set(choices.selected)
        gone = [s.key for s in message.stages if s.key in selected and not s.imported]
        self.stages = message.stages
        self.chosen = [s.key for s in self.stages if s.key in selected and s.imported]
        highlighted = choices.highlighted
        choices.clear_options()
        choices.add_options(self._selection(s) for s in self.stages)
        if highlighted is not None and self.stages:
            choices.highlighted = min(highlighted, len(self.stages) - 1)
        if gone:
            self.query_one("#picker-error", FormError).show(
                f"No text any more, so no longer chosen: {', '.join(gone)}."
            )

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        selected = set(self.query_one(SelectionList).selected)
        chosen = [s.key for s in self.stages if s.key in selected]
        if not 1 <= len(chosen) <= MAX_COMPARE_STAGES:
            self.query_one("#picker-error", FormError).show(
                f"Choose 1 to {MAX_COMPARE_STAGES} stages ({len(chosen)} chosen): "
                "space ticks or unticks the highlighted stage.",
                self.query_one(SelectionList),
            )
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
