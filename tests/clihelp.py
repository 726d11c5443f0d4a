"""Run `eup` as a user would from the shell, through Typer's test runner: output and exit code.

`eup init` on a new SQLite file loads the whole bundled demo (three dossiers, seven real
texts): the first such init of a test run is run for real and its database kept as a
template, the next ones copy it (the same bytes a real init writes; `tests/test_demo.py`
and the init tests run it for real). This keeps a hundred demo databases from costing
minutes.
"""

from __future__ import annotations

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
    if len(args) not in (3, 4) or args[0] != "--db" or args[2] != "init":
        return None
    if args[3:] not in ((), ("--demo",)) or not args[1].startswith("sqlite:///"):
        return None
    path = Path(args[1].removeprefix("sqlite:///"))
    if path.exists() or os.environ.get("EU_POSITIES_USER") != "tester":
        return None
    return path


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
