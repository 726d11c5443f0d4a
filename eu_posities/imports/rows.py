"""The numbered rows of a four-column document, kept beside the stages its columns became."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from eu_posities.document import ParsedRow
from eu_posities.models import DocumentRow, Dossier


def store_rows(
    session: Session,
    dossier: Dossier,
    keys: Sequence[str],
    rows: Sequence[ParsedRow],
    *,
    digest: str,
) -> int:
    """Keep `rows` (cells in the order of `keys`), replacing rows of the same stages."""
    assert dossier.id is not None
    forget_rows(session, dossier, keys)
    for ordinal, row in enumerate(rows):
        states = row.cell_states or tuple("text" if c else "empty" for c in row.cells)
        session.add(
            DocumentRow(
                dossier_id=dossier.id,
                source_sha256=digest,
                ordinal=ordinal,
                number=row.number[:20],
                status=row.status,
                heading=row.heading,
                label=row.label,
                part=row.part,
                cells=dict(zip(keys, row.cells, strict=False)),
                states=dict(zip(keys, states, strict=False)),
                comments=row.comments,
                section=row.section,
                pages=list(row.pages),
            )
        )
    session.flush()
    return len(rows)


def forget_rows(session: Session, dossier: Dossier, keys: Sequence[str]) -> None:
    """Rows of a document one of whose stages now holds another text no longer hold."""
    wanted = set(keys)
    for row in session.exec(select(DocumentRow).where(DocumentRow.dossier_id == dossier.id)):
        if wanted & set(row.cells):
            session.delete(row)
    session.flush()


def rows_of(session: Session, dossier: Dossier) -> list[DocumentRow]:
    return list(
        session.exec(
            select(DocumentRow)
            .where(DocumentRow.dossier_id == dossier.id)
            .order_by(col(DocumentRow.ordinal), col(DocumentRow.id))
        )
    )
