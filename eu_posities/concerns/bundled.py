"""The bundled concerns and the assessments that public sources support."""

from __future__ import annotations

from sqlmodel import Session


def load(*, session: Session, author: str) -> str:
    """Load bundled concerns idempotently; returns a summary for `eup init` ('' if none)."""
    return ""
