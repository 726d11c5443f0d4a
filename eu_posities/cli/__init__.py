"""The `eup` command line: a thin layer over the core, one module per group of commands.

The terminal UI is imported only when it is opened, so `eup --help` and the batch commands
start without loading Textual.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from eu_posities.cli import common


class Commands(TyperGroup):
    """The `eup` command group: any error a user can act on becomes one line, no traceback.

    Handled here, inside the command, so that `eup` behaves the same run from a shell, from
    `main()` or from Typer's test runner.
    """

    def invoke(self, ctx: Any) -> Any:
        from eu_posities.errors import EupError

        try:
            return super().invoke(ctx)
        except (TyperException, typer.Exit, typer.Abort):
            raise  # usage errors and exits: Typer prints and exits as it should
        except EupError as exc:
            common.fail(str(exc), code=exc.exit_code)
        except KeyboardInterrupt:
            common.fail("interrupted; nothing was changed", code=130)
        except Exception as exc:  # a bug or an environment problem: still one line
            if os.environ.get("EU_POSITIES_DEBUG"):
                raise
            common.fail(f"{type(exc).__name__}: {exc} (set EU_POSITIES_DEBUG=1 for details)")


app = typer.Typer(
    cls=Commands,
    name="eup",
    help=(
        "eu-posities: EU negotiation texts stage by stage, word-level redlines, and the "
        "ledger of Dutch concerns.\n\nRun `eup` alone to open the terminal UI.\n\n"
        "Example: eup stages csa-regulation"
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL (default: EU_POSITIES_DB, else SQLite in EU_POSITIES_HOME).",
        metavar="URL",
    ),
) -> None:
    ctx.obj = common.AppState(db_url=db)
    if ctx.invoked_subcommand is None:
        run_tui(ctx)


@app.command("tui")
def tui_command(ctx: typer.Context) -> None:
    """Open the terminal UI (also what `eup` alone does).

    Example: eup --db postgresql+psycopg://team-db/eup tui
    """
    run_tui(ctx)


def run_tui(ctx: typer.Context) -> None:
    state: common.AppState = ctx.obj
    engine = state.engine(auto_demo=True)
    from eu_posities.tui.app import run  # lazy: Textual loads only here

    run(engine)


def _register() -> None:
    from eu_posities.cli import (
        amendments,
        compare,
        concerns,
        dossiers,
        exports,
        importing,
        rows,
    )

    for module in (dossiers, importing, amendments, rows, compare, concerns, exports):
        module.register(app)


_register()


def main() -> None:
    """Entry point of `eup` / `eu-posities`: errors become one line on stderr."""
    app()
    sys.exit(0)
