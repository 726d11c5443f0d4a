"""Behaviour of the terminal UI on the demo database, driven with Textual's Pilot."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    OptionList,
    SelectionList,
    Static,
)
from tuihelp import build_demo, copy_db, pilot_test, settle

from eu_posities.db import session_scope
from eu_posities.models import Provision, Stage
from tui.app import EuPositiesApp
from tui.dialogs.exporting import ExportDialog
from tui.dialogs.importing import ImportDialog
from tui.dialogs.stage_picker import StagePicker
from tui.screens.concerns import ConcernMatrixScreen
from tui.screens.dossier import DossierScreen
from tui.screens.dossiers import DossiersScreen
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.widgets.provision_tree import ProvisionTree

TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def engine(demo_file: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = copy_db(demo_file, tmp_path)
    yield engine
    engine.dispose()


def counts(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as session:
        stages = session.exec(select(func.count()).select_from(Stage)).one()
        provisions = session.exec(select(func.count()).select_from(Provision)).one()
    return int(stages), int(provisions)


def text_of(widget: Static) -> str:
    """The plain text a Static shows, whatever renderable it holds."""
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get()


@pilot_test
async def test_first_screen_lists_dossiers_with_timeline(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DossiersScreen)
        listing = app.screen.query_one("#dossier-list", OptionList)
        assert listing.option_count == 2
        assert app.screen.dossier_key == "csa-directive"
        timeline = text_of(app.screen.query_one("#dossier-timeline", Static))
        assert "council-general-approach" in timeline and "known, no text" in timeline
        await pilot.press("down")
        assert app.screen.dossier_key == "csa-regulation"
        timeline = text_of(app.screen.query_one("#dossier-timeline", Static))
        assert "commission-proposal" in timeline and "provisions" in timeline


@pilot_test
async def test_enter_opens_dossier_and_moving_shows_the_provision(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.data is not None
        assert screen.data.chosen == ["commission-proposal"]
        tree = screen.query_one(ProvisionTree)
        labels = [row["cells"][0][0] for row in screen.data.rows]
        assert "Article 1" in labels and "Recital 1" in labels
        assert len(tree.row_nodes) == len(screen.data.rows)
        article = labels.index("Article 7")
        tree.select_row(article)
        await pilot.pause()
        column = text_of(screen.query_one("#column-0", Static))
        assert "Article 7" in column
        assert screen.current == article
        await pilot.press("escape")
        assert isinstance(app.screen, DossiersScreen)


@pilot_test
async def test_stage_picker_shows_known_stages_but_only_texts_can_be_chosen(
    engine: Engine,
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, StagePicker)
        choices = picker.query_one(SelectionList)
        assert choices.option_count == 5
        disabled = [choices.get_option_at_index(i).disabled for i in range(5)]
        assert disabled.count(False) == 1  # only the commission proposal has text
        choices.deselect_all()
        await pilot.click("#ok")
        assert "Choose 1 to 4" in text_of(picker.query_one("#picker-error", Label))
        await pilot.press("escape")
        assert isinstance(app.screen, DossierScreen)


@pilot_test
async def test_redline_needs_two_stages(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation")
        await settle(pilot)
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        assert screen.mode == "columns"


@pilot_test
async def test_concern_matrix_opens_from_the_dossier_list(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConcernMatrixScreen)
        table = screen.query_one(DataTable)
        headings = [str(c.label) for c in table.columns.values()]
        assert headings[0] == "Concern" and headings[-1] == "Resolved in"
        assert "GA" in headings  # council-general-approach, a known stage
        await pilot.press("escape")
        assert isinstance(app.screen, DossiersScreen)


@pilot_test
async def test_help_and_search_screens_open_and_close(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("d")
        status = app.screen.query_one("#search-status", Static)
        assert "two letters" in text_of(status)
        await pilot.press("escape")
        assert isinstance(app.screen, DossiersScreen)


@pilot_test
async def test_import_that_fails_shows_one_line_and_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    hostile = tmp_path / "not-a-law.html"
    hostile.write_text("<html><body><p>made-up test text, no provisions</p></body></html>")
    before = counts(engine)
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.click("#import")
        assert "Choose the file" in text_of(dialog.query_one("#import-error", Label))
        dialog.query_one("#import-path", Input).value = str(hostile)
        dialog.query_one("#import-stage", Input).value = "council-mandate"
        dialog.query_one("#import", Button).press()
        await settle(pilot)
        error = text_of(dialog.query_one("#import-error", Label))
        assert error.startswith("Import failed, nothing changed:") and "\n" not in error
        assert app.screen is dialog
    assert counts(engine) == before


@pilot_test
async def test_import_of_a_real_document_adds_the_stage(engine: Engine) -> None:
    source = TEST_DATA / "commission-proposal.eurlex.html"
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#import-path", Input).value = str(source)
        dialog.query_one("#import-stage", Input).value = "council-mandate"
        dialog.query_one("#import-fictional", Checkbox).value = True
        dialog.query_one("#import", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, DossiersScreen)
        timeline = text_of(app.screen.query_one("#dossier-timeline", Static))
        assert "FICTIONAL" in timeline
    stages = app.core.stages("csa-regulation")
    mandate = next(s for s in stages if s["key"] == "council-mandate")
    assert mandate["imported"] and mandate["fictional"]


@pilot_test
async def test_export_dialog_validates_the_table_stages(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.click("#kind-table")
        assert dialog.kind == "table"
        assert dialog.query_one("#export-out", Input).value == "csa-regulation-table.html"
        await pilot.click("#export")
        assert "2 to 4 stages" in text_of(dialog.query_one("#export-error", Label))
        await pilot.press("escape")
        assert isinstance(app.screen, DossiersScreen)


@pilot_test
async def test_command_palette_opens_search(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "search all":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
