"""Read models: what the CLI, the TUI and the exports show, as frozen dataclasses.

Built by `eu_posities.services.reading` from the database in one read transaction, then
handed to whichever edge shows them. They stay typed until the edge: `to_json()` gives the
contract's JSON shapes and is called only where `--json` is printed (or a file is written).
Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from eu_posities.kinds import COMMENTARY_KINDS, ConcernStatus

if TYPE_CHECKING:
    from eu_posities.models import Stage


def _iso(at: datetime | None) -> str:
    return at.isoformat() if at else ""


@dataclass(frozen=True, slots=True)
class StageSummary:
    """One stage of a dossier: what it is, where its text came from, how to treat it."""

    key: str
    kind: str
    date: str
    ref: str
    provisions: int
    title: str = ""
    language: str = "en"
    limite: bool = False
    fictional: bool = False
    source: str = ""
    format: str = ""
    note: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, stage: Stage, provisions: int) -> StageSummary:
        """The summary of a stored stage that holds `provisions` provisions."""
        return cls(
            key=stage.key,
            kind=stage.kind,
            date=stage.date,
            ref=stage.ref,
            provisions=provisions,
            title=stage.title,
            language=stage.language,
            limite=stage.limite,
            fictional=stage.fictional,
            source=stage.source_name,
            format=stage.source_format,
            note=stage.note,
            meta=dict(stage.meta or {}),
        )

    @property
    def imported(self) -> bool:
        return self.provisions > 0

    @property
    def is_commentary(self) -> bool:
        """A fiche or a letter comments on the text: it is never a column of text."""
        return self.kind in COMMENTARY_KINDS

    @property
    def rebuilt_from(self) -> str:
        """The file whose marks this stage's text was rebuilt from ('' for a real text)."""
        return str(self.meta.get("rebuilt_from", ""))

    @property
    def partial(self) -> str:
        """Why the stage's text is incomplete in its document ('' if it is whole): a column
        withheld from a public copy of a four-column document on some of its rows."""
        return str(self.meta.get("partial", ""))

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "date": self.date,
            "ref": self.ref,
            "provisions": self.provisions,
            "imported": self.imported,
            "title": self.title,
            "language": self.language,
            "limite": self.limite,
            "fictional": self.fictional,
            "source": self.source,
            "format": self.format,
            "note": self.note,
            **({"rebuilt_from": self.rebuilt_from} if self.rebuilt_from else {}),
            **({"partial": self.partial} if self.partial else {}),
        }


@dataclass(frozen=True, slots=True)
class ConcernTally:
    """How many concerns a dossier tracks, how many are resolved and how many still open."""

    concerns: int = 0
    resolved: int = 0
    open: int = 0


@dataclass(frozen=True, slots=True)
class DossierSummary:
    key: str
    title: str
    procedure: str
    commission_ref: str
    stages: tuple[StageSummary, ...] = ()
    tally: ConcernTally = ConcernTally()

    @property
    def stages_with_text(self) -> int:
        return sum(1 for s in self.stages if s.imported)

    def stage(self, key: str) -> StageSummary | None:
        return next((s for s in self.stages if s.key == key), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "procedure": self.procedure,
            "commission_ref": self.commission_ref,
            "stages": len(self.stages),
            "stages_with_text": self.stages_with_text,
        }


@dataclass(frozen=True, slots=True)
class ProvisionView:
    """One provision of one stage, as printed there."""

    kind: str
    number: str
    label: str
    heading: str
    text: str
    path: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    amendments: tuple[str, ...] = ()  # the EP amendments that made this text
    rows: tuple[str, ...] = ()  # the four-column rows it was joined from
    marked: bool = False  # the document marked its changes (see `eup diff --as-marked`)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "number": self.number,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "path": list(self.path),
            "footnotes": list(self.footnotes),
        }
        if self.amendments:
            data["amendments"] = list(self.amendments)
        if self.rows:
            data["rows"] = list(self.rows)
        if self.marked:
            data["marked"] = True
        return data


@dataclass(frozen=True, slots=True)
class AssessmentEntry:
    """One assessment of a concern in one stage (the ledger is append-only)."""

    id: int
    stage: str
    status: str
    evidence: str
    evidence_document: str
    evidence_location: str
    note: str
    author: str
    at: datetime | None
    supersedes: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "stage": self.stage,
            "status": self.status,
            "evidence": self.evidence,
            "evidence_document": self.evidence_document,
            "evidence_location": self.evidence_location,
            "note": self.note,
            "author": self.author,
            "at": _iso(self.at),
            "supersedes": self.supersedes,
        }


@dataclass(frozen=True, slots=True)
class LinkEntry:
    """A concern tied to a provision of a stage (suggested or confirmed)."""

    stage: str
    provision: str
    state: str
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "provision": self.provision,
            "state": self.state,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class AlertEntry:
    """A concern whose linked provision changed in a newly imported stage."""

    concern: str
    stage: str
    provision: str
    summary: str
    flags: tuple[Mapping[str, Any], ...]
    at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "concern": self.concern,
            "stage": self.stage,
            "provision": self.provision,
            "summary": self.summary,
            "flags": [dict(f) for f in self.flags],
            "at": _iso(self.at),
        }


def resolved_in(statuses: Mapping[str, str]) -> str | None:
    """The first stage from which the concern stays resolved in every later assessed stage.

    `statuses` is in stage order (as `status_by_stage` gives it).
    """
    first: str | None = None
    for stage_key, status in reversed(list(statuses.items())):
        if status != "resolved":
            break
        first = stage_key
    return first


@dataclass(frozen=True, slots=True)
class ConcernRecord:
    """A concern in one dossier: the position, the links, the status per stage, the history.

    `status_by_stage` holds the newest assessment's status per assessed stage, in the
    dossier's stage order; `resolved_in` follows the ledger's rule (the first stage from
    which the concern stays resolved).
    """

    key: str
    dossier: str
    title_nl: str
    title_en: str
    status_by_stage: Mapping[str, str]
    resolved_in: str | None
    links: tuple[LinkEntry, ...] = ()
    history: tuple[AssessmentEntry, ...] = ()  # oldest first
    alerts: tuple[AlertEntry, ...] = ()
    description: str = ""
    position_nl: str = ""
    position_source: str = ""
    terms: tuple[str, ...] = ()
    dossiers: tuple[str, ...] = ()
    # EP amendments that touch a linked provision: (EP stage, provision label, number).
    amendments: tuple[tuple[str, str, str], ...] = ()

    def title(self, lang: str) -> str:
        if lang == "en":
            return self.title_en or self.title_nl
        return self.title_nl or self.title_en

    @property
    def provisions(self) -> tuple[str, ...]:
        """Labels of the linked provisions, each once, in link order."""
        return tuple(dict.fromkeys(link.provision for link in self.links))

    def links_in(self, stage: str) -> set[str]:
        return {link.provision for link in self.links if link.stage == stage}

    @property
    def current(self) -> tuple[AssessmentEntry, ...]:
        """The newest assessment of each assessed stage, in stage order."""
        newest: dict[str, AssessmentEntry] = {}
        for entry in self.history:
            newest[entry.stage] = entry
        return tuple(newest[stage] for stage in self.status_by_stage if stage in newest)

    @property
    def current_status(self) -> str:
        """The status in the latest assessed stage ('' when never assessed)."""
        return list(self.status_by_stage.values())[-1] if self.status_by_stage else ""

    @property
    def is_open(self) -> bool:
        return not self.current_status or ConcernStatus(self.current_status).is_open

    def to_json(self) -> dict[str, Any]:
        """The contract's `concerns list` row."""
        return {
            "key": self.key,
            "title": self.title_nl,
            "title_en": self.title_en,
            "dossier": self.dossier,
            "provisions": list(self.provisions),
            "status_by_stage": dict(self.status_by_stage),
            "resolved_in": self.resolved_in,
        }

    def detail_json(self) -> dict[str, Any]:
        """`concerns show`: the row plus position, links, current assessments and alerts."""
        return {
            **self.to_json(),
            "description": self.description,
            "position_nl": self.position_nl,
            "position_source": self.position_source,
            "terms": list(self.terms),
            "dossiers": list(self.dossiers),
            "links": [link.to_json() for link in self.links],
            "current": [entry.to_json() for entry in self.current],
            "alerts": [alert.to_json() for alert in self.alerts],
            "amendments": [
                {"stage": stage, "provision": label, "number": number}
                for stage, label, number in self.amendments
            ],
        }


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One line of the change log: who changed what, when."""

    at: datetime | None
    author: str
    action: str
    dossier: str
    subject: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "at": _iso(self.at),
            "author": self.author,
            "action": self.action,
            "dossier": self.dossier,
            "subject": self.subject,
            "detail": dict(self.detail),
        }


# What surrounds each matched word in a search snippet.
SNIPPET_MARK = "**"


@dataclass(frozen=True, slots=True)
class StageHit:
    """A stage in which a provision matches a search, with that stage's warnings."""

    stage: str
    limite: bool = False
    fictional: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "limite": self.limite, "fictional": self.fictional}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A provision (a label in a dossier) that matches a search, listed once for all stages.

    `stages` are the stages in which it matches, in negotiation order; `stage` is the best of
    them (the best-ranked text; of equals, a stage that is not fictional, then the latest),
    whose flags, heading and snippet are shown. The snippet has the matched words between marks.
    """

    dossier: str
    stage: str
    provision: str
    snippet: str
    kind: str
    heading: str
    rank: float
    limite: bool = False
    fictional: bool = False
    stages: tuple[StageHit, ...] = ()
    language: str | None = None  # the stemming language of `stage` (for marking its text)

    def to_json(self) -> dict[str, Any]:
        return {
            "result": "provision",
            "dossier": self.dossier,
            "stage": self.stage,
            "provision": self.provision,
            "snippet": self.snippet,
            "kind": self.kind,
            "heading": self.heading,
            "rank": self.rank,
            "limite": self.limite,
            "fictional": self.fictional,
            "stages": [s.to_json() for s in self.stages],
        }


@dataclass(frozen=True, slots=True)
class ConcernHit:
    """A Dutch concern whose key, titles, position, description or terms match a search."""

    concern: str
    dossier: str  # the first of `dossiers` (or the dossier searched)
    dossiers: tuple[str, ...]
    title: str
    field: str  # where the snippet comes from: title, position, description, terms
    snippet: str
    rank: float

    def to_json(self) -> dict[str, Any]:
        return {
            "result": "concern",
            "dossier": self.dossier,
            "stage": None,
            "provision": None,
            "snippet": self.snippet,
            "kind": "concern",
            "concern": self.concern,
            "title": self.title,
            "field": self.field,
            "dossiers": list(self.dossiers),
            "rank": self.rank,
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    """What a search found: provisions best first (at most the limit) and concerns.

    `more` says the limit cut the list: more provisions match than `hits` holds.
    """

    query: str
    hits: tuple[SearchHit, ...] = ()
    concerns: tuple[ConcernHit, ...] = ()
    more: bool = False

    @property
    def count_text(self) -> str:
        """'50+ provisions' when the limit cut the list, else the real count."""
        count = len(self.hits)
        plural = "" if count == 1 and not self.more else "s"
        text = f"{count}{'+' if self.more else ''} provision{plural}"
        if self.concerns:
            n = len(self.concerns)
            text += f", {n} concern{'' if n == 1 else 's'}"
        return text

    def to_json(self) -> list[dict[str, Any]]:
        """The contract's rows: provisions best first, then the concerns (`result` tells)."""
        return [h.to_json() for h in self.hits] + [c.to_json() for c in self.concerns]


@dataclass(frozen=True, slots=True)
class GridRow:
    """One row of the multi-stage comparison: the provisions that stand for one provision.

    `cells[i]` holds the labels in stage i (several for a split); `status[i]` what became of
    the first stage's provision in stage i (None in the first column; "renumbered" when only
    the label changed).
    """

    key: str
    kind: str
    cells: tuple[tuple[str, ...], ...]
    status: tuple[str | None, ...]

    @property
    def changed(self) -> bool:
        # Renumbering alone is not a change of text: it is marked, but not counted as one.
        return any(s not in (None, "unchanged", "renumbered") for s in self.status[1:])

    @property
    def renumbered(self) -> bool:
        return "renumbered" in self.status

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "cells": [list(c) for c in self.cells],
            "status": list(self.status),
            "changed": self.changed,
            "renumbered": self.renumbered,
        }


@dataclass(frozen=True, slots=True)
class ComparisonGrid:
    """Several stages side by side, rows in the first stage's order (the four-column view)."""

    dossier: str
    stages: tuple[StageSummary, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class AmendmentEntry:
    """One EP amendment as kept with the stage it made (or read from a file, not applied)."""

    number: str
    target: str
    kind: str
    old: str
    new: str
    applied: bool | None  # None: read from a file, applied to nothing
    problem: str = ""
    label: str | None = None
    path: tuple[str, ...] = ()
    justification: str = ""
    members: str = ""

    def to_json(self) -> dict[str, Any]:
        """The contract's row: number, target, kind, old, new, applied, problem (and more)."""
        return {
            "number": self.number,
            "target": self.target,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "applied": self.applied,
            "problem": self.problem or None,
            "label": self.label,
            "path": list(self.path),
            "justification": self.justification,
            "members": self.members,
        }


@dataclass(frozen=True, slots=True)
class RowEntry:
    """One numbered row of a four-column document: its status, heading and each stage's cell."""

    number: str
    status: str | None  # G agreed at technical level, Y subject to checks, R open
    heading: str
    cells: Mapping[str, str]  # stage key -> the cell's text
    states: Mapping[str, str] = field(default_factory=dict)  # text|empty|deleted|withheld
    label: str | None = None
    part: str = ""
    comments: str = ""
    section: str = ""

    def to_json(self) -> dict[str, Any]:
        """The contract's row: row, status, heading, cells (and more)."""
        return {
            "row": self.number,
            "status": self.status,
            "heading": self.heading,
            "cells": dict(self.cells),
            "states": dict(self.states),
            "provision": self.label,
            "part": self.part,
            "comments": self.comments,
            "section": self.section,
        }
