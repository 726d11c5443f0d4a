"""Parsed documents: what every importer produces, before anything touches the database.

Importers model their source format and map it onto these plain, immutable records; the
import service turns them into `Stage` and `Provision` rows in one transaction. Keeping this
layer free of the database lets the alignment and diff engine, the tests and the benchmarks
work on parsed text directly.

One file gives one `ParsedDocument`: its stages (one for most files, one per column of a
four-column table, two for a LEOS mandate), and what else the file holds: the numbered rows
of a four-column table, the amendments of an amendment list, how much of the file's text was
placed (`Coverage`), and warnings for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, point or indent inside a provision.

    `num` is the number as printed ("1.", "(a)", "–"), `level` the nesting depth (0 for a
    paragraph, 1 for its points, ...). `markers` carries structure a format adds on top of the
    words, e.g. LEOS soft actions or recast arrows: `{"origin": "cn", "softaction": "add"}`.
    """

    text: str
    num: str = ""
    level: int = 0
    markers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MarkedRun:
    """A stretch of a provision's text as a marked-up document shows it.

    `op` is "equal" (plain text), "insert" (added against the base: bold in a Council text,
    bold italic in an EP amendment) or "delete" (struck through, or "deleted": not part of
    the stage's text). `changed` marks text underlined as changed since the previous
    compromise. Joining the text of the non-delete runs gives the provision's `text`; joining
    the non-insert runs gives the base text the document was marked against.
    """

    op: str
    text: str
    changed: bool = False
    # The base provision this text comes from when it is not the provision's own base
    # (its label, e.g. "Article 57" inside an Article 56 that merged both); "" otherwise.
    base: str = ""


@dataclass(frozen=True, slots=True)
class ParsedProvision:
    """One provision as printed in one document.

    `label` is the provision's name as printed in this stage ("Article 5a", "Recital 12",
    "Annex I"); `number` the bare number ("5a", "12", "I"). `text` is plain text, paragraphs
    separated by "\\n", footnote markers removed. `path` is the chapter/section headings
    above it, outermost first.
    """

    kind: str
    number: str
    label: str
    text: str
    heading: str = ""
    path: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    footnotes: tuple[str, ...] = ()
    markers: dict[str, Any] = field(default_factory=dict)
    # The document's own change marks against its base, when it has them (see MarkedRun).
    marks: tuple[MarkedRun, ...] = ()
    # Where this text came from inside a composite document: the EP amendments that produced
    # it, the rows of a four-column table it was joined from.
    amendments: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedStage:
    """The text of one stage as found in a file.

    Most files hold one stage (`name` None). A multi-column table or a LEOS mandate holds
    several; then `name` is the column heading or the origin ("Commission", "Council").
    """

    provisions: tuple[ParsedProvision, ...]
    format: str
    name: str | None = None
    title: str = ""
    language: str = "en"
    meta: dict[str, Any] = field(default_factory=dict)
    # Provisions the document shows only as deleted (struck through in full, or a "[deleted]"
    # placeholder): not part of this stage's text, kept to rebuild the marked-against base.
    struck: tuple[ParsedProvision, ...] = ()
    # The stage kind the document states for this stage (a column heading), if any.
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a document's body text landed in provisions.

    `body_words` counts the words of the body (page furniture and footnotes aside),
    `placed_words` those that ended up in some provision, `skipped_words` those in parts
    deliberately left out (`skipped` names them: "explanatory memorandum", ...). A share
    below 99% means text was lost: the import refuses it unless forced.
    """

    body_words: int
    placed_words: int
    skipped_words: int = 0
    skipped: tuple[str, ...] = ()
    # A few stretches of body text that landed nowhere, to show the user what was lost.
    missing: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        if self.body_words <= 0:
            return 1.0
        return min(1.0, (self.placed_words + self.skipped_words) / self.body_words)


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One numbered row of a four-column (3–5 column) document.

    `cells` holds one text per stage column, in column order ("" where the cell is empty or
    says "deleted"); `cell_marks` the marks inside each cell when the document has them.
    `label` is the provision the row belongs to ("Article 16") and `part` the rest of the
    row heading ("first paragraph, point (aa new)").

    `cell_states` says what each cell holds: "text", "empty", "deleted" (the cell says so)
    or "withheld" (not shown in this copy: "COLUMN DELETED" in a partially public
    document). `section` is the title of the part of the document the row is in, `pages`
    the pages it is printed on (a row may run over a page break).
    """

    number: str
    heading: str
    cells: tuple[str, ...]
    status: str | None = None  # "G" | "Y" | "R"
    label: str | None = None
    part: str = ""
    comments: str = ""
    cell_marks: tuple[tuple[MarkedRun, ...], ...] = ()
    cell_states: tuple[str, ...] = ()
    section: str = ""
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Amendment:
    """One amendment of an EP amendment list, as printed.

    `target` is the heading as printed ("Article 7 – paragraph 1 – point a"), `label` the
    provision it amends ("Article 7"; "Recital 1a" for a new one) and `path` the part inside
    it (("paragraph 1", "point a")). `kind` is "modify", "insert" or "delete"; `old` the
    text proposed by the Commission, `new` the amended text, `new_marks` its marked words.
    Both texts are one line per paragraph or point ("\\n" between them), each line with its
    printed number first ("1. ...", "(a) ..."), as a provision's `text` is written.
    """

    number: str
    target: str
    kind: str
    old: str
    new: str
    label: str | None = None
    path: tuple[str, ...] = ()
    new_marks: tuple[MarkedRun, ...] = ()
    justification: str = ""
    members: str = ""
    # The Commission column's own marks: its bold-italic words (those the amendment removes
    # or replaces) as "delete" runs; joining all runs gives `old`.
    old_marks: tuple[MarkedRun, ...] = ()
    # An article's heading as each column prints it, kept out of `old` and `new`.
    old_heading: str = ""
    new_heading: str = ""


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything one file holds, as read: its stages and what comes with them."""

    stages: tuple[ParsedStage, ...]
    rows: tuple[ParsedRow, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    coverage: Coverage | None = None
    warnings: tuple[str, ...] = ()
    # Facts about the file itself: its document number, a LIMITE marking in the page
    # furniture, a release stamp, the marking convention stated in its introduction, ...
    meta: dict[str, Any] = field(default_factory=dict)
