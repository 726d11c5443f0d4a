"""Read models for overviews: the multi-stage comparison grid, the concern matrix and badges.

Plain, contract-shaped dicts, shared by the terminal UI and any other front end; the concern
rows follow the `concerns list` JSON shape of the contract.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from eu_posities.compare import align_stages
from eu_posities.errors import InputError
from eu_posities.models import Assessment, Concern, ConcernDossier, ConcernLink, Dossier, Stage
from eu_posities.store import get_dossier, list_dossiers, list_stages

RESOLVED = "resolved"


# --- comparison grid ---------------------------------------------------------------------


def comparison_rows(
    *, session: Session, dossier_key: str, stage_keys: list[str]
) -> list[dict[str, Any]]:
    """Rows of the multi-column comparison, like the four-column document.

    Each row holds, per stage, the labels of the provisions that stand for the same provision
    (the first stage in its document order; what the other stages added is placed after the
    row it followed). `status` per stage is the alignment status against the first stage
    (`None` for the first), plus `renumbered` when a provision kept its text under a new label.
    Computing the alignments stores them, so this needs a write session.
    """
    if not 1 <= len(stage_keys) <= 4:
        raise InputError("a comparison shows 1 to 4 stages")
    base, others = stage_keys[0], stage_keys[1:]
    from eu_posities.views import provision_rows

    rows: list[dict[str, Any]] = []
    by_base: dict[str, dict[str, Any]] = {}
    for p in provision_rows(session=session, dossier_key=dossier_key, stage_key=base):
        row = _row(len(stage_keys), p["label"], p["kind"])
        row["cells"][0] = [p["label"]]
        rows.append(row)
        by_base[p["label"]] = row
    for column, other in enumerate(others, start=1):
        matches = align_stages(
            session=session, dossier_key=dossier_key, from_key=base, to_key=other
        )
        anchor: dict[str, Any] | None = None
        added_after: dict[int, list[dict[str, Any]]] = {}
        for m in matches:
            if m["from"] is not None and m["from"] in by_base:
                row = by_base[m["from"]]
                anchor = row
                if m["to"] is not None and m["to"] not in row["cells"][column]:
                    row["cells"][column].append(m["to"])
                row["status"][column] = _status(m)
            elif m["to"] is not None:
                extra = _row(len(stage_keys), f"+{other}:{m['to']}", _kind_of(m["to"]))
                extra["cells"][column] = [m["to"]]
                extra["status"][column] = "added"
                where = id(anchor) if anchor is not None else 0
                added_after.setdefault(where, []).append(extra)
        rows = _insert_added(rows, added_after)
    for row in rows:
        for column in range(1, len(stage_keys)):
            if row["status"][column] is None and row["cells"][0]:
                row["status"][column] = "deleted"
        row["changed"] = any(s not in (None, "unchanged") for s in row["status"][1:])
    return rows


def _row(width: int, key: str, kind: str) -> dict[str, Any]:
    return {
        "key": key,
        "kind": kind,
        "cells": [[] for _ in range(width)],
        "status": [None] * width,
    }


def _status(match: dict[str, Any]) -> str:
    status = str(match["status"])
    if status == "unchanged" and match["from"] and match["to"] and match["from"] != match["to"]:
        return "renumbered"
    return status


def _kind_of(label: str) -> str:
    return label.split(" ", 1)[0].lower()


def _insert_added(
    rows: list[dict[str, Any]], added_after: dict[int, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    result = list(added_after.get(0, []))
    for row in rows:
        result.append(row)
        result.extend(added_after.get(id(row), []))
    return result


# --- concern ledger ----------------------------------------------------------------------


def concern_rows(*, session: Session, dossier_key: str | None = None) -> list[dict[str, Any]]:
    """Every concern per dossier it spans, with its current status per stage (contract shape)."""
    dossiers = (
        [get_dossier(session=session, key=dossier_key)]
        if dossier_key
        else list_dossiers(session=session)
    )
    rows: list[dict[str, Any]] = []
    for dossier in dossiers:
        stages = list_stages(session=session, dossier=dossier)
        for concern in _concerns_of(session, dossier):
            rows.append(_concern_row(session, concern, dossier, stages))
    return rows


def concern_summary(*, session: Session, dossier_key: str) -> dict[str, int]:
    """How many concerns a dossier has and how many are resolved, for its overview line."""
    rows = concern_rows(session=session, dossier_key=dossier_key)
    return {
        "concerns": len(rows),
        "resolved": sum(1 for r in rows if r["resolved_in"] is not None),
        "open": sum(1 for r in rows if r["current"] in ("open", None)),
    }


def concern_detail(*, session: Session, dossier_key: str, concern_key: str) -> dict[str, Any]:
    """One concern in one dossier: position, links, history (oldest first), current heads."""
    dossier = get_dossier(session=session, key=dossier_key)
    concern = session.exec(select(Concern).where(Concern.key == concern_key)).first()
    if concern is None:
        raise InputError(f"unknown concern {concern_key!r}")
    stages = list_stages(session=session, dossier=dossier)
    row = _concern_row(session, concern, dossier, stages)
    by_id = {s.id: s for s in stages}
    history = [
        {
            "id": a.id,
            "stage": by_id[a.stage_id].key,
            "status": a.status,
            "evidence": a.evidence,
            "note": a.note,
            "author": a.author,
            "at": a.at.isoformat() if a.at else None,
            "supersedes": a.supersedes_id,
        }
        for a in _assessments(session, concern, stages)
    ]
    links = session.exec(
        select(ConcernLink, Stage.key)
        .join(Stage, col(Stage.id) == ConcernLink.stage_id)
        .where(ConcernLink.concern_id == concern.id, Stage.dossier_id == dossier.id)
        .order_by(col(ConcernLink.id))
    ).all()
    heads: dict[str, int] = {}
    for item in history:
        heads[item["stage"]] = item["id"]
    row.update(
        {
            "title_en": concern.title_en,
            "description": concern.description,
            "position_nl": concern.position_nl,
            "position_source": concern.position_source,
            "links": [
                {"stage": key, "provision": link.label, "state": link.state, "reason": link.reason}
                for link, key in links
            ],
            "history": history,
            "heads": heads,
        }
    )
    return row


def concern_badges(*, session: Session, dossier_key: str, stage_key: str) -> dict[str, list[str]]:
    """Concern keys per provision label of a stage (links not rejected), for badges."""
    dossier = get_dossier(session=session, key=dossier_key)
    found = session.exec(
        select(ConcernLink.label, Concern.key)
        .join(Concern, col(Concern.id) == ConcernLink.concern_id)
        .join(Stage, col(Stage.id) == ConcernLink.stage_id)
        .where(Stage.dossier_id == dossier.id, Stage.key == stage_key)
        .where(ConcernLink.state != "rejected")
        .order_by(col(ConcernLink.id))
    ).all()
    badges: dict[str, list[str]] = {}
    for label, key in found:
        if key not in badges.setdefault(label, []):
            badges[label].append(key)
    return badges


def _concerns_of(session: Session, dossier: Dossier) -> list[Concern]:
    return list(
        session.exec(
            select(Concern)
            .join(ConcernDossier, col(ConcernDossier.concern_id) == Concern.id)
            .where(ConcernDossier.dossier_id == dossier.id)
            .order_by(col(Concern.id))
        ).all()
    )


def _assessments(session: Session, concern: Concern, stages: list[Stage]) -> list[Assessment]:
    ids = [s.id for s in stages]
    return list(
        session.exec(
            select(Assessment)
            .where(Assessment.concern_id == concern.id, col(Assessment.stage_id).in_(ids))
            .order_by(col(Assessment.id))
        ).all()
    )


def _concern_row(
    session: Session, concern: Concern, dossier: Dossier, stages: list[Stage]
) -> dict[str, Any]:
    current: dict[int, str] = {}
    for a in _assessments(session, concern, stages):
        current[a.stage_id] = a.status  # append-only: the newest row wins
    status_by_stage = {s.key: current[s.id] for s in stages if s.id in current}
    labels = session.exec(
        select(ConcernLink.label)
        .join(Stage, col(Stage.id) == ConcernLink.stage_id)
        .where(ConcernLink.concern_id == concern.id, Stage.dossier_id == dossier.id)
        .where(ConcernLink.state != "rejected")
        .order_by(col(ConcernLink.id))
    ).all()
    assessed = [s.key for s in stages if s.key in status_by_stage]
    return {
        "key": concern.key,
        "title": concern.title_nl,
        "dossier": dossier.key,
        "provisions": list(dict.fromkeys(labels)),
        "status_by_stage": status_by_stage,
        "resolved_in": _resolved_in(assessed, status_by_stage),
        "current": status_by_stage[assessed[-1]] if assessed else None,
    }


def _resolved_in(assessed: list[str], status: dict[str, str]) -> str | None:
    """The stage from which the concern stayed resolved in every later assessed stage."""
    first: str | None = None
    for key in assessed:
        # A later stage that is not resolved reopens it.
        first = (first or key) if status[key] == RESOLVED else None
    return first
