"""The dossier screen's actions on the demo: jump, export the view, notes, concerns, overrides.

Driven with Textual's Pilot as a negotiator would use them (keys, typing, Enter).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from sqlalchemy.engine import Engine
from textual.widgets import Button, Footer, Input, Label, OptionList, SelectionList, Static
from tuihelp import pilot_test, settle

from eu_posities.errors import InputError
from eu_posities.services import assessing, comparing, reading
from eu_posities.services.locating import find_label, label_range
from eu_posities.services.notes import add_note, notes_on
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.dialogs import exporting as export_dialog
from eu_posities.tui.dialogs.concern_link import ConcernChooser, ConcernLinkDialog
from eu_posities.tui.dialogs.exporting import ExportDialog
from eu_posities.tui.dialogs.goto import GotoDialog
from eu_posities.tui.dialogs.notes import NotesDialog
from eu_posities.tui.dialogs.override import OverrideDialog
from eu_posities.tui.dialogs.stage_picker import StagePicker
from eu_posities.tui.screens.concern_detail import ConcernDetailScreen
from eu_posities.tui.screens.dossier import DossierScreen
from eu_posities.tui.widgets.provision_tree import ProvisionTree

pytest_plugins = ("tuifixtures",)

LABELS = [
    "Title",
    "Citation 1",
    "Recital 1",
    "Recital 12",
    "Article 1",
    "Article 7",
    "Article 7a",
    "Article 8",
    "Article 11",
    "Article 12",
    "Annex I",
    "Annex II",
    "Annex III",
]


def text_of(widget: Static) -> str:
    content = widget.content
    if isinstance(content, str):
        return content
    if isinstance(content, Text):
        return content.plain
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get()


def current_label(screen: DossierScreen) -> str:
    assert screen.data is not None
    row = screen.data.rows[screen.current]
    return str(next(c[0] for c in row.cells if c))


async def open_dossier(pilot: Any, dossier: str = "csa-regulation", **kwargs: Any) -> DossierScreen:
    await settle(pilot)
    pilot.app.open_dossier(dossier, **kwargs)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DossierScreen) and screen.data is not None
    return screen


async def type_in(pilot: Any, text: str) -> None:
    for key in text:
        await pilot.press({" ": "space", ".": "full_stop", "-": "minus"}.get(key, key))


# --- the labels a negotiator types ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("7", "Article 7"),
        ("Article 7", "Article 7"),
        ("art 7", "Article 7"),
        ("art. 7a", "Article 7a"),
        ("artikel 8", "Article 8"),
        ("rec 12", "Recital 12"),
        ("Recital 12", "Recital 12"),
        ("overweging 12", "Recital 12"),
        ("Annex II", "Annex II"),
        ("bijlage ii", "Annex II"),
        ("Article 7(1)(a)", "Article 7"),
        ("title", "Title"),
        ("Article 99", None),
        ("II", None),
        ("", None),
    ],
)
def test_find_label_reads_what_people_type(typed: str, found: str | None) -> None:
    assert find_label(typed, LABELS) == found


def test_label_range_runs_in_document_order() -> None:
    articles = ["Article 7", "Article 7a", "Article 8", "Article 11"]
    assert label_range("Articles 7–11", LABELS) == articles
    assert label_range("art 7 to 11", LABELS) == articles
    assert label_range("Article 11-7", LABELS) == articles
    assert label_range("Article 7, rec 12", LABELS) == ["Article 7", "Recital 12"]
    assert label_range("Annex I-III", LABELS) == ["Annex I", "Annex II", "Annex III"]
    with pytest.raises(InputError, match="Article 7-99"):
        label_range("Article 7-99", LABELS)


# --- 1. go to a provision ------------------------------------------------------------------


@pilot_test
async def test_g_jumps_to_a_provision_by_label(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot)
        for typed, wanted in (("art 7", "Article 7"), ("rec 12", "Recital 12"), ("9", "Article 9")):
            await pilot.press("g")
            await settle(pilot)
            assert isinstance(app.screen, GotoDialog)
            await type_in(pilot, typed)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            assert current_label(screen) == wanted
            assert screen.query_one(ProvisionTree).cursor_node is not None
            assert screen.query_one(ProvisionTree).cursor_node.data == screen.current


@pilot_test
async def test_g_says_clearly_when_nothing_is_found(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot)
        before = screen.current
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        await type_in(pilot, "Article 99")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog  # stays open with what was typed
        error = text_of(dialog.query_one("#goto-error", Label))
        assert "No provision 'Article 99'" in error and "Annex II" in error
        assert dialog.query_one(Input).has_focus
        await pilot.press("escape")
        assert app.screen is screen and screen.current == before


@pilot_test
async def test_g_reaches_the_ai_act_articles(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_dossier(pilot, "ai-act")
        await pilot.press("g")
        await type_in(pilot, "Article 52")
        await pilot.press("enter")
        await settle(pilot)
        assert current_label(screen) == "Article 52"


@pilot_test
async def test_the_ai_act_opens_on_its_whole_texts_not_on_the_extracts(engine: Engine) -> None:
    # The four-column document covers 36 articles: beside the whole texts every other
    # provision would look deleted in its columns. They are one `s` away.
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_dossier(pilot, "ai-act")
        assert screen.data is not None
        assert screen.data.chosen == [
            "commission-proposal",
            "council-general-approach",
            "ep-position",
        ]
        assert "st-11320-council" in {s.key for s in screen.data.stages if s.imported}


# --- 2. export the current view ------------------------------------------------------------


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A documents folder of the user's own, where exports go by default."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(export_dialog, "default_folder", lambda: folder)
    return folder


@pilot_test
async def test_export_proposes_the_table_of_the_view_in_the_documents_folder(
    engine: Engine, documents: Path
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, provision="Article 7")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.kind == "table"
        out = dialog.query_one("#export-out", Input).value
        assert out == str(documents / "csa-regulation-article-7-table.html")
        assert Path(out).is_absolute()
        stages = dialog.query_one("#export-stages", Input).value
        assert stages == "commission-proposal,practice-council-text"
        assert dialog.query_one("#export-provisions", Input).value == "Article 7"
        # Widen it to a range and export.
        dialog.query_one("#export-provisions", Input).value = "Articles 7-9"
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert app.screen is screen
    html = (documents / "csa-regulation-article-7-table.html").read_text(encoding="utf-8")
    headings = set(re.findall(r'class="head">([^<(]+)', html))
    assert headings - {"heading"} == {"Article 7", "Article 8", "Article 9"}
    assert 'class="num">241<' in html  # rows keep their numbers in the whole table


@pilot_test
async def test_export_asks_before_replacing_a_file(engine: Engine, documents: Path) -> None:
    target = documents / "csa-regulation-memo.md"
    target.write_text("my own notes", encoding="utf-8")
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ExportDialog("csa-regulation", []))
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#export-out", Input).value == str(target)
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        assert "already exists" in text_of(dialog.query_one("#export-error", Label))
        assert target.read_text(encoding="utf-8") == "my own notes"
        assert str(dialog.query_one("#export", Button).label) == "Replace"
        dialog.query_one("#export", Button).press()  # confirmed
        await settle(pilot)
        assert app.screen is not dialog
    assert "Detectiebevel" in target.read_text(encoding="utf-8")


@pilot_test
async def test_a_bare_name_goes_to_the_documents_folder(engine: Engine, documents: Path) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ExportDialog("csa-regulation", []))
        await settle(pilot)
        app.screen.query_one("#export-out", Input).value = "short.md"
        app.screen.query_one("#export", Button).press()
        await settle(pilot)
    assert (documents / "short.md").exists()


@pilot_test
async def test_failed_export_keeps_focus_in_the_form_and_shows_the_whole_error(
    engine: Engine, documents: Path
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dossier(pilot, provision="Article 7")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#export-provisions", Input).value = "Article 7-99"
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        error = dialog.query_one("#export-error", Label)
        message = text_of(error)
        assert message.startswith("Export failed:") and "'Article 7-99'" in message
        assert message.rstrip().endswith("'Annex II'")  # the part that says what to do
        assert error.size.height >= 2  # wrapped, not cut to one line
        focused = app.focused
        assert focused is not None and focused.id == "export-provisions"
        # A folder that does not exist: the cursor goes to the file name.
        dialog.query_one("#export-provisions", Input).value = "Article 7"
        dialog.query_one("#export-out", Input).value = str(documents / "nowhere" / "t.html")
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        focused = app.focused
        assert focused is not None and focused.id == "export-out"
        assert "does not exist" in " ".join(text_of(error).split())
        await pilot.press("enter")  # Enter in the field does not close the dialog
        await settle(pilot)
        assert app.screen is dialog


# --- 3. notes per provision ----------------------------------------------------------------


@pilot_test
async def test_notes_are_added_and_shown_with_author_and_time(
    engine: Engine, documents: Path
) -> None:
    app = EuPositiesApp(engine, author="a.jansen")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, provision="Article 7")
        shown = screen.data
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NotesDialog)
        assert "No notes yet" in text_of(dialog.query_one("#notes-body", Static))
        await type_in(pilot, "NL wants may here")
        await pilot.press("enter")
        await settle(pilot)
        body = text_of(dialog.query_one("#notes-body", Static))
        assert "a.jansen" in body and "NL wants may here" in body
        assert "commission-proposal (Article 7)" in body
        assert dialog.query_one("#note-text", Input).value == ""
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and current_label(screen) == "Article 7"
        assert "1 note (t)" in text_of(screen.query_one("#change-status", Static))
        assert screen.data is shown  # the marks refreshed, the stages not aligned again
    stored = notes_on(engine, "csa-regulation", [("commission-proposal", "Article 7")])
    assert [(n.text, n.author) for n in stored] == [("NL wants may here", "a.jansen")]
    assert stored[0].at is not None
    # The exports show it in the comments column; the backup holds it with author and time.
    from eu_posities.services import exporting

    out = documents / "t.html"
    exporting.export_table(
        engine, "csa-regulation", ["commission-proposal", "practice-council-text"], out
    )
    assert "NL wants may here (a.jansen)" in out.read_text(encoding="utf-8")
    from eu_posities.backup import dump
    from eu_posities.db import session_scope

    with session_scope(engine) as session:
        rows = dump(session=session)["tables"]["note"]
    assert [(r["text"], r["author"], bool(r["at"])) for r in rows] == [
        ("NL wants may here", "a.jansen", True)
    ]
    json.dumps(rows)  # as written to the backup file


@pilot_test
async def test_a_note_on_the_other_stage_and_an_empty_note(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_dossier(pilot, provision="Article 7")
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("enter")
        await settle(pilot)
        assert "Write the note first" in text_of(dialog.query_one("#note-error", Label))
        await pilot.click("#note-stage-1")
        dialog.query_one("#note-text", Input).value = "Raad: kan-bepaling"
        dialog.query_one("#add", Button).press()
        await settle(pilot)
    stored = notes_on(engine, "csa-regulation", [("practice-council-text", "Article 7")])
    assert [n.text for n in stored] == ["Raad: kan-bepaling"]


@pilot_test
async def test_a_note_that_cannot_be_saved_stays_typed(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise InputError("the stage [deleted] is gone [/bold]: reload and try again")

    monkeypatch.setattr("eu_posities.services.notes.add_note", refuse)
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dossier(pilot, provision="Article 7")
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#note-text", Input).value = "NL: kan-bepaling"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        # the whole error, brackets as written (never read as markup), and nothing lost
        error = text_of(dialog.query_one("#note-error", Label))
        assert "Not saved: the stage [deleted] is gone [/bold]: reload and try again" in error
        assert dialog.query_one("#note-text", Input).value == "NL: kan-bepaling"
        assert app.focused is dialog.query_one("#note-text")
        assert not dialog.query_one("#add", Button).disabled


# --- 4. concerns from the provision view ---------------------------------------------------


@pilot_test
async def test_link_and_unlink_a_concern_and_add_a_new_one(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, provision="Article 5")
        assert screen.data is not None and "Article 5" not in screen.data.badges
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConcernLinkDialog)
        choices = dialog.query_one("#link-choices", SelectionList)
        assert choices.option_count == 1 and not choices.selected
        choices.select_all()
        dialog.query_one("#new-key", Input).value = "toezicht"
        dialog.query_one("#new-title", Input).value = "Onafhankelijk toezicht"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert app.screen is screen and current_label(screen) == "Article 5"
        assert screen.data is not None
        assert screen.data.badges["Article 5"] == ["detectiebevel", "toezicht"]
        # `o` now offers both.
        await pilot.press("o")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, ConcernChooser)
        assert chooser.query_one(OptionList).option_count == 2
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConcernDetailScreen)
        assert app.screen.concern_key == "toezicht"
        await pilot.press("escape")
        await settle(pilot)
        # Unlink detectiebevel again.
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#link-choices", SelectionList).deselect("detectiebevel")
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert screen.data.badges["Article 5"] == ["toezicht"]
    records = {r.key: r for r in reading.concerns(engine, "csa-regulation")}
    assert "Article 5" not in {link.provision for link in records["detectiebevel"].links}
    assert [link.provision for link in records["toezicht"].links] == ["Article 5"]


@pilot_test
async def test_a_concern_linked_on_a_later_stage_shows_on_the_row(engine: Engine) -> None:
    """The badge follows the provision: a concern linked to the Council's renumbered article
    shows on the row that starts with the proposal's article, in the tree and status line."""
    rows = comparing.grid(
        engine, "csa-regulation", ["commission-proposal", "practice-council-text"]
    ).rows
    row = next(r for r in rows if r.cells[0] and r.cells[1] and r.cells[0] != r.cells[1])
    (first,), (later,) = row.cells[0][:1], row.cells[1][:1]
    assessing.link(
        engine, "csa-regulation", "detectiebevel", "practice-council-text", later, author="t"
    )
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_dossier(pilot, provision=first)
        assert current_label(screen) == first
        tree = screen.query_one(ProvisionTree)
        assert "◆detectiebevel" in str(tree.row_nodes[screen.current].label)
        assert "◆ detectiebevel" in text_of(screen.query_one("#change-status", Static))


@pilot_test
async def test_link_dialog_says_what_is_missing(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dossier(pilot, provision="Article 5")
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#new-key", Input).value = "toezicht"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        assert "Dutch title" in text_of(dialog.query_one("#link-error", Label))
        assert app.focused is dialog.query_one("#new-title")
        dialog.query_one("#new-key", Input).value = "Not A Slug!"
        dialog.query_one("#new-title", Input).value = "Iets"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        assert "Not saved:" in text_of(dialog.query_one("#link-error", Label))
        # the form is ready again: Save on, the focus in the form, never on Cancel
        assert not dialog.query_one("#save", Button).disabled
        assert app.focused is not None and app.focused.id != "cancel"


@pilot_test
async def test_o_with_several_concerns_opens_a_chooser(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, "csa-directive", provision="Section 7")
        assert current_label(screen) == "Section 7"
        await pilot.press("o")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, ConcernChooser)
        assert chooser.query_one(OptionList).option_count >= 3
        await pilot.press("escape")
        assert app.screen is screen


# --- 5. fixing an alignment ----------------------------------------------------------------


@pilot_test
async def test_override_from_the_tui_updates_the_view(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, provision="Article 9")
        assert screen.data is not None
        row = screen.data.rows[screen.current]
        assert row.cells == (("Article 9",), ("Article 9",))
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OverrideDialog)
        assert dialog.query_one("#override-from", Input).value == "Article 9"
        assert dialog.query_one("#override-to", Input).value == "Article 9"
        dialog.query_one("#override-to", Input).value = "art 10"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert current_label(screen) == "Article 9"
        row = screen.data.rows[screen.current]
        assert row.cells == (("Article 9",), ("Article 10",))
        assert "Article 10" in text_of(screen.query_one("#aligned", Static))
    pins = comparing.align(engine, "csa-regulation", "commission-proposal", "practice-council-text")
    assert any(m.from_label == "Article 9" and m.to_label == "Article 10" for m in pins.matches)


@pilot_test
async def test_override_refuses_an_unknown_label_and_one_stage(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, provision="Article 9")
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#override-to", Input).value = "Article 99"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        error = text_of(dialog.query_one("#override-error", Label))
        assert "No provision 'Article 99' in practice-council-text" in error
        assert app.focused is dialog.query_one("#override-to")
        dialog.query_one("#override-from", Input).value = "Article 98"
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        error = text_of(dialog.query_one("#override-error", Label))
        assert "No provision 'Article 98' in commission-proposal" in error
        assert app.focused is dialog.query_one("#override-from")  # the field to fix
        await pilot.press("escape")
        await settle(pilot)
        screen.load(["commission-proposal"])
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen  # a notice, no dialog


# --- 6. n/p through folded groups ----------------------------------------------------------


@pilot_test
async def test_next_change_opens_a_folded_group(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot)
        tree = screen.query_one(ProvisionTree)
        assert screen.data is not None
        target = next(
            i for i, r in enumerate(screen.data.rows) if "Article 5" in r.cells[0] and r.changed
        )
        group = tree.row_nodes[target].parent
        assert group is not None and group is not tree.root
        group.collapse()
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert current_label(screen) == "Article 5"
        assert group.is_expanded
        assert tree.cursor_node is tree.row_nodes[target]
        # And back: p from a later change into a folded group.
        await pilot.press("n")
        await settle(pilot)
        group.collapse()
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert current_label(screen) == "Article 5" and group.is_expanded


# --- 7. new stages keep the provision ------------------------------------------------------


@pilot_test
async def test_choosing_stages_keeps_the_provision(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot, "ai-act", provision="Article 52")
        assert current_label(screen) == "Article 52"
        await pilot.press("s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, StagePicker)
        choices = picker.query_one(SelectionList)
        choices.deselect_all()
        choices.select("commission-proposal")
        choices.select("council-general-approach")
        picker.query_one("#ok", Button).press()
        await settle(pilot)
        assert screen.data is not None
        assert screen.data.chosen == ["commission-proposal", "council-general-approach"]
        assert current_label(screen) == "Article 52"
        assert screen.query_one(ProvisionTree).cursor_node is not None
        assert screen.query_one(ProvisionTree).cursor_node.data == screen.current


# --- the footer at 80 columns --------------------------------------------------------------


@pilot_test
async def test_footer_at_80_columns_shows_the_main_keys(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dossier(pilot)
        footer = screen.query_one(Footer)
        shown = {
            key.key_display or key.key
            for key in footer.query("FooterKey")
            if key.region.right <= 80 and key.region.width  # drawn inside the screen
        }
        for key in ("e", "/", "i", "p", "n", "g", "?"):
            assert key in shown, key


def test_help_lists_every_dossier_key() -> None:
    from eu_posities.tui.screens.help import KEYS

    listed = " ".join(key for key, _ in KEYS)
    for binding in DossierScreen.BINDINGS:
        key = getattr(binding, "key", "")
        display = {"slash": "/", "escape": "escape", "enter": "enter"}.get(key, key)
        assert display in listed.split() or display in listed, display


def test_notes_on_missing_provision_is_refused(engine: Engine) -> None:
    with pytest.raises(InputError, match="no provision"):
        add_note(engine, "csa-regulation", "commission-proposal", "Article 999", "x", author="t")
