"""A four-column table as its source shows it: columns, then numbered rows with their cells.

Both readers (PDF and DOCX) produce a `SourceTable`; `assemble` turns it into parsed rows
and one stage per text column. Nothing here knows about pages or Word XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eu_posities.document import MarkedRun
from eu_posities.importers.fourcol.marks import stage_text

ROW_NUMBER = re.compile(r"^\d{1,5}[a-z]{0,3}$")
# "[deleted]"; in a table `eup table` wrote in Dutch "[geschrapt]", in French "supprimé".
_DELETED = re.compile(r"^[\[(]?\s*(?:deleted|geschrapt|supprimée?)\s*[\])]?\s*\.?$", re.IGNORECASE)
_WITHHELD = re.compile(r"^\s*column\s+deleted\b", re.IGNORECASE)
_RULE = re.compile(r"_{5,}")
_TO_THE_END = re.compile(r"\buntil\s+the\s+end\b|\bto\s+the\s+end\b", re.IGNORECASE)
_STATUS_WORDS = {"g": "G", "green": "G", "y": "Y", "yellow": "Y", "r": "R", "red": "R",
                 "groen": "G", "geel": "Y", "rood": "R"}  # fmt: skip

# What a cell says about its stage.
TEXT, EMPTY, DELETED, WITHHELD = "text", "empty", "deleted", "withheld"


# "[new]" opening a cell: how a table written by `eup table` marks a provision or point the
# first column does not have (in Dutch "[nieuw]"). A mark on the cell, not the stage's text.
_NEW_MARK = re.compile(r"^\[\s*(?:new|nieuw|nouveau)\s*\]", re.IGNORECASE)


def without_new_mark(runs: list[MarkedRun]) -> list[MarkedRun]:
    """The cell's runs without a "[new]" mark at the start of its text."""
    for position, run in enumerate(runs):
        if run.op == "delete" or not run.text.strip():
            continue
        found = _NEW_MARK.match(run.text.lstrip())
        if found is None:
            return runs
        rest = run.text.lstrip()[found.end() :]
        after = [MarkedRun(run.op, rest, run.changed), *runs[position + 1 :]]
        while after and after[0].op != "delete" and not after[0].text.strip():
            after.pop(0)  # the space after the mark
        if after and after[0].op != "delete":
            after[0] = MarkedRun(after[0].op, after[0].text.lstrip(), after[0].changed)
        return [*runs[:position], *after]
    return runs


# "Recital 12a: " opening a cell of a table written by `eup table`: the provision this
# stage holds the text in, where the row names another (a split or a merge).
_CELL_LABEL = re.compile(r"^((?:Article|Recital|Citation|Annex)\s+-?\w+):\s")


def cell_label(runs: list[MarkedRun]) -> tuple[str, list[MarkedRun]]:
    """The label a cell opens with ("" if none) and the cell's runs without it."""
    for position, run in enumerate(runs):
        if run.op == "delete" or not run.text.strip():
            continue
        found = _CELL_LABEL.match(run.text.lstrip())
        if found is None:
            return "", runs
        rest = run.text.lstrip()[found.end() :]
        after = [MarkedRun(run.op, rest, run.changed)] if rest else []
        return found.group(1), [*runs[:position], *after, *runs[position + 1 :]]
    return "", runs


def read_status(text: str) -> str | None:
    """The status a cell's text gives ("G", "green", "Rood"): "G", "Y", "R" or None."""
    return _STATUS_WORDS.get(re.sub(r"[\s.:]+", "", text).lower())


def cell_state(text: str) -> str:
    """TEXT, EMPTY, DELETED ("deleted") or WITHHELD ("COLUMN DELETED" in a public copy).

    A cell with no letter or digit in it (a stray full stop) holds no text, unless it is a
    rule of underscores (the separator before the footnotes of a quoted act).
    """
    if not any(char.isalnum() for char in text) and not _RULE.fullmatch(text.strip()):
        return EMPTY
    if _DELETED.match(text.strip()):
        return DELETED
    if _WITHHELD.match(text):
        return WITHHELD
    return TEXT


def withholds_the_rest(text: str) -> bool:
    """Does the cell withhold the rest of its column ("... UNTIL THE END OF THE DOCUMENT")?"""
    return bool(_WITHHELD.match(text) and _TO_THE_END.search(text))


def colour_status(colour: tuple[float, float, float]) -> str | None:
    """Green, amber/yellow and red as the three statuses; any other colour is none."""
    r, g, b = colour
    if g >= 0.5 and r <= 0.6 and b <= 0.5:
        return "G"
    if r >= 0.8 and g >= 0.6 and b <= 0.5:
        return "Y"
    if r >= 0.7 and g <= 0.45 and b <= 0.45:
        return "R"
    return None


_NOTE_RULE = re.compile(r"(?:^|\n)[ \t]*_{5,}[ \t]*(?:\n|$)")
_NOTE_START = re.compile(r"^[\[(]?(\d{1,3})[.)\]]?\s+")


def split_notes(runs: list[MarkedRun]) -> tuple[list[MarkedRun], list[str]]:
    """A cell's text and the footnotes below a line of underscores at its foot."""
    text = "".join(run.text for run in runs)
    match = _NOTE_RULE.search(text)
    if match is None:
        return runs, []
    kept: list[MarkedRun] = []
    position = 0
    for run in runs:
        end = position + len(run.text)
        if end <= match.start():
            kept.append(run)
        elif position < match.start():
            kept.append(MarkedRun(run.op, run.text[: match.start() - position], run.changed))
        position = end
    notes = [
        _NOTE_START.sub("", note.strip())
        for note in re.split(r"\n(?=[\[(]?\d{1,3}[.)\]]?\s)", text[match.end() :])
    ]
    return kept, [note for note in notes if note]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: its heading, its role (see `headers`) and its stage key."""

    heading: str
    role: str
    key: str = ""


@dataclass
class SourceRow:
    """One numbered row as printed, its cells as marked runs (one per stage column)."""

    number: str
    heading: str = ""
    status: str | None = None
    cells: list[list[MarkedRun]] = field(default_factory=list)
    comments: str = ""
    section: str = ""
    pages: list[int] = field(default_factory=list)
    # Status read twice (both sides of the row, text and colour) and disagreeing.
    status_conflict: str = ""
    # Footnotes printed at the foot of a cell, by stage column.
    notes: dict[int, list[str]] = field(default_factory=dict)

    def cell_text(self, index: int) -> str:
        return stage_text(self.cells[index]) if index < len(self.cells) else ""


@dataclass
class SourceTable:
    """The whole table: stage columns in order, rows in order, and how it was read."""

    stages: list[Column]
    rows: list[SourceRow]
    body_words: int = 0
    placed_words: int = 0
    skipped_words: int = 0
    skipped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
