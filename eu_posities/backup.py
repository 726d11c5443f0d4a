"""Lossless backup and restore of the whole database as one JSON document, history included.

The same backup restores into SQLite or PostgreSQL; backup → restore → backup gives the
same bytes. Row ids are kept so that links and history stay exactly as they were.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, inspect, text
from sqlmodel import Session, SQLModel, select

from eu_posities.errors import Conflict, InputError
from eu_posities.files import write_atomic
from eu_posities.models import TABLES

FORMAT = "eu-posities-backup"
VERSION = 1


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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a readable backup ({exc})", source=str(path)) from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("tables"), dict)
    ):
        raise InputError("not an eu-posities backup", source=str(path))
    if data.get("version") != VERSION:
        raise InputError(
            f"backup format version {data.get('version')} is not supported", source=str(path)
        )
    return data


def _decode(model: type[SQLModel], row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        value = out.get(column.name)
        if isinstance(value, str) and _is_datetime(column.type):
            out[column.name] = datetime.fromisoformat(value)
    return out


def _is_datetime(column_type: Any) -> bool:
    return isinstance(getattr(column_type, "impl", column_type), DateTime)


def restore_backup(*, session: Session, data: dict[str, Any]) -> dict[str, int]:
    """Insert every row of the backup into an empty database (the caller's transaction)."""
    from eu_posities.models import Dossier

    if session.exec(select(Dossier.id)).first() is not None:
        raise Conflict(
            "the database is not empty; restore into a new database (eup --db URL restore FILE)"
        )
    counts: dict[str, int] = {}
    for model in TABLES:
        rows = data["tables"].get(_table_name(model), [])
        if rows:
            session.execute(model.__table__.insert(), [_decode(model, r) for r in rows])  # type: ignore[attr-defined]
        counts[_table_name(model)] = len(rows)
    session.flush()
    _reset_sequences(session)
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
