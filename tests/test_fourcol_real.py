"""The real four-column document of the AI Act (ST 11320/1/23 REV 1), read in place.

It is checked against readings that share no code with the importer: the row numbers and
statuses in the PDF's text layer, the real Commission proposal (COM(2021) 206, EUR-Lex
XHTML) and the articles of the real general approach (ST 15698/22) in its text layer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from corpus import corpus_file
from fourcolreal import (
    FOUR_COLUMN,
    GENERAL_APPROACH,
    PROPOSAL,
    agreement,
    articles_in_text,
    rows_in_text,
    words,
)

from eu_posities.document import ParsedDocument
from eu_posities.importers import detect_format, parse_file
from eu_posities.importers.fourcol.marks import base_text, stage_text

pytestmark = pytest.mark.slow  # one import of a 172-page PDF, shared by the module

STAGES = ["commission-proposal", "ep-position", "council-mandate", "trilogue"]
FURNITURE = re.compile(r"11320/1/23|\bLIMITE\b|RB/st|TREE\.2\.B|COLUMN DELETED", re.IGNORECASE)


@pytest.fixture(scope="module")
def path() -> Path:
    return corpus_file(FOUR_COLUMN)


@pytest.fixture(scope="module")
def document(path: Path) -> ParsedDocument:
    return parse_file(path)


def test_detected_as_a_four_column_document(path: Path) -> None:
    assert detect_format(path) == "fourcol"


def test_four_stages_one_per_column(document: ParsedDocument) -> None:
    assert [stage.name for stage in document.stages] == STAGES
    assert [stage.title for stage in document.stages] == [
        "Commission Proposal", "EP Mandate", "Council Mandate", "Draft Agreement",
    ]  # fmt: skip
    commission, ep, council, _draft = document.stages
    assert len(commission.provisions) >= 30 and len(ep.provisions) >= 30
    assert len(council.provisions) >= 30
    # The EP's new Article 29a and the Council's new Article 23a are in their columns only.
    assert "Article 29a" in {p.label for p in ep.provisions}
    assert "Article 29a" not in {p.label for p in commission.provisions}
    assert "Article 23a" in {p.label for p in council.provisions}
    assert document.meta["limite"] is True
    assert document.coverage is not None and document.coverage.share >= 0.99


def test_every_numbered_row_with_its_status(path: Path, document: ParsedDocument) -> None:
    expected = rows_in_text(path, first_page=7)
    assert len(expected) == 396  # counted in the text layer, independently of the importer
    assert [(row.number, row.status) for row in document.rows] == expected
    statuses = Counter(row.status for row in document.rows)
    assert statuses == {"G": 191, "R": 108, "Y": 91, None: 6}
    # Read twice (the letter and the colour of the cells either side): never in conflict.
    assert not [w for w in document.warnings if "status" in w]


def test_rows_run_over_page_breaks(document: ParsedDocument) -> None:
    rows = {row.number: row for row in document.rows}
    over = [row for row in document.rows if len(row.pages) > 1]
    assert len(over) >= 40
    # Row 309: its number on page 7, its text at the top of page 8.
    assert rows["309"].pages == (7, 8)
    assert rows["309"].cells[0] == (
        "(a) ensure that their high-risk AI systems are compliant with the requirements set "
        "out in Chapter 2 of this Title;"
    )


def test_row_headings_give_provision_and_part(document: ParsedDocument) -> None:
    rows = {row.number: row for row in document.rows}
    assert (rows["309b"].label, rows["309b"].part) == (
        "Article 16", "first paragraph, point (aa new)",
    )  # fmt: skip
    assert (rows["363"].label, rows["363"].part) == ("Article 26", "(1), point (c)")
    assert (rows["307"].label, rows["307"].part) == ("Article 16", "")
    # Rows printed without a heading belong to the provision above; the EP's new article
    # names itself in its cell.
    assert rows["348c"].heading == "" and rows["348c"].label == "Article 22"
    assert rows["388d"].label == "Article 29a"
    unlabelled = [row.heading for row in document.rows if row.label is None]
    assert unlabelled == ["Chapter 3", "Chapter 5"]  # divisions, not provisions


def _comparison(stage_text_by_label: dict[str, str], reference: dict[str, str]) -> list:
    out = []
    for label, text in stage_text_by_label.items():
        share, _ = agreement(text, reference.get(label, ""))
        out.append((share, label))
    return sorted(out)


def test_commission_column_agrees_with_the_proposal(document: ParsedDocument) -> None:
    proposal = parse_file(corpus_file(PROPOSAL)).stages[0]
    reference = {p.label: p.text for p in proposal.provisions}
    commission = document.stages[0]
    assert {p.label for p in commission.provisions} <= set(reference)
    shares = _comparison({p.label: p.text for p in commission.provisions}, reference)
    # The worst: Article 18 at 98%, "documen-tation" as this document prints it.
    assert shares[0][0] >= 0.97, shares[:5]
    headings = {p.label: p.heading for p in proposal.provisions}
    assert all(p.heading == headings[p.label] for p in commission.provisions)


def test_council_column_agrees_with_the_general_approach(document: ParsedDocument) -> None:
    reference = articles_in_text(corpus_file(GENERAL_APPROACH))
    council = document.stages[2]
    shares = _comparison({p.label: p.text for p in council.provisions}, reference)
    # The worst: Article 36 at 99%, numbered "-1.", "2a." here and "1.", "4." there.
    assert shares[0][0] >= 0.97, shares[:5]


def test_marks_in_the_ep_and_council_columns_rebuild_the_commission_text(
    document: ParsedDocument,
) -> None:
    # Both columns mark their changes against the Commission proposal: taking out what
    # they insert gives back the Commission column (but for a capital letter).
    for column in (1, 2):
        compared = same = 0
        for row in document.rows:
            if row.cell_states[0] != "text" or row.cell_states[column] != "text":
                continue
            marks = row.cell_marks[column] if row.cell_marks else ()
            if marks:
                assert stage_text(marks) == row.cells[column]
            base = base_text(marks) if marks else row.cells[column]
            compared += 1
            same += words(base.lower()) == words(row.cells[0].lower())
        assert compared > 150 and same == compared, (column, compared, same)
    rows = {row.number: row for row in document.rows}
    council = rows["363"].cells[2]
    assert "accompanied by the EU declaration of conformity" in council  # inserted
    assert "required documentation" not in council  # struck through


def test_a_column_withheld_from_the_public_says_so(document: ParsedDocument) -> None:
    draft = document.stages[3]
    rows = {row.number: row for row in document.rows}
    assert rows["307"].cell_states[3] == "withheld"  # "COLUMN DELETED ... UNTIL THE END"
    withheld = sum(row.cell_states[3] == "withheld" for row in document.rows)
    assert withheld >= 390
    assert draft.meta["partial"] == (
        f"the document shows this column on {396 - withheld} of 396 rows"
    )
    # What it shows is a bare "Article 18" and a stray full stop: no provision text.
    assert draft.provisions == ()


def test_deleted_cells_are_not_in_the_stage(document: ParsedDocument) -> None:
    rows = {row.number: row for row in document.rows}
    assert rows["345a"].cell_states[1] == "deleted" and rows["345a"].cells[1] == ""
    ep = document.stages[1]
    assert "Article 18" not in {p.label for p in ep.provisions}  # deleted in full by the EP
    assert "Article 18" in {p.label for p in ep.struck}


def test_no_furniture_or_row_number_in_any_text(document: ParsedDocument) -> None:
    numbers = {row.number for row in document.rows}
    for stage in document.stages:
        for provision in stage.provisions:
            for text in (provision.text, provision.heading, *provision.path):
                assert not FURNITURE.search(text), (stage.name, provision.label, text)
            for line in provision.text.split("\n"):
                assert line.split(" ", 1)[0] not in numbers, (provision.label, line)
    for row in document.rows:
        for text in (row.heading, *row.cells):
            assert not FURNITURE.search(text), (row.number, text)
            assert not re.search(rf"(?<![\w(/.]){re.escape(row.number)}(?![\w)/])", text), (
                row.number,
                text,
            )
