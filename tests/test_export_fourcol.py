"""The four-column layout of `eup table`: one row per paragraph or point, aligned across the
stages by the paragraph alignment, numbered, headed "Article 2(1)", with G/Y/R statuses from
imported rows, a comments column with the provision's notes, and each change credited to the
stage that made it (three stages or more). Made-up texts only."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx_revisions import RevisionDocument

from eu_posities.alignment import align
from eu_posities.document import ParsedProvision
from eu_posities.exports.fourcol import build_fourcol_table, unit_headings
from eu_posities.exports.render_docx import table_docx
from eu_posities.exports.render_md import table_md
from eu_posities.readmodels import RowEntry
from tests.clihelp import eup
from tests.exportdb import KEY, seed
from tests.exportsamples import DOSSIER, STAGES, STAMP, check_golden

# MADE-UP TEXT, not from any real act.
OLD = [
    ParsedProvision(
        "article",
        "2",
        "Article 2",
        "1. Providers shall report incidents within 24 hours.\n"
        "2. The report shall state:\n(a) the made-up service;\n(b) the made-up time.\n"
        "3. Reports are kept for one year.",
        heading="Reporting",
    ),
    ParsedProvision("article", "3", "Article 3", "Member States shall designate an authority."),
]
NEW = [
    ParsedProvision(
        "article",
        "2",
        "Article 2",
        "1. Providers shall report incidents within 72 hours.\n"
        "2. The report shall state:\n(a) the made-up service;\n(aa) the made-up cause;\n"
        "(b) the made-up time.",
        heading="Reporting of incidents",
    ),
    ParsedProvision("article", "3", "Article 3", "Member States may designate an authority."),
]


def _table(rows: tuple[RowEntry, ...] = ()):  # type: ignore[no-untyped-def]
    return build_fourcol_table(
        dossier=DOSSIER,
        stages=STAGES[:2],
        provisions=[OLD, NEW],
        alignments=[align(OLD, NEW, parts=True)],
        generated=STAMP,
        rows=rows,
        notes_for=lambda labels: (
            "a made-up note" if "Article 3" in labels.get(STAGES[0].key, ()) else ""
        ),
    )


def test_row_headings_follow_the_numbering() -> None:
    from eu_posities.alignment.units import units

    assert unit_headings("Article 2", units(OLD[0])) == [
        "Article 2(1)",
        "Article 2(2)",
        "Article 2(2)(a)",
        "Article 2(2)(b)",
        "Article 2(3)",
    ]


def test_one_row_per_paragraph_aligned_across_stages() -> None:
    table = _table()
    assert table.layout == "rows"
    assert [(r.number, r.label) for r in table.rows] == [
        ("1", "Article 2"),
        ("2", "Article 2(1)"),
        ("3", "Article 2(2)"),
        ("4", "Article 2(2)(a)"),
        ("5", "Article 2(2)(aa)"),  # new in the second stage: after the point it follows
        ("6", "Article 2(2)(b)"),
        ("7", "Article 2(3)"),
        ("8", "Article 3"),  # no heading, one paragraph: its one row says it all
    ]
    by_label = {r.label: r for r in table.rows}
    changed = by_label["Article 2(1)"].cells[1]
    assert [(r.kind, r.text.strip()) for r in changed.runs if r.kind != "plain"] == [
        ("del", "24"),
        ("ins", "72"),
    ]
    assert by_label["Article 2(2)(aa)"].cells[0].mark == "absent"
    assert by_label["Article 2(2)(aa)"].cells[1].mark == "new"
    assert by_label["Article 2(3)"].cells[1].mark == "deleted"
    assert table.rows[0].opens and table.rows[0].concerns == ""
    assert table.rows[7].concerns == "a made-up note"  # the provision's notes, once
    assert not table.rows[7].opens


def test_status_from_imported_rows() -> None:
    row = RowEntry(
        "17a",
        "R",
        "Article 2, paragraph 1",
        {STAGES[0].key: "1. Providers shall report incidents within 24 hours."},
    )
    table = _table((row,))
    assert table.with_status
    first = next(r for r in table.rows if r.label == "Article 2(1)")
    assert (first.number, first.status) == ("17a", "R")


def test_rows_markdown_golden() -> None:
    text = table_md(_table())
    assert "| row | heading | commission-proposal | council-general-approach | comments |" in text
    check_golden("table-rows.md", text)


def test_rows_docx_is_regular(tmp_path: Path) -> None:
    out = tmp_path / "rows.docx"
    table_docx(_table(), out)
    doc = Document(str(out))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    grid = doc.tables[-1]
    header = [c.text for c in grid.rows[0].cells]
    assert header == [
        "row",
        "heading",
        "commission-proposal",
        "council-general-approach",
        "comments",
    ]
    assert grid.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert [row.cells[0].text for row in grid.rows[1:]] == [str(n) for n in range(1, 9)]
    assert grid.rows[2].cells[1].text == "Article 2(1)"
    # The changed cell: rejecting the revisions gives the first stage's paragraph.
    paragraphs = RevisionDocument(str(out)).all_paragraphs
    cell = next(p for p in paragraphs if p.accepted_text.startswith("1. Providers shall report"))
    assert "72 hours" in [p for p in paragraphs if "72" in p.accepted_text][0].accepted_text
    assert cell.original_text.endswith("within 24 hours.")


def test_docx_metadata(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "rows.docx"
    table = _table()
    from dataclasses import replace

    table_docx(replace(table, author="A. Tester"), out)
    props = Document(str(out)).core_properties
    assert props.author == "A. Tester" and props.title.startswith("Multi-column comparison")
    assert "0000/0000(COD)" in props.subject
    assert props.created is not None and props.created.year >= 2025
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        styles = z.read("word/styles.xml").decode()
    assert not any("thumbnail" in n for n in names)
    assert 'w:val="en-GB"' in styles


def test_three_stages_credit_each_change_to_its_stage(db_url: str, tmp_path: Path) -> None:
    """Made-up data: 24 → 72 hours in the general approach, "serious" added in the trilogue;
    in the trilogue column each change carries the stage that made it."""
    seed(db_url, with_texts=("commission-proposal", "council-general-approach", "trilogue"))
    stages = "commission-proposal,council-general-approach,trilogue"
    out = tmp_path / "t.docx"
    result = eup(
        "--db", db_url, "table", KEY, "--stages", stages, "--lang", "nl", "--out", str(out)
    )
    assert result.code == 0, result.err
    by_author: dict[str, set[str]] = {}
    for change in RevisionDocument(str(out)).track_changes:
        text = change.text.strip()
        by_author.setdefault(change.author, set()).add(text)
    assert "72" in by_author["Algemene oriëntatie van de Raad"]
    assert "serious" in by_author["Triloogdocument (oefentekst)"]
    html = tmp_path / "t.html"
    assert eup("--db", db_url, "table", KEY, "--stages", stages, "--out", str(html)).code == 0
    page = html.read_text(encoding="utf-8")
    assert '<ins class="by1" title="Council general approach">72' in page
    assert '<ins class="by2" title="Trilogue document (practice text)">serious' in page
    assert 'class="key by2"' in page  # the legend of the stage colours


def test_notes_in_the_comments_column(tmp_path: Path) -> None:
    from eu_posities import db
    from eu_posities.services.notes import add_note

    url = f"sqlite:///{tmp_path / 'x.db'}"
    seed(url)
    engine = db.make_engine(url)
    add_note(
        engine, KEY, "commission-proposal", "Article 2", "Check 72 hours (made up).", author="t"
    )
    engine.dispose()
    out = tmp_path / "t.md"
    stages = "commission-proposal,council-general-approach"
    assert eup("--db", url, "table", KEY, "--stages", stages, "--out", str(out)).code == 0
    line = next(x for x in out.read_text(encoding="utf-8").splitlines() if "| Article 2 |" in x)
    assert line.rstrip(" |").endswith("Check 72 hours (made up). (t)")
