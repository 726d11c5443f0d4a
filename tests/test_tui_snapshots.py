"""SVG snapshots of every screen and dialog at 80×24 and 120×36 (pytest-textual-snapshot).

Timestamps in the demo database are frozen, no clock is shown, cursors do not blink.
Update after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the new SVG files before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from textual.pilot import Pilot
from tuihelp import FROZEN_AT, settle

from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.dialogs import exporting
from eu_posities.tui.dialogs.assess import AssessDialog
from eu_posities.tui.dialogs.exporting import ExportDialog
from eu_posities.tui.dialogs.importing import ImportDialog
from eu_posities.tui.dialogs.stage_picker import StagePicker

pytest_plugins = ("tuifixtures",)

Recipe = Callable[[Pilot[Any], Path], Awaitable[None]]
SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


async def dossiers(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    await pilot.press("down")


async def columns(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    pilot.app.open_dossier("csa-regulation", provision="Article 7")  # type: ignore[attr-defined]


async def redline(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.press("m")


async def stage_picker(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    screen: Any = pilot.app.screen
    pilot.app.push_screen(StagePicker(screen.data.stages, screen.data.chosen))


async def matrix(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    await pilot.press("down", "c")  # the CSA Directive, after the AI Act


async def concern(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.press("o")


async def assess(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    pilot.app.push_screen(AssessDialog("csa-regulation", "detectiebevel", "commission-proposal"))


async def search(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    await pilot.press("slash")


async def search_hits(pilot: Pilot[Any], folder: Path) -> None:
    await search(pilot, folder)
    await pilot.press(*"detection order")
    await pilot.pause(0.5)  # the debounce
    await settle(pilot)
    await pilot.press("down")


async def search_opened(pilot: Pilot[Any], folder: Path) -> None:
    await search_hits(pilot, folder)
    screen: Any = pilot.app.screen
    target = next(
        i for i, e in enumerate(screen.entries) if getattr(e, "provision", "") == "Article 7"
    )
    screen.query_one("#search-results").highlighted = target
    await pilot.press("enter")
    await settle(pilot)


async def help_keys(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    await pilot.press("question_mark")


async def import_dialog(pilot: Pilot[Any], folder: Path) -> None:
    documents = folder / "documents"
    documents.mkdir()
    (documents / "council-mandate.docx").write_bytes(b"")  # only its name is shown
    (documents / "ep-position.pdf").write_bytes(b"")
    await settle(pilot)
    pilot.app.push_screen(ImportDialog("csa-regulation", start=documents))


async def export_dialog(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    pilot.app.push_screen(
        ExportDialog("csa-regulation", ["commission-proposal", "practice-council-text"])
    )


FOURCOL = ["st-11320-commission", "st-11320-ep", "st-11320-council"]


async def ai_act(pilot: Pilot[Any], stages: list[str], provision: str) -> None:
    await settle(pilot)
    pilot.app.open_dossier("ai-act", stages=stages, provision=provision)  # type: ignore[attr-defined]
    await settle(pilot)


async def columns_aligned(pilot: Pilot[Any], folder: Path) -> None:
    """The four-column document's stages, paragraph beside paragraph, rows and G/Y/R."""
    await ai_act(pilot, FOURCOL, "Article 26")


async def columns_four(pilot: Pilot[Any], folder: Path) -> None:
    """Four stages: side by side when wide enough, else stacked per paragraph."""
    stages = ["commission-proposal", "council-general-approach", "ep-position", FOURCOL[2]]
    await ai_act(pilot, stages, "Article 26")


async def redline_stages(pilot: Pilot[Any], folder: Path) -> None:
    """Three stages: each change of the redline carries its stage."""
    await ai_act(
        pilot, ["commission-proposal", "council-general-approach", "ep-position"], "Article 10"
    )
    await pilot.press("m")


async def redline_marked(pilot: Pilot[Any], folder: Path) -> None:
    await ai_act(pilot, FOURCOL, "Article 26")
    await pilot.press("M")


RECIPES: dict[str, Recipe] = {
    "dossiers": dossiers,
    "columns": columns,
    "redline": redline,
    "stage_picker": stage_picker,
    "matrix": matrix,
    "concern": concern,
    "assess": assess,
    "search": search,
    "search_hits": search_hits,
    "search_opened": search_opened,
    "help": help_keys,
    "import": import_dialog,
    "export": export_dialog,
    "columns_aligned": columns_aligned,
    "columns_four": columns_four,
    "redline_stages": redline_stages,
    "redline_marked": redline_marked,
}


# --- the dossier screen's actions: jump, export of the view, notes, concerns, alignment ---


async def goto_not_found(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.press("g", *"art", "space", "9", "9", "enter")


async def export_view(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.press("e")


async def notes_dialog(pilot: Pilot[Any], folder: Path) -> None:
    from sqlalchemy import text

    from eu_posities.services.notes import add_note

    engine: Engine = pilot.app.engine  # type: ignore[attr-defined]
    add_note(
        engine,
        "csa-regulation",
        "commission-proposal",
        "Article 7",
        "NL: kan-bepaling",
        author="a.jansen",
    )
    with engine.begin() as conn:  # the note's time, frozen as the demo's
        conn.execute(text("UPDATE note SET at = :at"), {"at": FROZEN_AT})
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.pause(0.3)  # the tree scrolled to Article 7 before the dialog covers it
    await settle(pilot)
    await pilot.press("t")


async def concern_link(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.press("l")


async def concern_chooser(pilot: Pilot[Any], folder: Path) -> None:
    await settle(pilot)
    pilot.app.open_dossier("csa-directive", provision="Section 7")  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("o")


async def override(pilot: Pilot[Any], folder: Path) -> None:
    await columns(pilot, folder)
    await settle(pilot)
    await pilot.press("a")


RECIPES |= {
    "goto": goto_not_found,
    "export_view": export_view,
    "notes": notes_dialog,
    "concern_link": concern_link,
    "concern_chooser": concern_chooser,
    "override": override,
}
# Exports go to the user's documents folder: the same one on every machine here.
DOCUMENTS = Path("/home/negotiator/Documents")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", RECIPES)
def test_screen_looks_right(
    screen: str,
    size: str,
    engine: Engine,
    tmp_path: Path,
    snap_compare: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)  # snapshots show the colours
    monkeypatch.setattr(exporting, "default_folder", lambda: DOCUMENTS)

    async def run_before(pilot: Pilot[Any]) -> None:
        await RECIPES[screen](pilot, tmp_path)
        await settle(pilot)

    app = EuPositiesApp(engine, author="tester")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
