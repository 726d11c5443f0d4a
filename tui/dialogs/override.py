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
from eu_posities.tui.dialogs.form import FormError, Submitting


class OverrideDialog(ModalScreen[bool]):
    """`current`: stage -> the row's label in it (None: not there); True when stored."""

    DEFAULT_CSS = """
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
            yield FormError("", classes="error", id="override-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.submitting = Submitting(self.query_one("#save", Button))
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
        if self.submitting.busy:
            return  # Enter while it is stored: one fix at a time
        error = self.query_one("#override-error", FormError)
        other = self.other
        labels: list[str | None] = []
        for field, stage in (("#override-from", self.base), ("#override-to", other)):
            try:
                labels.append(self._label(field, stage))
            except LookupError as exc:
                error.show(f"{exc} Type a label such as 'Article 7'.", self.query_one(field))
                return
        old, new = labels
        if old is None and new is None:
            error.show(
                "Name a provision in at least one of the two stages.",
                self.query_one("#override-from"),
            )
            return
        error.clear()
        self.submitting.begin()
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
        if message.error:
            self.query_one("#override-error", FormError).show(f"Not saved: {message.error}")
            self.submitting.done(self.query_one("#override-to"))
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
