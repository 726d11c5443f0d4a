"""Fix an alignment: "Article 5 of the base stage became Article 6 of that stage" (or none).

Stored as an override (`comparing.pin`, as `eup align --set`); it wins over the computed
alignment in every view and export, and survives re-imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from eu_posities.services import comparing
from eu_posities.services.locating import find_label
from eu_posities.tui import workspace


class OverrideDialog(ModalScreen[bool]):
    """`current`: stage -> the row's label in it (None: not there); True when stored."""

    DEFAULT_CSS = """
    OverrideDialog Label.error { width: 100%; background: transparent; }
    OverrideDialog #override-stage { width: 100%; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Saved(Message):
        def __init__(self, error: str = "") -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        dossier: str,
        stages: Sequence[str],
        current: Mapping[str, str | None],
        labels: Mapping[str, Sequence[str]],
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key = dossier
        self.base, self.others = stages[0], list(stages[1:])
        self.current = current
        self.labels = labels  # stage -> its labels, in document order
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="override-form"):
            yield Label("[b]Fix the alignment[/b] (stored for every view and export)")
            if len(self.others) > 1:
                yield Label("Against the stage", classes="field")
                with RadioSet(id="override-stage", compact=True):
                    for i, stage in enumerate(self.others):
                        yield RadioButton(Text(stage), value=i == 0, id=f"override-stage-{i}")
            yield Label(Text(f"Provision in {self.base} (empty: none, the other is new)"))
            yield Input(self.current.get(self.base) or "", id="override-from", compact=True)
            yield Label(Text(""), id="override-to-label")
            yield Input(id="override-to", compact=True)
            yield Label("", classes="error", id="override-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.show_other()
        self.query_one("#override-to").focus()

    @property
    def other(self) -> str:
        if len(self.others) == 1:
            return self.others[0]
        pressed = self.query_one("#override-stage", RadioSet).pressed_index
        return self.others[max(0, pressed)]

    @on(RadioSet.Changed, "#override-stage")
    def show_other(self) -> None:
        other = self.other
        self.query_one("#override-to-label", Label).update(
            Text(f"became in {other} (empty: deleted there)")
        )
        self.query_one("#override-to", Input).value = self.current.get(other) or ""

    def _label(self, field: str, stage: str) -> str | None:
        """The label typed in `field` as stored in `stage`; None for empty; raises if unknown."""
        typed = self.query_one(field, Input).value.strip()
        if not typed:
            return None
        found = find_label(typed, self.labels.get(stage, ()))
        if found is None:
            raise LookupError(f"No provision {typed!r} in {stage}.")
        return found

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        if self.saving:
            return
        error = self.query_one("#override-error", Label)
        other = self.other
        try:
            old = self._label("#override-from", self.base)
            new = self._label("#override-to", other)
        except LookupError as exc:
            error.update(Text(f"{exc} Type a label such as 'Article 7'."))
            return
        if old is None and new is None:
            error.update("Name a provision in at least one of the two stages.")
            self.query_one("#override-from").focus()
            return
        self.saving = True
        error.update("")
        self.store(other, old, new)

    @work(thread=True, exclusive=True, group="override")
    def store(self, other: str, old: str | None, new: str | None) -> None:
        try:
            comparing.pin(
                workspace.engine(self),
                self.dossier_key,
                self.base,
                other,
                old,
                new,
                author=workspace.user(self),
            )
        except Exception as exc:  # noqa: BLE001  (shown in the dialog)
            self.post_message(self.Saved(workspace.error_text(exc)))
            return
        self.post_message(self.Saved())

    @on(Saved)
    def saved(self, message: Saved) -> None:
        self.saving = False
        if message.error:
            self.query_one("#override-error", Label).update(Text(f"Not saved: {message.error}"))
            self.query_one("#override-to").focus()
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
