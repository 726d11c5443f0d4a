"""Type-ahead full-text search over all stages and concerns; enter opens the hit."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.readmodels import SNIPPET_MARK, ConcernHit, SearchHit, SearchResults
from eu_posities.services import reading
from eu_posities.tui import workspace
from eu_posities.tui.widgets.render import stage_tags

DEBOUNCE_SECONDS = 0.25
MIN_QUERY = 2
LIMIT = 50


class SearchScreen(Screen[None]):
    """Results update as you type (debounced); down moves into them, typing moves back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("down", "results", "Results", show=False),
    ]

    class Found(Message):
        def __init__(self, query: str, results: SearchResults | None, error: str = "") -> None:
            super().__init__()
            self.query, self.results, self.error = query, results, error

    def __init__(self, dossier: str | None = None) -> None:
        super().__init__()
        self.dossier_key = dossier
        self.results: SearchResults | None = None
        # What each option of the list opens, in the list's order: concerns first.
        self.entries: list[SearchHit | ConcernHit] = []
        self._timer: Timer | None = None

    @property
    def hits(self) -> list[SearchHit]:
        return list(self.results.hits) if self.results else []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Input(
            placeholder="Search all stages, e.g. detection order",
            id="search-input",
            select_on_focus=False,  # coming back from the results goes on typing
        )
        yield Static("Type at least two letters.", id="search-status")
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.query_one("#search-input").focus()

    @on(Input.Changed, "#search-input")
    def changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        if len(query) < MIN_QUERY:
            self.query_one("#search-results", OptionList).clear_options()
            self.query_one("#search-status", Static).update("Type at least two letters.")
            return
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(query))

    @on(Input.Submitted, "#search-input")
    def submitted(self, event: Input.Submitted) -> None:
        if self.entries:
            self.action_results()
        elif len(event.value.strip()) >= MIN_QUERY:
            self.run_search(event.value.strip())

    def on_key(self, event: events.Key) -> None:
        # Typing anywhere on this screen types the query: `q` is a letter here, not "quit".
        box = self.query_one("#search-input", Input)
        if not box.has_focus and event.is_printable and event.character:
            box.focus()
            box.cursor_position = len(box.value)
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def data_changed(self) -> None:
        """An import or a removed text changes what matches: ask again."""
        query = self.query_one("#search-input", Input).value.strip()
        if len(query) >= MIN_QUERY:
            self.run_search(query)

    @work(thread=True, exclusive=True)
    def run_search(self, query: str) -> None:
        try:
            found = reading.search(
                workspace.engine(self), query, dossier_key=self.dossier_key, limit=LIMIT
            )
            self.post_message(self.Found(query, found))
        except Exception as exc:  # noqa: BLE001  (shown under the input)
            self.post_message(self.Found(query, None, workspace.error_text(exc)))

    @on(Found)
    def found(self, message: Found) -> None:
        if message.query != self.query_one("#search-input", Input).value.strip():
            return  # typed on meanwhile; a newer search is coming
        status = self.query_one("#search-status", Static)
        results = self.query_one("#search-results", OptionList)
        # A refresh of the same query (after a change was stored) keeps the user's place.
        same = self.results is not None and self.results.query == message.query
        place = results.highlighted if same else None
        self.results = message.results
        results.clear_options()
        if message.error or message.results is None:
            self.entries = []
            status.update(Text(message.error, style="bold red"))
            return
        found = message.results
        self.entries = [*found.concerns, *found.hits]
        status.update(f"{found.count_text} for “{message.query}”")
        results.add_options(Option(self._entry(entry)) for entry in self.entries)
        if place is not None and self.entries:
            results.highlighted = min(place, len(self.entries) - 1)

    @staticmethod
    def _entry(entry: SearchHit | ConcernHit) -> Group:
        head = Text(no_wrap=True, overflow="ellipsis")
        if isinstance(entry, ConcernHit):
            head.append("◆ concern ", style="bold magenta")
            head.append(entry.concern, style="bold magenta")
            if entry.field != "title":
                head.append(f"  {entry.title}")
            head.append(f"  {', '.join(entry.dossiers)}", style="dim")
            return Group(head, snippet_text(entry.snippet))
        # The stages with their tags before the dossier: a LIMITE tag is never cut off.
        head.append(entry.provision, style="bold")
        for i, stage in enumerate(entry.stages):
            head.append("  " if i == 0 else " · ", style="dim")
            head.append(stage.stage, style="bold cyan" if stage.stage == entry.stage else "cyan")
            tags = stage_tags(stage, short=True)
            if tags:
                head.append(" ")
                head.append_text(tags)
        head.append(f"  {entry.dossier}", style="dim")
        return Group(head, snippet_text(entry.snippet))

    def action_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.entries:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @on(OptionList.OptionSelected, "#search-results")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries[event.option_index]
        if isinstance(entry, ConcernHit):
            from eu_posities.tui.screens.concern_detail import ConcernDetailScreen

            self.app.push_screen(ConcernDetailScreen(entry.dossier, entry.concern))
            return
        query = self.results.query if self.results else ""
        # Side by side in the stages it matches in, when they fit; else in its best stage.
        stages = [s.stage for s in entry.stages]
        if not stages or len(stages) > MAX_COMPARE_STAGES:
            stages = [entry.stage]
        self.app.open_dossier(  # type: ignore[attr-defined]
            entry.dossier, stages=stages, provision=entry.provision, highlight=query
        )


def snippet_text(snippet: str) -> Text:
    """A search snippet with the matched words (between the core's marks) highlighted."""
    text = Text(style="dim", no_wrap=True, overflow="ellipsis")
    for i, part in enumerate(" ".join(snippet.split()).split(SNIPPET_MARK)):
        text.append(part, style="bold reverse" if i % 2 else "")
    return text
