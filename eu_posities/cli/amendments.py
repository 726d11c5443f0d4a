"""Command: amendments — the EP amendment list behind a stage, or in a file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from eu_posities.cli.common import JSON_OPTION, emit_json, folding_table, state_of, stdout_console


def register(app: typer.Typer) -> None:
    app.command("amendments")(amendments)


def amendments(
    ctx: typer.Context,
    dossier: str | None = typer.Argument(None, help="Dossier key."),
    stage: str | None = typer.Argument(None, help="The EP stage made from an amendment list."),
    provision: str | None = typer.Option(
        None, "--provision", help="Only the amendments to this provision, e.g. 'Article 7'."
    ),
    file: Path | None = typer.Option(
        None, "--file", help="Read an amendment document and list it, storing nothing."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """The amendments behind an EP stage: target, kind, applied or not, and why not.

    Example: eup amendments ai-act ep-position --provision "Article 5"
    Example: eup amendments --file amendments.html --json
    """
    from eu_posities.errors import InputError
    from eu_posities.services import reading

    if file is not None:
        if dossier or stage:
            raise InputError("give either DOSSIER STAGE or --file FILE, not both")
        rows = reading.amendments_in_file(file)
    elif dossier and stage:
        rows = reading.amendments(state_of(ctx).engine(), dossier, stage, provision=provision)
    else:
        raise InputError("say which stage (DOSSIER STAGE) or which file (--file FILE)")
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    table = folding_table("no.", "target", "kind", "applied")
    for row in rows:
        if row.applied is None:
            state = "—"
        else:
            state = "yes" if row.applied else f"[red]no[/]: {escape(row.problem)}"
        table.add_row(escape(row.number), escape(row.target), row.kind, state)
    console = stdout_console()
    console.print(table)
    applied = sum(1 for r in rows if r.applied)
    if rows and rows[0].applied is not None:
        console.print(f"{len(rows)} amendments, {applied} applied, {len(rows) - applied} not.")
