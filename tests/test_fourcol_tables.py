"""Four-column tables with 3, 4 and 5 stage columns, DOCX and PDF (made-up test documents).

The tables are built here (`fourcolsamples`, MADE-UP TEXT): laid out like the Council's
four-column documents (status cells either side, a number column, row headings spanning
the table) and like a table export (row, heading, stages, status, comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docxsamples import write_four_columns
from fourcolsamples import Table, cell_text, made_up_table, write_docx, write_pdf

from eu_posities.document import MarkedRun, ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers import detect_format, parse_file
from eu_posities.importers.fourcol.headers import stage_key
from eu_posities.importers.fourcol.headings import read_heading
from eu_posities.importers.fourcol.marks import base_text, stage_text, tidy

KEYS = {
    3: ["commission-proposal", "ep-position", "council-general-approach"],
    4: ["commission-proposal", "ep-position", "council-mandate", "trilogue"],
    5: ["commission-proposal", "ep-position", "council-mandate", "trilogue", "final-act"],
}


def _expected_cells(table: Table) -> list[tuple[str, ...]]:
    out = []
    for row in table.rows:
        texts = []
        for pieces in row.cells:
            text = cell_text(pieces)
            texts.append("" if text == "deleted" else text)
        out.append(tuple(texts))
    return out


def _check(document: ParsedDocument, table: Table, columns: int, comments: bool) -> None:
    assert [stage.name for stage in document.stages] == KEYS[columns]
    assert [stage.title for stage in document.stages] == list(table.headers)
    assert [row.number for row in document.rows] == [row.number for row in table.rows]
    assert [row.heading for row in document.rows] == [row.heading for row in table.rows]
    assert [row.status for row in document.rows] == [row.status for row in table.rows]
    assert [row.cells for row in document.rows] == _expected_cells(table)
    assert [row.label for row in document.rows] == ["Recital 1", *["Article 1"] * 4]
    assert [row.part for row in document.rows] == [
        "", "", "first paragraph", "paragraph 1a (new)", "second paragraph",
    ]  # fmt: skip
    assert document.rows[2].cell_states[2] == "deleted"
    if comments:
        assert document.rows[2].comments == "Made-up comment on the count."
    # Marks: the EP's struck "year" and bold "month"; the stage text has only the latter.
    ep_marks = document.rows[2].cell_marks[1]
    assert MarkedRun("delete", "year") in ep_marks and stage_text(ep_marks).endswith("month.")
    assert base_text(ep_marks) == "1. Widgets shall be counted every year."
    texts = {stage.name: {p.label: p.text for p in stage.provisions} for stage in document.stages}
    assert texts["commission-proposal"] == {
        "Recital 1": "Made-up widgets need counting.",
        "Article 1": (
            "1. Widgets shall be counted every year.\n2. Counting shall be free of charge."
        ),
    }
    assert texts["ep-position"]["Article 1"] == (
        "1. Widgets shall be counted every month.\n1a. Gadgets shall be counted too.\n"
        "2. Counting shall be free of charge."
    )
    assert texts["ep-position"]["Recital 1"] == "Made-up widgets must be counted."
    # The Council deleted paragraph 1 and had no paragraph 1a: only paragraph 2 is left.
    assert texts[KEYS[columns][2]]["Article 1"] == "2. Counting shall be cheap."
    headings = {p.heading for stage in document.stages for p in stage.provisions
                if p.label == "Article 1"}  # fmt: skip
    assert headings == {"Widgets"}
    assert document.coverage is not None and document.coverage.share == 1.0


@pytest.mark.parametrize("columns", [3, 4, 5])
@pytest.mark.parametrize("layout", ["council", "export"])
def test_docx_table(tmp_path: Path, columns: int, layout: str) -> None:
    path = tmp_path / f"made-up-{columns}.docx"
    table = made_up_table(columns)
    write_docx(path, table, layout=layout)
    assert detect_format(path) == "fourcol"
    _check(parse_file(path), table, columns, comments=layout == "export")


@pytest.mark.parametrize("columns", [3, 4, 5])
def test_pdf_table(tmp_path: Path, columns: int) -> None:
    path = tmp_path / f"made-up-{columns}.pdf"
    table = made_up_table(columns)
    write_pdf(path, table)
    assert detect_format(path) == "fourcol"
    document = parse_file(path)
    _check(document, table, columns, comments=False)
    assert document.coverage is not None and document.coverage.skipped == ("section titles",)


def test_pdf_rows_over_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "made-up-long.pdf"
    table = made_up_table(4)
    write_pdf(path, table, repeat=12)
    document = parse_file(path)
    assert len(document.rows) == 12 * len(table.rows)
    assert len({page for row in document.rows for page in row.pages}) >= 3
    expected = _expected_cells(table)
    for index, row in enumerate(document.rows):
        assert row.cells == expected[index % len(table.rows)], row.number


def test_stage_keys_of_this_tools_own_tables_come_back(tmp_path: Path) -> None:
    # This tool heads its columns with the stage key above the date and document number.
    table = made_up_table(4)
    keys = ["commission-proposal", "practice-ep-text", "council-mandate", "trilogue"]
    headed = Table(tuple(f"{key}\n2024-01-0{n} · MADE-UP {n}" for n, key in enumerate(keys, 1)),
                   table.rows)  # fmt: skip
    path = tmp_path / "exported.docx"
    write_docx(path, headed, layout="export")
    document = parse_file(path)
    assert [stage.name for stage in document.stages] == keys
    assert document.stages[0].title == "commission-proposal · 2024-01-01 · MADE-UP 1"
    assert [row.cells for row in document.rows] == _expected_cells(table)


def test_generic_comparison_tables_keep_their_reader(tmp_path: Path) -> None:
    # No numbered rows: the comparison-table reader of the generic DOCX path handles it.
    path = tmp_path / "four-column.docx"
    write_four_columns(path, label_column=True)
    assert detect_format(path) == "docx"
    with pytest.raises(InputError, match="no four-column table"):
        parse_file(path, fmt="fourcol")


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Commission Proposal", "commission-proposal"),
        ("Commission proposal (COM(2021) 206)", "commission-proposal"),
        ("EP Mandate", "ep-position"),
        ("EP Position", "ep-position"),
        ("European Parliament", "ep-position"),
        ("Council Mandate", "council-mandate"),
        ("General Approach", "council-general-approach"),
        ("Council general approach", "council-general-approach"),
        ("Draft Agreement", "trilogue"),
        ("Compromise", "trilogue"),
        ("Presidency compromise text", "presidency-compromise"),
        ("council-general-approach", "council-general-approach"),
        ("practice-council-text", "practice-council-text"),
        ("Dutch position", "dutch-position"),
        ("commission-proposal\n2022-05-11 · COM(2022) 209 final", "commission-proposal"),
        ("practice-council-text\nPRACTICE - not a real text", "practice-council-text"),
        ("Council Mandate\nST 9999/23", "council-mandate"),
    ],
)
def test_column_headings_name_stages(heading: str, key: str) -> None:
    assert stage_key(heading) == key


@pytest.mark.parametrize(
    ("text", "label", "part"),
    [
        ("Article 16, first paragraph, point (aa new)", "Article 16",
         "first paragraph, point (aa new)"),
        ("Article 26(1), point (c)", "Article 26", "(1), point (c)"),
        ("Article26(1)", "Article 26", "(1)"),
        ("Article 16a (new)", "Article 16a", ""),
        ("Article 23a new", "Article 23a", ""),
        ("Recital (12)", "Recital 12", ""),
        ("Recital 12a", "Recital 12a", ""),
        ("Annex III, point 1(a)", "Annex III", "point 1(a)"),
        ("Title", "Title", ""),
        ("Citation 2", "Citation 2", ""),
        ("Chapter 3", None, ""),
    ],
)  # fmt: skip
def test_row_headings(text: str, label: str | None, part: str) -> None:
    heading = read_heading(text)
    assert heading is not None
    assert (heading.label, heading.part) == (label, part)


def test_row_heading_that_names_nothing() -> None:
    assert read_heading("Made-up remark") is None
    assert read_heading("") is None


def test_spaces_around_struck_and_inserted_words() -> None:
    runs = tidy([
        MarkedRun("equal", "made its views known "), MarkedRun("delete", "to all"),
        MarkedRun("equal", ", restrict "), MarkedRun("delete", "public"),
        MarkedRun("equal", " health "), MarkedRun("insert", "care"), MarkedRun("equal", "."),
    ])  # fmt: skip
    assert stage_text(runs) == "made its views known, restrict health care."
    assert base_text(runs) == "made its views known to all, restrict public health."


def _simple_docx(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("MADE-UP TEST DOCUMENT - NOT LEGAL TEXT")
    grid = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(path))


def test_a_row_continued_without_its_number(tmp_path: Path) -> None:
    path = tmp_path / "continued.docx"
    _simple_docx(path, ["No.", "Provision", "Commission proposal", "Council mandate", "Remarks"], [
        ["7", "Article 7(1)", "1. Made-up widgets shall", "1. Made-up widgets may", ""],
        ["", "Article 7(1)", "be counted.", "be counted.", "Made-up remark."],
        ["8", "Article 7(2)", "2. Made-up gadgets too.", "deleted", ""],
    ])  # fmt: skip
    document = parse_file(path)
    assert [stage.name for stage in document.stages] == ["commission-proposal", "council-mandate"]
    first, second = document.rows
    assert (first.number, first.heading, first.comments) == ("7", "Article 7(1)", "Made-up remark.")
    assert first.cells == (
        "1. Made-up widgets shall\nbe counted.",
        "1. Made-up widgets may\nbe counted.",
    )
    assert second.cell_states == ("text", "deleted")
    council = {p.label: p.text for p in document.stages[1].provisions}
    assert council == {"Article 7": "1. Made-up widgets may\nbe counted."}


def test_a_column_withheld_until_the_end(tmp_path: Path) -> None:
    path = tmp_path / "withheld.docx"
    _simple_docx(path, ["Row", "Heading", "Commission proposal", "EP position", "Compromise"], [
        ["1", "Article 1", "Made-up text one.", "Made-up text one.", "Made-up text one."],
        ["2", "Article 2", "Made-up text two.", "Made-up text two.",
         "COLUMN DELETED FROM THIS POINT UNTIL THE END OF THE DOCUMENT"],
        ["3", "Article 3", "Made-up text three.", "Made-up text three.", ""],
    ])  # fmt: skip
    document = parse_file(path)
    states = [row.cell_states[2] for row in document.rows]
    assert states == ["text", "withheld", "withheld"]
    compromise = document.stages[2]
    assert compromise.name == "trilogue"
    assert [p.label for p in compromise.provisions] == ["Article 1"]
    assert compromise.meta["partial"] == "the document shows this column on 1 of 3 rows"
    assert any("withheld on 2 of 3 rows" in warning for warning in document.warnings)
