"""Dialogs and screens over a working day: whole error messages, the focus kept after a
failed submit, a colleague's assessment shown instead of lost, evidence with its source,
screens that follow changes, a search that keeps `q` a letter, and a concern matrix whose
every stage fits 80 columns. Driven with Textual's Pilot on the demo database."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy.engine import Engine
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, Static
from tuihelp import freeze_times, pilot_test, plain, settle, until

from eu_posities.concerns import ledger
from eu_posities.db import run_write
from eu_posities.services import assessing, importing, reading, setup
from eu_posities.services.importing import ImportRequest
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.dialogs.assess import AssessDialog
from eu_posities.tui.dialogs.form import FormError
from eu_posities.tui.dialogs.importing import ImportDialog
from eu_posities.tui.dialogs.stage_picker import StagePicker
from eu_posities.tui.screens.concern_detail import ConcernDetailScreen
from eu_posities.tui.screens.concerns import ConcernMatrixScreen
from eu_posities.tui.screens.dossier import DossierScreen
from eu_posities.tui.screens.dossiers import DossiersScreen
from eu_posities.tui.screens.help import help_text
from eu_posities.tui.screens.search import SearchScreen

pytest_plugins = ("tuifixtures",)

TEST_DATA = Path(__file__).resolve().parent / "data"
SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


def shown(content: Any, width: int = 200) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get()


def junk_file(folder: Path) -> Path:
    """A file no reader takes, with a long name: its error runs past one line."""
    path = folder / "minutes-of-the-working-party-on-judicial-cooperation-in-criminal-matters.txt"
    path.write_text("This is not a legal text.\n")
    return path


async def import_dialog(pilot: Pilot[Any], app: EuPositiesApp) -> ImportDialog:
    await settle(pilot)
    app.action_import_document("csa-regulation")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ImportDialog)
    return dialog


async def failed_import(pilot: Pilot[Any], app: EuPositiesApp, folder: Path) -> ImportDialog:
    dialog = await import_dialog(pilot, app)
    dialog.query_one("#import-path", Input).value = str(junk_file(folder))
    dialog.query_one("#import-stage", Input).value = "council-mandate"
    await pilot.click("#import")
    await settle(pilot)
    return dialog


def error_of(screen: Any, selector: str) -> FormError:
    error = screen.query_one(selector, FormError)
    assert error.display
    return error


# --- errors in full, focus kept ---------------------------------------------------------------


@pilot_test
async def test_a_failed_import_shows_the_whole_error_and_keeps_the_form(
    engine: Engine, tmp_path: Path
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await failed_import(pilot, app, tmp_path)
        error = error_of(dialog, "#import-error")
        message = plain(error.content)
        assert message.startswith("Import failed, nothing changed:")
        # Wrapped: all of it on screen, over more than one line, inside the dialog.
        assert error.size.height >= 2
        assert error.size.height * error.size.width >= len(message)
        form = dialog.query_one("#import-form")
        assert form.region.contains_region(error.region)
        assert form.region.contains_region(dialog.query_one("#import").region)
        # The focus came back to the Import button, not to Cancel: Enter tries again.
        assert app.focused is dialog.query_one("#import", Button)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#import-stage", Input).value == "council-mandate"
        assert dialog.query_one("#import-path", Input).value.endswith("matters.txt")


@pilot_test
async def test_enter_in_a_field_of_a_failed_import_stays_in_that_field(
    engine: Engine, tmp_path: Path
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await import_dialog(pilot, app)
        path = dialog.query_one("#import-path", Input)
        path.value = str(junk_file(tmp_path))
        dialog.query_one("#import-stage", Input).value = "council-mandate"
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Import failed" in plain(error_of(dialog, "#import-error").content)
        assert app.focused is path
        await pilot.press("enter")  # again: still the form, never a dismissal
        await settle(pilot)
        assert app.screen is dialog


@pilot_test
async def test_an_incomplete_import_form_puts_the_focus_on_what_is_missing(
    engine: Engine, tmp_path: Path
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await import_dialog(pilot, app)
        dialog.query_one("#import-path", Input).value = str(junk_file(tmp_path))
        await pilot.click("#import")
        await settle(pilot)
        assert "Name the stage" in plain(error_of(dialog, "#import-error").content)
        assert app.focused is dialog.query_one("#import-stage", Input)


@pilot_test
async def test_the_stage_picker_error_is_whole_and_keeps_the_list_focused(engine: Engine) -> None:
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
        choices.deselect_all()
        await pilot.click("#ok")
        await settle(pilot)
        message = plain(error_of(picker, "#picker-error").content)
        assert "space ticks or unticks" in message
        assert app.focused is choices
        await pilot.press("enter")  # enter ticks the highlighted stage: nothing lost
        assert app.screen is picker


# --- assessing: source and location, a colleague's change ----------------------------------


async def assess_form(pilot: Pilot[Any], app: EuPositiesApp, stage: str | None) -> AssessDialog:
    await settle(pilot)
    app.open_concerns("csa-regulation")
    await settle(pilot)
    dialog = AssessDialog("csa-regulation", "detectiebevel", stage)
    app.push_screen(dialog)
    await settle(pilot)
    return dialog


@pilot_test
async def test_the_assessment_form_records_source_and_location(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await assess_form(pilot, app, "commission-proposal")
        dialog.query_one("#assess-status", Select).value = "partly"
        dialog.query_one("#assess-evidence", Input).value = "Article 7(1): 'may request'"
        dialog.query_one("#assess-source", Input).value = "Kamerbrief 20-12-2024"
        dialog.query_one("#assess-location", Input).value = "paragraaf 7"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, ConcernMatrixScreen)
        app.push_screen(ConcernDetailScreen("csa-regulation", "detectiebevel"))
        await settle(pilot)
        history = shown(app.screen.query_one("#concern-detail", Static).content)
        assert "(Kamerbrief 20-12-2024, paragraaf 7)" in history
    newest = reading.concern(engine, "csa-regulation", "detectiebevel").history[-1]
    assert (newest.evidence_document, newest.evidence_location) == (
        "Kamerbrief 20-12-2024",
        "paragraaf 7",
    )


def colleague_assesses(engine: Engine) -> None:
    run_write(
        engine,
        lambda s: ledger.assess(
            session=s,
            dossier_key="csa-regulation",
            concern_key="detectiebevel",
            stage_key="practice-council-text",
            status="dropped",
            evidence="Article 7 is deleted",
            evidence_document="Council text of 3 March",
            author="colleague",
        ),
    )


@pilot_test
async def test_after_a_colleagues_assessment_the_form_keeps_the_choices_and_shows_theirs(
    engine: Engine,
) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        # Opened without a stage (from the concern detail): the user chooses one.
        dialog = await assess_form(pilot, app, None)
        dialog.query_one("#assess-stage", Select).value = "practice-council-text"
        await settle(pilot)
        assert "not assessed" in plain(dialog.query_one("#assess-current", Static).content)
        colleague_assesses(engine)
        dialog.query_one("#assess-status", Select).value = "partly"
        dialog.query_one("#assess-evidence", Input).value = "Article 7(2): 'may'"
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen is dialog
        error = plain(error_of(dialog, "#assess-error").content)
        assert error.startswith("Changed meanwhile by someone else:") and "colleague" in error
        assert error.endswith("Cancel keeps theirs.")  # not cut off
        assert "reload and try again" not in error  # the form did that already
        theirs = shown(dialog.query_one("#assess-current", Static).content)
        assert "Meanwhile:" in theirs and "dropped" in theirs and "colleague" in theirs
        assert "Article 7 is deleted" in theirs and "Council text of 3 March" in theirs
        # Nothing the user chose or typed was reset.
        assert dialog.query_one("#assess-stage", Select).value == "practice-council-text"
        assert dialog.query_one("#assess-status", Select).value == "partly"
        assert dialog.query_one("#assess-evidence", Input).value == "Article 7(2): 'may'"
        assert app.focused is dialog.query_one("#save", Button)
        # A button ignores Enter for the 0.2 s it shows the click before: as a user would.
        await until(pilot, lambda: not dialog.query_one("#save", Button).has_class("-active"))
        await pilot.press("enter")  # save again, knowingly: recorded after theirs
        await until(pilot, lambda: isinstance(app.screen, ConcernMatrixScreen))
        assert isinstance(app.screen, ConcernMatrixScreen)
    history = reading.concern(engine, "csa-regulation", "detectiebevel").history
    assert [(h.author, h.status) for h in history[-2:]] == [
        ("colleague", "dropped"),
        ("tester", "partly"),
    ]
    assert history[-1].supersedes == history[-2].id


# --- screens follow changes ------------------------------------------------------------------


def import_elsewhere(engine: Engine) -> None:
    """`eup import` in another terminal: a second text for the CSA Regulation."""
    request = ImportRequest(
        path=TEST_DATA / "commission-proposal.eurlex.html",
        dossier="csa-regulation",
        stage="council-mandate",
        fictional=True,
    )
    importing.import_document(engine, request, author="colleague")


async def watch(pilot: Pilot[Any], app: EuPositiesApp) -> None:
    """What the app's timer does every few seconds, now."""
    app.change_watch.check()
    await settle(pilot)
    await settle(pilot)


@pilot_test
async def test_dossier_counts_follow_an_import_made_elsewhere(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossiersScreen)
        before = next(d for d in screen.dossiers if d.key == "csa-regulation").stages_with_text
        import_elsewhere(engine)
        await watch(pilot, app)
        after = next(d for d in screen.dossiers if d.key == "csa-regulation").stages_with_text
        assert after == before + 1
        assert app.screen is screen
        screen.query_one("#dossier-list").highlighted = [d.key for d in screen.dossiers].index(
            "csa-regulation"
        )
        await settle(pilot)
        timeline = shown(screen.query_one("#dossier-timeline", Static).content)
        assert "council-mandate" in timeline and "FICTIONAL" in timeline


@pilot_test
async def test_an_open_dossier_follows_an_import_made_elsewhere(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation", provision="Article 7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.data is not None
        assert screen.current_labels() == ["Article 7"]
        with_text = {s.key for s in screen.data.stages if s.imported}
        assert "council-mandate" not in with_text
        import_elsewhere(engine)
        await watch(pilot, app)
        await settle(pilot)
        assert app.screen is screen and screen.data is not None
        assert "council-mandate" in {s.key for s in screen.data.stages if s.imported}
        assert screen.current_labels() == ["Article 7"]  # the reader stays where they were


@pilot_test
async def test_the_app_notices_a_change_by_itself(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0.2)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_concerns("csa-regulation")
        await settle(pilot)
        colleague_assesses(engine)
        await pilot.pause(0.6)  # the timer asks, nobody pressed anything
        await settle(pilot)
        cells = [plain(c).strip() for c in app.screen.query_one(DataTable).get_row("detectiebevel")]
        assert "dropped" in cells


@pilot_test
async def test_an_open_matrix_follows_assessments_made_elsewhere(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_concerns("csa-regulation")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        row = table.get_row_index("detectiebevel")
        table.move_cursor(row=row, column=2)
        colleague_assesses(engine)
        await watch(pilot, app)
        cells = [plain(c).strip() for c in table.get_row("detectiebevel")]
        assert "dropped" in cells
        assert table.cursor_coordinate.column == 2  # the user's place is kept


@pilot_test
async def test_a_screen_underneath_is_current_when_the_user_comes_back(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_concerns("csa-regulation")
        await settle(pilot)
        app.push_screen(ConcernDetailScreen("csa-regulation", "detectiebevel"))
        await settle(pilot)
        colleague_assesses(engine)
        await watch(pilot, app)
        assert "colleague" in shown(app.screen.query_one("#concern-detail", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        matrix = app.screen
        assert isinstance(matrix, ConcernMatrixScreen)
        cells = [plain(c).strip() for c in matrix.query_one(DataTable).get_row("detectiebevel")]
        assert "dropped" in cells


@pilot_test
async def test_an_open_stage_picker_follows_a_text_removed_elsewhere(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, StagePicker)
        choices = picker.query_one(SelectionList)
        assert "practice-council-text" in choices.selected
        setup.remove_text(engine, "csa-regulation", "practice-council-text", author="colleague")
        await watch(pilot, app)
        assert "practice-council-text" not in choices.selected
        index = next(
            i
            for i in range(choices.option_count)
            if choices.get_option_at_index(i).value == "practice-council-text"
        )
        assert choices.get_option_at_index(index).disabled
        assert "practice-council-text" in plain(error_of(picker, "#picker-error").content)


@pilot_test
async def test_the_stage_picker_reads_the_stages_when_it_opens(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_dossier("csa-regulation")
        await settle(pilot)
        import_elsewhere(engine)  # not yet seen by the dossier screen
        await pilot.press("s")
        await settle(pilot)
        choices = app.screen.query_one(SelectionList)
        enabled = [
            str(choices.get_option_at_index(i).value)
            for i in range(choices.option_count)
            if not choices.get_option_at_index(i).disabled
        ]
        assert "council-mandate" in enabled


def test_help_says_what_r_does_and_that_screens_update() -> None:
    text = shown(help_text(), width=120)
    assert "update by themselves" in text
    assert "in search, q is a letter" in text


@pilot_test
async def test_the_dossier_footer_shows_reload(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert "r" in keys


# --- search -----------------------------------------------------------------------------------


@pilot_test
async def test_q_in_the_search_screen_types_and_escape_goes_back(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("q", "u", "a")
        box = screen.query_one("#search-input", Input)
        assert app.is_running and box.value == "qua"
        app.set_focus(None)  # nothing focused: a letter still goes to the query
        await pilot.press("q")
        assert app.is_running and app.screen is screen and box.value == "quaq"
        await pilot.press("escape")
        assert isinstance(app.screen, DossiersScreen)


@pilot_test
async def test_search_counts_are_counts_and_article_7_comes_first(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"Article 7")
        await pilot.pause(0.5)
        await settle(pilot)
        assert screen.hits[0].provision == "Article 7"
        status = shown(screen.query_one("#search-status", Static).content)
        results = screen.results
        assert results is not None
        if results.more:
            assert f"{len(screen.hits)}+" in status
        else:
            assert status.startswith(f"{len(screen.hits)} provision")


@pilot_test
async def test_open_search_results_follow_an_import_made_elsewhere(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"detection order")
        await pilot.pause(0.5)
        await settle(pilot)

        def stages_of_article_7() -> list[str]:
            hit = next(
                h
                for h in screen.hits
                if (h.dossier, h.provision) == ("csa-regulation", "Article 7")
            )
            return [s.stage for s in hit.stages]

        assert "council-mandate" not in stages_of_article_7()
        import_elsewhere(engine)
        await watch(pilot, app)
        assert "council-mandate" in stages_of_article_7()


# --- the matrix at 80 columns -----------------------------------------------------------------


@pilot_test
async def test_at_80_columns_the_matrix_shows_every_stage_and_keeps_the_names(
    engine: Engine,
) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_concerns("csa-directive")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConcernMatrixScreen)
        table = screen.query_one(DataTable)
        headings = [plain(c.label) for c in table.columns.values()]
        assert len(headings) == len(screen.stages) + 2
        assert {"EP", "Agr", "Res. in"} <= set(headings)
        # Every column fits: nothing to scroll to, and were there, the names stay.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.fixed_columns == 1
        row = [plain(c).strip() for c in table.get_row("vog")]
        assert row[headings.index("GA")] == "res✓" and row[-1] == "GA"
        legend = shown(screen.query_one("#matrix-legend", Static).content, width=80)
        assert "Agr provisional-agreement" in legend


@pilot_test
async def test_at_120_columns_the_matrix_spells_statuses_out(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_concerns("csa-directive")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        headings = [plain(c.label) for c in table.columns.values()]
        assert {"EP", "Agreement", "Resolved in"} <= set(headings)
        row = [plain(c).strip() for c in table.get_row("vog")]
        assert row[headings.index("GA")] == "resolved ✓"
        assert table.virtual_size.width <= table.scrollable_content_region.width


# --- how they look ----------------------------------------------------------------------------


async def shot_import_failed(pilot: Pilot[Any], folder: Path) -> None:
    documents = folder / "documents"
    documents.mkdir()
    await settle(pilot)
    pilot.app.push_screen(ImportDialog("csa-regulation", start=documents))
    await settle(pilot)
    dialog = pilot.app.screen
    # Relative to the working folder (the test's own): the same path on every machine.
    dialog.query_one("#import-path", Input).value = str(junk_file(documents).relative_to(folder))
    dialog.query_one("#import-stage", Input).value = "council-mandate"
    await pilot.click("#import")


async def shot_assess_conflict(pilot: Pilot[Any], folder: Path) -> None:
    app: Any = pilot.app
    dialog = await assess_form(pilot, app, "practice-council-text")
    colleague_assesses(app.engine)
    freeze_times(app.engine)  # their date on screen: the same on every run
    dialog.query_one("#assess-status", Select).value = "partly"
    dialog.query_one("#assess-evidence", Input).value = "Article 7(2): 'may'"
    dialog.query_one("#assess-source", Input).value = "Council text of 3 March"
    await pilot.click("#save")


async def shot_history_sources(pilot: Pilot[Any], folder: Path) -> None:
    app: Any = pilot.app
    assessing.assess(
        app.engine,
        "csa-regulation",
        "detectiebevel",
        "commission-proposal",
        status="partly",
        author="tester",
        evidence="Article 7(1): 'may request'",
        source="Kamerbrief 20-12-2024",
        location="paragraaf 7",
    )
    freeze_times(app.engine)
    await settle(pilot)
    app.push_screen(ConcernDetailScreen("csa-regulation", "detectiebevel"))
    await settle(pilot)
    app.screen.query_one("#concern-scroll").scroll_end(animate=False)


async def shot_matrix_directive(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    pilot.app.open_concerns("csa-directive")  # type: ignore[attr-defined]


SHOTS = {
    "import_failed": shot_import_failed,
    "assess_conflict": shot_assess_conflict,
    "history_sources": shot_history_sources,
    "matrix_directive": shot_matrix_directive,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("shot", SHOTS)
def test_dialogs_look_right(
    shot: str,
    size: str,
    engine: Engine,
    tmp_path: Path,
    snap_compare: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)  # nothing of the test machine's folders on screen

    async def run_before(pilot: Pilot[Any]) -> None:
        await SHOTS[shot](pilot, tmp_path)
        await settle(pilot)
        await settle(pilot)

    app = EuPositiesApp(engine, author="tester", poll_seconds=0)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


def test_label_is_the_base_of_form_errors() -> None:
    # Older tests and screens find the error as a Label.
    assert issubclass(FormError, Label)
