"""Import a document as a stage: pick the file, name dossier and stage, watch progress.

A failing import shows its whole error, wrapped, keeps what was typed and the focus in the
form, and changes nothing: the core parses before it opens a transaction, and stores
everything in one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    DirectoryTree,
    Input,
    Label,
    ProgressBar,
    Select,
)

from eu_posities.services import importing, reading
from eu_posities.services.importing import ImportRequest
from eu_posities.tui import workspace
from eu_posities.tui.dialogs.form import FormError, Submitting


class DocumentTree(DirectoryTree):
    """The file picker: hidden files and folders left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if not path.name.startswith(".")]


class ImportDialog(ModalScreen[str | None]):
    """Returns a one-line summary of what was imported, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Progress(Message):
        def __init__(self, step: str) -> None:
            super().__init__()
            self.step = step

        def can_replace(self, message: Message) -> bool:
            # Only the latest step matters when several wait in the queue.
            return isinstance(message, ImportDialog.Progress)

    class Finished(Message):
        def __init__(self, summary: str = "", error: str = "") -> None:
            super().__init__()
            self.summary, self.error = summary, error

    class DossiersLoaded(Message):
        def __init__(self, keys: list[str]) -> None:
            super().__init__()
            self.keys = keys

    def __init__(self, dossier: str | None = None, start: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key = dossier
        self.start = start or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-form"):
            yield Label("[b]Import a document[/b] as a stage (EUR-Lex, Formex, AKN, DOCX, PDF)")
            yield Input(placeholder="path of the file", id="import-path", compact=True)
            yield DocumentTree(self.start, id="import-tree")
            with Horizontal(classes="row"):
                yield Select[str]([], id="import-dossier", prompt="dossier", compact=True)
                yield Input(
                    placeholder="stage key, e.g. council-mandate", id="import-stage", compact=True
                )
            with Horizontal(classes="row"):
                yield Input(
                    placeholder="date YYYY-MM-DD (optional)", id="import-date", compact=True
                )
                yield Checkbox("fictional", id="import-fictional", compact=True)
                yield Checkbox("LIMITE", id="import-limite", compact=True)
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Label("", id="import-step")
            yield FormError("", classes="error", id="import-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Import", variant="primary", id="import", compact=True)

    def on_mount(self) -> None:
        self.submitting = Submitting(self.query_one("#import", Button))
        # Progress shows only while an import runs: the room is the error's when it fails.
        self.query_one("#import-progress").display = False
        self.query_one("#import-step").display = False
        self.query_one("#import-path").focus()
        self.load_dossiers()

    @work(thread=True, exclusive=True, group="dossiers")
    def load_dossiers(self) -> None:
        rows = reading.dossiers(workspace.engine(self))
        self.post_message(self.DossiersLoaded([r.key for r in rows]))

    @on(DossiersLoaded)
    def dossiers_loaded(self, message: DossiersLoaded) -> None:
        select = self.query_one("#import-dossier", Select)
        select.set_options([(k, k) for k in message.keys])
        if self.dossier_key in message.keys:
            select.value = self.dossier_key

    @on(DocumentTree.FileSelected, "#import-tree")
    def file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#import-path", Input).value = str(event.path)
        self.query_one("#import-stage").focus()

    def _error(self, text: str, field: str | None = None) -> None:
        self.query_one("#import-error", FormError).show(
            text, self.query_one(field) if field else None
        )

    @on(Button.Pressed, "#import")
    @on(Input.Submitted)
    def start_import(self) -> None:
        if self.submitting.busy:
            return  # Enter while it runs: one import at a time
        path = self.query_one("#import-path", Input).value.strip()
        dossier = self.query_one("#import-dossier", Select).value
        stage = self.query_one("#import-stage", Input).value.strip()
        if not path:
            self._error("Choose the file to import.", "#import-path")
            return
        if not isinstance(dossier, str):
            self._error("Choose the dossier the document belongs to.", "#import-dossier")
            return
        if not stage:
            self._error("Name the stage, e.g. council-general-approach.", "#import-stage")
            return
        request = ImportRequest(
            path=Path(path).expanduser(),
            dossier=dossier,
            stage=stage,
            date=self.query_one("#import-date", Input).value.strip() or None,
            fictional=self.query_one("#import-fictional", Checkbox).value,
            limite=self.query_one("#import-limite", Checkbox).value,
        )
        self._error("")
        self.submitting.begin()
        self.query_one("#import-progress").display = True
        self.query_one("#import-step").display = True
        self.run_import(request)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, request: ImportRequest) -> None:
        try:
            result = importing.import_document(
                workspace.engine(self),
                request,
                author=workspace.user(self),
                progress=lambda _done, _total, step: self.post_message(self.Progress(step)),
            )
        except Exception as exc:  # noqa: BLE001  (shown in the dialog; nothing was stored)
            self.post_message(self.Finished(error=workspace.error_text(exc)))
            return
        summary = ", ".join(
            f"{d.key}: {d.provisions} provisions ({d.format})" for d in result.stages
        )
        self.post_message(self.Finished(summary=f"{request.dossier} · {summary}"))

    @on(Progress)
    def progress(self, message: Progress) -> None:
        self.query_one("#import-step", Label).update(message.step)

    @on(Finished)
    def finished(self, message: Finished) -> None:
        if not message.error:
            self.dismiss(message.summary)
            return
        self.query_one("#import-progress").display = False
        self.query_one("#import-step", Label).update("")
        self.query_one("#import-step").display = False
        self._error(f"Import failed, nothing changed: {message.error}")
        self.submitting.done()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
