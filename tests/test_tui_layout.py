"""Layout of the dossier screen, the concern detail and the export options at 80×24 and 120×36."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.style import Style
from sqlalchemy.engine import Engine
from textual.widgets import Button, Checkbox, Input, RadioButton, Static
from textual.widgets.tree import TreeNode
from tuihelp import pilot_test, settle

from eu_posities.services import assessing
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.dialogs.exporting import ExportDialog
from eu_posities.tui.screens.concern_detail import ConcernDetailScreen
from eu_posities.tui.screens.dossier import DossierScreen
from eu_posities.tui.screens.dossiers import DossiersScreen
from eu_posities.tui.widgets.provision_tree import ProvisionTree, short_heading

pytest_plugins = ("tuifixtures",)

PAIR = ["commission-proposal", "practice-council-text"]


def shown(content: Any, width: int = 300) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get()


def drawn_label(tree: ProvisionTree, node: TreeNode[int]) -> str:
    return tree.render_label(node, Style(), Style()).plain


async def open_article_7(app: EuPositiesApp, pilot: Any) -> DossierScreen:
    await settle(pilot)
    app.open_dossier("csa-regulation", provision="Article 7")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DossierScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pilot_test
async def test_stage_strip_is_one_line_and_counts_sit_in_the_pane_title(
    engine: Engine, size: tuple[int, int]
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=size) as pilot:
        screen = await open_article_7(app, pilot)
        strip = screen.query_one("#stage-strip", Static)
        assert strip.region.height == 1
        text = shown(strip.content).rstrip("\n")
        assert "\n" not in text and len(text) <= size[0] - 2
        assert "practice-council-text" in text and "FICTIONAL" in text
        assert (size[0] >= 120) == ("2022-05-11" in text)  # dates only when there is room
        title = str(screen.query_one("#comparison").border_title)
        assert title == "Columns · 5 changed · 78 renumbered"
        await pilot.press("m")
        await settle(pilot)
        assert str(screen.query_one("#comparison").border_title).startswith("Redline · ")


@pilot_test
async def test_tree_follows_the_order_of_the_act(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_article_7(app, pilot)
        tree = screen.query_one(ProvisionTree)
        top = [str(node.label) for node in tree.root.children]
        assert top[0] == "Preamble" and top[-1] == "Annexes"
        assert "Articles" not in top
        assert top[1].startswith("Ch. I – General provisions")
        preamble = [str(node.label) for node in tree.root.children[0].children]
        assert [p.split()[-1] for p in preamble] == ["Title", "Citations", "Recitals", "Formula"]
        # Every chapter appears once: the tree never returns to an earlier group.
        assert len(top) == len(set(top))
        assert drawn_label(tree, tree.root.children[-1].children[0]).strip() == "Annex I"


@pytest.mark.parametrize(("size", "low", "high"), [((80, 24), 20, 26), ((120, 36), 34, 40)])
@pilot_test
async def test_tree_width_labels_and_badges_fit(
    engine: Engine, size: tuple[int, int], low: int, high: int
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=size) as pilot:
        screen = await open_article_7(app, pilot)
        tree = screen.query_one(ProvisionTree)
        assert low <= tree.region.width <= high
        node = tree.row_nodes[screen.current]
        label = drawn_label(tree, node)
        room = tree._room(node)
        assert "Article 7" in label and "◆" in label
        assert len(label) <= room
        if size[0] >= 120:
            assert "◆detectiebevel" in label  # the key itself when it fits
        chapter = node.parent.parent if node.parent else None
        assert chapter is not None
        heading = drawn_label(tree, chapter)
        assert heading.startswith("▼ Ch. II") and heading.endswith("…")
        assert len(heading) <= tree._room(chapter) + 2
        assert tree.tooltip_of(chapter) == chapter_heading(screen)
        assert tree.tooltip_of(node) == "Concerns: detectiebevel"
        status = shown(screen.query_one("#change-status", Static).content)
        assert "◆ detectiebevel" in status and "Article 7" in status
        changed = [i for i, row in enumerate(screen.data.rows) if row.changed]  # type: ignore[union-attr]
        for index in changed:  # the change marker is always drawn
            row_label = drawn_label(tree, tree.row_nodes[index])
            assert row_label[0] in "~+-<>^#" and len(row_label) <= tree._room(tree.row_nodes[index])


def chapter_heading(screen: DossierScreen) -> str:
    assert screen.data is not None
    return str(screen.data.texts["commission-proposal"]["Article 7"].path[0])


def test_chapter_headings_are_shortened_in_sentence_case() -> None:
    long = "CHAPTER II – OBLIGATIONS OF PROVIDERS OF RELEVANT INFORMATION SOCIETY SERVICES"
    assert short_heading(long).startswith("Ch. II – Obligations of providers of relevant")
    assert short_heading("Section 2 – Detection obligations") == "Sec. 2 – Detection obligations"
    assert short_heading("CHAPTER IV – EU CENTRE") == "Ch. IV – EU centre"
    assert short_heading("Annexes") == "Annexes"


@pilot_test
async def test_concern_detail_tags_practice_stages(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    assessing.assess(
        engine,
        "csa-regulation",
        "detectiebevel",
        "practice-council-text",
        author="tester",
        status="partly",
        evidence="Article 7(1): may request",
        note="made-up assessment of a practice text",
        expected=None,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article_7(app, pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConcernDetailScreen)
        detail = shown(app.screen.query_one("#concern-detail", Static).content)
        tagged = [line for line in detail.splitlines() if "practice-council-text" in line]
        assert tagged and all("FICTIONAL" in line for line in tagged)
        assert "commission-proposal: Article 7" in detail


@pilot_test
async def test_export_options_reach_the_memo(engine: Engine, tmp_path: Path) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_export("csa-regulation", PAIR)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.lang == "nl"  # the memo is Dutch unless told otherwise
        await pilot.click("#kind-table")
        await pilot.pause(0.1)
        assert dialog.lang == "en"
        assert dialog.query_one("#include-fictional", Checkbox).disabled
        await pilot.click("#kind-memo")
        await pilot.pause(0.1)
        await pilot.click("#lang-en")
        await pilot.click("#include-fictional")
        await pilot.pause()
        assert dialog.export_options() == {
            "lang": "en",
            "include_limite": False,
            "include_fictional": True,
        }
        assert dialog.query_one("#include-limite", Checkbox).region.bottom <= 24
        dialog.query_one("#export-out", Input).value = str(tmp_path / "memo.md")
        dialog.query_one("#export", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, DossiersScreen)
    memo = (tmp_path / "memo.md").read_text(encoding="utf-8")
    assert memo.startswith("# Note")
    assert "Council mandate (practice text): FICTIONAL" in memo  # named, not keyed


@pilot_test
async def test_dutch_memo_without_practice_texts_by_default(engine: Engine, tmp_path: Path) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_export("csa-regulation", PAIR)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#lang-nl", RadioButton).value
        dialog.query_one("#export-out", Input).value = str(tmp_path / "memo.md")
        dialog.query_one("#export", Button).press()
        await settle(pilot)
    memo = (tmp_path / "memo.md").read_text(encoding="utf-8")
    assert memo.startswith("# Notitie") and "practice-council-text" not in memo


@pilot_test
async def test_matrix_legend_breaks_between_stages_and_preview_tags_them(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_concerns("csa-regulation")
        await settle(pilot)
        legend = shown(app.screen.query_one("#matrix-legend", Static).content, width=80)
        lines = legend.rstrip("\n").splitlines()
        stages = [s.key for s in app.screen.stages]  # type: ignore[attr-defined]
        assert all(any(key in line for line in lines) for key in stages)
        assert all(len(line) <= 80 for line in lines)
        assert sum("F: fictional practice text" in line for line in lines) == 1
        for _ in stages[1:]:  # the cursor starts on the first stage column
            await pilot.press("right")
        await pilot.pause()
        preview = shown(app.screen.query_one("#matrix-preview", Static).content)
        assert "practice-council-text  FICTIONAL" in preview


@pilot_test
async def test_redline_header_puts_the_second_stage_on_its_own_line_when_narrow(
    engine: Engine,
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article_7(app, pilot)
        await pilot.press("m")
        await settle(pilot)
        redline = shown(screen.query_one("#redline", Static).content, width=52)
        lines = redline.splitlines()
        assert lines[0].startswith("commission-proposal")
        assert lines[1].startswith("→ practice-council-text")


@pilot_test
async def test_hovering_a_chapter_shows_its_full_heading(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article_7(app, pilot)
        tree = screen.query_one(ProvisionTree)
        node = tree.row_nodes[screen.current]
        section = node.parent
        assert section is not None
        y = section.line - int(tree.scroll_offset.y)
        assert 0 <= y < tree.scrollable_content_region.height
        await pilot.hover(tree, offset=(6, y + 1))  # +1: the border
        await pilot.pause()
        assert tree.tooltip == "Section 2 – Detection obligations"
