"""Assessing: the concern ledger's use cases (assess, link, add, suggest, positions).

Each write is one transaction; an assessment checks that nobody assessed the same concern
and stage since the user looked (`expected`), and raises `Conflict` if someone did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eu_posities.concerns.ledger import UNCHECKED
from eu_posities.readmodels import AssessmentEntry
from eu_posities.services.tx import reading, writing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from eu_posities.concerns.positions import PositionProposal
    from eu_posities.concerns.suggest import Suggestion

__all__ = ["UNCHECKED", "add_concern", "assess", "link", "positions", "suggest", "unlink"]


def assess(
    engine: Engine,
    dossier: str,
    concern: str,
    stage: str,
    *,
    status: str,
    author: str,
    evidence: str = "",
    source: str = "",
    location: str = "",
    note: str = "",
    expected: Any = UNCHECKED,
) -> AssessmentEntry:
    """Record where a concern stands in a stage (a new entry: the history is kept).

    `expected` is the id of the assessment the user saw (None: none yet); if it is no longer
    the current one, `Conflict` says who changed it meanwhile. `UNCHECKED` skips the check.
    """
    from eu_posities.concerns.ledger import assess as record

    def work(session: Session) -> AssessmentEntry:
        row = record(
            session=session,
            dossier_key=dossier,
            concern_key=concern,
            stage_key=stage,
            status=status,
            evidence=evidence,
            evidence_document=source,
            evidence_location=location,
            note=note,
            author=author,
            expected_current_id=expected,
        )
        return AssessmentEntry(
            id=row.id or 0,
            stage=stage,
            status=row.status,
            evidence=row.evidence,
            evidence_document=row.evidence_document,
            evidence_location=row.evidence_location,
            note=row.note,
            author=row.author,
            at=row.at,
            supersedes=row.supersedes_id,
        )

    return writing(engine, work)


def link(
    engine: Engine,
    dossier: str,
    concern: str,
    stage: str,
    label: str,
    *,
    author: str,
    state: str = "confirmed",
) -> str:
    """Tie a concern to a provision (or mark it rejected); returns the label as stored."""
    from eu_posities.concerns.ledger import link_provision

    def work(session: Session) -> str:
        row = link_provision(
            session=session,
            dossier_key=dossier,
            concern_key=concern,
            stage_key=stage,
            label=label,
            state=state,
            author=author,
        )
        return row.label

    return writing(engine, work)


def unlink(
    engine: Engine, dossier: str, concern: str, stage: str, label: str, *, author: str
) -> None:
    from eu_posities.concerns.ledger import unlink as remove

    writing(
        engine,
        lambda s: remove(
            session=s,
            dossier_key=dossier,
            concern_key=concern,
            stage_key=stage,
            label=label,
            author=author,
        ),
    )


def add_concern(
    engine: Engine,
    key: str,
    *,
    title: str,
    dossiers: Sequence[str],
    author: str,
    title_en: str = "",
    description: str = "",
    terms: Sequence[str] = (),
    position: str = "",
    source: str = "",
) -> None:
    from eu_posities.concerns.ledger import add_concern as add

    writing(
        engine,
        lambda s: add(
            session=s,
            key=key,
            title_nl=title,
            title_en=title_en,
            description=description,
            position_nl=position,
            position_source=source,
            terms=list(terms),
            dossiers=list(dossiers),
            author=author,
        ),
    )


def suggest(
    engine: Engine,
    dossier: str,
    stage: str,
    *,
    concern: str | None = None,
    threshold: float = 0.3,
    limit: int = 10,
    accept_as: str | None = None,
) -> list[Suggestion]:
    """Which provisions of a stage concern which concern; `accept_as` author stores them."""
    from eu_posities.concerns.suggest import accept, suggest_stage

    def work(session: Session) -> list[Suggestion]:
        found = suggest_stage(
            session=session,
            dossier_key=dossier,
            stage_key=stage,
            concern_key=concern,
            threshold=threshold,
            limit=limit,
        )
        if accept_as is not None:
            accept(
                session=session,
                dossier_key=dossier,
                stage_key=stage,
                suggestions=found,
                author=accept_as,
            )
        return found

    if accept_as is not None:
        return writing(engine, work)
    with reading(engine) as session:
        return work(session)


def positions(
    engine: Engine,
    dossier: str,
    stage: str,
    *,
    apply_as: str | None = None,
    overwrite: bool = False,
) -> list[PositionProposal]:
    """Each concern's Dutch position proposed from a fiche; `apply_as` author stores them."""
    from eu_posities.concerns.positions import apply_positions, propose_from_stage

    if apply_as is not None:
        return writing(
            engine,
            lambda s: apply_positions(
                session=s,
                dossier_key=dossier,
                stage_key=stage,
                author=apply_as,
                overwrite=overwrite,
            ),
        )
    with reading(engine) as session:
        return propose_from_stage(session=session, dossier_key=dossier, stage_key=stage)
