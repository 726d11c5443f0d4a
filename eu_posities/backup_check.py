"""The tables of a backup checked whole: names, columns, types, limits, keys and links.

A restore writes nothing unless every row passes, so a hostile or damaged backup is refused
with one line naming the table, the row and the problem, and the database stays as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime

from eu_posities.columns import base_type, check_row
from eu_posities.errors import InputError
from eu_posities.kinds import AlignMethod, AlignStatus, ConcernStatus, LinkState, StageKind, values
from eu_posities.models import TABLES

# Keys the users type: slugs, as `keys.check_slug` demands at input.
_SLUG_COLUMNS = {
    ("dossier", "key"),
    ("stage", "key"),
    ("concern", "key"),
    ("alignmentoverride", "from_stage"),
    ("alignmentoverride", "to_stage"),
}
_SLUG_OR_EMPTY = {("changelog", "dossier_key")}
# Closed vocabularies the code relies on when it reads the rows back.
_VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("stage", "kind"): values(StageKind),
    ("assessment", "status"): values(ConcernStatus),
    ("concernlink", "state"): values(LinkState),
    ("alignment", "status"): values(AlignStatus),
    ("alignment", "method"): values(AlignMethod),
}


def _time(value: Any) -> Any:
    """An ISO time from the backup as the UTC datetime the models hold (naive means UTC)."""
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value[:40]!r} is not a date and time") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _check_key(table: str, column: str, value: Any) -> None:
    from eu_posities.keys import check_date, check_slug

    if (table, column) == ("stage", "date") and isinstance(value, str):
        check_date(value)
    slug = (table, column) in _SLUG_COLUMNS or ((table, column) in _SLUG_OR_EMPTY and value)
    if slug and isinstance(value, str):
        check_slug(value, f"{table} {column.replace('_', ' ')}")
    allowed = _VOCABULARIES.get((table, column))
    if allowed and value not in allowed:
        raise InputError(f"{table} {column} {value!r} is not one of: {', '.join(allowed)}")


def _check_rows(table: Any, rows: Any) -> None:
    name = table.name
    if not isinstance(rows, list):
        raise InputError(f"table {name!r} is not a list of rows")
    columns = {column.name: column for column in table.columns}
    for number, row in enumerate(rows, start=1):
        where = f"table {name!r}, row {number}: "
        if not isinstance(row, dict):
            raise InputError(f"{where}not an object")
        unknown = sorted(set(row) - set(columns))
        if unknown:
            raise InputError(f"{where}unknown column {unknown[0]!r}")
        missing = sorted(set(columns) - set(row))
        if missing:
            raise InputError(f"{where}column {missing[0]!r} is missing")
        try:
            for column_name, column in columns.items():
                if isinstance(base_type(column), DateTime):
                    row[column_name] = _time(row[column_name])
                _check_key(name, column_name, row[column_name])
            check_row(table, row)
        except InputError as exc:
            raise InputError(f"{where}{exc}") from None


def _check_links(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Primary keys unique, and every foreign key pointing at a row of the backup."""
    keys: dict[str, set[Any]] = {}
    for model in TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        primary = [column.name for column in table.primary_key.columns]
        seen: set[Any] = set()
        for number, row in enumerate(tables.get(table.name, []), start=1):
            key = tuple(row[c] for c in primary)
            if key in seen:
                raise InputError(f"table {table.name!r}, row {number}: duplicate key {key}")
            seen.add(key)
        keys[table.name] = {k[0] for k in seen} if len(primary) == 1 else seen
    for model in TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        for column in table.columns:
            for foreign in column.foreign_keys:
                target = foreign.column.table.name
                for number, row in enumerate(tables.get(table.name, []), start=1):
                    value = row[column.name]
                    if value is not None and value not in keys.get(target, set()):
                        raise InputError(
                            f"table {table.name!r}, row {number}: {column.name} {value} "
                            f"points at no {target} in the backup"
                        )
    _check_unique_keys(tables)


def _check_unique_keys(tables: dict[str, list[dict[str, Any]]]) -> None:
    from sqlalchemy import UniqueConstraint

    for model in TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        groups = [
            [c.name for c in constraint.columns]
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ]
        groups += [[c.name] for c in table.columns if c.unique]
        groups += [[c.name for c in index.columns] for index in table.indexes if index.unique]
        for group in groups:
            seen: set[tuple[Any, ...]] = set()
            for number, row in enumerate(tables.get(table.name, []), start=1):
                key = tuple(row[c] for c in group)
                if key in seen:
                    raise InputError(
                        f"table {table.name!r}, row {number}: {', '.join(group)} {key} "
                        "appears twice"
                    )
                seen.add(key)


def check_tables(tables: dict[str, Any]) -> None:
    """Check (and decode in place) every row of every table of a backup."""
    known = {model.__table__.name: model for model in TABLES}  # type: ignore[attr-defined]
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise InputError(f"unknown table {unknown[0]!r} in the backup")
    for name, model in known.items():
        _check_rows(model.__table__, tables.get(name, []))  # type: ignore[attr-defined]
    _check_links(tables)
