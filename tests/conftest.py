"""Shared fixtures: a private data folder per test, and databases on SQLite and PostgreSQL.

PostgreSQL tests run when EU_POSITIES_TEST_PG holds a server URL (CI always sets it); each
test gets a fresh database on that server, dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pgdb import fresh_pg_database, need_pg


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
    need_pg()
    yield from fresh_pg_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on both backends: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
    else:
        need_pg()
        yield from fresh_pg_database()
