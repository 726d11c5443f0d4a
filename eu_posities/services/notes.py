"""Notes on provisions: a negotiator's remarks on a provision of a stage (the comments column).

Read inside an export's transaction (`notes_in`), written one at a time (`add_note`). A note
belongs to a stage, so an export shows only the notes of the stages it shows (a note on a
LIMITE stage stays out of a public table).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from eu_posities.errors import InputError
from eu_posities.services.tx import reading, writing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from eu_posities.models import Dossier


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """One note as a reader sees it: on which stage and provision, by whom, when."""

    stage: str
    label: str
    text: str
    author: str
    at: datetime


def notes_on(
    engine: Engine, dossier_key: str, provisions: Collection[tuple[str, str]]
) -> list[NoteEntry]:
    """The notes on these (stage, label) provisions, oldest first."""
    from sqlmodel import col, select

    from eu_posities.models import Note
    from eu_posities.store import get_dossier

    wanted = set(provisions)
    labels = {label for _, label in wanted}
    if not wanted:
        return []
    with reading(engine) as session:
        dossier = get_dossier(session=session, key=dossier_key)
        rows = session.exec(
            select(Note)
            .where(Note.dossier_id == dossier.id, col(Note.label).in_(labels))
            .order_by(col(Note.at), col(Note.id))
        ).all()
        return [
            NoteEntry(n.stage, n.label, n.text, n.author, n.at)
            for n in rows
            if (n.stage, n.label) in wanted
        ]


def note_counts(
    engine: Engine, dossier_key: str, stage_keys: Collection[str]
) -> dict[tuple[str, str], int]:
    """(stage, label) -> how many notes, for the stages shown (a marker beside the text)."""
    from sqlmodel import col, func, select

    from eu_posities.models import Note
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        dossier = get_dossier(session=session, key=dossier_key)
        rows = session.exec(
            select(Note.stage, Note.label, func.count())
            .where(Note.dossier_id == dossier.id, col(Note.stage).in_(list(stage_keys)))
            .group_by(col(Note.stage), col(Note.label))
        ).all()
    return {(stage, label): int(count) for stage, label, count in rows}


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
