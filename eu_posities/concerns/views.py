"""Read models of the concern ledger for the CLI, the TUI and exports (contract JSON shapes)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from eu_posities.concerns.ledger import (
    assessments,
    concern_dossiers,
    get_concern,
    list_concerns,
    list_links,
    resolved_in,
    status_by_stage,
)
from eu_posities.models import Alert, Concern, Dossier, Stage
from eu_posities.store import get_dossier, list_stages


def _stage_keys(*, session: Session, dossier: Dossier) -> dict[int, str]:
    return {s.id: s.key for s in list_stages(session=session, dossier=dossier) if s.id is not None}


def linked_labels(*, session: Session, concern: Concern, dossier: Dossier) -> list[str]:
    """Labels of the provisions linked (suggested or confirmed) in the dossier's stages."""
    keys = _stage_keys(session=session, dossier=dossier)
    labels: list[str] = []
    for link in list_links(session=session, concern=concern):
        if link.stage_id in keys and link.label not in labels:
            labels.append(link.label)
    return labels


def concern_row(*, session: Session, concern: Concern, dossier: Dossier) -> dict[str, Any]:
    statuses = status_by_stage(session=session, concern=concern, dossier=dossier)
    return {
        "key": concern.key,
        "title": concern.title_nl,
        "title_en": concern.title_en,
        "dossier": dossier.key,
        "provisions": linked_labels(session=session, concern=concern, dossier=dossier),
        "status_by_stage": statuses,
        "resolved_in": resolved_in(statuses),
    }


def concern_rows(*, session: Session, dossier_key: str | None = None) -> list[dict[str, Any]]:
    """`concerns list`: one row per concern in the dossier, or per concern × dossier."""
    if dossier_key:
        dossier = get_dossier(session=session, key=dossier_key)
        return [
            concern_row(session=session, concern=c, dossier=dossier)
            for c in list_concerns(session=session, dossier=dossier)
        ]
    return [
        concern_row(session=session, concern=c, dossier=d)
        for c in list_concerns(session=session)
        for d in concern_dossiers(session=session, concern=c)
    ]


def history_rows(*, session: Session, dossier_key: str, concern_key: str) -> list[dict[str, Any]]:
    """`concerns history`: every assessment in the dossier, oldest first."""
    from eu_posities.concerns.ledger import get_concern_in

    dossier = get_dossier(session=session, key=dossier_key)
    concern = get_concern_in(session=session, dossier=dossier, key=concern_key)
    return [
        {
            "id": row.id,
            "stage": stage.key,
            "status": row.status,
            "evidence": row.evidence,
            "evidence_document": row.evidence_document,
            "evidence_location": row.evidence_location,
            "note": row.note,
            "author": row.author,
            "at": row.at.isoformat(),
            "supersedes": row.supersedes_id,
        }
        for stage, row in assessments(session=session, concern=concern, dossier=dossier)
    ]


def alert_rows(
    *, session: Session, dossier_key: str, concern_key: str | None = None
) -> list[dict[str, Any]]:
    """Alerts in the dossier's stages, newest last."""
    dossier = get_dossier(session=session, key=dossier_key)
    query = (
        select(Alert, Concern, Stage)
        .join(Concern, col(Concern.id) == Alert.concern_id)
        .join(Stage, col(Stage.id) == Alert.stage_id)
        .where(Stage.dossier_id == dossier.id)
    )
    if concern_key:
        query = query.where(Concern.id == get_concern(session=session, key=concern_key).id)
    return [
        {
            "concern": concern.key,
            "stage": stage.key,
            "provision": alert.label,
            "summary": alert.summary,
            "flags": alert.flags,
            "at": alert.at.isoformat(),
        }
        for alert, concern, stage in session.exec(query.order_by(col(Alert.id)))
    ]


def concern_detail(*, session: Session, dossier_key: str, concern_key: str) -> dict[str, Any]:
    """`concerns show`: position, linked provisions, status per stage, evidence, alerts."""
    from eu_posities.concerns.ledger import get_concern_in

    dossier = get_dossier(session=session, key=dossier_key)
    concern = get_concern_in(session=session, dossier=dossier, key=concern_key)
    keys = _stage_keys(session=session, dossier=dossier)
    links = [
        {
            "stage": keys[link.stage_id],
            "provision": link.label,
            "state": link.state,
            "reason": link.reason,
        }
        for link in list_links(session=session, concern=concern, states=("suggested", "confirmed"))
        if link.stage_id in keys
    ]
    row = concern_row(session=session, concern=concern, dossier=dossier)
    history = history_rows(session=session, dossier_key=dossier.key, concern_key=concern.key)
    current: dict[str, dict[str, Any]] = {}
    for entry in history:
        current[entry["stage"]] = entry
    return {
        **row,
        "description": concern.description,
        "position_nl": concern.position_nl,
        "position_source": concern.position_source,
        "terms": list(concern.terms),
        "dossiers": [d.key for d in concern_dossiers(session=session, concern=concern)],
        "links": links,
        "current": [current[k] for k in row["status_by_stage"]],
        "alerts": alert_rows(session=session, dossier_key=dossier.key, concern_key=concern.key),
    }
