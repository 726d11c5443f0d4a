"""Notes on provisions: a negotiator's remarks on a provision of a stage (the comments column).

Read inside an export's transaction (`notes_in`), written one at a time (`add_note`). A note
belongs to a stage, so an export shows only the notes of the stages it shows (a note on a
LIMITE stage stays out of a public table).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from eu_posities.errors import InputError
from eu_posities.services.tx import writing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from eu_posities.models import Dossier


def notes_in(
    session: Session, dossier: Dossier, stage_keys: Collection[str]
) -> dict[tuple[str, str], list[str]]:
    """(stage, label) -> the notes on that provision, oldest first, each with its author."""
    from sqlmodel import col, select

    from eu_posities.models import Note

    wanted = set(stage_keys)
    found: dict[tuple[str, str], list[str]] = {}
    rows = session.exec(
        select(Note).where(Note.dossier_id == dossier.id).order_by(col(Note.at), col(Note.id))
    )
    for note in rows:
        if note.stage in wanted:
            text = f"{note.text} ({note.author})" if note.author else note.text
            found.setdefault((note.stage, note.label), []).append(text)
    return found


def add_note(
    engine: Engine, dossier_key: str, stage_key: str, label: str, text: str, *, author: str
) -> None:
    """Keep a note on provision `label` of a stage (the provision must be there)."""
    from eu_posities.models import Note
    from eu_posities.store import get_dossier, get_stage, list_provisions, log_change

    if not text.strip():
        raise InputError("a note needs some text")

    def work(session: Session) -> None:
        dossier = get_dossier(session=session, key=dossier_key)
        stage = get_stage(session=session, dossier=dossier, key=stage_key)
        labels = {p.label for p in list_provisions(session=session, stage=stage)}
        if label not in labels:
            raise InputError(f"no provision {label!r} in stage {stage_key!r}")
        assert dossier.id is not None
        session.add(
            Note(dossier_id=dossier.id, stage=stage.key, label=label, text=text, author=author)
        )
        log_change(
            session=session,
            author=author,
            action="note.add",
            dossier_key=dossier_key,
            subject=f"{stage_key}:{label}",
        )

    writing(engine, work)
