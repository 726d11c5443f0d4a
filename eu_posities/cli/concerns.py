"""Commands: concerns (see CONTRACT.md) - the ledger of Dutch negotiating points."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape

from eu_posities import config
from eu_posities.cli.common import (
    JSON_OPTION,
    emit_json,
    folding_table,
    split_list,
    state_of,
    stdout_console,
)
from eu_posities.cli.concern_output import print_concern_tables, print_detail, print_history
from eu_posities.errors import InputError

concerns_app = typer.Typer(
    help="The concern ledger: Dutch negotiating points per stage.\n\n"
    "Example: eup concerns list --dossier csa-directive",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.add_typer(concerns_app, name="concerns")


@concerns_app.command("list")
def list_cmd(
    ctx: typer.Context,
    dossier: str | None = typer.Option(None, "--dossier", help="Only this dossier."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Concerns with their status per stage.

    Example: eup concerns list --dossier csa-directive
    """
    from eu_posities.services import reading

    rows = reading.concerns(state_of(ctx).engine(), dossier)
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    print_concern_tables(rows, dossier)


@concerns_app.command("show")
def show(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    concern: str = typer.Argument(...),
    as_json: bool = JSON_OPTION,
) -> None:
    """Position, linked provisions, status per stage, evidence and alerts of one concern.

    Example: eup concerns show csa-directive vog
    """
    from eu_posities.services import reading

    detail = reading.concern(state_of(ctx).engine(), key, concern)
    if as_json:
        emit_json(detail.detail_json())
        return
    print_detail(detail)


@concerns_app.command("add")
def add(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Concern key, a slug."),
    title: str = typer.Option(..., "--title", help="Dutch title."),
    dossier: list[str] = typer.Option(
        ..., "--dossier", help="Dossier key (repeat or comma-separate)."
    ),
    title_en: str = typer.Option("", "--title-en", help="English title."),
    description: str = typer.Option("", "--description"),
    terms: str = typer.Option(
        "", "--terms", help="Search terms, comma-separated (English and Dutch)."
    ),
    position: str = typer.Option("", "--position", help="The Dutch position."),
    source: str = typer.Option("", "--source", help="Where the position is written down."),
) -> None:
    """Add a concern of your own.

    Example: eup concerns add my-point --title "Mijn punt" --dossier csa-regulation --terms a,b
    """
    from eu_posities.services import assessing

    assessing.add_concern(
        state_of(ctx).engine(),
        key,
        title=title,
        dossiers=[d for value in dossier for d in split_list(value)],
        author=config.current_user(),
        title_en=title_en,
        description=description,
        terms=split_list(terms),
        position=position,
        source=source,
    )
    stdout_console().print(f"Added concern {key}.")


@concerns_app.command("suggest")
def suggest(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    stage: str = typer.Argument(..., help="Stage key."),
    concern: str | None = typer.Option(None, "--concern", help="Only this concern."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many per concern."),
    threshold: float = typer.Option(0.3, "--threshold", min=0.0, max=1.0, help="Minimum score."),
    do_accept: bool = typer.Option(
        False, "--accept", help="Store the suggestions as confirmed links."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Which provisions of a stage concern which concern.

    Example: eup concerns suggest csa-regulation commission-proposal --concern detectiebevel
    """
    from eu_posities.services import assessing

    found = assessing.suggest(
        state_of(ctx).engine(),
        key,
        stage,
        concern=concern,
        threshold=threshold,
        limit=limit,
        accept_as=config.current_user() if do_accept else None,
    )
    if as_json:
        emit_json([s.to_json() for s in found])
        return
    table = folding_table("concern", "provision", "score", "why")
    for s in found:
        table.add_row(escape(s.concern), escape(s.provision), f"{s.score:.2f}", escape(s.why))
    console = stdout_console()
    console.print(table)
    if do_accept:
        console.print(f"Linked {len(found)} provisions.")


@concerns_app.command("link")
def link(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    concern: str = typer.Argument(...),
    stage: str = typer.Argument(...),
    label: str = typer.Argument(..., help='Provision label, e.g. "Article 7".'),
    reject: bool = typer.Option(
        False, "--reject", help="Mark the provision as not concerning this concern."
    ),
    remove: bool = typer.Option(False, "--remove", help="Remove the link altogether."),
) -> None:
    """Link a concern to a provision (or reject or remove the link).

    Example: eup concerns link csa-regulation detectiebevel commission-proposal "Article 7"
    """
    from eu_posities.services import assessing

    if reject and remove:
        raise InputError("use --reject or --remove, not both")
    engine, author = state_of(ctx).engine(), config.current_user()
    if remove:
        assessing.unlink(engine, key, concern, stage, label, author=author)
        stdout_console().print(
            f"Removed the link of {concern} to {label} in {stage}.", markup=False
        )
        return
    state = "rejected" if reject else "confirmed"
    stored = assessing.link(engine, key, concern, stage, label, author=author, state=state)
    stdout_console().print(f"{concern}: {stored} in {stage} {state}.", markup=False)


def _expected(value: str | None) -> Any:
    from eu_posities.services.assessing import UNCHECKED

    if value is None:
        return UNCHECKED
    if value.lower() in ("none", "0", ""):
        return None
    if not value.isdigit():
        raise InputError(f"--expect takes an assessment id or 'none', not {value!r}")
    return int(value)


@concerns_app.command("assess")
def assess(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    concern: str = typer.Argument(...),
    stage: str = typer.Argument(...),
    status: str = typer.Option(..., "--status", help="open, partly, resolved or dropped."),
    evidence: str = typer.Option(
        "", "--evidence", help="The quote that shows it (required for resolved and partly)."
    ),
    source: str = typer.Option("", "--source", help="The document the quote is from."),
    location: str = typer.Option(
        "", "--location", help='Where in it, e.g. "paragraaf 7" or "Article 10(2)".'
    ),
    note: str = typer.Option("", "--note"),
    expect: str | None = typer.Option(
        None,
        "--expect",
        help="The assessment id you saw ('none' if none): refuse if it changed since.",
    ),
) -> None:
    """Record where a concern stands in a stage (a new entry; history is kept).

    Example: eup concerns assess csa-directive vog council-general-approach --status resolved
    --evidence "Ook laat het voorstel voldoende ruimte ..." --source "Kamerbrief 20-12-2024"
    --location "paragraaf 7"
    """
    from eu_posities.services import assessing

    row = assessing.assess(
        state_of(ctx).engine(),
        key,
        concern,
        stage,
        status=status,
        author=config.current_user(),
        evidence=evidence,
        source=source,
        location=location,
        note=note,
        expected=_expected(expect),
    )
    stdout_console().print(f"{concern} in {stage}: {row.status} (assessment {row.id}).")


@concerns_app.command("history")
def history(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    concern: str = typer.Argument(...),
    as_json: bool = JSON_OPTION,
) -> None:
    """Every assessment of a concern, oldest first.

    Example: eup concerns history csa-directive vog --json
    """
    from eu_posities.services import reading

    rows = reading.concern(state_of(ctx).engine(), key, concern).history
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    print_history(rows)


@concerns_app.command("alerts")
def alerts(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    concern: str | None = typer.Option(None, "--concern"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Concerns whose linked provisions changed in a later stage.

    Example: eup concerns alerts csa-regulation
    """
    from eu_posities.services import reading

    rows = reading.alerts(state_of(ctx).engine(), key, concern)
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    table = folding_table("concern", "stage", "provision", "summary")
    for row in rows:
        table.add_row(
            escape(row.concern), escape(row.stage), escape(row.provision), escape(row.summary)
        )
    stdout_console().print(table)


@concerns_app.command("positions")
def positions(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Dossier key."),
    stage: str = typer.Argument(..., help="An imported BNC-fiche (or letter) stage."),
    apply: bool = typer.Option(False, "--apply", help="Store them on concerns without a position."),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="With --apply: replace positions too."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Propose each concern's Dutch position from the fiche's "Nederlandse positie".

    Example: eup concerns positions csa-directive bnc-fiche --apply
    """
    from eu_posities.services import assessing

    found = assessing.positions(
        state_of(ctx).engine(),
        key,
        stage,
        apply_as=config.current_user() if apply else None,
        overwrite=overwrite,
    )
    rows = [
        {"concern": p.concern, "location": p.location, "score": p.score, "text": p.text}
        for p in found
    ]
    if as_json:
        emit_json(rows)
        return
    console = stdout_console()
    if not rows:
        console.print(f"No 'Nederlandse positie' found in {stage} for the concerns of {key}.")
    for row in rows:
        console.print(
            f"[bold]{escape(str(row['concern']))}[/bold] ({escape(str(row['location']))}): "
            + escape(str(row["text"]))
        )
    if apply:
        console.print(f"Stored {len(rows)} positions.")
