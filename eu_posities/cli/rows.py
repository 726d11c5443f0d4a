"""Command: rows — the numbered rows of a four-column document, with their G/Y/R status."""

from __future__ import annotations

import typer
from rich.markup import escape

from eu_posities.cli.common import JSON_OPTION, emit_json, folding_table, state_of, stdout_console

STATUS_STYLE = {"G": "bold black on green", "Y": "bold black on yellow", "R": "bold white on red"}


def register(app: typer.Typer) -> None:
    app.command("rows")(rows)


def rows(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key."),
    provision: str | None = typer.Option(
        None, "--provision", help="Only the rows of this provision, e.g. 'Article 16'."
    ),
    status: str | None = typer.Option(
        None, "--status", help="Only rows with this status: G (agreed), Y (checks), R (open)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """The rows of the dossier's four-column document: number, status, heading, cells.

    Example: eup rows ai-act --provision "Article 16" --status R
    """
    from eu_posities.services import reading

    found = reading.rows(state_of(ctx).engine(), dossier, provision=provision, status=status)
    if as_json:
        emit_json([row.to_json() for row in found])
        return
    console = stdout_console()
    if not found:
        console.print(f"No rows in {dossier}" + (" match." if provision or status else "."))
        return
    table = folding_table("row", "", "heading", "stages with text")
    for row in found:
        mark = f"[{STATUS_STYLE[row.status]}] {row.status} [/]" if row.status else ""
        with_text = ", ".join(k for k, state in row.states.items() if state == "text")
        table.add_row(escape(row.number), mark, escape(row.heading), escape(with_text))
    console.print(table)
    counts = {s: sum(1 for r in found if r.status == s) for s in "GYR"}
    console.print(
        f"{len(found)} rows: {counts['G']} green, {counts['Y']} yellow, {counts['R']} red."
    )
