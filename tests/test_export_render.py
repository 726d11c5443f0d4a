"""Renderers of the table and memo on made-up export models: golden files, DOCX, HTML."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from eu_posities.exports.memo import linked_redlines
from eu_posities.exports.memo_docx import memo_docx
from eu_posities.exports.render_docx import table_docx
from eu_posities.exports.render_html import memo_html, table_html
from eu_posities.exports.render_md import memo_md, table_md
from tests.exportsamples import (
    DIFF_AB,
    DOSSIER,
    STAGES,
    STAMP,
    check_golden,
    parse_page,
    sample_concern,
    sample_memo,
    sample_table,
)


def test_table_model_marks_changes_against_the_first_column() -> None:
    table = sample_table()
    labels = [row.label for row in table.rows]
    assert labels == ["Article 1", "Article 2", "Article 2a", "Article 3"]
    art1 = table.rows[0].cells[1]
    assert [(r.kind, r.text) for r in art1.runs if r.kind in ("ins", "del")] == [
        ("del", "rules"),
        ("ins", "uniform rules"),
    ]
    assert table.rows[1].cells[1].mark == "deleted"
    new_row = table.rows[2]
    assert new_row.cells[0].mark == "absent" and new_row.cells[1].mark == "new"
    moved = [r for r in table.rows[3].cells[1].runs if r.kind == "moved_in"]
    assert moved and moved[0].note == "moved from Article 2"
    assert table.rows[3].cells[1].label == "Article 4"  # renumbered: shown in the cell
    # Every change is credited to the stage of its column (the Word revision's author).
    assert {r.stage for r in art1.runs if r.kind in ("ins", "del")} == {"council-general-approach"}


def test_table_markdown_golden() -> None:
    text = table_md(sample_table(with_concerns=True))
    assert "**_uniform rules_**" in text and "~~rules~~" in text
    assert "FICTIONAL — practice text, not a negotiation document" in text
    check_golden("table.md", text)


def test_table_html_golden_and_structure() -> None:
    text = table_html(sample_table(with_concerns=True))
    check_golden("table.html", text)
    tree = parse_page(text)
    heads = tree.xpath("//table/thead/tr/th")
    assert len(heads) == 1 + len(STAGES) + 1
    assert tree.xpath("//ins[text()='uniform rules']") and tree.xpath("//del[text()='rules']")
    assert tree.xpath("//ins[contains(@class, 'moved')]")
    assert not tree.xpath("//script | //link | //img | //*[@src]")
    css = tree.xpath("//style/text()")[0]
    assert "position: sticky" in css and "size: A4 landscape" in css


def test_table_docx(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    table_docx(sample_table(with_concerns=True), out, redline="formatting")
    doc = Document(str(out))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert len(doc.tables) == 1
    grid = doc.tables[0]
    assert grid.style.name == "Table Grid"
    assert len(grid.columns) == 1 + len(STAGES) + 1
    header_tr = grid.rows[0]._tr
    assert header_tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert grid.rows[1]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    runs = [r for row in grid.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert any(r.text == "uniform rules" and r.bold and r.italic for r in runs)
    assert any(r.text == "rules" and r.font.strike for r in runs)
    assert any(r.font.underline is not None and "Providers shall report" in r.text for r in runs)
    assert any(r.text == "[new]" or r.text.startswith("[new]") for r in runs)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml
    header_text = "\n".join(p.text for p in section.header.paragraphs)
    assert "practice-file" in header_text and "FICTIONAL" in header_text


def test_memo_markdown_and_html_golden() -> None:
    md = memo_md(sample_memo())
    assert md.startswith("# Notitie\n") and "**Datum:** 2 januari 2026" in md
    assert "Het zorgpunt is opgelost in de algemene oriëntatie van de Raad." in md
    assert "~~shall~~" in md and "**_may_**" in md
    check_golden("memo.nl.md", md)
    html = memo_html(sample_memo("en"))
    check_golden("memo.en.html", html)
    tree = parse_page(html)
    assert tree.xpath("/html/@lang") == ["en-GB"]
    assert tree.xpath("//h3[@id='sample-concern']")
    assert tree.xpath("//td[contains(@class, 'status-resolved')]")
    assert tree.xpath("//q[text()='Member States may designate an authority.']")


def test_memo_docx_styles(tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    memo_docx(sample_memo(), out, redline="formatting")
    doc = Document(str(out))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"} <= styles
    assert doc.tables and "PAGE" in doc.sections[0].footer._element.xml
    runs = [r for p in doc.paragraphs for r in p.runs]
    assert any(r.text == "shall" and r.font.strike for r in runs)
    assert any(r.text == "may" and r.bold and r.italic for r in runs)


def test_memo_follows_linked_provision_through_renumbering() -> None:
    concern = sample_concern()
    redlines = linked_redlines(
        concern,
        ["commission-proposal", "council-general-approach"],
        {("commission-proposal", "council-general-approach"): DIFF_AB},
        "en",
    )
    assert [(r.from_label, r.to_label) for r in redlines] == [("Article 3", "Article 4")]


def test_memo_redlines_quote_only_changed_paragraphs() -> None:
    from eu_posities.exports.model import Run
    from eu_posities.exports.runs import changed_paragraphs, ops_to_runs
    from tests.exportsamples import eq, rep

    ops = [
        eq("1. Made-up first.\n2. Made-up second.\n3. Made-up "),
        rep("old", "new"),
        eq(".\n4. Last."),
    ]
    runs = changed_paragraphs(ops_to_runs(ops))
    assert [r.text for r in runs] == ["[…]", "", "3. Made-up ", "old", "new", ".", "", "[…]"]
    assert runs[1] == Run("break", "")
    assert changed_paragraphs(ops_to_runs([eq("Same.\nSame again.")])) == []


def test_table_split_and_merge_cells() -> None:
    from eu_posities.diff import StageDiff
    from eu_posities.exports.table import build_table_from_diffs
    from tests.exportsamples import eq, ins, pair

    base = [("Article 5", "Made-up part one. Made-up part two."), ("Article 6", "Made-up six.")]
    diff = StageDiff(
        None,
        None,
        (
            pair("Article 5", "Article 5", "split", [eq("Made-up part one.")]),
            pair("Article 5", "Article 5a", "split", [ins("Made-up part two.")]),
            pair("Article 6", "Article 5a", "merged", [eq("Made-up six.")]),
        ),
    )
    table = build_table_from_diffs(
        dossier=DOSSIER, stages=STAGES[:2], base_provisions=base, diffs=[diff], generated=STAMP
    )
    split = table.rows[0].cells[1]
    assert split.label == "Article 5 + Article 5a" and split.note == "split"
    assert [r.text for r in split.runs if r.kind != "break"] == [
        "Made-up part one.",
        "[Article 5a] ",
        "Made-up part two.",
    ]
    merged = table.rows[1].cells[1]
    assert merged.mark == "merged" and merged.note == "merged into Article 5a"
    assert "_merged into Article 5a_" in table_md(table)


def test_dutch_statuses_and_stage_names() -> None:
    from eu_posities.exports.i18n import stage_name, status_text

    assert [status_text(s, "nl") for s in ("open", "partly", "resolved", "dropped")] == [
        "open",
        "deels opgelost",
        "opgelost",
        "vervallen",
    ]
    assert stage_name("council-general-approach", "council-general-approach", "nl") == (
        "Algemene oriëntatie van de Raad"
    )
    assert stage_name("presidency-compromise", "presidency-compromise", "nl") == (
        "Compromistekst van het voorzitterschap"
    )
    assert stage_name("kamerbrief-2024-12-20", "kamerbrief", "nl") == (
        "Kamerbrief van 20 december 2024"
    )
    assert stage_name("council-mandate-3", "council-mandate", "en") == "Council mandate – 3"
    assert stage_name("practice-council-text", "council-mandate", "nl", True) == (
        "Mandaat van de Raad (oefentekst)"
    )
    assert stage_name("my-notes", "other", "nl") == "my-notes"


def test_a_deleted_provision_says_in_which_stage() -> None:
    from eu_posities.exports.common import redline_heading
    from eu_posities.exports.model import Redline

    gone = Redline(
        "Commissievoorstel", "Triloogdocument", "Article 11", None, "deleted", (),
        to_prose="het triloogdocument",
    )  # fmt: skip
    assert redline_heading(gone, "nl") == "Artikel 11 — geschrapt in het triloogdocument"
    new = Redline("Commission proposal", "Trilogue", None, "Article 5a", "added", ())
    assert redline_heading(new, "en") == "Article 5a: new in Trilogue"
    renumbered = Redline("A", "B", "Article 12", "Article 11", "unchanged", ())
    assert redline_heading(renumbered, "nl") == "Artikel 12 → artikel 11 — A → B"
