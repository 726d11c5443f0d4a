"""Run `eup` as a user would from the shell, through Typer's test runner: output and exit code.

`eup init` on a new SQLite file loads the whole bundled demo (three dossiers, seven real
texts): the first such init of a test run is run for real and its database kept as a
template, the next ones copy it (the same bytes a real init writes; `tests/test_demo.py`
and the init tests run it for real). This keeps a hundred demo databases from costing
minutes. On PostgreSQL the same: the first demo init of a fresh test database is kept as a
template database, the next fresh databases are made from it (`CREATE DATABASE … TEMPLATE`).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def eup(*args: str) -> Result:
    target = _new_demo_database(args)
    if target is not None:
        return _from_template(target)
    pg_target = _new_pg_demo_database(args)
    if pg_target is not None:
        return _from_pg_template(pg_target)
    return _run(args)


def _run(args: tuple[str, ...]) -> Result:
    from eu_posities.cli import app

    result = CliRunner().invoke(app, list(args), prog_name="eup")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug in the test or the tool: show its traceback
    return Result(result.exit_code, result.stdout, result.stderr)


# --- the demo database template -------------------------------------------------------------

_TEMPLATE: tuple[Path, Result] | None = None


def _new_demo_database(args: tuple[str, ...]) -> Path | None:
    """The SQLite file a plain `eup --db sqlite:///FILE init [--demo]` would create, if new."""
    if not _plain_demo_init(args) or not args[1].startswith("sqlite:///"):
        return None
    path = Path(args[1].removeprefix("sqlite:///"))
    if path.exists() or os.environ.get("EU_POSITIES_USER") != "tester":
        return None
    return path


def _plain_demo_init(args: tuple[str, ...]) -> bool:
    """`eup --db URL init` or `eup --db URL init --demo`, nothing else."""
    return (
        len(args) in (3, 4)
        and args[0] == "--db"
        and args[2] == "init"
        and (args[3:] in ((), ("--demo",)))
    )


def _from_template(target: Path) -> Result:
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="eup-demo-template-"))
        made = folder / "demo.db"
        result = _run(("--db", f"sqlite:///{made}", "init"))
        if result.code != 0:
            return result  # a broken init: the test sees it as it is
        with sqlite3.connect(made) as conn:  # everything into the main file
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _TEMPLATE = (made, result)
    made, result = _TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(made, target)
    os.chmod(target, 0o600)
    return result


# --- the same on PostgreSQL -------------------------------------------------------------------

_PG_TEMPLATE: tuple[str, Result] | None = None


def _new_pg_demo_database(args: tuple[str, ...]) -> str | None:
    """The URL of an empty test database that `eup --db URL init [--demo]` would fill."""
    if not _plain_demo_init(args) or not args[1].startswith("postgresql"):
        return None
    if os.environ.get("EU_POSITIES_USER") != "tester":
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if not (make_url(args[1]).database or "").startswith("eup_test_"):
        return None  # only the fresh databases of tests/pgdb.py
    engine = create_engine(args[1])
    try:
        with engine.connect() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            ).scalar_one()
    finally:
        engine.dispose()
    return args[1] if tables == 0 else None


def _from_pg_template(target: str) -> Result:
    global _PG_TEMPLATE
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(target)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        if _PG_TEMPLATE is None:
            name = f"eup_tpl_{os.getpid()}"
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            atexit.register(_drop_database, url.set(database="postgres"), name)
            made = url.set(database=name).render_as_string(hide_password=False)
            result = _run(("--db", made, "init"))
            if result.code != 0:
                return result  # a broken init: the test sees it as it is
            _PG_TEMPLATE = (name, result)
        name, result = _PG_TEMPLATE
        with admin.connect() as conn:
            # The init's engine may still hold a pooled connection to the template: a
            # template must have none.
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{url.database}" TEMPLATE "{name}"'))
    finally:
        admin.dispose()
    return result


def _drop_database(server: Any, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
