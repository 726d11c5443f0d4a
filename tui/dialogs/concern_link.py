"""Concerns on one provision: tick to link, untick to unlink, or add a new concern and link it.

Also the chooser `o` opens when a provision carries several concerns.
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
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    SelectionList,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from eu_posities.readmodels import ConcernRecord
from eu_posities.services import assessing, reading
from eu_posities.tui import workspace
from eu_posities.tui.dialogs.form import FormError, Submitting


def linked_keys(records: Sequence[ConcernRecord], stage: str, label: str) -> set[str]:
    """The concerns tied to this provision of this stage (a rejected link is no tie)."""
    return {
        r.key
        for r in records
        for link in r.links
        if link.stage == stage and link.provision == label and link.state != "rejected"
    }


class ConcernLinkDialog(ModalScreen[bool]):
    """`provisions`: (stage, label) in each stage shown. True when a link changed."""

    DEFAULT_CSS = """
    ConcernLinkDialog #link-stage { width: 100%; height: auto; }
    ConcernLinkDialog #link-choices { max-height: 8; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Loaded(Message):
        def __init__(self, records: list[ConcernRecord], error: str = "") -> None:
            super().__init__()
            self.records, self.error = records, error

    class Saved(Message):
        def __init__(self, summary: str = "", error: str = "") -> None:
            super().__init__()
            self.summary, self.error = summary, error

    def __init__(self, dossier: str, provisions: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.dossier_key = dossier
        self.provisions = list(provisions)
        self.records: list[ConcernRecord] = []

    def compose(self) -> ComposeResult:
        names = " / ".join(dict.fromkeys(label for _, label in self.provisions))
        with Vertical(classes="dialog", id="link-form"):
            yield Label(Text.assemble(("Concerns", "bold"), f" on {names}"))
            if len(self.provisions) > 1:
                with RadioSet(id="link-stage", compact=True):
                    for i, (stage, label) in enumerate(self.provisions):
                        yield RadioButton(
                            Text(f"{stage} ({label})"), value=i == 0, id=f"link-stage-{i}"
                        )
            yield Label("Ticked: linked to this provision (space ticks)", classes="field")
            yield SelectionList[str](id="link-choices")
            yield Label("Or a new concern: key and Dutch title", classes="field")
            with Horizontal(classes="row"):
                yield Input(id="new-key", placeholder="e.g. toezicht", compact=True)
                yield Input(id="new-title", placeholder="e.g. Onafhankelijk toezicht", compact=True)
            yield FormError("", classes="error", id="link-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.submitting = Submitting(self.query_one("#save", Button))
        self.query_one("#link-form").loading = True
        self.load()

    def _error(self, text: str, field: str | None = None) -> None:
        self.query_one("#link-error", FormError).show(
            text, self.query_one(field) if field else None
        )

    @work(thread=True, exclusive=True, group="links")
    def load(self) -> None:
        try:
            found = reading.concerns(workspace.engine(self), self.dossier_key)
        except Exception as exc:  # noqa: BLE001  (shown in the dialog)
            self.post_message(self.Loaded([], workspace.error_text(exc)))
            return
        self.post_message(self.Loaded(found))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.query_one("#link-form").loading = False
        if message.error:
            self._error(f"Cannot read the concerns: {message.error}")
            return
        self.records = message.records
        self.show_choices()
        self.query_one("#link-choices").focus()

    @property
    def stage_and_label(self) -> tuple[str, str]:
        if len(self.provisions) == 1:
            return self.provisions[0]
        pressed = self.query_one("#link-stage", RadioSet).pressed_index
        return self.provisions[max(0, pressed)]

    def show_choices(self) -> None:
        linked = linked_keys(self.records, *self.stage_and_label)
        choices = self.query_one("#link-choices", SelectionList)
        choices.clear_options()
        for record in self.records:
            prompt = Text(record.key, style="bold")
            prompt.append(f"  {record.title('nl')}", style="dim")
            choices.add_option(Selection(prompt, record.key, record.key in linked))
        if not self.records:
            self._error("This dossier has no concerns yet: add one below.")

    @on(RadioSet.Changed, "#link-stage")
    def stage_changed(self) -> None:
        if self.records:
            self.show_choices()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        if self.submitting.busy:
            return  # Enter while it is saved: one change at a time
        stage, label = self.stage_and_label
        before = linked_keys(self.records, stage, label)
        after = set(self.query_one("#link-choices", SelectionList).selected)
        key = self.query_one("#new-key", Input).value.strip()
        title = self.query_one("#new-title", Input).value.strip()
        if bool(key) != bool(title):
            self._error(
                "A new concern needs both a key (e.g. toezicht) and a Dutch title.",
                "#new-title" if key else "#new-key",
            )
            return
        if before == after and not key:
            self.dismiss(False)
            return
        self._error("")
        self.submitting.begin()
        self.apply(stage, label, sorted(after - before), sorted(before - after), key, title)

    @work(thread=True, exclusive=True, group="links-save")
    def apply(
        self, stage: str, label: str, link: list[str], unlink: list[str], key: str, title: str
    ) -> None:
        engine, author = workspace.engine(self), workspace.user(self)
        done: list[str] = []
        try:
            if key:
                assessing.add_concern(
                    engine, key, title=title, dossiers=[self.dossier_key], author=author
                )
                done.append(f"added {key}")
                link = [*link, key]
            for concern in link:
                assessing.link(engine, self.dossier_key, concern, stage, label, author=author)
                done.append(f"linked {concern}")
            for concern in unlink:
                assessing.unlink(engine, self.dossier_key, concern, stage, label, author=author)
                done.append(f"unlinked {concern}")
        except Exception as exc:  # noqa: BLE001  (shown in the dialog)
            so_far = f" (already done: {', '.join(done)})" if done else ""
            self.post_message(self.Saved(error=workspace.error_text(exc) + so_far))
            return
        self.post_message(self.Saved(summary=", ".join(done)))

    @on(Saved)
    def saved(self, message: Saved) -> None:
        if message.error:
            self._error(f"Not saved: {message.error}")
            self.submitting.done()
            self.load()  # show what is stored now; what was typed stays
            return
        self.notify(f"{message.summary.capitalize()}.", title="Concerns", markup=False)
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ConcernChooser(ModalScreen[str | None]):
    """Which of the provision's concerns to open; returns its key."""

    DEFAULT_CSS = """
    ConcernChooser .dialog { width: 60; }
    ConcernChooser OptionList { height: auto; max-height: 12; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str, keys: Sequence[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.label, self.keys = label, list(keys)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text.assemble(("Open a concern", "bold"), f" of {self.label}"))
            yield OptionList(*(Option(Text(k), id=k) for k in self.keys), id="concern-choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
