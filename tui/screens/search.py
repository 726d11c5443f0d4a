"""Type-ahead full-text search over all stages; enter opens the provision in its dossier."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from eu_posities.readmodels import SNIPPET_MARK, SearchHit
from eu_posities.services import reading
from eu_posities.tui import workspace
from eu_posities.tui.widgets.render import stage_tags

DEBOUNCE_SECONDS = 0.25
MIN_QUERY = 2


class SearchScreen(Screen[None]):
    """Results update as you type (debounced); down moves into them."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("down", "results", "Results", show=False),
    ]

    class Found(Message):
        def __init__(self, query: str, hits: list[SearchHit], error: str = "") -> None:
            super().__init__()
            self.query, self.hits, self.error = query, hits, error

    def __init__(self, dossier: str | None = None) -> None:
        super().__init__()
        self.dossier_key = dossier
        self.hits: list[SearchHit] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Input(placeholder="Search all stages, e.g. detection order", id="search-input")
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
        if self.hits:
            self.action_results()
        elif len(event.value.strip()) >= MIN_QUERY:
            self.run_search(event.value.strip())

    @work(thread=True, exclusive=True)
    def run_search(self, query: str) -> None:
        try:
            hits = reading.search(workspace.engine(self), query, dossier_key=self.dossier_key)
            self.post_message(self.Found(query, hits))
        except Exception as exc:  # noqa: BLE001  (shown under the input)
            self.post_message(self.Found(query, [], str(exc)))

    @on(Found)
    def found(self, message: Found) -> None:
        if message.query != self.query_one("#search-input", Input).value.strip():
            return  # typed on meanwhile; a newer search is coming
        status = self.query_one("#search-status", Static)
        results = self.query_one("#search-results", OptionList)
        self.hits = message.hits
        results.clear_options()
        if message.error:
            status.update(Text(message.error, style="bold red"))
            return
        status.update(f"{len(self.hits)} hits for “{message.query}”")
        results.add_options(Option(self._entry(hit)) for hit in self.hits)

    @staticmethod
    def _entry(hit: SearchHit) -> Group:
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(hit.provision, style="bold")
        head.append(f"  {hit.dossier} · {hit.stage}  ", style="cyan")
        head.append_text(stage_tags(hit))
        return Group(head, snippet_text(hit.snippet))

    def action_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @on(OptionList.OptionSelected, "#search-results")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        self.app.open_dossier(  # type: ignore[attr-defined]
            hit.dossier, stages=[hit.stage], provision=hit.provision
        )


def snippet_text(snippet: str) -> Text:
    """A search snippet with the matched words (between the core's marks) highlighted."""
    text = Text(style="dim", no_wrap=True, overflow="ellipsis")
    for i, part in enumerate(" ".join(snippet.split()).split(SNIPPET_MARK)):
        text.append(part, style="bold reverse" if i % 2 else "")
    return text
