"""Notes on one provision: what colleagues noted (who, when, on which stage) and a new note.

A note belongs to a provision of one stage; the exports show it in the comments column of
the tables of that stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from eu_posities.services import notes
from eu_posities.services.notes import NoteEntry
from eu_posities.tui import workspace
from eu_posities.tui.dialogs.form import FormError, Submitting


class NotesDialog(ModalScreen[bool]):
    """`provisions`: (stage, label) of the provision in each stage shown; True if one was added."""

    DEFAULT_CSS = """
    NotesDialog #notes-list { height: auto; max-height: 30vh; }
    NotesDialog #note-stage { width: 100%; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close")]

    class Loaded(Message):
        def __init__(self, entries: list[NoteEntry], error: str = "") -> None:
            super().__init__()
            self.entries, self.error = entries, error

    class Saved(Message):
        def __init__(self, error: str = "") -> None:
            super().__init__()
            self.error = error

    def __init__(self, dossier: str, provisions: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key = dossier
        self.provisions = list(provisions)
        self.added = False

    def compose(self) -> ComposeResult:
        names = " / ".join(dict.fromkeys(label for _, label in self.provisions))
        with Vertical(classes="dialog", id="notes-form"):
            yield Label(Text.assemble(("Notes", "bold"), f" on {names}"), id="notes-title")
            with VerticalScroll(id="notes-list"):
                yield Static("Loading…", id="notes-body")
            yield Label("New note", classes="field")
            yield Input(id="note-text", placeholder="e.g. NL wants 'may' here", compact=True)
            if len(self.provisions) > 1:
                yield Label("On the text of", classes="field")
                with RadioSet(id="note-stage", compact=True):
                    for i, (stage, label) in enumerate(self.provisions):
                        yield RadioButton(
                            Text(f"{stage} ({label})"), value=i == 0, id=f"note-stage-{i}"
                        )
            yield FormError("", classes="error", id="note-error")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="cancel", compact=True)
                yield Button("Add note", variant="primary", id="add", compact=True)

    def on_mount(self) -> None:
        self.submitting = Submitting(self.query_one("#add", Button))
        self.query_one("#note-text").focus()
        self.load()

    @work(thread=True, exclusive=True, group="notes")
    def load(self) -> None:
        try:
            found = notes.notes_on(workspace.engine(self), self.dossier_key, self.provisions)
        except Exception as exc:  # noqa: BLE001  (shown in the dialog)
            self.post_message(self.Loaded([], workspace.error_text(exc)))
            return
        self.post_message(self.Loaded(found))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        body = self.query_one("#notes-body", Static)
        if message.error:
            body.update(Text(f"Cannot read the notes: {message.error}", style="bold red"))
            return
        body.update(notes_table(message.entries))

    @property
    def stage_and_label(self) -> tuple[str, str]:
        if len(self.provisions) == 1:
            return self.provisions[0]
        pressed = self.query_one("#note-stage", RadioSet).pressed_index
        return self.provisions[max(0, pressed)]

    @on(Input.Submitted, "#note-text")
    @on(Button.Pressed, "#add")
    def add(self) -> None:
        if self.submitting.busy:
            return  # Enter while it is saved: one note at a time
        field = self.query_one("#note-text", Input)
        error = self.query_one("#note-error", FormError)
        text = field.value.strip()
        if not text:
            error.show("Write the note first.", field)
            return
        error.clear()
        self.submitting.begin()
        stage, label = self.stage_and_label
        self.save(stage, label, text)

    @work(thread=True, exclusive=True, group="notes-save")
    def save(self, stage: str, label: str, text: str) -> None:
        try:
            notes.add_note(
                workspace.engine(self),
                self.dossier_key,
                stage,
                label,
                text,
                author=workspace.user(self),
            )
        except Exception as exc:  # noqa: BLE001  (shown in the dialog)
            self.post_message(self.Saved(workspace.error_text(exc)))
            return
        self.post_message(self.Saved())

    @on(Saved)
    def saved(self, message: Saved) -> None:
        field = self.query_one("#note-text", Input)
        if message.error:
            # The note stays typed and the cursor in it: nothing is lost.
            self.query_one("#note-error", FormError).show(f"Not saved: {message.error}")
            self.submitting.done(field)
            return
        self.added = True
        field.value = ""
        self.submitting.done(field)
        self.load()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(self.added)


def notes_table(entries: Sequence[NoteEntry]) -> Table | Text:
    """Oldest first: when, who, on which stage, the note (all plain text, never markup)."""
    if not entries:
        return Text("No notes yet.", style="dim")
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(ratio=1)
    for entry in entries:
        when = entry.at.strftime("%Y-%m-%d %H:%M UTC")  # as stored
        table.add_row(
            Text(when),
            Text.assemble(
                (entry.author or "unknown", "bold"),
                (f" on {entry.stage} ({entry.label})", "dim"),
            ),
        )
        table.add_row("", Text(entry.text))
    return table
