"""Commands: concerns (see CONTRACT.md) - the ledger of Dutch negotiating points."""

from __future__ import annotations

from typing import Any

import typer

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
    from eu_posities.concerns.views import concern_rows

    with state_of(ctx).read() as session:
        rows = concern_rows(session=session, dossier_key=dossier)
    if as_json:
        emit_json(rows)
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
    from eu_posities.concerns.views import concern_detail

    with state_of(ctx).read() as session:
        detail = concern_detail(session=session, dossier_key=key, concern_key=concern)
    if as_json:
        emit_json(detail)
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
    from eu_posities.concerns.ledger import add_concern

    author = config.current_user()
    dossiers = [d for value in dossier for d in split_list(value)]
    state_of(ctx).write(
        lambda s: add_concern(
            session=s,
            key=key,
            title_nl=title,
            title_en=title_en,
            description=description,
            position_nl=position,
            position_source=source,
            terms=split_list(terms),
            dossiers=dossiers,
            author=author,
        )
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
    from eu_posities.concerns.suggest import accept, suggest_stage

    state = state_of(ctx)
    if do_accept:
        author = config.current_user()

        def work(session: Any) -> list[Any]:
            found = suggest_stage(
                session=session,
                dossier_key=key,
                stage_key=stage,
                concern_key=concern,
                threshold=threshold,
                limit=limit,
            )
            accept(
                session=session, dossier_key=key, stage_key=stage, suggestions=found, author=author
            )
            return found

        found = state.write(work)
    else:
        with state.read() as session:
            found = suggest_stage(
                session=session,
                dossier_key=key,
                stage_key=stage,
                concern_key=concern,
                threshold=threshold,
                limit=limit,
            )
    if as_json:
        emit_json([s.to_json() for s in found])
        return
    table = folding_table("concern", "provision", "score", "why")
    for s in found:
        table.add_row(s.concern, s.provision, f"{s.score:.2f}", s.why)
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
    from eu_posities.concerns.ledger import link_provision, unlink

    if reject and remove:
        raise InputError("use --reject or --remove, not both")
    author = config.current_user()
    if remove:
        state_of(ctx).write(
            lambda s: unlink(
                session=s,
                dossier_key=key,
                concern_key=concern,
                stage_key=stage,
                label=label,
                author=author,
            )
        )
        stdout_console().print(f"Removed the link of {concern} to {label} in {stage}.")
        return
    state = "rejected" if reject else "confirmed"
    row = state_of(ctx).write(
        lambda s: link_provision(
            session=s,
            dossier_key=key,
            concern_key=concern,
            stage_key=stage,
            label=label,
            state=state,
            author=author,
        )
    )
    stdout_console().print(f"{concern}: {row.label} in {stage} {state}.")


def _expected(value: str | None) -> Any:
    from eu_posities.concerns.ledger import UNCHECKED

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
    from eu_posities.concerns.ledger import assess as do_assess

    author = config.current_user()
    expected = _expected(expect)
    row = state_of(ctx).write(
        lambda s: do_assess(
            session=s,
            dossier_key=key,
            concern_key=concern,
            stage_key=stage,
            status=status,
            evidence=evidence,
            evidence_document=source,
            evidence_location=location,
            note=note,
            author=author,
            expected_current_id=expected,
        )
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
    from eu_posities.concerns.views import history_rows

    with state_of(ctx).read() as session:
        rows = history_rows(session=session, dossier_key=key, concern_key=concern)
    if as_json:
        emit_json(rows)
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
    from eu_posities.concerns.views import alert_rows

    with state_of(ctx).read() as session:
        rows = alert_rows(session=session, dossier_key=key, concern_key=concern)
    if as_json:
        emit_json(rows)
        return
    table = folding_table("concern", "stage", "provision", "summary")
    for row in rows:
        table.add_row(row["concern"], row["stage"], row["provision"], row["summary"])
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
    from eu_posities.concerns.positions import apply_positions, propose_from_stage

    state = state_of(ctx)
    if apply:
        author = config.current_user()
        found = state.write(
            lambda s: apply_positions(
                session=s, dossier_key=key, stage_key=stage, author=author, overwrite=overwrite
            )
        )
    else:
        with state.read() as session:
            found = propose_from_stage(session=session, dossier_key=key, stage_key=stage)
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
        console.print(f"[bold]{row['concern']}[/bold] ({row['location']}): {row['text']}")
    if apply:
        console.print(f"Stored {len(rows)} positions.")
