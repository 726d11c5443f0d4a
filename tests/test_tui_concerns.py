"""The concern matrix, a concern's detail and the assessment form, driven with Textual's Pilot."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from textual.widgets import Button, DataTable, Input, Label, Select
from tuihelp import pilot_test, plain, settle

from eu_posities.concerns import ledger
from eu_posities.db import run_write
from eu_posities.services import reading
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.dialogs.assess import AssessDialog
from eu_posities.tui.screens.concern_detail import ConcernDetailScreen
from eu_posities.tui.screens.concerns import ConcernMatrixScreen

# The demo database fixtures `demo_file` and `engine`.
pytest_plugins = ("tuifixtures",)


@pilot_test
async def test_matrix_shows_status_per_stage_and_resolved_in(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "c")  # the CSA Directive, after the AI Act
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConcernMatrixScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        vog = [plain(cell) for cell in table.get_row("vog")]
        headings = [plain(c.label) for c in table.columns.values()]
        by_heading = dict(zip(headings, vog, strict=True))
        assert by_heading["COM"].strip() == "open"
        assert by_heading["GA"].strip() == "resolved ✓"
        # Six stages at 120 columns: "Resolved in" names the stage by its column heading.
        assert by_heading["Resolved in"] == "GA"
        table.move_cursor(row=table.get_row_index("vog"), column=1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConcernDetailScreen)
        assert app.screen.concern_key == "vog"


async def open_form(pilot: object, app: EuPositiesApp) -> AssessDialog:
    await settle(pilot)  # type: ignore[arg-type]
    app.open_concerns("csa-regulation")
    await settle(pilot)  # type: ignore[arg-type]
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index("detectiebevel"), column=1)
    await pilot.press("a")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    dialog = app.screen
    assert isinstance(dialog, AssessDialog)
    assert dialog.query_one("#assess-stage", Select).value == "commission-proposal"
    assert dialog.query_one("#assess-status", Select).value == "open"
    return dialog


@pilot_test
async def test_assessment_form_validates_then_saves(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot, app)
        dialog.query_one("#assess-status", Select).value = "partly"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert "needs evidence" in plain(dialog.query_one("#assess-error", Label).content)
        dialog.query_one("#assess-evidence", Input).value = "Article 7(1): 'may request'"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        matrix = app.screen
        assert isinstance(matrix, ConcernMatrixScreen)
        row = [plain(cell).strip() for cell in matrix.query_one(DataTable).get_row("detectiebevel")]
        assert "part" in row  # at 80 columns statuses are short, so that every stage fits
    history = reading.concern(engine, "csa-regulation", "detectiebevel").history
    assert history[-1].status == "partly" and history[-1].author == "tester"


@pilot_test
async def test_assessment_by_someone_else_meanwhile_is_a_conflict(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot, app)
        run_write(
            engine,
            lambda s: ledger.assess(
                session=s,
                dossier_key="csa-regulation",
                concern_key="detectiebevel",
                stage_key="commission-proposal",
                status="dropped",
                author="colleague",
            ),
        )
        dialog.query_one("#assess-status", Select).value = "open"
        dialog.query_one("#assess-note", Input).value = "still open"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        error = plain(dialog.query_one("#assess-error", Label).content)
        assert error.startswith("Changed meanwhile by someone else:")
        assert "colleague" in error
    history = reading.concern(engine, "csa-regulation", "detectiebevel").history
    assert [h.author for h in history][-1] == "colleague"
