"""Shared fixtures: a private data folder per test, and databases on SQLite and PostgreSQL.

PostgreSQL tests run when EU_POSITIES_TEST_PG holds a server URL (CI always sets it); each
test gets a fresh database on that server, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("EU_POSITIES_TEST_PG", "")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("EU_POSITIES_HOME", str(home))
    monkeypatch.setenv("EU_POSITIES_USER", "tester")
    monkeypatch.delenv("EU_POSITIES_DB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database; skipped where no server is configured."""
    _need_pg()
    yield from _fresh_pg_database()


def _need_pg() -> None:
    if not PG_URL:
        if os.environ.get("EU_POSITIES_REQUIRE_PG"):
            pytest.fail("EU_POSITIES_REQUIRE_PG is set but EU_POSITIES_TEST_PG is not")
        pytest.skip("EU_POSITIES_TEST_PG is not set")


def _fresh_pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine

    server = make_url(PG_URL)
    name = f"eup_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on both backends: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
    else:
        _need_pg()
        yield from _fresh_pg_database()
