"""Behaviour of the terminal UI on the demo database, driven with Textual's Pilot."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.text import Text
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
from tuihelp import pilot_test, settle

from eu_posities.db import session_scope
from eu_posities.models import Provision, Stage
from eu_posities.services import reading
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.dialogs.exporting import ExportDialog
from eu_posities.tui.dialogs.importing import ImportDialog
from eu_posities.tui.dialogs.stage_picker import StagePicker
from eu_posities.tui.screens.concern_detail import ConcernDetailScreen
from eu_posities.tui.screens.concerns import ConcernMatrixScreen
from eu_posities.tui.screens.dossier import DossierScreen
from eu_posities.tui.screens.dossiers import DossiersScreen
from eu_posities.tui.screens.help import HelpScreen
from eu_posities.tui.screens.search import SearchScreen
from eu_posities.tui.widgets.provision_tree import ProvisionTree

# The demo database fixtures `demo_file` and `engine`.
pytest_plugins = ("tuifixtures",)

TEST_DATA = Path(__file__).resolve().parent / "data"


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
    if isinstance(content, Text):
        return content.plain
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
        assert listing.option_count == 3  # the AI Act, then the two CSA files
        assert app.screen.dossier_key == "ai-act"
        await pilot.press("down")
        assert app.screen.dossier_key == "csa-directive"
        timeline = text_of(app.screen.query_one("#dossier-timeline", Static))
        assert "council-general-approach" in timeline and "known, no text" in timeline
        await pilot.press("down")
        assert app.screen.dossier_key == "csa-regulation"
        timeline = text_of(app.screen.query_one("#dossier-timeline", Static))
        assert "commission-proposal" in timeline and "provisions" in timeline


@pilot_test
async def test_enter_opens_dossier_with_both_texts_side_by_side(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.data is not None
        assert screen.data.chosen == ["commission-proposal", "practice-council-text"]
        strip = text_of(screen.query_one("#stage-strip", Static))
        assert "FICTIONAL — practice text" in strip
        tree = screen.query_one(ProvisionTree)
        assert len(tree.row_nodes) == len(screen.data.rows)
        article = row_of(screen, "Article 7")
        assert "◆detectiebevel" in str(tree.row_nodes[article].label)
        assert str(tree.row_nodes[article].label).startswith("~")
        tree.select_row(article)
        await pilot.pause()
        assert screen.current == article
        aligned = text_of(screen.query_one("#aligned", Static))
        assert "Article 7" in aligned
        assert "modified" in aligned and " may " in aligned
        await pilot.press("escape")
        assert isinstance(app.screen, DossiersScreen)


def row_of(screen: DossierScreen, label: str) -> int:
    assert screen.data is not None
    return next(i for i, r in enumerate(screen.data.rows) if label in r.cells[0])


def current_label(screen: DossierScreen) -> str:
    assert screen.data is not None
    row = screen.data.rows[screen.current]
    return str(next(c[0] for c in row.cells if c))


@pilot_test
async def test_next_and_previous_change_skip_unchanged_and_renumbered(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        seen = []
        for _ in range(4):
            await pilot.press("n")
            seen.append(current_label(screen))
        assert seen == ["Article 5", "Article 5a", "Article 7", "Article 11"]
        await pilot.press("p")
        assert current_label(screen) == "Article 7"


@pilot_test
async def test_redline_mode_shows_the_flags_of_the_pair(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation", provision="Article 7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        assert current_label(screen) == "Article 7"
        await pilot.press("m")
        await settle(pilot)
        assert screen.mode == "redline"
        redline = text_of(screen.query_one("#redline", Static))
        assert "modal: shall → may" in redline
        assert "Article 7 → Article 7" in redline
        await pilot.press("m")
        assert screen.mode == "columns"


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
        assert choices.option_count == 6
        enabled = [
            str(choices.get_option_at_index(i).value)
            for i in range(choices.option_count)
            if not choices.get_option_at_index(i).disabled
        ]
        assert enabled == ["commission-proposal", "practice-council-text"]
        choices.deselect_all()
        picker.query_one("#ok", Button).press()
        await pilot.pause()
        assert "Choose 1 to 5" in text_of(picker.query_one("#picker-error", Label))
        choices.select("commission-proposal")
        picker.query_one("#ok", Button).press()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.data is not None
        assert screen.data.chosen == ["commission-proposal"]
        await pilot.press("m")  # a redline needs two stages
        assert screen.mode == "columns"


@pilot_test
async def test_badge_opens_the_concern_with_position_and_history(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation", provision="Article 7")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConcernDetailScreen)
        detail = text_of(app.screen.query_one("#concern-detail", Static))
        assert "Detectiebevel" in detail and "Dutch position" in detail
        assert "commission-proposal: Article 7" in detail
        await pilot.press("escape")
        assert isinstance(app.screen, DossierScreen)


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
        await pilot.press("down", "down", "i")
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
        await pilot.press("down", "down", "i")
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
    stages = reading.stages(engine, "csa-regulation")
    mandate = next(s for s in stages if s.key == "council-mandate")
    assert mandate.imported and mandate.fictional


@pilot_test
async def test_export_dialog_validates_the_table_stages(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.click("#kind-table")
        assert dialog.kind == "table"
        out = Path(dialog.query_one("#export-out", Input).value)
        assert out.is_absolute() and out.name == "csa-regulation-table.html"
        await pilot.click("#export")
        assert "2 to 5 different stages" in text_of(dialog.query_one("#export-error", Label))
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


@pilot_test
async def test_export_writes_the_table_and_the_memo(engine: Engine, tmp_path: Path) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_export("csa-regulation", ["commission-proposal", "practice-council-text"])
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.click("#kind-table")
        dialog.query_one("#export-out", Input).value = str(tmp_path / "table.html")
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, DossiersScreen)
        app.open_export("csa-regulation")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-out", Input).value = str(tmp_path / "memo.md")
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, DossiersScreen)
    table = (tmp_path / "table.html").read_text(encoding="utf-8")
    assert "practice-council-text" in table and "Article 5a" in table
    assert "Detectiebevel" in (tmp_path / "memo.md").read_text(encoding="utf-8")


@pilot_test
async def test_export_that_fails_says_why(engine: Engine, tmp_path: Path) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_export("csa-regulation")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-out", Input).value = str(tmp_path / "memo.pdf")
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        error = text_of(dialog.query_one("#export-error", Label))
        assert error.startswith("Export failed:") and error.rstrip().endswith("got '.pdf'")
    assert not (tmp_path / "memo.pdf").exists()


@pilot_test
async def test_search_as_you_type_opens_the_provision(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for key in "detection":
            await pilot.press(key)
        await pilot.pause(0.5)  # the debounce
        await settle(pilot)
        hits = screen.hits
        assert {h.dossier for h in hits} <= {"csa-regulation", "ai-act"}
        index = next(
            i
            for i, h in enumerate(hits)
            if h.dossier == "csa-regulation" and h.provision == "Article 7"
        )
        results = screen.query_one("#search-results", OptionList)
        results.focus()
        results.highlighted = screen.entries.index(hits[index])  # concerns come first
        await pilot.press("enter")
        await settle(pilot)
        opened = app.screen
        assert isinstance(opened, DossierScreen)
        assert current_label(opened) == "Article 7"
        # Side by side in every stage it matches in.
        assert opened.data is not None
        assert opened.data.chosen == [s.stage for s in hits[index].stages]


@pilot_test
async def test_typing_in_a_field_does_not_trigger_the_app_keys(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for key in ["q", "c", "i", "e", "question_mark", "slash"]:
            await pilot.press(key)
        assert app.screen is screen and app.is_running
        assert screen.query_one("#search-input", Input).value == "qcie?/"


@pilot_test
async def test_the_mouse_opens_a_dossier_and_picks_a_provision(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one("#dossier-list", OptionList)
        await pilot.click(listing, offset=(4, 9))  # the third dossier's first line
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.dossier_key == "csa-regulation"
        before = screen.current
        await pilot.click("#provision-tree", offset=(8, 6))
        await pilot.pause()
        assert screen.current != before
