"""Column types and limits, enforced before anything is written, the same on both databases.

SQLite accepts a 500-character `procedure` in a `varchar(40)`, an id of 2⁴⁰, a NUL inside a
text or a string Python cannot encode; PostgreSQL refuses each of them. A database that one
accepts and the other refuses cannot move between them (a backup from SQLite would not
restore into PostgreSQL), so every value is checked here against the narrower rule: lengths
as declared, integers within PostgreSQL's `integer`, ids positive, floats finite, text free
of NUL and lone surrogates. `check_row` serves the backup restore; `check_session` runs
before every flush of a session (`db.session_scope` installs it), so storage functions,
imports and the ledger are all covered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from eu_posities.errors import InputError

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL `integer`; SQLite's is wider


def base_type(column: Any) -> Any:
    """The SQL type under sqlmodel's decorators (`AutoString` is a VARCHAR(n), ...)."""
    kind = column.type
    impl = getattr(kind, "impl", None)
    return impl if isinstance(impl, TypeEngine) else kind


def _is_id(column: Any) -> bool:
    return bool(column.primary_key or column.foreign_keys or column.name.endswith("_id"))


def _text_problem(value: str) -> str | None:
    if "\x00" in value:
        return "holds a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "holds characters that are not valid Unicode"
    return None


def _json_problem(value: Any, depth: int = 0) -> str | None:
    if depth > 64:
        return "is nested too deeply"
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "holds a number that is not finite"
    if isinstance(value, list):
        for item in value:
            problem = _json_problem(item, depth + 1)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _json_problem(key, depth + 1) if isinstance(key, str) else "has a bad key"
            problem = problem or _json_problem(item, depth + 1)
            if problem:
                return problem
        return None
    return f"holds a {type(value).__name__}, which JSON cannot"


def value_problem(column: Any, value: Any) -> str | None:
    """What is wrong with `value` for `column` (None if it fits both databases)."""
    if value is None:
        return None if column.nullable or column.primary_key else "is missing"
    kind = base_type(column)
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "is not true or false"
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            return "is not a whole number"
        low = 1 if _is_id(column) else INT_MIN
        if not low <= value <= INT_MAX:
            return f"is {value}, outside {low}..{INT_MAX}"
        return None
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "is not a number"
        return None if math.isfinite(value) else "is not a finite number"
    if isinstance(kind, String):  # String, Text and sqlmodel's AutoString
        if not isinstance(value, str):
            return "is not text"
        if kind.length is not None and len(value) > kind.length:
            return f"is {len(value)} characters long, over the limit of {kind.length}"
        return _text_problem(value)
    if isinstance(kind, DateTime):
        from datetime import datetime

        return None if isinstance(value, datetime) else "is not a date and time"
    if isinstance(kind, JSON):
        return _json_problem(value)
    return None


def describe(table: str, column: str) -> str:
    """ "stage ref", "dossier procedure": a column as a user reads it."""
    return f"{table} {column.replace('_', ' ')}"


def check_row(table: Any, values: Mapping[str, Any], *, where: str = "") -> None:
    """Refuse `values` for `table` (a SQLAlchemy Table) unless every column fits."""
    for column in table.columns:
        if column.name not in values:
            continue
        problem = value_problem(column, values[column.name])
        if problem:
            raise InputError(f"{where}{describe(table.name, column.name)} {problem}")


def check_object(obj: Any) -> None:
    """Refuse an ORM object whose column values would not fit both databases."""
    table = obj.__table__
    values = {column.name: getattr(obj, column.key, None) for column in table.columns}
    check_row(table, values)


def check_session(session: Session, _context: Any = None, _instances: Any = None) -> None:
    """`before_flush` hook: every new or changed row is checked before it is written."""
    for obj in list(session.new) + list(session.dirty):
        if hasattr(obj, "__table__"):
            check_object(obj)
