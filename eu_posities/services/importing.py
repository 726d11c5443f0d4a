"""Importing: a file becomes one or more stages of a dossier, in one transaction.

The CLI's `eup import` and the TUI's import dialog both call `import_document`: the file is
read first (no transaction: a bad file changes nothing), then stored in one write
transaction, so an import lands whole or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eu_posities.imports import (
    ImportedStage,
    ImportRequest,
    ImportResult,
    Progress,
    read_document,
    store_document,
)
from eu_posities.services.tx import writing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["ImportRequest", "ImportResult", "ImportedStage", "import_document"]


def import_document(
    engine: Engine, request: ImportRequest, *, author: str, progress: Progress | None = None
) -> ImportResult:
    """Read the file, then store it as stages in one transaction."""
    if progress:
        progress(0, 2, f"reading {request.path.name}")
    document = read_document(request)
    if progress:
        count = sum(len(t.provisions) for t in document.stages)
        progress(1, 2, f"storing {count} provisions")

    def store(done: int, total: int, what: str) -> None:
        if progress:
            progress(1 + done, 1 + max(total, 1), what)

    return writing(
        engine,
        lambda session: store_document(session, request, document, author=author, progress=store),
    )
