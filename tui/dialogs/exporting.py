"""Export a dossier: position memo, multi-column table or batch diff report, with progress.

From the dossier screen the table of the current view is proposed: the stages shown and the
provision read, which may be widened to a range ("Articles 7-11"). The output goes to a full
path in the user's documents folder, and an existing file is replaced only when confirmed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
)

from eu_posities.errors import InputError
from eu_posities.kinds import MAX_COMPARE_STAGES, MIN_COMPARE_STAGES
from eu_posities.services import exporting
from eu_posities.services.comparing import check_stage_count
from eu_posities.tui import workspace
from eu_posities.tui.dialogs.form import FormError, Submitting

KINDS = {
    "memo": "Position memo (docx, md, html)",
    "table": "Multi-column table (docx, html, md)",
    "report": "Batch diff report (a folder)",
}
DEFAULT_OUT = {"memo": "{d}-memo.md", "table": "{d}-table.html", "report": "{d}-report"}
# The language each export defaults to, as on the command line (`--lang`).
DEFAULT_LANG = {"memo": "nl", "table": "en", "report": "en"}
LANGS = ("nl", "en")


def default_folder() -> Path:
    """Where exports go unless the user types another folder: the documents folder, else home."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def default_name(kind: str, dossier: str, provisions: str = "") -> str:
    """'ai-act-table.html', or 'ai-act-articles-7-11-table.html' for part of the dossier."""
    name = DEFAULT_OUT[kind].format(d=dossier)
    part = re.sub(r"[^a-z0-9]+", "-", provisions.lower()).strip("-")[:40].strip("-")
    if kind == "table" and part:
        name = name.replace("-table", f"-{part}-table")
    return name


class ExportDialog(ModalScreen[str | None]):
    """Returns the path written, or None when cancelled.

    `provisions` (e.g. "Article 7") proposes the table of that part of the dossier.
    """

    DEFAULT_CSS = """
    ExportDialog #export-parts { height: auto; }
    ExportDialog #export-parts > Vertical { height: auto; width: 1fr; }
    ExportDialog #export-parts > #export-part-provisions { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Progress(Message):
        def __init__(self, done: int, total: int, what: str) -> None:
            super().__init__()
            self.done, self.total, self.what = done, total, what

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ExportDialog.Progress)

    class Finished(Message):
        def __init__(self, path: str = "", error: str = "") -> None:
            super().__init__()
            self.path, self.error = path, error

    def __init__(self, dossier: str, stages: list[str], *, provisions: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key = dossier
        self.stages = stages
        self.provisions = provisions
        # The view's table when there is one to show: two stages or more.
        self.first_kind = "table" if provisions and len(stages) >= MIN_COMPARE_STAGES else "memo"
        self.replace_ok: Path | None = None  # the existing file the user agreed to replace

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-form"):
            yield Label(f"[b]Export[/b] {self.dossier_key}")
            with RadioSet(id="export-kind", compact=True):
                for kind, text in KINDS.items():
                    yield RadioButton(
                        text, value=kind == self.first_kind, id=f"kind-{kind}", compact=True
                    )
            yield Label("Output file or folder", classes="field")
            yield Input(str(self.default_out(self.first_kind)), id="export-out", compact=True)
            with Horizontal(id="export-parts"):
                with Vertical():
                    yield Label(
                        f"Table: stages ({MIN_COMPARE_STAGES} to {MAX_COMPARE_STAGES}, by commas)",
                        classes="field",
                    )
                    yield Input(",".join(self.stages), id="export-stages", compact=True)
                with Vertical(id="export-part-provisions"):
                    yield Label("Table: provisions (empty: all)", classes="field")
                    yield Input(
                        self.provisions,
                        id="export-provisions",
                        placeholder="e.g. Articles 7-11",
                        compact=True,
                    )
            with Horizontal(classes="row", id="export-options"):
                yield Label("Language ")
                with RadioSet(id="export-lang", compact=True):
                    for lang in LANGS:
                        yield RadioButton(
                            lang,
                            value=lang == DEFAULT_LANG[self.first_kind],
                            id=f"lang-{lang}",
                            compact=True,
                        )
                yield Checkbox("Include LIMITE", id="include-limite", compact=True)
                yield Checkbox("Include practice texts", id="include-fictional", compact=True)
            yield ProgressBar(total=None, show_eta=False, id="export-progress")
            yield Label("", id="export-step")
            yield FormError("", classes="error", id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Export", variant="primary", id="export", compact=True)

    def on_mount(self) -> None:
        self.submitting = Submitting(self.query_one("#export", Button))
        self.query_one("#export-progress").display = False
        self.query_one("#include-fictional", Checkbox).disabled = self.first_kind != "memo"
        # Each cursor on the choice made (Textual puts it on the first button).
        self.call_after_refresh(self._cursors_on_choices)
        # The view's table: Enter exports it; otherwise the kind is chosen first.
        self.query_one("#export-out" if self.first_kind == "table" else "#export-kind").focus()

    def _cursors_on_choices(self) -> None:
        for choice in self.query(RadioSet):
            choice._selected = choice.pressed_index  # noqa: SLF001  (no public way in Textual 8)

    def default_out(self, kind: str, folder: Path | None = None) -> Path:
        provisions = self.provisions if kind == "table" else ""
        return (folder or default_folder()) / default_name(kind, self.dossier_key, provisions)

    @property
    def kind(self) -> str:
        pressed = self.query_one("#export-kind", RadioSet).pressed_button
        return (pressed.id or "kind-memo").removeprefix("kind-") if pressed else "memo"

    @property
    def lang(self) -> str:
        pressed = self.query_one("#export-lang", RadioSet).pressed_button
        return (pressed.id or "lang-nl").removeprefix("lang-") if pressed else "nl"

    @on(RadioSet.Changed, "#export-kind")
    def kind_changed(self) -> None:
        # A new default name, in the folder the user already chose.
        out = self.query_one("#export-out", Input)
        typed = out.value.strip()
        folder = Path(typed).expanduser().parent if typed else None
        out.value = str(self.default_out(self.kind, folder if folder != Path(".") else None))
        # Later, not inside this handler: the kind RadioSet suppresses RadioButton.Changed
        # for what its handlers do, and the language RadioSet would not see the change.
        self.set_timer(0.01, self._default_lang)
        # Only the memo can quote practice (FICTIONAL) texts; the other exports mark them.
        self.query_one("#include-fictional", Checkbox).disabled = self.kind != "memo"

    def _default_lang(self) -> None:
        self.query_one(f"#lang-{DEFAULT_LANG[self.kind]}", RadioButton).value = True
        self.call_after_refresh(self._cursors_on_choices)

    def export_options(self) -> dict[str, Any]:
        """The options of the exports API: `lang`, `include_limite`, `include_fictional`."""
        options: dict[str, Any] = {
            "lang": self.lang,
            "include_limite": self.query_one("#include-limite", Checkbox).value,
        }
        if self.kind == "memo":
            options["include_fictional"] = self.query_one("#include-fictional", Checkbox).value
        return options

    def show_error(self, message: str, field: str = "#export-out") -> None:
        """The whole message, wrapped; the cursor goes to the field to fix, never to Cancel."""
        self.query_one("#export-error", FormError).show(message, self.query_one(field))

    @on(Input.Changed, "#export-out")
    def out_changed(self) -> None:
        if self.replace_ok is not None:
            self.replace_ok = None
            self.query_one("#export", Button).label = "Export"
            self.query_one("#export-error", FormError).clear()

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def start(self) -> None:
        if self.submitting.busy:
            return  # Enter while it runs: one export at a time
        typed = self.query_one("#export-out", Input).value.strip()
        if not typed:
            self.show_error("Name the output file.")
            return
        out = Path(typed).expanduser()
        if not out.is_absolute():
            out = default_folder() / out  # never the folder the app happened to start in
        options = self.export_options()
        if self.kind == "table":
            stages = [s.strip() for s in self.query_one("#export-stages", Input).value.split(",")]
            try:
                options["stages"] = check_stage_count([s for s in stages if s])
            except InputError as exc:
                self.show_error(str(exc).capitalize() + ".", "#export-stages")
                return
            options["provisions"] = self.query_one("#export-provisions", Input).value.strip()
        if out.exists() and self.replace_ok != out:
            self.replace_ok = out
            self.query_one("#export", Button).label = "Replace"
            self.show_error(
                f"{out} already exists. Press Replace to overwrite it, or change the name."
            )
            return
        self.query_one("#export-error", FormError).clear()
        self.submitting.begin()
        self.query_one("#export-progress").display = True
        self.run_export(self.kind, out, options)

    @work(thread=True, exclusive=True)
    def run_export(self, kind: str, out: Path, options: dict[str, Any]) -> None:
        def progress(done: int, total: int, what: str) -> None:
            self.post_message(self.Progress(done, total, what))

        engine = workspace.engine(self)
        try:
            if kind == "memo":
                path = exporting.export_memo(
                    engine,
                    self.dossier_key,
                    out,
                    author=workspace.user(self),
                    progress=progress,
                    **options,
                )
            elif kind == "table":
                stages = options.pop("stages")
                path = exporting.export_table(
                    engine, self.dossier_key, stages, out, progress=progress, **options
                )
            else:
                path = exporting.export_report(
                    engine, [self.dossier_key], out, progress=progress, **options
                )
        except Exception as exc:  # noqa: BLE001  (shown in the dialog)
            self.post_message(self.Finished(error=workspace.error_text(exc)))
            return
        self.post_message(self.Finished(path=str(path)))

    @on(Progress)
    def progress(self, message: Progress) -> None:
        self.query_one("#export-progress", ProgressBar).update(
            total=max(message.total, 1), progress=message.done
        )
        self.query_one("#export-step", Label).update(message.what)

    @on(Finished)
    def finished(self, message: Finished) -> None:
        if not message.error:
            self.dismiss(message.path)
            return
        self.query_one("#export-progress").display = False
        field = "#export-provisions" if "provision" in message.error else "#export-out"
        self.submitting.done()
        self.show_error(f"Export failed: {message.error}", field)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
