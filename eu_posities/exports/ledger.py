"""The concern ledger as the exports read it: concerns of a dossier with statuses and evidence.

Everything comes from `eu_posities.concerns.ledger`: the newest assessment per stage is the
status there, and `resolved_in` follows the ledger's own rule, so exports, CLI and TUI agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from eu_posities.concerns.ledger import (
    assessments,
    get_concern_in,
    list_concerns,
    list_links,
    resolved_in,
    status_by_stage,
)
from eu_posities.models import Dossier, Stage


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    stage: str
    status: str
    evidence: str
    document: str
    location: str
    note: str
    author: str
    at: str


@dataclass(frozen=True, slots=True)
class ConcernRow:
    key: str
    title_nl: str
    title_en: str
    position_nl: str
    position_source: str
    links: tuple[tuple[str, str], ...]  # (stage key, provision label), suggested or confirmed
    status_by_stage: dict[str, str]
    resolved_in: str | None
    history: tuple[AssessmentRow, ...]  # oldest first

    def title(self, lang: str) -> str:
        if lang == "en":
            return self.title_en or self.title_nl
        return self.title_nl or self.title_en

    def links_in(self, stage_key: str) -> set[str]:
        return {label for stage, label in self.links if stage == stage_key}


def concerns_of(
    *, session: Session, dossier: Dossier, stages: list[Stage], concern_key: str | None = None
) -> list[ConcernRow]:
    """The concerns tracked in `dossier` (by key); `stages` are the dossier's, in order."""
    if concern_key is not None:
        concerns = [get_concern_in(session=session, dossier=dossier, key=concern_key)]
    else:
        concerns = list_concerns(session=session, dossier=dossier)
    keys = {s.id: s.key for s in stages}
    rows = []
    for concern in concerns:
        statuses = status_by_stage(session=session, concern=concern, dossier=dossier)
        history = tuple(
            AssessmentRow(
                stage=stage.key,
                status=row.status,
                evidence=row.evidence,
                document=row.evidence_document,
                location=row.evidence_location,
                note=row.note,
                author=row.author,
                at=row.at.strftime("%Y-%m-%d %H:%M") if row.at else "",
            )
            for stage, row in assessments(session=session, concern=concern, dossier=dossier)
        )
        rows.append(
            ConcernRow(
                key=concern.key,
                title_nl=concern.title_nl,
                title_en=concern.title_en,
                position_nl=concern.position_nl,
                position_source=concern.position_source,
                links=tuple(
                    (keys[link.stage_id], link.label)
                    for link in list_links(session=session, concern=concern)
                    if link.stage_id in keys
                ),
                status_by_stage=statuses,
                resolved_in=resolved_in(statuses),
                history=history,
            )
        )
    return rows


def resolved_from(statuses: dict[str, str]) -> str | None:
    """The ledger's `resolved_in` over a subset of stages (e.g. without fictional ones)."""
    return resolved_in(statuses)


def current_status(row: ConcernRow) -> str:
    """The status in the latest assessed stage ('' when never assessed)."""
    return list(row.status_by_stage.values())[-1] if row.status_by_stage else ""
