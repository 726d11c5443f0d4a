"""Read models for overviews: the multi-stage comparison grid, the concern matrix and badges.

Plain dicts shared by the terminal UI and any other front end; the concern ledger's own read
models are in `eu_posities.concerns.views`.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from eu_posities.compare import align_stages
from eu_posities.concerns import views as concern_views
from eu_posities.errors import InputError
from eu_posities.models import Concern, ConcernLink, Stage
from eu_posities.store import get_dossier

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
        # Renumbering alone is not a change of text: it is marked, but not counted as one.
        row["changed"] = any(s not in (None, "unchanged", "renumbered") for s in row["status"][1:])
        row["renumbered"] = "renumbered" in row["status"]
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


def concern_summary(*, session: Session, dossier_key: str) -> dict[str, int]:
    """How many concerns a dossier has, how many are resolved and how many still open."""
    rows = concern_views.concern_rows(session=session, dossier_key=dossier_key)
    current = [list(r["status_by_stage"].values())[-1:] for r in rows]
    return {
        "concerns": len(rows),
        "resolved": sum(1 for r in rows if r["resolved_in"] is not None),
        "open": sum(1 for c in current if not c or c[0] == "open"),
    }


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
