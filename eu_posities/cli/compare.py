"""Commands that compare two stages of a dossier: align, diff."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.text import Text

from eu_posities import config
from eu_posities.cli.common import (
    JSON_OPTION,
    emit_json,
    folding_table,
    state_of,
    stdout_console,
)
from eu_posities.cli.redline import STATUS_STYLE, render_diff, render_trace


def register(app: typer.Typer) -> None:
    app.command("align")(align)
    app.command("diff")(diff)
    app.command("trace")(trace)


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
    from eu_posities.services import comparing

    result = comparing.align(
        state_of(ctx).engine(),
        dossier,
        from_stage,
        to_stage,
        pins=[_parse_pin(p) for p in pin],
        author=config.current_user(),
        parts=as_json,  # paragraph by paragraph: for machines (the table would be too long)
    )
    if as_json:
        emit_json(result.to_json())
        return
    table = folding_table(from_stage, to_stage, "status", "score", "method")
    for m in result.matches:
        status = Text(m.status, style=STATUS_STYLE.get(m.status, ""))
        old, new = escape(m.from_label or "—"), escape(m.to_label or "—")
        table.add_row(old, new, status, f"{m.score:.2f}", m.method)
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
    as_marked: bool = typer.Option(
        False,
        "--as-marked",
        help="The redline as TO's document marked it (Council bold/strikethrough, EP bold "
        "italic), where it did.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Word-level redline of every aligned pair, with modal, negation and number flags.

    Example:
    eup diff csa-regulation commission-proposal practice-council-text --provision "Article 7"
    """
    from eu_posities.services import comparing

    result = comparing.diff(
        state_of(ctx).engine(),
        dossier,
        from_stage,
        to_stage,
        provision=provision,
        as_marked=as_marked,
    )
    if as_json:
        emit_json(result.to_json())
        return
    console = stdout_console()
    plain = console.no_color or not console.is_terminal  # no colour: mark the changes in text
    console.print(render_diff(result, changed_only=not (show_all or provision), marks=plain))


def trace(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key."),
    label: str = typer.Argument(..., help="The provision, e.g. 'Article 7'."),
    stages: str = typer.Option(
        ..., "--stages", help="The stages in order, comma-separated: A,B,C (2 to 5)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Which stage introduced each change of a provision, and where it was undone.

    Example:
    eup trace ai-act "Article 5" --stages commission-proposal,ep-position,council-mandate
    """
    from eu_posities.cli.common import split_list
    from eu_posities.services import comparing

    lineage = comparing.trace(state_of(ctx).engine(), dossier, label, split_list(stages))
    if as_json:
        emit_json(lineage.to_json())
        return
    console = stdout_console()
    plain = console.no_color or not console.is_terminal
    console.print(render_trace(lineage, marks=plain))
