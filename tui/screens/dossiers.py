"""The first screen: every dossier with its procedure, stage timeline and concern summary."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from eu_posities.readmodels import DossierSummary
from eu_posities.services import reading
from eu_posities.tui import workspace
from eu_posities.tui.widgets.render import concern_line, timeline


class DossiersScreen(Screen[None]):
    """Pick a dossier; its stages and concerns show below."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("c", "concerns", "Concerns"),
        Binding("e", "export", "Export"),
        # Screens update by themselves when anything is stored; `r` asks at once.
        Binding("r", "reload", "Reload"),
    ]

    class Loaded(Message):
        def __init__(self, dossiers: list[DossierSummary]) -> None:
            super().__init__()
            self.dossiers = dossiers

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.dossiers: list[DossierSummary] = []

    @property
    def dossier_key(self) -> str | None:
        index = self.query_one("#dossier-list", OptionList).highlighted
        if index is None or index >= len(self.dossiers):
            return None
        return self.dossiers[index].key

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield OptionList(id="dossier-list")
        with VerticalScroll(id="dossier-detail"):
            yield Static(id="dossier-timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dossier-list").border_title = "Dossiers"
        self.query_one("#dossier-detail").border_title = "Stages"
        self.reload()

    def reload(self) -> None:
        if not self.dossiers:  # a refresh keeps the list on screen while it reads
            self.query_one("#dossier-list", OptionList).loading = True
        self.load()

    def data_changed(self) -> None:
        """An import, an assessment, a stage's text removed: counts and tallies as they are."""
        self.reload()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            found = reading.dossiers(workspace.engine(self), with_tally=True)
            self.post_message(self.Loaded(found))
        except Exception as exc:  # noqa: BLE001  (shown to the user, never a crash)
            self.post_message(self.Failed(str(exc)))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        listing = self.query_one("#dossier-list", OptionList)
        previous = self.dossier_key
        self.dossiers = message.dossiers
        listing.clear_options()
        listing.add_options(Option(self._entry(d), id=d.key) for d in self.dossiers)
        listing.loading = False
        if self.dossiers:
            keys = [d.key for d in self.dossiers]
            listing.highlighted = keys.index(previous) if previous in keys else 0
        else:
            self.query_one("#dossier-timeline", Static).update(
                "No dossiers yet. Press i to import a document, or run `eup init --demo`."
            )
        listing.focus()

    @on(Failed)
    def failed(self, message: Failed) -> None:
        self.query_one("#dossier-list", OptionList).loading = False
        self.notify(message.error, title="Could not load the dossiers", severity="error")

    def _entry(self, dossier: DossierSummary) -> Group:
        head = Text(dossier.key, style="bold")
        head.append(f"  {dossier.procedure}", style="cyan")
        head.append(f"  {dossier.stages_with_text}/{len(dossier.stages)} stages with text")
        title = Text(dossier.title, style="dim", overflow="ellipsis", no_wrap=True)
        return Group(head, title, concern_line(dossier.tally))

    @on(OptionList.OptionHighlighted, "#dossier-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        dossier = self.dossiers[event.option_index]
        detail = self.query_one("#dossier-detail")
        detail.border_title = f"Stages of {dossier.key}"
        self.query_one("#dossier-timeline", Static).update(timeline(dossier.stages))

    @on(OptionList.OptionSelected, "#dossier-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self.dossier_key:
            self.app.open_dossier(self.dossier_key)  # type: ignore[attr-defined]

    def action_concerns(self) -> None:
        if self.dossier_key:
            self.app.open_concerns(self.dossier_key)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        if self.dossier_key:
            self.app.open_export(self.dossier_key)  # type: ignore[attr-defined]

    def action_reload(self) -> None:
        self.reload()
