"""Migrations give exactly the models' schema; a newer database is refused."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import eu_posities.models  # noqa: F401
from eu_posities import db
from eu_posities.errors import SchemaTooNew

# Tables the search index adds beside the models (virtual tables and their shadows).
SEARCH_TABLES = ("search_version", "search_member", "search_doc", "search_fts")


def _schema_diff(url: str) -> list[object]:
    engine = db.make_engine(url)
    db.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, SQLModel.metadata)
    engine.dispose()

    def is_search(item: object) -> bool:
        return any(name in repr(item) for name in SEARCH_TABLES)

    return [d for d in diff if not is_search(d)]


def test_migrated_schema_equals_models(db_url: str) -> None:
    assert _schema_diff(db_url) == []


def test_upgrade_twice_is_harmless(db_url: str) -> None:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    db.upgrade(engine)
    assert db.check_schema(engine) == "current"


def test_newer_schema_is_refused(db_url: str) -> None:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(SchemaTooNew, match="newer than this eu-posities"):
        db.check_schema(engine)
    with pytest.raises(SchemaTooNew):
        db.upgrade(engine)


def test_newer_schema_refused_by_the_cli(tmp_path) -> None:
    from clihelp import eup

    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    result = eup("--db", url, "dossier", "list")
    assert result.code == 1
    assert "newer than this eu-posities" in result.err and result.err.count("\n") == 1
