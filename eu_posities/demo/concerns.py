"""The bundled concerns and the assessments that public sources support (`data/concerns.json`).

Loading is idempotent: a concern, link or assessment that is already there is left alone, so
`eup init --demo` twice changes nothing and never overwrites a user's own assessments.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from eu_posities.concerns import ledger
from eu_posities.models import Assessment, ConcernDossier, ConcernLink
from eu_posities.store import find_dossier, find_stage, get_provision, has_text


def read_concerns() -> dict[str, Any]:
    from eu_posities.demo import bundled

    data: dict[str, Any] = json.loads(bundled("concerns.json").read_text(encoding="utf-8"))
    return data


def source_text(spec: dict[str, Any]) -> str:
    source = spec.get("position_source") or {}
    if isinstance(source, str):
        return source
    return ", ".join(
        part for part in (source.get("document", ""), source.get("location", "")) if part
    )


def load(*, session: Session, author: str) -> str:
    """Load bundled concerns idempotently; returns a summary for `eup init` ('' if none)."""
    data = read_concerns()
    added = linked = assessed = 0
    for spec in data["concerns"]:
        dossiers = [d for d in spec["dossiers"] if find_dossier(session=session, key=d) is not None]
        if not dossiers:
            continue
        concern = ledger.find_concern(session=session, key=spec["key"])
        if concern is None:
            concern = ledger.add_concern(
                session=session,
                key=spec["key"],
                title_nl=spec["title_nl"],
                title_en=spec.get("title_en", ""),
                description=spec.get("description", ""),
                position_nl=spec.get("position_nl", ""),
                position_source=source_text(spec),
                terms=[*spec.get("terms_en", []), *spec.get("terms_nl", [])],
                dossiers=dossiers,
                author=author,
            )
            added += 1
        else:
            _ensure_dossiers(session, concern.id, dossiers)
        for links in spec.get("links", []):
            linked += _ensure_links(session, spec["key"], dossiers[0], links, author)
    document = data.get("letter", {}).get("document", "")
    for row in data.get("assessments", []):
        assessed += _ensure_assessment(session, row, document, author)
    if linked:
        _refresh_alerts(session, data)
    if not (added or linked or assessed):
        return ""
    return (
        f"{counted(added, 'concern')}, {counted(linked, 'provision link')} and "
        f"{counted(assessed, 'assessment')} added"
    )


def counted(number: int, noun: str) -> str:
    """The number with its noun ("1 text", "7 texts"): `eup init` summaries read as English."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _refresh_alerts(session: Session, data: dict[str, Any]) -> None:
    """Stages imported before the bundled links existed get their alerts now."""
    from eu_posities.concerns.alerts import on_stage_imported
    from eu_posities.store import list_stages

    keys = {d for spec in data["concerns"] for d in spec["dossiers"]}
    for key in sorted(keys):
        dossier = find_dossier(session=session, key=key)
        if dossier is None:
            continue
        for stage in list_stages(session=session, dossier=dossier):
            if has_text(session=session, stage=stage):
                on_stage_imported(session=session, stage=stage)


def _ensure_dossiers(session: Session, concern_id: int | None, dossiers: list[str]) -> None:
    assert concern_id is not None
    for key in dossiers:
        dossier = find_dossier(session=session, key=key)
        assert dossier is not None and dossier.id is not None
        if session.get(ConcernDossier, (concern_id, dossier.id)) is None:
            session.add(ConcernDossier(concern_id=concern_id, dossier_id=dossier.id))
    session.flush()


def _ensure_links(
    session: Session, concern_key: str, dossier_key: str, links: dict[str, Any], author: str
) -> int:
    """Confirmed links of a bundled concern to provisions of one stage (if its text is there)."""
    dossier = find_dossier(session=session, key=dossier_key)
    stage = find_stage(session=session, dossier=dossier, key=links["stage"]) if dossier else None
    if dossier is None or stage is None or not has_text(session=session, stage=stage):
        return 0
    labels: list[str] = links["labels"]
    concern = ledger.get_concern(session=session, key=concern_key)
    count = 0
    for label in labels:
        provision = get_provision(session=session, stage=stage, label=label)
        exists = session.exec(
            select(ConcernLink).where(
                ConcernLink.concern_id == concern.id,
                ConcernLink.stage_id == stage.id,
                ConcernLink.label == provision.label,
            )
        ).first()
        if exists is None:
            ledger.set_link(
                session=session,
                dossier_key=dossier.key,
                concern_key=concern.key,
                stage_key=stage.key,
                label=provision.label,
                state="confirmed",
                reason=links.get("reason", ""),
                author=author,
            )
            count += 1
    return count


def _ensure_assessment(session: Session, row: dict[str, Any], document: str, author: str) -> int:
    dossier = find_dossier(session=session, key=row["dossier"])
    stage = find_stage(session=session, dossier=dossier, key=row["stage"]) if dossier else None
    concern = ledger.find_concern(session=session, key=row["concern"])
    if dossier is None or stage is None or concern is None:
        return 0
    exists = session.exec(
        select(Assessment.id).where(
            Assessment.concern_id == concern.id, Assessment.stage_id == stage.id
        )
    ).first()
    if exists is not None:
        return 0
    ledger.assess(
        session=session,
        dossier_key=dossier.key,
        concern_key=concern.key,
        stage_key=stage.key,
        status=row["status"],
        evidence=row["evidence"],
        evidence_document=row.get("document", document),
        evidence_location=row.get("location", ""),
        note=row.get("note", ""),
        author=author,
    )
    return 1
