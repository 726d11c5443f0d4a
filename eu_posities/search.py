"""Full-text search over all provisions of all stages (SQLite FTS5 / PostgreSQL full text)."""

from __future__ import annotations

from sqlmodel import Session

from eu_posities.models import Stage


def index_stage(*, session: Session, stage: Stage) -> None:
    """Bring the search index up to date with the provisions of `stage`."""
