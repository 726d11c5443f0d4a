"""Setting up: open a database (creating or upgrading it), load the demo, dossiers, backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eu_posities.errors import Conflict, EupError
from eu_posities.services.tx import database_errors, reading, writing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


def open_database(
    url: str,
    *,
    author: str,
    load_demo_if_new: bool = False,
    upgrade: bool = False,
    create: bool = False,
) -> Engine:
    """An engine on `url` with a usable schema.

    An empty database gets the schema (and, for the TUI's first start, the demo data); an
    outdated one is upgraded only when asked (`eup init`), since in team mode that is a
    deliberate act. A SQLite file is created only with `create`: a typo in a path is an
    error, not a new, empty database.
    """
    from sqlalchemy.exc import OperationalError

    from eu_posities import db

    with database_errors():
        try:
            engine = db.make_engine(url, create=create)
            state = db.check_schema(engine)
        except OperationalError as exc:
            raise EupError(f"cannot open database {safe_url(url)}: {exc.orig}") from None
        if state == "empty" or upgrade:
            db.upgrade(engine)
    if state == "empty" and load_demo_if_new:
        load_demo(engine, author=author)
    elif state == "outdated" and not upgrade:
        raise EupError("the database schema is older than this eu-posities; run `eup init`")
    return engine


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid URL>"


def load_demo(engine: Engine, *, author: str) -> str:
    """Load the bundled data (idempotent); a one-line summary of what was added, or ''."""
    from eu_posities.demo import load_demo as load

    return writing(engine, lambda s: load(session=s, author=author))


def add_dossier(
    engine: Engine,
    key: str,
    *,
    title: str,
    author: str,
    procedure: str = "",
    commission_ref: str = "",
) -> None:
    from eu_posities.store import add_dossier as add

    writing(
        engine,
        lambda s: add(
            session=s,
            key=key,
            title=title,
            procedure=procedure,
            commission_ref=commission_ref,
            author=author,
        ),
    )


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write everything, history included, to one JSON file; rows per table."""
    from eu_posities.backup import write_backup

    with reading(engine) as session:
        return write_backup(session=session, path=path)


def read_backup(path: Path) -> dict[str, Any]:
    from eu_posities.backup import read_backup as read

    return read(path)


def restore(engine: Engine, data: dict[str, Any]) -> dict[str, int]:
    """Load a backup (read and checked first) into an empty database; rows per table."""
    from eu_posities.backup import restore_backup

    return writing(engine, lambda s: restore_backup(session=s, data=data))


def remove_text(engine: Engine, dossier: str, stage: str, *, author: str) -> int:
    """Take a stage's text away, keeping the stage as known with its assessments and links.

    The user's judgements (assessments, links to provisions, alignment overrides) name the
    stage and its labels, so they survive and apply again when a text is imported into it.
    Returns how many provisions were removed.
    """

    def work(session: Session) -> int:
        from eu_posities.imports import after_import
        from eu_posities.store import (
            get_dossier,
            get_stage,
            list_provisions,
            log_change,
            replace_provisions,
        )

        found = get_dossier(session=session, key=dossier)
        target = get_stage(session=session, dossier=found, key=stage)
        removed = len(list_provisions(session=session, stage=target))
        replace_provisions(session=session, stage=target, provisions=())
        target.source_name = target.source_format = target.source_sha256 = ""
        target.imported_at = None
        after_import(session=session, stage=target)
        log_change(
            session=session,
            author=author,
            action="stage.remove-text",
            dossier_key=dossier,
            subject=stage,
            detail={"provisions": removed},
        )
        return removed

    return writing(engine, work)


def delete_stage(engine: Engine, dossier: str, stage: str, *, author: str) -> None:
    """Delete a stage altogether, only when nothing the user recorded hangs on it.

    Assessments and confirmed links are never lost silently: a stage that has them is
    refused with what they are; `remove_text` keeps them instead.
    """

    def work(session: Session) -> None:
        from sqlmodel import select

        from eu_posities.models import Assessment, ConcernLink
        from eu_posities.store import get_dossier, get_stage, log_change

        found = get_dossier(session=session, key=dossier)
        target = get_stage(session=session, dossier=found, key=stage)
        assessed = session.exec(select(Assessment).where(Assessment.stage_id == target.id)).all()
        linked = session.exec(
            select(ConcernLink).where(
                ConcernLink.stage_id == target.id, ConcernLink.state == "confirmed"
            )
        ).all()
        if assessed or linked:
            raise Conflict(
                f"stage {stage!r} of {dossier!r} has {len(assessed)} assessments and "
                f"{len(linked)} confirmed links; remove its text instead (they are kept)"
            )
        session.delete(target)
        log_change(
            session=session,
            author=author,
            action="stage.delete",
            dossier_key=dossier,
            subject=stage,
        )

    writing(engine, work)
