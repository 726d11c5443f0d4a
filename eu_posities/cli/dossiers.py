"""Commands for the database, dossiers, stages and provisions: init, dossier, stages, provisions,
backup, restore, log."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from eu_posities import config
from eu_posities.cli.common import (
    JSON_OPTION,
    emit_json,
    folding_table,
    state_of,
    stdout_console,
)

dossier_app = typer.Typer(
    help="Dossiers (legislative files).\n\nExample: eup dossier list", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(dossier_app, name="dossier")
    app.command("stages")(stages)
    app.command("provisions")(provisions)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("log")(change_log)


def init(
    ctx: typer.Context,
    demo: bool = typer.Option(True, "--demo/--empty", help="Load the bundled demo data (default)."),
) -> None:
    """Create the database or upgrade it to this version; load the demo data.

    Running it twice changes nothing. Example: eup init --empty
    """
    from eu_posities.services.setup import load_demo

    engine = state_of(ctx).engine(upgrade=True)
    if demo:
        summary = load_demo(engine, author=config.current_user())
        if summary:
            stdout_console().print(f"Database ready with the demo data: {summary}.")
        else:
            stdout_console().print("Database ready; the demo data was already there.")
    else:
        stdout_console().print("Database ready.")


@dossier_app.command("add")
def dossier_add(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="A slug, e.g. csa-directive."),
    title: str = typer.Option(..., "--title", help="Full title of the act."),
    procedure: str = typer.Option("", "--procedure", help="e.g. 2024/0035(COD)."),
    commission_ref: str = typer.Option("", "--ref", help="e.g. COM(2024) 60 final."),
) -> None:
    """Add a dossier.

    Example: eup dossier add ai-act --title "AI Act" --procedure 2021/0106(COD)
    """
    from eu_posities.services.setup import add_dossier

    add_dossier(
        state_of(ctx).engine(),
        key,
        title=title,
        procedure=procedure,
        commission_ref=commission_ref,
        author=config.current_user(),
    )
    stdout_console().print(f"Added dossier {key}.")


@dossier_app.command("list")
def dossier_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """List the dossiers.

    Example: eup dossier list --json
    """
    from eu_posities.services import reading

    rows = reading.dossiers(state_of(ctx).engine())
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    if not rows:
        stdout_console().print(
            "No dossiers yet: `eup init` loads the demo data, `eup dossier add` adds one."
        )
        return
    table = folding_table("key", "procedure", "stages", "with text", "title")
    for row in rows:
        table.add_row(
            escape(row.key),
            escape(row.procedure),
            str(len(row.stages)),
            str(row.stages_with_text),
            escape(row.title),
        )
    stdout_console().print(table)


def stages(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Stages of a dossier with date, document reference and provision counts.

    Example: eup stages csa-regulation
    """
    from eu_posities.services import reading

    rows = reading.stages(state_of(ctx).engine(), dossier)
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    table = Table(title=f"Stages of {dossier}", title_justify="left")
    # Only the date may not wrap; on a narrow terminal a long stage key folds rather than
    # pushing the table past the edge, where Rich would cut it off.
    table.add_column("stage", overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("provisions", justify="right")
    table.add_column("document", min_width=12, overflow="fold")
    for row in rows:
        marks = [m for m, on in (("FICTIONAL", row.fictional), ("LIMITE", row.limite)) if on]
        count = str(row.provisions) if row.imported else "[dim]—[/]"
        stage = escape(row.key)
        if not row.key.startswith(row.kind):
            stage += f"\n[dim](kind: {row.kind})[/]"
        if row.rebuilt_from:
            stage += f"\n[dim](rebuilt from the marks of {escape(row.rebuilt_from)})[/]"
        if row.partial:
            stage += f"\n[dim](partial: {escape(row.partial)})[/]"
        if marks:
            stage += "\n[bold yellow]" + " ".join(marks) + "[/]"
        table.add_row(stage, escape(row.date), count, escape(row.ref))
    stdout_console().print(table)


def provisions(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key."),
    stage: str = typer.Argument(..., help="Stage key."),
    kind: str | None = typer.Option(
        None, "--kind", help="Only this kind: article, recital, annex."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Provisions of a stage in document order.

    Example: eup provisions csa-regulation commission-proposal --kind article
    """
    from eu_posities.services import reading

    rows = reading.provisions(state_of(ctx).engine(), dossier, stage, kind=kind)
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    console = stdout_console()
    if not rows:
        what = f"no {kind} provisions" if kind else "no text yet"
        console.print(f"{dossier}/{stage} has {what}.")
        if not kind:
            console.print(f"Import one: eup import FILE --dossier {dossier} --stage {stage}")
        return
    table = Table("label", "heading", "text", show_lines=False)
    for row in rows:
        table.add_row(escape(row.label), escape(row.heading), escape(_shorten(row.text, 70)))
    console.print(table)


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def backup(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Where to write the JSON backup."),
) -> None:
    """Write everything, history included, to one JSON file.

    Example: eup backup team.json
    """
    from eu_posities.services.setup import backup as write_backup

    counts = write_backup(state_of(ctx).engine(), file)
    stdout_console().print(f"Backed up {sum(counts.values())} rows to {file}.", markup=False)


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A backup written by `eup backup`."),
) -> None:
    """Load a backup into an empty database.

    Example: eup --db sqlite:///copy.db restore team.json
    """
    from eu_posities.services.setup import read_backup
    from eu_posities.services.setup import restore as restore_backup

    data = read_backup(file)
    counts = restore_backup(state_of(ctx).engine(upgrade=True), data)
    stdout_console().print(f"Restored {sum(counts.values())} rows from {file}.", markup=False)


def change_log(
    ctx: typer.Context,
    dossier: str | None = typer.Option(None, "--dossier", help="Only changes to this dossier."),
    author: str | None = typer.Option(None, "--author", help="Only changes by this author."),
    limit: int = typer.Option(200, "--limit", help="At most this many, newest kept."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Who changed what, oldest first.

    Example: eup log --dossier csa-directive --author jansen
    """
    from eu_posities.services import reading

    rows = reading.changes(state_of(ctx).engine(), dossier_key=dossier, author=author, limit=limit)
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    table = folding_table("at", "author", "action", "dossier", "subject")
    for row in rows:
        at = row.at.strftime("%Y-%m-%d %H:%M") if row.at else ""  # to the minute
        table.add_row(at, escape(row.author), row.action, row.dossier, escape(row.subject))
    stdout_console().print(table)
