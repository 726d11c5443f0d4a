"""The concern ledger as the exports read it: concerns of a dossier with statuses and evidence.

Statuses follow the ledger's rule: the newest assessment of a concern in a stage is its
status there; `resolved_in` is the first stage from which it stays resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from eu_posities.errors import NotFound
from eu_posities.models import Assessment, Concern, ConcernDossier, ConcernLink, Dossier, Stage


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
    links: tuple[tuple[str, str], ...]  # (stage key, provision label), not rejected
    status_by_stage: dict[str, str]
    resolved_in: str | None
    history: tuple[AssessmentRow, ...]  # oldest first

    def title(self, lang: str) -> str:
        return (
            (self.title_en or self.title_nl) if lang == "en" else (self.title_nl or self.title_en)
        )

    def links_in(self, stage_key: str) -> set[str]:
        return {label for stage, label in self.links if stage == stage_key}


def concerns_of(
    *, session: Session, dossier: Dossier, stages: list[Stage], concern_key: str | None = None
) -> list[ConcernRow]:
    """The concerns of `dossier` (ordered by key); `stages` in negotiation order."""
    query = (
        select(Concern)
        .join(ConcernDossier, col(ConcernDossier.concern_id) == Concern.id)
        .where(ConcernDossier.dossier_id == dossier.id)
        .order_by(Concern.key)
    )
    concerns = list(session.exec(query))
    if concern_key is not None:
        concerns = [c for c in concerns if c.key == concern_key]
        if not concerns:
            known = ", ".join(c.key for c in session.exec(query)) or "none"
            raise NotFound(f"unknown concern {concern_key!r} for {dossier.key!r} (known: {known})")
    by_id = {s.id: s for s in stages}
    order = {s.key: i for i, s in enumerate(stages)}
    rows = []
    for concern in concerns:
        links = session.exec(
            select(ConcernLink)
            .where(ConcernLink.concern_id == concern.id, ConcernLink.state != "rejected")
            .order_by(col(ConcernLink.id))
        ).all()
        assessments = session.exec(
            select(Assessment)
            .where(Assessment.concern_id == concern.id)
            .order_by(col(Assessment.id))
        ).all()
        history = tuple(
            AssessmentRow(
                stage=by_id[a.stage_id].key,
                status=a.status,
                evidence=a.evidence,
                document=a.evidence_document,
                location=a.evidence_location,
                note=a.note,
                author=a.author,
                at=a.at.strftime("%Y-%m-%d %H:%M") if a.at else "",
            )
            for a in assessments
            if a.stage_id in by_id
        )
        latest: dict[str, str] = {}
        for row in history:
            latest[row.stage] = row.status
        status_by_stage = dict(sorted(latest.items(), key=lambda kv: order[kv[0]]))
        resolved_in = resolved_from(status_by_stage)
        rows.append(
            ConcernRow(
                key=concern.key,
                title_nl=concern.title_nl,
                title_en=concern.title_en,
                position_nl=concern.position_nl,
                position_source=concern.position_source,
                links=tuple(
                    (by_id[lk.stage_id].key, lk.label) for lk in links if lk.stage_id in by_id
                ),
                status_by_stage=status_by_stage,
                resolved_in=resolved_in,
                history=history,
            )
        )
    return rows


def resolved_from(statuses: dict[str, str]) -> str | None:
    """The first stage from which the concern stays resolved in every later assessed stage."""
    first: str | None = None
    for stage_key, status in reversed(list(statuses.items())):
        if status != "resolved":
            break
        first = stage_key
    return first


def current_status(row: ConcernRow) -> str:
    """The status in the latest assessed stage ('' when never assessed)."""
    return list(row.status_by_stage.values())[-1] if row.status_by_stage else ""
