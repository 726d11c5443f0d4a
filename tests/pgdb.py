"""The PostgreSQL server of the team-mode tests: a fresh database per test, dropped after."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("EU_POSITIES_TEST_PG", "")


def need_pg() -> None:
    if not PG_URL:
        if os.environ.get("EU_POSITIES_REQUIRE_PG"):
            pytest.fail("EU_POSITIES_REQUIRE_PG is set but EU_POSITIES_TEST_PG is not")
        pytest.skip("EU_POSITIES_TEST_PG is not set")


def fresh_pg_database() -> Iterator[str]:
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
