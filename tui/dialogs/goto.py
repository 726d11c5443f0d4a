"""Jump to a provision by what the negotiator types: "7", "Article 7", "art 7", "rec 12"."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from eu_posities.services.locating import find_label


class GotoDialog(ModalScreen[str | None]):
    """Returns the label found among `labels`, or None when cancelled."""

    DEFAULT_CSS = """
    GotoDialog .dialog { width: 60; }
    GotoDialog Label.error { width: 100%; background: transparent; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, labels: Sequence[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.labels = labels

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="goto-form"):
            yield Label("[b]Go to provision[/b]")
            yield Label("A number is an article: 7, Article 7, art 7a, rec 12, Annex II")
            yield Input(id="goto-label", placeholder="e.g. Article 7", compact=True)
            yield Label("", classes="error", id="goto-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Go", variant="primary", id="go", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def go(self) -> None:
        typed = self.query_one(Input).value.strip()
        found = find_label(typed, self.labels)
        if found is None:
            error = self.query_one("#goto-error", Label)
            if typed:
                error.update(
                    Text(  # plain text: what was typed is no markup
                        f"No provision {typed!r} in the stages shown. "
                        "Try a label such as 'Article 7', 'rec 12' or 'Annex II'."
                    )
                )
            else:
                error.update("Type a provision, e.g. 'Article 7' or just 7.")
            self.query_one(Input).focus()
            return
        self.dismiss(found)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
