"""The search screen, driven as a user would: counts that are counts, one line per provision,
concerns among the hits, typing that stays typing, and a hit opened with its words marked."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, Group
from rich.text import Text
from sqlalchemy.engine import Engine
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from tuihelp import pilot_test, settle

from eu_posities.readmodels import ConcernHit
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.screens.concern_detail import ConcernDetailScreen
from eu_posities.tui.screens.dossier import SEARCH_MARK_STYLE, DossierScreen
from eu_posities.tui.screens.search import LIMIT, SearchScreen
from eu_posities.tui.widgets.aligned import AlignedColumns

pytest_plugins = ("tuifixtures",)


def status_of(screen: SearchScreen) -> str:
    content = screen.query_one("#search-status", Static).content
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get().strip()


async def type_query(pilot: Pilot[Any], query: str) -> SearchScreen:
    await settle(pilot)
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*query)
    await pilot.pause(0.5)  # the debounce
    await settle(pilot)
    return screen


@pilot_test
async def test_a_cut_list_says_so_and_a_whole_one_counts(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await type_query(pilot, "de")
        assert screen.results is not None and screen.results.more
        assert len(screen.hits) == LIMIT
        assert status_of(screen).startswith(f"{LIMIT}+ provisions,"), status_of(screen)
        box = screen.query_one("#search-input", Input)
        box.value = "kindersekspoppen"
        await pilot.pause(0.5)
        await settle(pilot)
        assert screen.results is not None and not screen.results.more
        count = len(screen.hits)
        assert 0 < count < LIMIT
        assert status_of(screen).startswith(f"{count} provision"), status_of(screen)
        assert "1 concern" in status_of(screen)


@pilot_test
async def test_each_provision_is_one_line_with_its_stages(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await type_query(pilot, "detection order")
        labels = [(h.dossier, h.provision) for h in screen.hits]
        assert len(labels) == len(set(labels))
        article7 = next(h for h in screen.hits if h.provision == "Article 7")
        assert [s.stage for s in article7.stages] == [
            "commission-proposal",
            "practice-council-text",
        ]
        results = screen.query_one("#search-results", OptionList)
        index = screen.entries.index(article7)
        prompt = results.get_option_at_index(index).prompt
        assert isinstance(prompt, Group)
        head = prompt.renderables[0]
        assert isinstance(head, Text)
        assert "commission-proposal" in head.plain and "practice-council-text" in head.plain
        assert "FICTIONAL" in head.plain  # the practice stage says so, the proposal does not
        # The concern of detection orders is listed first, as a concern.
        assert isinstance(screen.entries[0], ConcernHit)
        assert screen.entries[0].concern == "detectiebevel"


@pilot_test
async def test_label_query_lists_that_provision_first(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await type_query(pilot, "Article 7")
        assert screen.hits[0].provision == "Article 7"


@pilot_test
async def test_typing_in_the_results_goes_on_typing(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await type_query(pilot, "detection")
        await pilot.press("down")
        assert screen.query_one("#search-results", OptionList).has_focus
        await pilot.press("space", "q")  # `q` is a letter here: the app does not quit
        assert app.is_running and app.screen is screen
        box = screen.query_one("#search-input", Input)
        assert box.has_focus and box.value == "detection q"


@pilot_test
async def test_an_opened_hit_is_selected_and_its_words_marked(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await type_query(pilot, "detection orders")
        index = next(
            i for i, e in enumerate(screen.entries) if getattr(e, "provision", "") == "Article 7"
        )
        results = screen.query_one("#search-results", OptionList)
        results.focus()
        results.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        opened = app.screen
        assert isinstance(opened, DossierScreen)
        assert opened.data is not None
        row = opened.data.rows[opened.current]
        assert row.cells[0] == ("Article 7",)
        content = opened.query_one("#aligned", Static).content
        assert isinstance(content, Group)
        view = content.renderables[0]
        assert isinstance(view, AlignedColumns)
        # the first stage's paragraphs, marked as the search matched them
        bodies = [view._cell(row, 0) for row in view.rows if row.cells[0] is not None]
        marked = {
            body.plain[span.start : span.end].lower()
            for body in bodies
            for span in body.spans
            if str(span.style) == SEARCH_MARK_STYLE
        }
        # Stemmed as the search matched: "orders" marks "order" and "orders" too.
        assert {"detection", "order", "orders"} <= marked, marked
        status = opened.query_one("#change-status", Static).content
        assert "marked: detection orders" in str(getattr(status, "plain", status))


@pilot_test
async def test_a_concern_hit_opens_the_concern(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await type_query(pilot, "VOG")
        index = next(i for i, e in enumerate(screen.entries) if isinstance(e, ConcernHit))
        results = screen.query_one("#search-results", OptionList)
        results.focus()
        results.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConcernDetailScreen)
