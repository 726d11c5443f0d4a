"""The export model: what every renderer reads (stages, rows, cells of marked runs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from eu_posities.exports.i18n import stage_name

# Kinds of run inside a cell, marked against the older text:
#   plain      unchanged text
#   ins        inserted text (bold italic in Word)
#   del        deleted text (struck through)
#   moved_in   text that arrived from another provision (`note` says from where)
#   moved_out  text that left for another provision (`note` says where to)
#   break      a paragraph break inside the provision
# `stage` is the key of the stage that made an ins/del/moved change (the Word revision's
# author); `move` pairs the two ends of one move ("" when the run is not a move's end).
RUN_KINDS = ("plain", "ins", "del", "moved_in", "moved_out", "break")

# Marks of a whole cell: the provision is "new" (absent from the first column), "deleted"
# (gone in this stage), "absent" (neither here nor in the first column), "merged" (its text
# is shown in the row of the provision it was merged with).
CELL_MARKS = ("", "new", "deleted", "absent", "merged")

# The four-column layout's header: fixed keys (not words of one language) beside the stage
# keys, so that a table written by the tool reads back into it as it was written.
ROW_KEY, HEADING_KEY, STATUS_KEY, COMMENTS_KEY = "row", "heading", "status", "comments"


@dataclass(frozen=True, slots=True)
class Run:
    kind: str
    text: str
    note: str = ""
    stage: str = ""
    move: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """One provision in one stage; `label` is set when it differs from the row label."""

    runs: tuple[Run, ...] = ()
    mark: str = ""
    label: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class StageInfo:
    key: str
    kind: str
    title: str
    date: str
    ref: str
    limite: bool = False
    fictional: bool = False
    rebuilt_from: str = ""  # the file whose marks the text was rebuilt from
    # A column withheld from a public copy of a four-column document on some of its rows.
    withheld_rows: int = 0
    rows: int = 0

    def name(self, lang: str) -> str:
        return stage_name(self.key, self.kind, lang, self.fictional)

    def prose(self, lang: str) -> str:
        """The name inside a sentence, with its article: "de algemene oriëntatie van de Raad"."""
        return stage_name(self.key, self.kind, lang, self.fictional, prose=True)


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the comparison: one provision, or (four-column layout) one paragraph or point.

    In the four-column layout `label` is the row heading ("Article 7(1)(a)"), `number` the
    row number, `status` G/Y/R from the dossier's imported four-column rows ("" if none),
    `provision` the provision the row belongs to, and `opens` true for the row that opens a
    provision (its label and heading).
    """

    label: str
    cells: tuple[Cell, ...]
    concerns: str = ""
    heading: str = ""  # the provision's heading in the first stage, e.g. "Subject matter"
    number: str = ""
    status: str = ""
    provision: str = ""
    opens: bool = False


@dataclass(frozen=True, slots=True)
class DossierInfo:
    key: str
    title: str
    procedure: str
    commission_ref: str = ""


@dataclass(frozen=True, slots=True)
class ComparisonTable:
    """The multi-column comparison: one column per stage, changes marked against the first."""

    dossier: DossierInfo
    stages: tuple[StageInfo, ...]
    rows: tuple[Row, ...]
    generated: str
    lang: str = "en"
    with_concerns: bool = False
    layout: str = "provisions"  # or "rows": the four-column layout, one row per paragraph
    with_status: bool = False  # a G/Y/R column (rows imported from a four-column document)
    author: str = ""
    attributed: bool = False  # changes carry the stage that introduced them (3+ stages)


@dataclass(frozen=True, slots=True)
class Stand:
    """Where a concern stood in one stage: the assessment in words, its quote and source."""

    stage: str  # the stage's name
    date: str  # written out ("13 december 2024"), "" if unknown
    status: str
    quote: str  # "" when it would repeat the position quoted above
    source: str  # document and place of the quote
    note: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One assessment as the ledger recorded it (the memo's annex, not its body)."""

    concern: str
    stage: str
    status: str
    author: str
    at: str


@dataclass(frozen=True, slots=True)
class Redline:
    """One aligned pair between two consecutive stages, as runs of the newer text."""

    from_stage: str
    to_stage: str
    from_label: str | None
    to_label: str | None
    status: str
    runs: tuple[Run, ...]
    flags: tuple[str, ...] = ()  # in words: "‘shall’ is vervangen door ‘may’ (…)"
    to_prose: str = ""  # the newer stage inside a sentence ("het mandaat van de Raad")


@dataclass(frozen=True, slots=True)
class ConcernSection:
    """One Dutch concern in the memo: the position, where it stood per stage, what changed in
    the text, the balance of power when noted, and what to say."""

    key: str
    title: str
    position: str
    position_source: str
    provisions: str  # the linked provisions in words ("artikel 7 en artikel 8 van …")
    stands: tuple[Stand, ...]
    status_by_stage: dict[str, str]
    current_status: str
    resolved_in: str | None  # the stage's name in a sentence ("de algemene oriëntatie …")
    redlines: tuple[Redline, ...]
    no_redlines: str = ""  # why there are none, when there are none
    unchanged: str = ""  # the linked provisions left as they were, in one sentence
    forces: tuple[str, ...] = ()  # krachtenveld: what the ledger noted on it
    points: tuple[str, ...] = ()  # spreekpunten

    @property
    def heading(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True)
class MemoHeader:
    """The block above a ministerial note: Aan, Van, Datum, Kenmerk, Rubricering, Onderwerp."""

    to: str
    sender: str
    date: str  # written out
    reference: str
    classification: str  # "" when none applies
    subject: str


@dataclass(frozen=True, slots=True)
class PositionMemo:
    dossier: DossierInfo
    stages: tuple[StageInfo, ...]
    concerns: tuple[ConcernSection, ...]
    author: str
    date: str
    generated: str
    lang: str = "nl"
    header: MemoHeader | None = None
    occasion: tuple[str, ...] = ()  # aanleiding: paragraphs
    core: tuple[str, ...] = ()  # kern: where the concerns stand, in a few lines
    decisions: tuple[str, ...] = ()  # beslispunten
    history: tuple[HistoryEntry, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
