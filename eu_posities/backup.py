"""Lossless backup and restore of the whole database as one JSON document, history included.

The same backup restores into SQLite or PostgreSQL; backup → restore → backup gives the
same bytes. Row ids are kept so that links and history stay exactly as they were. A backup is
checked whole before anything is written (`read_backup`): its format and schema, every
table, column, type and limit, keys, and that every link points at a row of the backup.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

from eu_posities.errors import Conflict, InputError
from eu_posities.files import read_regular, write_atomic
from eu_posities.models import TABLES

FORMAT = "eu-posities-backup"
VERSION = 1
MAX_BACKUP_BYTES = 1024**3  # far above any real database; json.loads needs ~10x in memory


def _table_name(model: type[SQLModel]) -> str:
    return str(model.__tablename__)


def _pk_columns(model: type[SQLModel]) -> list[str]:
    return [c.name for c in inspect(model).primary_key]  # type: ignore[union-attr]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def dump(*, session: Session) -> dict[str, Any]:
    from eu_posities.db import code_head

    tables: dict[str, list[dict[str, Any]]] = {}
    for model in TABLES:
        columns = [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]
        order = [getattr(model, name) for name in _pk_columns(model)]
        rows = session.exec(select(model).order_by(*order)).all()
        tables[_table_name(model)] = [
            {name: _encode(getattr(row, name)) for name in columns} for row in rows
        ]
    return {"format": FORMAT, "version": VERSION, "schema": code_head(), "tables": tables}


def write_backup(*, session: Session, path: Path) -> dict[str, int]:
    """Write the backup atomically (a temporary file renamed into place), private to the user."""
    data = dump(session=session)
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    write_atomic(path.expanduser(), lambda tmp: tmp.write_text(payload, encoding="utf-8"))
    return {name: len(rows) for name, rows in data["tables"].items()}


def read_backup(path: Path) -> dict[str, Any]:
    """The backup in `path`, checked whole (see `check_backup`); InputError if it is not fit."""
    raw = read_regular(path.expanduser(), MAX_BACKUP_BYTES, source=str(path))
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable backup ({reason})", source=str(path)) from None
    try:
        check_backup(data)
    except InputError as exc:
        raise InputError(str(exc), source=str(path)) from None
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a database can hold")


def check_backup(data: Any) -> None:
    """Refuse a backup that cannot be restored exactly, on either database; change nothing.

    The rows are decoded in place (times become datetimes), ready for `restore_backup`.
    """
    from eu_posities.backup_check import check_tables
    from eu_posities.db import _known_revisions, code_head

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("not an eu-posities backup")
    if data.get("version") != VERSION:
        raise InputError(f"backup format version {data.get('version')!r} is not supported")
    unknown = sorted(set(data) - {"format", "version", "schema", "tables"})
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r} in the backup")
    schema = data.get("schema")
    if not isinstance(schema, str) or schema not in _known_revisions():
        raise InputError(
            f"the backup has schema revision {schema!r}, which this eu-posities does not know "
            f"(it knows up to {code_head()}); restore it with the version that wrote it"
        )
    if not isinstance(data.get("tables"), dict):
        raise InputError("not an eu-posities backup (no tables)")
    upgrade_tables(data["tables"], schema)
    check_tables(data["tables"])


def upgrade_tables(tables: dict[str, Any], schema: str) -> None:
    """Bring the tables of a backup written by an older schema to today's shape, in place.

    Revision ids are four digits, so they compare as text. Nothing the user recorded is
    dropped: only the stored alignments, which are computed when asked for since 0003.
    """
    if schema < "0003":
        tables.pop("alignment", None)
    if schema < "0004":
        for row in tables.get("provision", []):
            if isinstance(row, dict):
                for column in ("marks", "amendments", "rows"):
                    row.setdefault(column, [])


def restore_backup(*, session: Session, data: dict[str, Any]) -> dict[str, int]:
    """Insert every row of the backup into an empty database (the caller's transaction)."""
    from eu_posities.models import Dossier

    if session.exec(select(Dossier.id)).first() is not None:
        raise Conflict(
            "the database is not empty; restore into a new database (eup --db URL restore FILE)"
        )
    check_backup(data)  # a caller that did not read it through `read_backup`
    counts: dict[str, int] = {}
    for model in TABLES:
        rows = data["tables"].get(_table_name(model), [])
        if rows:
            session.execute(model.__table__.insert(), rows)  # type: ignore[attr-defined]
        counts[_table_name(model)] = len(rows)
    session.flush()
    _reset_sequences(session)
    # The search index is derived from the text, so backups leave it out: build it again.
    from eu_posities.searchindex import reindex

    reindex(session=session)
    return counts


def _reset_sequences(session: Session) -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not advance."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in TABLES:
        if _pk_columns(model) != ["id"]:
            continue
        table = _table_name(model)
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )
