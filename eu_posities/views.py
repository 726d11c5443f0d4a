"""Read models shared by the CLI (as JSON and tables) and the TUI: plain dicts, contract-shaped."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from eu_posities.errors import InputError
from eu_posities.kinds import ProvisionKind, values
from eu_posities.store import (
    get_dossier,
    get_stage,
    list_dossiers,
    list_provisions,
    list_stages,
    provision_counts,
)


def dossier_rows(*, session: Session) -> list[dict[str, Any]]:
    rows = []
    for dossier in list_dossiers(session=session):
        stages = list_stages(session=session, dossier=dossier)
        counts = provision_counts(session=session, dossier=dossier)
        rows.append(
            {
                "key": dossier.key,
                "title": dossier.title,
                "procedure": dossier.procedure,
                "commission_ref": dossier.commission_ref,
                "stages": len(stages),
                "stages_with_text": sum(1 for s in stages if counts.get(s.id or -1)),
            }
        )
    return rows


def stage_rows(*, session: Session, dossier_key: str) -> list[dict[str, Any]]:
    dossier = get_dossier(session=session, key=dossier_key)
    counts = provision_counts(session=session, dossier=dossier)
    return [
        {
            "key": stage.key,
            "kind": stage.kind,
            "date": stage.date,
            "ref": stage.ref,
            "provisions": counts.get(stage.id or -1, 0),
            "imported": bool(counts.get(stage.id or -1)),
            "title": stage.title,
            "language": stage.language,
            "limite": stage.limite,
            "fictional": stage.fictional,
            "source": stage.source_name,
            "format": stage.source_format,
            "note": stage.note,
        }
        for stage in list_stages(session=session, dossier=dossier)
    ]


def provision_rows(
    *, session: Session, dossier_key: str, stage_key: str, kind: str | None = None
) -> list[dict[str, Any]]:
    if kind is not None and kind not in values(ProvisionKind):
        # A typo ("articles") would otherwise look like a stage without articles.
        raise InputError(
            f"unknown provision kind {kind!r}; use one of: {', '.join(values(ProvisionKind))}"
        )
    dossier = get_dossier(session=session, key=dossier_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    return [
        {
            "kind": p.kind,
            "number": p.number,
            "label": p.label,
            "heading": p.heading,
            "text": p.text,
            "path": p.path,
            "footnotes": p.footnotes,
        }
        for p in list_provisions(session=session, stage=stage, kind=kind)
    ]
