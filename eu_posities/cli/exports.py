"""Commands: exports (see CONTRACT.md): `table`, `memo`, `report`."""

from __future__ import annotations

from pathlib import Path

import typer

from eu_posities import config
from eu_posities.cli.common import progress_bar, say_wrote, split_list, state_of
from eu_posities.kinds import MAX_COMPARE_STAGES, MIN_COMPARE_STAGES

INCLUDE_LIMITE = typer.Option(
    False, "--include-limite", help="Allow LIMITE (non-public) stages in the export."
)
REDLINE = typer.Option(
    "revisions",
    "--redline",
    help="DOCX changes as Word tracked changes by stage (revisions, the default) or as bold "
    "italic and strikethrough (formatting, for readers who print).",
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("table")(table)
    app.command("memo")(memo)
    app.command("report")(report)


def table(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key, e.g. csa-regulation."),
    stages: str = typer.Option(
        ...,
        "--stages",
        help=f"{MIN_COMPARE_STAGES} to {MAX_COMPARE_STAGES} stage keys, comma-separated; "
        "changes are marked against the first.",
    ),
    out: Path = typer.Option(..., "--out", help="Output file: .docx, .html or .md."),
    concerns: bool = typer.Option(
        False, "--concerns", help="Add a last column with the Dutch concerns and their status."
    ),
    lang: str = typer.Option("en", "--lang", help="Language of the fixed texts: nl or en."),
    include_limite: bool = INCLUDE_LIMITE,
    layout: str = typer.Option(
        "rows",
        "--layout",
        help="rows: the four-column layout, one numbered row per paragraph or point with its "
        "heading, a status and a comments column; provisions: one row per provision.",
    ),
    redline: str = REDLINE,
    provisions: str = typer.Option(
        "",
        "--provisions",
        help='Only part of the dossier: "Article 7", "Articles 7-11", "rec 1-5, Annex II"; '
        "rows keep their numbers in the whole table.",
    ),
) -> None:
    """The multi-column (four-column) comparison of stages.

    Example: eup table csa-regulation --stages commission-proposal,council-mandate --out t.docx
    """
    from eu_posities.services.exporting import export_table

    engine = state_of(ctx).engine()
    with progress_bar("table") as progress:
        export_table(
            engine,
            dossier,
            split_list(stages),
            out,
            with_concerns=concerns,
            include_limite=include_limite,
            lang=lang,
            progress=progress,
            layout=layout,
            redline=redline,
            author=config.current_user(),
            provisions=provisions,
        )
    say_wrote(out)


def memo(
    ctx: typer.Context,
    dossier: str = typer.Argument(..., help="Dossier key, e.g. csa-directive."),
    out: Path = typer.Option(..., "--out", help="Output file: .docx, .md or .html."),
    concern: str | None = typer.Option(None, "--concern", help="Only this concern (its key)."),
    lang: str = typer.Option("nl", "--lang", help="nl (default) or en."),
    include_limite: bool = INCLUDE_LIMITE,
    include_fictional: bool = typer.Option(
        False, "--include-fictional", help="Also show fictional (practice) stages."
    ),
    to: str = typer.Option(
        "", "--to", "--aan", help="Aan: who the note is for (default: the Minister)."
    ),
    sender: str = typer.Option(
        "", "--from", "--van", help="Van: who sends it (default: EU_POSITIES_USER)."
    ),
    reference: str = typer.Option(
        "", "--reference", "--kenmerk", help="Kenmerk (default: the procedure number)."
    ),
    occasion: str = typer.Option(
        "", "--occasion", "--aanleiding", help="Aanleiding: replaces the standard paragraph."
    ),
    redline: str = REDLINE,
) -> None:
    """The position memo: a ministerial note (notitie) on where each Dutch concern stands.

    Example: eup memo csa-directive --concern vog --kenmerk 2024-0000123 --out memo.docx
    """
    from eu_posities.services.exporting import export_memo

    engine = state_of(ctx).engine()
    with progress_bar("memo") as progress:
        export_memo(
            engine,
            dossier,
            out,
            author=config.current_user(),
            concern_key=concern,
            lang=lang,
            include_limite=include_limite,
            include_fictional=include_fictional,
            progress=progress,
            to=to,
            sender=sender,
            reference=reference,
            occasion=occasion,
            redline=redline,
        )
    say_wrote(out)


def report(
    ctx: typer.Context,
    dossiers: list[str] = typer.Argument(..., help="One or more dossier keys."),
    out: Path = typer.Option(..., "--out", help="Output folder."),
    all_pairs: bool = typer.Option(
        False, "--all-pairs", help="Compare every pair of stages, not only consecutive ones."
    ),
    lang: str = typer.Option("en", "--lang", help="Language of the fixed texts: nl or en."),
    include_limite: bool = INCLUDE_LIMITE,
) -> None:
    """The batch diff report: index.html, report.json and a page per provision.

    Example: eup report csa-regulation csa-directive --out report/
    """
    from eu_posities.services.exporting import export_report

    engine = state_of(ctx).engine()
    with progress_bar("report") as progress:
        export_report(
            engine,
            dossiers,
            out,
            all_pairs=all_pairs,
            include_limite=include_limite,
            lang=lang,
            progress=progress,
        )
    say_wrote(out / "index.html")
