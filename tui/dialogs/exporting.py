"""Export a dossier: position memo, multi-column table or batch diff report, with progress."""

from __future__ import annotations

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

KINDS = {
    "memo": "Position memo (docx, md, html)",
    "table": "Multi-column table (docx, html, md)",
    "report": "Batch diff report (a folder)",
}
DEFAULT_OUT = {"memo": "{d}-memo.md", "table": "{d}-table.html", "report": "{d}-report"}
# The language each export defaults to, as on the command line (`--lang`).
DEFAULT_LANG = {"memo": "nl", "table": "en", "report": "en"}
LANGS = ("nl", "en")


class ExportDialog(ModalScreen[str | None]):
    """Returns the path written, or None when cancelled."""

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

    def __init__(self, dossier: str, stages: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key = dossier
        self.stages = stages

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-form"):
            yield Label(f"[b]Export[/b] {self.dossier_key}")
            with RadioSet(id="export-kind", compact=True):
                for i, (kind, text) in enumerate(KINDS.items()):
                    yield RadioButton(text, value=i == 0, id=f"kind-{kind}", compact=True)
            yield Label("Output file or folder", classes="field")
            yield Input(
                DEFAULT_OUT["memo"].format(d=self.dossier_key), id="export-out", compact=True
            )
            yield Label(
                f"Stages for the table ({MIN_COMPARE_STAGES} to {MAX_COMPARE_STAGES}, "
                "comma-separated)",
                classes="field",
            )
            yield Input(",".join(self.stages), id="export-stages", compact=True)
            with Horizontal(classes="row", id="export-options"):
                yield Label("Language ")
                with RadioSet(id="export-lang", compact=True):
                    for lang in LANGS:
                        yield RadioButton(
                            lang,
                            value=lang == DEFAULT_LANG["memo"],
                            id=f"lang-{lang}",
                            compact=True,
                        )
                yield Checkbox("Include LIMITE", id="include-limite", compact=True)
                yield Checkbox("Include practice texts", id="include-fictional", compact=True)
            yield ProgressBar(total=None, show_eta=False, id="export-progress")
            yield Label("", id="export-step")
            yield Label("", classes="error", id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Export", variant="primary", id="export", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self.query_one("#export-kind").focus()

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
        self.query_one("#export-out", Input).value = DEFAULT_OUT[self.kind].format(
            d=self.dossier_key
        )
        # Later, not inside this handler: the kind RadioSet suppresses RadioButton.Changed
        # for what its handlers do, and the language RadioSet would not see the change.
        self.set_timer(0.01, self._default_lang)
        # Only the memo can quote practice (FICTIONAL) texts; the other exports mark them.
        self.query_one("#include-fictional", Checkbox).disabled = self.kind != "memo"

    def _default_lang(self) -> None:
        self.query_one(f"#lang-{DEFAULT_LANG[self.kind]}", RadioButton).value = True

    def export_options(self) -> dict[str, Any]:
        """The options of the exports API: `lang`, `include_limite`, `include_fictional`."""
        options: dict[str, Any] = {
            "lang": self.lang,
            "include_limite": self.query_one("#include-limite", Checkbox).value,
        }
        if self.kind == "memo":
            options["include_fictional"] = self.query_one("#include-fictional", Checkbox).value
        return options

    @on(Button.Pressed, "#export")
    def start(self) -> None:
        out = self.query_one("#export-out", Input).value.strip()
        if not out:
            self.query_one("#export-error", Label).update("Name the output file.")
            return
        options = self.export_options()
        if self.kind == "table":
            stages = [s.strip() for s in self.query_one("#export-stages", Input).value.split(",")]
            try:
                options["stages"] = check_stage_count([s for s in stages if s])
            except InputError as exc:
                self.query_one("#export-error", Label).update(str(exc).capitalize() + ".")
                return
        self.query_one("#export-error", Label).update("")
        self.query_one("#export", Button).disabled = True
        self.query_one("#export-progress").display = True
        self.run_export(self.kind, Path(out).expanduser(), options)

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
        self.query_one("#export", Button).disabled = False
        self.query_one("#export-error", Label).update(f"Export failed: {message.error}")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
