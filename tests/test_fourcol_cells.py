"""What a four-column cell says besides its text, as `eup table` writes it, and how the
marks' spaces are tidied. Made-up texts only."""

from __future__ import annotations

from eu_posities.document import MarkedRun as R
from eu_posities.document import ParsedProvision, ParsedStage
from eu_posities.importers.fourcol.assemble import assemble
from eu_posities.importers.fourcol.marks import stage_text, tidy
from eu_posities.importers.fourcol.table import (
    DELETED,
    EMPTY,
    TEXT,
    Column,
    SourceRow,
    SourceTable,
    cell_label,
    cell_state,
    without_new_mark,
)
from eu_posities.imports.checks import check_same_act


def test_no_space_after_an_opening_bracket_or_quote() -> None:
    runs = [
        R("equal", "apply from ["),
        R("delete", "24 "),
        R("insert", "36 "),
        R("equal", "months"),
    ]
    assert stage_text(tidy(runs)) == "apply from [36 months"
    quoted = [
        R("equal", "to ‘"),
        R("delete", "learn’"),
        R("insert", "learn’ or"),
        R("equal", " so"),
    ]
    assert stage_text(tidy(quoted)) == "to ‘learn’ or so"


def test_a_rule_of_underscores_is_text_a_stray_stop_is_not() -> None:
    assert cell_state("__________") == TEXT
    assert cell_state(" . ") == EMPTY
    assert cell_state("—") == EMPTY
    assert cell_state("[deleted]") == DELETED
    assert cell_state("[geschrapt]") == DELETED  # a table written with --lang nl


def test_the_new_mark_and_the_cell_label_are_not_text() -> None:
    runs = [R("insert", "[new] "), R("insert", "1a. Made-up widgets are counted.")]
    assert stage_text(without_new_mark(runs)) == "1a. Made-up widgets are counted."
    assert without_new_mark([R("equal", "[new] is a word here")]) == [R("equal", "is a word here")]
    plain = [R("equal", "The [new] widgets.")]
    assert without_new_mark(plain) == plain
    label, rest = cell_label([R("equal", "Recital 12a: "), R("equal", "Made-up text.")])
    assert (label, stage_text(rest)) == ("Recital 12a", "Made-up text.")
    assert cell_label([R("equal", "Article 5: made-up")])[0] == "Article 5"
    assert cell_label([R("equal", "As set out in Article 5: made-up")])[0] == ""


def _row(number: str, heading: str, *cells: str) -> SourceRow:
    return SourceRow(
        number=number, heading=heading, cells=[[R("equal", c)] if c else [] for c in cells]
    )


def test_a_column_that_numbers_a_provision_otherwise_keeps_it_together() -> None:
    """The rows follow the first column; where another column holds the text under another
    label ("Citation 7" where the first has "Citation 6"), or names it in the cell (a split),
    the text goes to that provision, also past rows that column has nothing in."""
    table = SourceTable(
        stages=[Column("first", "stage", "first"), Column("second", "stage", "second")],
        rows=[
            _row("1", "Citation 6", "", "[new] Having regard to the made-up opinion,"),
            _row("2", "Citation 6", "Citation 6", "Citation 7"),
            _row(
                "3", "Citation 6", "Acting in made-up accordance,", "Acting in made-up accordance,"
            ),
            _row("4", "Recital 1", "Made-up recital one.", "Made-up recital one, changed."),
            _row("5", "Recital 1", "", "[new] Recital 1a: Made-up recital split off."),
            _row("6", "Recital 1", "Made-up second sentence.", "Recital 1a: Made-up second."),
        ],
    )
    document = assemble(table, "docx")
    first, second = ({p.label: p.text for p in stage.provisions} for stage in document.stages)
    assert first == {"Citation 6": "Acting in made-up accordance,",
                     "Recital 1": "Made-up recital one.\nMade-up second sentence."}  # fmt: skip
    assert second == {
        "Citation 6": "Having regard to the made-up opinion,",
        "Citation 7": "Acting in made-up accordance,",
        "Recital 1": "Made-up recital one, changed.",
        "Recital 1a": "Made-up recital split off.\nMade-up second.",
    }


def test_a_stage_shown_in_part_is_no_other_act() -> None:
    """The dossier's latest text may be a column shown on a few rows: a whole text that holds
    it is the same act."""
    words = "made-up widgets shall be counted every year by the competent made-up authority"
    part = (ParsedProvision("article", "2", "Article 2", words),)
    whole = ParsedStage(
        provisions=tuple(
            ParsedProvision("article", str(n), f"Article {n}", f"{words} number {n} {'x ' * n}")
            for n in range(1, 30)
        ),
        format="docx",
    )
    assert check_same_act(whole, ("partial", part), dossier="d", force=False, source="f") == []
