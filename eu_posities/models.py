"""The data model: dossiers, their stages and provisions, alignment overrides, the concern ledger.

One work (a dossier) has many expressions (stages); a stage holds its provisions in document
order. Alignment overrides and concern links refer to provisions by *label* within a stage,
not by row id, so that a user's confirmed matches and links survive re-imports of a stage.
Alignments themselves are computed when asked for, never stored.
Assessments and the change log are append-only: history is never rewritten.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    # Whole seconds: backups must round-trip identically through SQLite and PostgreSQL.
    return datetime.now(UTC).replace(microsecond=0)


def _json() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Dossier(SQLModel, table=True):
    """One legislative file, e.g. the CSA Regulation, 2022/0155(COD)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=80)
    title: str = Field(sa_column=Column(Text, nullable=False))
    procedure: str = Field(default="", max_length=40)
    commission_ref: str = Field(default="", max_length=80)
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Stage(SQLModel, table=True):
    """One position on the text, from one document (a column of the four-column view)."""

    __table_args__ = (UniqueConstraint("dossier_id", "key", name="uq_stage_dossier_key"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=80)
    kind: str = Field(max_length=40)
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    date: str = Field(default="", max_length=10)  # ISO date as published; may be unknown
    ref: str = Field(default="", max_length=120)  # document reference: COM(2022) 209 final
    language: str = Field(default="en", max_length=8)
    # Provenance of the imported text; empty while the stage is only known, not imported.
    source_name: str = Field(default="", max_length=255)
    source_format: str = Field(default="", max_length=40)
    source_sha256: str = Field(default="", max_length=64)
    imported_at: datetime | None = None
    imported_by: str = Field(default="", max_length=120)
    limite: bool = False
    fictional: bool = False
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    meta: dict[str, Any] = _json()


class Provision(SQLModel, table=True):
    """One article, recital, annex, ... of one stage, as printed there."""

    __table_args__ = (
        Index("ix_provision_stage_ordinal", "stage_id", "ordinal"),
        Index("ix_provision_stage_label", "stage_id", "label"),
    )

    id: int | None = Field(default=None, primary_key=True)
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    ordinal: int
    kind: str = Field(max_length=20)
    number: str = Field(default="", max_length=20)
    label: str = Field(max_length=80)
    heading: str = Field(default="", sa_column=Column(Text, nullable=False))
    path: list[str] = _json_list()  # chapter/section headings, outermost first
    text: str = Field(sa_column=Column(Text, nullable=False))
    blocks: list[dict[str, Any]] = _json_list()  # paragraphs and points with num and level
    footnotes: list[str] = _json_list()
    markers: dict[str, Any] = _json()
    # The document's own change marks against its base ({"op", "text", "changed"} runs), and
    # where the text came from inside a composite document: EP amendment numbers, the rows
    # of a four-column document.
    marks: list[dict[str, Any]] = _json_list()
    amendments: list[str] = _json_list()
    rows: list[str] = _json_list()


class Amendment(SQLModel, table=True):
    """One amendment of an EP amendment list, kept with the stage it was applied to make."""

    __table_args__ = (Index("ix_amendment_stage_ordinal", "stage_id", "ordinal"),)

    id: int | None = Field(default=None, primary_key=True)
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    ordinal: int
    number: str = Field(max_length=20)
    target: str = Field(sa_column=Column(Text, nullable=False))
    label: str | None = Field(default=None, max_length=80)
    path: list[str] = _json_list()
    kind: str = Field(max_length=20)  # modify | insert | delete
    old: str = Field(default="", sa_column=Column(Text, nullable=False))
    new: str = Field(default="", sa_column=Column(Text, nullable=False))
    new_marks: list[dict[str, Any]] = _json_list()
    justification: str = Field(default="", sa_column=Column(Text, nullable=False))
    members: str = Field(default="", sa_column=Column(Text, nullable=False))
    applied: bool = False
    problem: str = Field(default="", sa_column=Column(Text, nullable=False))


class DocumentRow(SQLModel, table=True):
    """One numbered row of a four-column (3–5 column) document, with the cell of each stage.

    The stages it was read into are named by key in `cells`, so the row survives as long as
    those stages keep the document's text (a re-import of one of them replaces its rows).
    """

    __table_args__ = (Index("ix_documentrow_dossier_ordinal", "dossier_id", "ordinal"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", ondelete="CASCADE")
    source_sha256: str = Field(default="", max_length=64)
    ordinal: int
    number: str = Field(max_length=20)
    status: str | None = Field(default=None, max_length=1)  # G | Y | R
    heading: str = Field(default="", sa_column=Column(Text, nullable=False))
    label: str | None = Field(default=None, max_length=80)
    part: str = Field(default="", sa_column=Column(Text, nullable=False))
    cells: dict[str, str] = _json()  # stage key -> the cell's text ("" when not in it)
    # stage key -> what the cell holds: text, empty, deleted, withheld ("COLUMN DELETED")
    states: dict[str, str] = _json()
    comments: str = Field(default="", sa_column=Column(Text, nullable=False))
    section: str = Field(default="", sa_column=Column(Text, nullable=False))
    pages: list[int] = _json_list()


class Note(SQLModel, table=True):
    """A negotiator's note on a provision of a stage (shown in the exports' comments column)."""

    __table_args__ = (Index("ix_note_dossier_stage_label", "dossier_id", "stage", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", ondelete="CASCADE")
    stage: str = Field(max_length=80)
    label: str = Field(max_length=80)
    text: str = Field(sa_column=Column(Text, nullable=False))
    author: str = Field(default="", max_length=120)
    at: datetime = Field(default_factory=utcnow)


class AlignmentOverride(SQLModel, table=True):
    """A match a user confirmed or imposed; it wins over any computed alignment.

    Keyed by stage keys and labels so it survives a re-import of either stage.
    """

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True, ondelete="CASCADE")
    from_stage: str = Field(max_length=80)
    to_stage: str = Field(max_length=80)
    from_label: str | None = Field(default=None, max_length=80)
    to_label: str | None = Field(default=None, max_length=80)
    active: bool = True
    author: str = Field(default="", max_length=120)
    at: datetime = Field(default_factory=utcnow)


class Concern(SQLModel, table=True):
    """A Dutch negotiating point, e.g. `vog` or `detectiebevel`."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=80)
    title_nl: str = Field(sa_column=Column(Text, nullable=False))
    title_en: str = Field(default="", sa_column=Column(Text, nullable=False))
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    position_nl: str = Field(default="", sa_column=Column(Text, nullable=False))
    position_source: str = Field(default="", sa_column=Column(Text, nullable=False))
    terms: list[str] = _json_list()  # search terms, English and Dutch
    created_by: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


class ConcernDossier(SQLModel, table=True):
    """A concern may span several dossiers."""

    concern_id: int = Field(foreign_key="concern.id", primary_key=True, ondelete="CASCADE")
    dossier_id: int = Field(foreign_key="dossier.id", primary_key=True, ondelete="CASCADE")


class ConcernLink(SQLModel, table=True):
    """A concern tied to a provision of a stage: suggested, confirmed or rejected."""

    __table_args__ = (
        UniqueConstraint("concern_id", "stage_id", "label", name="uq_concernlink"),
        Index("ix_concernlink_stage", "stage_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(foreign_key="concern.id", index=True, ondelete="CASCADE")
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    label: str = Field(max_length=80)
    state: str = Field(default="suggested", max_length=20)  # suggested|confirmed|rejected
    score: float = 0.0
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    author: str = Field(default="", max_length=120)
    at: datetime = Field(default_factory=utcnow)


class Assessment(SQLModel, table=True):
    """Where a concern stands in one stage. Append-only: the newest row is the current one."""

    __table_args__ = (Index("ix_assessment_concern_stage", "concern_id", "stage_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(foreign_key="concern.id", ondelete="CASCADE")
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    status: str = Field(max_length=20)  # open|partly|resolved|dropped
    evidence: str = Field(default="", sa_column=Column(Text, nullable=False))
    evidence_document: str = Field(default="", sa_column=Column(Text, nullable=False))
    evidence_location: str = Field(default="", max_length=120)  # provision or paragraph
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    author: str = Field(default="", max_length=120)
    at: datetime = Field(default_factory=utcnow)
    # The assessment this one replaces, as the author saw it: the optimistic concurrency check.
    supersedes_id: int | None = Field(default=None)


class Alert(SQLModel, table=True):
    """A concern whose linked provisions changed in a newly imported stage."""

    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(foreign_key="concern.id", index=True, ondelete="CASCADE")
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    label: str = Field(max_length=80)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    flags: list[dict[str, Any]] = _json_list()
    at: datetime = Field(default_factory=utcnow)
    seen: bool = False


class ChangeLog(SQLModel, table=True):
    """Who changed what, when. Append-only."""

    __table_args__ = (Index("ix_changelog_dossier_at", "dossier_key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    author: str = Field(default="", max_length=120, index=True)
    action: str = Field(max_length=40)
    dossier_key: str = Field(default="", max_length=80)
    subject: str = Field(default="", sa_column=Column(Text, nullable=False))
    detail: dict[str, Any] = _json()


# Every table, in an order that satisfies foreign keys (backup, restore and tests use it).
TABLES: tuple[type[SQLModel], ...] = (
    Dossier,
    Stage,
    Provision,
    Amendment,
    DocumentRow,
    Note,
    AlignmentOverride,
    Concern,
    ConcernDossier,
    ConcernLink,
    Assessment,
    Alert,
    ChangeLog,
)
