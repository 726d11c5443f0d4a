"""Commands that compare two stages of a dossier: align, diff."""

from __future__ import annotations

import typer
from rich.text import Text

from eu_posities import config
from eu_posities.cli.common import (
    JSON_OPTION,
    emit_json,
    folding_table,
    state_of,
    stdout_console,
)
from eu_posities.cli.redline import STATUS_STYLE, render_diff


def register(app: typer.Typer) -> None:
    app.command("align")(align)
    app.command("diff")(diff)


def _parse_pin(value: str) -> tuple[str | None, str | None]:
    """'Article 5=Article 6', 'Article 5=' (deleted) or '=Article 5a' (added)."""
    if "=" not in value:
        raise typer.BadParameter("use FROM=TO, e.g. 'Article 5=Article 6' or 'Article 9='")
    old, new = (part.strip() or None for part in value.split("=", 1))
    return old, new


def align(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key."),
    from_stage: str = typer.Argument(..., metavar="FROM", help="Earlier stage key."),
    to_stage: str = typer.Argument(..., metavar="TO", help="Later stage key."),
    pin: list[str] = typer.Option(
        [],
        "--set",
        help="Confirm or impose a match, FROM=TO ('Article 5=Article 6'; 'Article 9=' deleted).",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Which provision of FROM became which of TO; `--set` stores a manual match.

    Example:
    eup align csa-regulation commission-proposal practice-council-text --set "Article 5=Article 5a"
    """
    from eu_posities.compare import align_stages, set_override

    state = state_of(ctx)
    author = config.current_user()
    pins = [_parse_pin(p) for p in pin]

    def work(session):  # type: ignore[no-untyped-def]
        for old, new in pins:
            set_override(
                session=session,
                dossier_key=dossier,
                from_key=from_stage,
                to_key=to_stage,
                from_label=old,
                to_label=new,
                author=author,
            )
        return align_stages(
            session=session, dossier_key=dossier, from_key=from_stage, to_key=to_stage
        )

    rows = state.write(work)
    if as_json:
        emit_json(rows)
        return
    table = folding_table(from_stage, to_stage, "status", "score", "method")
    for row in rows:
        status = Text(row["status"], style=STATUS_STYLE.get(row["status"], ""))
        table.add_row(
            row["from"] or "—", row["to"] or "—", status, f"{row['score']:.2f}", row["method"]
        )
    stdout_console().print(table)


def diff(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key."),
    from_stage: str = typer.Argument(..., metavar="FROM", help="Earlier stage key."),
    to_stage: str = typer.Argument(..., metavar="TO", help="Later stage key."),
    provision: str | None = typer.Option(
        None, "--provision", help="Only this provision, e.g. 'Article 7'."
    ),
    show_all: bool = typer.Option(False, "--all", help="Also show unchanged provisions."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Word-level redline of every aligned pair, with modal, negation and number flags.

    Example:
    eup diff csa-regulation commission-proposal practice-council-text --provision "Article 7"
    """
    from eu_posities.compare import diff_stages

    # Writes: the computed alignment is stored for the TUI and the exports to reuse.
    result = state_of(ctx).write(
        lambda s: diff_stages(
            session=s,
            dossier_key=dossier,
            from_key=from_stage,
            to_key=to_stage,
            provision=provision,
        )
    )
    if as_json:
        emit_json(result)
        return
    console = stdout_console()
    plain = console.no_color or not console.is_terminal  # no colour: mark the changes in text
    console.print(render_diff(result, changed_only=not (show_all or provision), marks=plain))
