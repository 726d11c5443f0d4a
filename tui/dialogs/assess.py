"""Assess a concern in a stage: a form that validates before it saves and reports conflicts.

Under the stage the form shows its current assessment ("Now: ..."). When a colleague
assessed the same concern and stage since the form was opened, saving is refused; the form
then shows what they recorded there and keeps everything the user chose and typed, so the
user decides: save again (recorded after theirs, knowingly) or cancel (theirs stands).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Select, Static

from eu_posities.errors import Conflict
from eu_posities.kinds import ConcernStatus
from eu_posities.readmodels import AssessmentEntry, ConcernRecord, StageSummary
from eu_posities.services import assessing, reading
from eu_posities.tui import workspace
from eu_posities.tui.dialogs.form import FormError, Submitting
from eu_posities.tui.widgets.render import STATUS_STYLE


def open_assessment(screen: Screen[Any], dossier: str, concern: str, stage: str | None) -> None:
    """Push the form; when it saved, the app shows the change on every open screen."""

    def done(saved: bool | None) -> None:
        if saved:
            screen.notify(f"Assessment of {concern} saved.")
            changed = getattr(screen.app, "data_changed", None)
            if changed is not None:
                changed()
            else:
                screen.reload()  # type: ignore[attr-defined]

    screen.app.push_screen(AssessDialog(dossier, concern, stage), done)


# A long quote is cut under the stage (the concern's history has all of it); the status, who
# and where it is from always show.
QUOTE_CHARS = 80


def evidence_line(entry: AssessmentEntry) -> Text:
    """An assessment in a line or two: status, who, when, the quote and where it is from."""
    line = Text()
    line.append(f" {entry.status} ", style=STATUS_STYLE.get(entry.status, "bold"))
    line.append(f", by {entry.author or 'unknown'}")
    if entry.at:
        line.append(f" on {entry.at.date().isoformat()}")
    where = ", ".join(x for x in (entry.evidence_document, entry.evidence_location) if x)
    if where:
        line.append(f" ({where})")
    if entry.evidence:
        quote = " ".join(entry.evidence.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        line.append(f": “{quote}”", style="italic")
    return line


class AssessDialog(ModalScreen[bool]):
    """Returns True when an assessment was saved."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    # Labels sit on their fields, no blank lines between them: with a conflict's long error
    # the form still fits 80x24.
    CSS = """
    #assess-form Input, #assess-form Select { margin-bottom: 0; }
    #assess-form Label.field { margin-top: 0; color: $text-muted; }
    #assess-form #assess-choice { margin-top: 1; }
    #assess-form .column { width: 1fr; height: auto; }
    #assess-form .column.right { margin-left: 1; }
    #assess-current { height: auto; max-height: 2; }
    #assess-current.-conflict { color: $warning; }
    #assess-error { margin-top: 1; }
    """

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
        # True after a refused save: the next load refreshes what is current, not the form.
        self._keep_input = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="assess-form"):
            yield Label(
                f"[b]Assess[/b] {self.concern_key} in {self.dossier_key}", id="assess-title"
            )
            with Horizontal(classes="row", id="assess-choice"):
                with Vertical(classes="column"):
                    yield Label("Stage", classes="field")
                    yield Select[str]([], id="assess-stage", prompt="choose a stage", compact=True)
                with Vertical(classes="column right"):
                    yield Label("Status", classes="field")
                    yield Select[str](
                        [(s.value, s.value) for s in ConcernStatus],
                        id="assess-status",
                        prompt="choose a status",
                        compact=True,
                    )
            yield Static("", id="assess-current")
            yield Label("Evidence (quote the text that supports it)", classes="field")
            yield Input(
                id="assess-evidence", placeholder="e.g. Article 7(2) now says 'may'", compact=True
            )
            with Horizontal(classes="row"):
                with Vertical(classes="column"):
                    yield Label("Source of the quote", classes="field")
                    yield Input(
                        id="assess-source",
                        placeholder="e.g. Kamerbrief 20-12-2024",
                        compact=True,
                    )
                with Vertical(classes="column right"):
                    yield Label("Where in it", classes="field")
                    yield Input(
                        id="assess-location",
                        placeholder="e.g. paragraaf 7, Article 10(2)",
                        compact=True,
                    )
            yield Label("Note", classes="field")
            yield Input(id="assess-note", compact=True)
            yield FormError("", classes="error", id="assess-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.submitting = Submitting(self.query_one("#save", Button))
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
        if self._keep_input:
            # After a conflict: what the colleague recorded, and the user's choices untouched.
            self._keep_input = False
            self._show_current(conflict=True)
            return
        select = self.query_one("#assess-stage", Select)
        select.set_options([(s.key, s.key) for s in message.stages])
        if self.stage_key:
            select.value = self.stage_key
            current = message.detail.status_by_stage.get(self.stage_key)
            if current:
                self.query_one("#assess-status", Select).value = current
        self._show_current()
        self.query_one("#assess-form").loading = False
        self.query_one("#assess-stage" if not self.stage_key else "#assess-status").focus()

    def _chosen_stage(self) -> str | None:
        stage = self.query_one("#assess-stage", Select).value
        return stage if isinstance(stage, str) else None

    def _current(self, stage: str | None) -> AssessmentEntry | None:
        if self.detail is None or stage is None:
            return None
        return next((e for e in self.detail.current if e.stage == stage), None)

    def _show_current(self, *, conflict: bool = False) -> None:
        """The chosen stage's current assessment under the stage; flagged after a conflict."""
        stage = self._chosen_stage()
        entry = self._current(stage)
        line = Text()
        if stage is not None:
            line.append("Meanwhile: " if conflict else "Now: ", style="bold")
            if entry is None:
                line.append("not assessed in this stage yet")
            else:
                line.append_text(evidence_line(entry))
        current = self.query_one("#assess-current", Static)
        current.set_class(conflict, "-conflict")
        current.update(line)

    @on(Select.Changed, "#assess-stage")
    def stage_changed(self) -> None:
        self._show_current()

    def _error(self, text: str, field: str | None = None) -> None:
        self.query_one("#assess-error", FormError).show(
            text, self.query_one(field) if field else None
        )

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def save(self) -> None:
        if self.submitting.busy:
            return
        stage = self._chosen_stage()
        status = self.query_one("#assess-status", Select).value
        evidence = self.query_one("#assess-evidence", Input).value.strip()
        if stage is None:
            self._error("Choose the stage this assessment is about.", "#assess-stage")
            return
        if not isinstance(status, str):
            self._error("Choose a status.", "#assess-status")
            return
        if ConcernStatus(status).needs_evidence and not evidence:
            self._error(
                f"A '{status}' assessment needs evidence: quote the text.", "#assess-evidence"
            )
            return
        self._error("")
        current = self._current(stage)
        self.submitting.begin()
        self.store(
            stage,
            status,
            evidence,
            self.query_one("#assess-source", Input).value.strip(),
            self.query_one("#assess-location", Input).value.strip(),
            self.query_one("#assess-note", Input).value.strip(),
            current.id if current else None,
        )

    @work(thread=True, exclusive=True)
    def store(
        self,
        stage: str,
        status: str,
        evidence: str,
        source: str,
        location: str,
        note: str,
        supersedes: int | None,
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
                source=source,
                location=location,
                note=note,
                expected=supersedes,
            )
        except Conflict as exc:
            self.post_message(self.Saved(workspace.error_text(exc), conflict=True))
            return
        except Exception as exc:  # noqa: BLE001  (shown in the form, nothing saved)
            self.post_message(self.Saved(workspace.error_text(exc)))
            return
        self.post_message(self.Saved())

    @on(Saved)
    def saved(self, message: Saved) -> None:
        if not message.error:
            self.dismiss(True)
            return
        if message.conflict:
            # The form reloads by itself: instead of "reload and try again", what to do here.
            said = message.error.removesuffix("; reload and try again").rstrip(".")
            self._error(
                f"Changed meanwhile by someone else: {said}. Theirs is shown under the "
                "stage, your choices are kept: Save records yours after theirs, Cancel "
                "keeps theirs."
            )
            # What is current now: saving again replaces it knowingly.
            self._keep_input = True
            self.load()
        else:
            self._error(f"Not saved: {message.error}")
        self.submitting.done()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
