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
RUN_KINDS = ("plain", "ins", "del", "moved_in", "moved_out", "break")

# Marks of a whole cell: the provision is "new" (absent from the first column), "deleted"
# (gone in this stage), "absent" (neither here nor in the first column), "merged" (its text
# is shown in the row of the provision it was merged with).
CELL_MARKS = ("", "new", "deleted", "absent", "merged")


@dataclass(frozen=True, slots=True)
class Run:
    kind: str
    text: str
    note: str = ""


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

    def name(self, lang: str) -> str:
        return stage_name(self.key, self.kind, lang)


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    concerns: str = ""
    heading: str = ""  # the provision's heading in the first stage, e.g. "Subject matter"


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


@dataclass(frozen=True, slots=True)
class Evidence:
    stage: str
    status: str
    quote: str
    document: str
    location: str
    note: str
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
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConcernSection:
    key: str
    title: str
    position: str
    position_source: str
    provisions: tuple[str, ...]
    status_by_stage: dict[str, str]
    current_status: str
    resolved_in: str | None
    evidence: tuple[Evidence, ...]
    redlines: tuple[Redline, ...]

    @property
    def heading(self) -> str:
        """The title, with the key only where it says something the title does not."""
        same = self.key.replace("-", " ").casefold() == self.title.casefold()
        return self.title if same else f"{self.title} ({self.key})"


@dataclass(frozen=True, slots=True)
class PositionMemo:
    dossier: DossierInfo
    stages: tuple[StageInfo, ...]
    concerns: tuple[ConcernSection, ...]
    author: str
    date: str
    generated: str
    lang: str = "nl"
    notes: tuple[str, ...] = field(default_factory=tuple)
