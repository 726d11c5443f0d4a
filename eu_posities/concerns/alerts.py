"""Alerts: concerns whose linked provisions changed in a newly imported stage."""

from __future__ import annotations

from sqlmodel import Session

from eu_posities.models import Stage


def on_stage_imported(*, session: Session, stage: Stage) -> None:
    """Mark the concerns whose linked provisions changed in `stage`."""
