"""Assess a concern in a stage: a form that validates before it saves and reports conflicts."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Select

from eu_posities.errors import Conflict
from eu_posities.kinds import ConcernStatus
from eu_posities.readmodels import ConcernRecord, StageSummary
from eu_posities.services import assessing, reading
from eu_posities.tui import workspace


def open_assessment(screen: Screen[Any], dossier: str, concern: str, stage: str | None) -> None:
    """Push the form; when it saved, the screen reloads (it has a `reload` method)."""

    def done(saved: bool | None) -> None:
        if saved:
            screen.notify(f"Assessment of {concern} saved.")
            screen.reload()  # type: ignore[attr-defined]

    screen.app.push_screen(AssessDialog(dossier, concern, stage), done)


class AssessDialog(ModalScreen[bool]):
    """Returns True when an assessment was saved."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Loaded(Message):
        def __init__(self, stages: tuple[StageSummary, ...], detail: ConcernRecord) -> None:
            super().__init__()
            self.stages, self.detail = stages, detail

    class Saved(Message):
        def __init__(self, error: str = "", conflict: bool = False) -> None:
            super().__init__()
            self.error, self.conflict = error, conflict

    def __init__(self, dossier: str, concern: str, stage: str | None) -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key, self.concern_key, self.stage_key = dossier, concern, stage
        self.detail: ConcernRecord | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="assess-form"):
            yield Label(
                f"[b]Assess[/b] {self.concern_key} in {self.dossier_key}", id="assess-title"
            )
            yield Label("Stage", classes="field")
            yield Select[str]([], id="assess-stage", prompt="choose a stage", compact=True)
            yield Label("Status", classes="field")
            yield Select[str](
                [(s.value, s.value) for s in ConcernStatus],
                id="assess-status",
                prompt="choose a status",
                compact=True,
            )
            yield Label("Evidence (quote the text that supports it)", classes="field")
            yield Input(
                id="assess-evidence", placeholder="e.g. Article 7(2) now says 'may'", compact=True
            )
            yield Label("Note", classes="field")
            yield Input(id="assess-note", compact=True)
            yield Label("", classes="error", id="assess-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#assess-form").loading = True
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        engine = workspace.engine(self)
        stages = reading.stages(engine, self.dossier_key)
        detail = reading.concern(engine, self.dossier_key, self.concern_key)
        self.post_message(self.Loaded(stages, detail))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.detail = message.detail
        select = self.query_one("#assess-stage", Select)
        select.set_options([(s.key, s.key) for s in message.stages])
        if self.stage_key:
            select.value = self.stage_key
            current = message.detail.status_by_stage.get(self.stage_key)
            if current:
                self.query_one("#assess-status", Select).value = current
        self.query_one("#assess-form").loading = False
        self.query_one("#assess-stage" if not self.stage_key else "#assess-status").focus()

    def _error(self, text: str) -> None:
        self.query_one("#assess-error", Label).update(text)

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        stage = self.query_one("#assess-stage", Select).value
        status = self.query_one("#assess-status", Select).value
        evidence = self.query_one("#assess-evidence", Input).value.strip()
        note = self.query_one("#assess-note", Input).value.strip()
        if not isinstance(stage, str):
            self._error("Choose the stage this assessment is about.")
            return
        if not isinstance(status, str):
            self._error("Choose a status.")
            return
        if ConcernStatus(status).needs_evidence and not evidence:
            self._error(f"A '{status}' assessment needs evidence: quote the text.")
            return
        self._error("")
        heads = {entry.stage: entry.id for entry in self.detail.current} if self.detail else {}
        supersedes = heads.get(stage)
        self.query_one("#save", Button).disabled = True
        self.store(stage, status, evidence, note, supersedes)

    @work(thread=True, exclusive=True)
    def store(
        self, stage: str, status: str, evidence: str, note: str, supersedes: int | None
    ) -> None:
        try:
            assessing.assess(
                workspace.engine(self),
                self.dossier_key,
                self.concern_key,
                stage,
                status=status,
                author=workspace.user(self),
                evidence=evidence,
                note=note,
                expected=supersedes,
            )
        except Conflict as exc:
            self.post_message(self.Saved(str(exc), conflict=True))
            return
        except Exception as exc:  # noqa: BLE001  (one line in the form, nothing saved)
            self.post_message(self.Saved(str(exc)))
            return
        self.post_message(self.Saved())

    @on(Saved)
    def saved(self, message: Saved) -> None:
        if not message.error:
            self.dismiss(True)
            return
        self.query_one("#save", Button).disabled = False
        prefix = "Changed meanwhile by someone else: " if message.conflict else "Not saved: "
        self._error(prefix + message.error)
        if message.conflict:
            self.load()  # what is current now; saving again replaces it knowingly

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
