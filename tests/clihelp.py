"""Run `eup` as a user would from the shell, through Typer's test runner: output and exit code."""

from __future__ import annotations

import json
from dataclasses import dataclass
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
    from eu_posities.cli import app

    result = CliRunner().invoke(app, list(args), prog_name="eup")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug in the test or the tool: show its traceback
    return Result(result.exit_code, result.stdout, result.stderr)
