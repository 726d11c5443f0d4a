"""The comparison of the dossier screen: paragraphs side by side, stacked when narrow, the
redline of several stages, per-stage tree markers, the as-marked redline, EP amendments.

All on the AI Act of the bundled demo: its four-column trilogue document (ST 11320/1/23)
gives real rows with G/Y/R statuses, its EP position real amendments and marks.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.text import Text
from sqlalchemy.engine import Engine
from textual.widgets import Static
from tuihelp import pilot_test, settle

from eu_posities.services import comparing, reading
from eu_posities.services.comparing import Tracer
from eu_posities.services.paragraphs import DocumentRows, paragraph_rows
from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.screens.dossier import DossierScreen
from eu_posities.tui.widgets.aligned import AlignedColumns
from eu_posities.tui.widgets.provision_tree import ProvisionTree, stage_marks

pytest_plugins = ("tuifixtures",)

FOURCOL = ["st-11320-commission", "st-11320-ep", "st-11320-council"]
FOUR = ["commission-proposal", "council-general-approach", "ep-position", "st-11320-council"]


def rendered(content: Any, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get()


async def opened(
    app: EuPositiesApp, pilot: Any, stages: list[str], provision: str
) -> DossierScreen:
    await settle(pilot)
    app.open_dossier("ai-act", stages=stages, provision=provision)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DossierScreen) and screen.data is not None
    return screen


def aligned_view(screen: DossierScreen) -> AlignedColumns:
    content: Any = screen.query_one("#aligned", Static).content
    view = content.renderables[0]
    assert isinstance(view, AlignedColumns)
    return view


def cut_words(out: str, words: set[str]) -> list[tuple[str, str]]:
    """Words cut at the end of a line: the two halves, joined, make a word of the texts."""
    lines = [line.replace("│", " ").split() for line in out.splitlines()]
    return [
        (a[-1], b[0])
        for a, b in zip(lines, lines[1:], strict=False)
        if a and b and a[-1] + b[0] in words and a[-1] not in words
    ]


def pane_width(screen: DossierScreen) -> int:
    return screen.query_one("#aligned", Static).content_region.width


def test_paragraphs_of_three_stages_share_rows_with_the_document_rows(engine: Engine) -> None:
    texts = {k: {p.label: p for p in reading.provisions(engine, "ai-act", k)} for k in FOURCOL}
    documents = DocumentRows.of(reading.rows(engine, "ai-act"))
    columns = [[texts[k]["Article 26"]] for k in FOURCOL]
    rows = paragraph_rows(FOURCOL, columns, documents)
    point_b = next(r for r in rows if r.cells[0] is not None and r.cells[0].num == "(b)")
    assert all(c is not None and c.num == "(b)" for c in point_b.cells)
    assert point_b.doc_rows == (("362", "G"),)
    assert point_b.cells[1] is not None and point_b.cells[1].status == "modified"
    assert point_b.cells[2] is not None and point_b.cells[2].status == "unchanged"
    # 4a. only the Council has: its own row, right after paragraph 4
    at = next(k for k, r in enumerate(rows) if r.cells[2] is not None and r.cells[2].num == "4a.")
    assert rows[at].cells[:2] == (None, None) and rows[at].cells[2].status == "added"  # type: ignore[union-attr]
    assert rows[at - 1].cells[0] is not None and rows[at - 1].cells[0].num == "4."
    assert rows[at].doc_rows == (("366a", "G"),)


def test_a_stage_outside_the_document_finds_its_rows_by_text(engine: Engine) -> None:
    documents = DocumentRows.of(reading.rows(engine, "ai-act"))
    proposal = {p.label: p for p in reading.provisions(engine, "ai-act", "commission-proposal")}
    rows = paragraph_rows(["commission-proposal"], [[proposal["Article 26"]]], documents)
    assert ("362", "G") in [d for r in rows for d in r.doc_rows]


def test_each_paragraph_names_the_ep_amendments_that_wrote_it(engine: Engine) -> None:
    """AI Act Article 6 in the EP position: amendment 232 rewrote point (a), 233 point (b);
    the unchanged paragraph 1 and the proposal's column name none."""
    stages = ["commission-proposal", "ep-position"]
    texts = {k: {p.label: p for p in reading.provisions(engine, "ai-act", k)} for k in stages}
    amendments = {
        "ep-position": {
            "Article 6": reading.amendments(engine, "ai-act", "ep-position", provision="Article 6")
        }
    }
    rows = paragraph_rows(stages, [[texts[k]["Article 6"]] for k in stages], None, amendments)
    ep = {c.num: c for r in rows if (c := r.cells[1]) is not None}
    assert ep["(a)"].amendments == ("232",)
    assert ep["(b)"].amendments == ("233",)
    assert ep["1."].amendments == ()
    assert all(r.cells[0] is None or not r.cells[0].amendments for r in rows)
    by_key = {s.key: s for s in reading.stages(engine, "ai-act")}
    heads = [Text(k) for k in stages]
    out = rendered(AlignedColumns([by_key[k] for k in stages], heads, heads, rows), 120)
    assert "AM 232 (a) the AI system" in " ".join(out.split())


@pilot_test
async def test_wide_columns_put_paragraphs_side_by_side_with_row_and_status(
    engine: Engine,
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot, FOURCOL, "Article 26")
        view = aligned_view(screen)
        width = pane_width(screen)
        assert not view.stacked(width)
        lines = rendered(view, width).splitlines()
        # Each paragraph starts on one line in every column: no column starts lower.
        starts = [line for line in lines if line.count("(b) the provider") == 3]
        assert len(starts) == 1 and starts[0].lstrip().startswith("362 G")
        heads = [line for line in lines if line.count("Article 26") == 3]
        assert heads, "the provision's label sits on one line in all three columns"
        titles = "\n".join(lines[:3])
        assert "ST 11320/1/23 REV 1" in titles  # the document number in the column header


@pilot_test
async def test_four_stages_at_80_columns_are_stacked_and_never_cut_a_word(
    engine: Engine,
) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, FOUR, "Article 26")
        assert screen.data is not None
        view = aligned_view(screen)
        width = pane_width(screen)
        assert view.stacked(width)
        out = rendered(view, width)
        words = {
            w
            for texts in screen.data.texts.values()
            for p in texts.values()
            for w in (p.text + " " + p.heading).split()
        }
        assert not cut_words(out, words)
        # Side by side at this width, the columns would cut words ("Coordinatin / g").
        view.stacked = lambda width: False  # type: ignore[method-assign]
        view._drawn.clear()
        assert cut_words(rendered(view, width), words)
        del view.stacked
        # Wider, the same four stages go side by side again.
        assert not view.stacked(400)


@pilot_test
async def test_three_stages_give_a_redline_whose_changes_carry_their_stage(
    engine: Engine,
) -> None:
    stages = ["commission-proposal", "council-general-approach", "ep-position"]
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot, stages, "Article 10")
        await pilot.press("m")
        await settle(pilot)
        assert screen.data is not None and isinstance(screen.data.tracer, Tracer)
        text = rendered(screen.query_one("#redline", Static).content, 100)
        assert "¹ commission-proposal" in text and "² council-general-approach" in text
        assert "³ ep-position" in text
        lineage = screen.data.tracer.trace(screen.data.rows[screen.current].cells)
        assert lineage is not None
        made = {op.introduced_in for op in lineage.ops if op.op != "equal"}
        assert {"council-general-approach", "ep-position"} <= made
        # the same as `eup trace` says
        traced = comparing.trace(engine, "ai-act", "Article 10", stages)
        assert [op.to_json() for op in traced.ops] == [op.to_json() for op in lineage.ops]


@pilot_test
async def test_tree_markers_say_which_stage_changed(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot, FOURCOL, "Article 22")
        assert screen.data is not None
        row = screen.data.rows[screen.current]
        marks = stage_marks(row.status).plain
        assert len(marks) == 2  # one per later stage
        tree = screen.query_one(ProvisionTree)
        assert str(tree.row_nodes[screen.current].label).startswith(marks)
        assert "~chg" in str(tree.border_subtitle)
        status = rendered(screen.query_one("#change-status", Static).content, 200)
        changed = [k for k, s in zip(FOURCOL[1:], row.status[1:], strict=True) if s != "unchanged"]
        assert changed and all(k in status for k in changed)
        kept = [k for k, s in zip(FOURCOL[1:], row.status[1:], strict=True) if s == "unchanged"]
        assert all(k not in status for k in kept)
        assert marks[FOURCOL[1:].index(kept[0])] == "·" if kept else True


@pilot_test
async def test_as_marked_shows_the_documents_own_marks(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot, FOURCOL, "Article 26")
        await pilot.press("M")
        await settle(pilot)
        assert screen.mode == "redline" and screen.as_marked
        assert "as marked" in str(screen.query_one("#comparison").border_title)
        content = screen.query_one("#redline", Static).content
        text = rendered(content, 100)
        assert "As marked" in text and "st-11320-ep" in text
        ops = comparing.marks(engine, "ai-act", "st-11320-ep", ["Article 26"])
        assert ops is not None and any(op.op != "equal" for op in ops)
        assert "relevant" in text  # a word the EP column set in bold
        await pilot.press("M")
        await settle(pilot)
        assert not screen.as_marked


@pilot_test
async def test_the_ep_provision_lists_the_amendments_behind_it(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot, ["commission-proposal", "ep-position"], "Article 5")
        text = rendered(screen.query_one("#aligned", Static).content, 100)
        numbers = reading.provisions(engine, "ai-act", "ep-position")
        article = next(p for p in numbers if p.label == "Article 5")
        assert article.amendments
        assert "Amendments behind ep-position" in text
        assert f"AM {article.amendments[0]}" in text


@pilot_test
async def test_the_long_aligned_view_scrolls_and_draws_its_lower_lines(engine: Engine) -> None:
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot, FOURCOL, "Article 53")
        pane = screen.query_one("#comparison")
        aligned = screen.query_one("#aligned")
        assert pane.max_scroll_y > 0
        pane.focus()
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert pane.scroll_y > 0
        # drawn from one rendering per width, as tall as it is laid out
        lines = aligned.lines(aligned.size.width)  # type: ignore[attr-defined]
        assert len(lines) == aligned.size.height
        bottom = "".join(s.text for s in lines[-8:])
        assert bottom.strip()
