"""Commands that bring texts in and find them again: import, search."""

from __future__ import annotations

from pathlib import Path

import typer

from eu_posities import config
from eu_posities.cli.common import (
    JSON_OPTION,
    emit_json,
    progress_bar,
    split_list,
    state_of,
    stderr_console,
    stdout_console,
)


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("search")(search_command)


def import_command(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help="The document: EUR-Lex HTML/XHTML, Formex, AKN, DOCX, PDF, text."
    ),
    dossier: str = typer.Option(..., "--dossier", help="Dossier key."),
    stage: str | None = typer.Option(
        None, "--stage", help="Stage key, e.g. council-general-approach."
    ),
    stages: str | None = typer.Option(
        None, "--stages", help="Stage keys for the columns of a multi-column file: A,B,C."
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="Stage kind, if the key is not a standard kind."
    ),
    fmt: str = typer.Option(
        "auto", "--format", help="auto, eurlex-html, oj-xhtml, formex, akn, docx, pdf, text."
    ),
    date: str | None = typer.Option(None, "--date", help="Date of the document, YYYY-MM-DD."),
    ref: str | None = typer.Option(None, "--ref", help="Document reference (ST or COM number)."),
    title: str | None = typer.Option(None, "--title", help="Title of the stage."),
    limite: bool = typer.Option(False, "--limite", help="The document is LIMITE (not public)."),
    not_limite: bool = typer.Option(
        False, "--not-limite", help="Store as public although the page furniture says LIMITE."
    ),
    fictional: bool = typer.Option(
        False, "--fictional", help="Practice text, not a real document."
    ),
    replace: bool = typer.Option(False, "--replace", help="Replace the stage's existing text."),
    leos_both: bool = typer.Option(
        False, "--leos-both", help="For a LEOS mandate: also import the Commission text as a stage."
    ),
    amending: str | None = typer.Option(
        None,
        "--amending",
        metavar="BASE",
        help="An EP amendment list: apply it to stage BASE (normally commission-proposal).",
    ),
    marked_against: str | None = typer.Option(
        None,
        "--marked-against",
        metavar="BASE",
        help="The document marks its changes (bold added, struck deleted) against stage BASE: "
        "rebuilt from the marks when BASE has no text, else checked against it.",
    ),
    marks: str = typer.Option(
        "auto",
        "--marks",
        help="How to read bold/strikethrough: auto (when the document states the convention "
        "or strikes text), council, or none (as printed).",
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Import even when part of the text was not read (coverage < 99%) or the document "
        "looks like another act; a warning says so.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Import one document as a stage, in one transaction.

    Example:
    eup import approach.pdf --dossier csa-directive --stage council-general-approach --limite
    """
    from eu_posities.services.importing import ImportRequest, import_document

    request = ImportRequest(
        path=file,
        dossier=dossier,
        stage=stage,
        stages=tuple(split_list(stages)),
        kind=kind,
        fmt=fmt,
        date=date,
        ref=ref,
        title=title,
        limite=limite,
        not_limite=not_limite,
        fictional=fictional,
        replace=replace,
        leos_both=leos_both,
        force=force,
        amending=amending,
        marked_against=marked_against,
        marks=marks,
    )
    engine = state_of(ctx).engine()
    with progress_bar("import") as bar:
        result = import_document(engine, request, author=config.current_user(), progress=bar)
    if as_json:
        emit_json(result.to_json())
        return
    console = stdout_console()
    for d in result.stages:
        console.print(f"Imported {d.provisions} provisions into {dossier}/{d.key} ({d.format}).")
    if result.amendments is not None:
        console.print(result.amendments.summary() + ".", markup=False)
    if result.coverage is not None:
        console.print(f"Text coverage: {result.coverage.share:.1%} of the document's words.")
    for note in result.notes:
        console.print(f"Note: {note}.", markup=False)
    for warning in result.warnings:
        stderr_console().print(f"warning: {warning}", markup=False, highlight=False)


def search_command(
    ctx: typer.Context,
    query: str = typer.Argument(..., help='Words (all must match) and "quoted phrases".'),
    dossier: str | None = typer.Option(None, "--dossier", help="Only this dossier."),
    stage: str | None = typer.Option(None, "--stage", help="Only stages with this key."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000, help="At most this many hits."),
    concerns: bool = typer.Option(
        True, "--concerns/--no-concerns", help="Also search the concerns (not with --stage)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Full-text search over all provisions of all stages, best hits first.

    Accents are optional and words are stemmed (Dutch stages in Dutch, others in English).
    Each provision is listed once, with the stages it matches in (`stages` in --json, its
    best stage in `stage`); matching concerns follow with "result": "concern".

    Example: eup search "detection order" --dossier csa-regulation
    """
    from rich.markup import escape
    from rich.table import Table

    from eu_posities.readmodels import SNIPPET_MARK
    from eu_posities.services import reading

    results = reading.search(
        state_of(ctx).engine(),
        query,
        dossier_key=dossier,
        stage_key=stage,
        limit=limit,
        concerns=concerns,
    )
    if as_json:
        emit_json(results.to_json())
        return
    console = stdout_console()
    if not results.hits and not results.concerns:
        console.print("No provisions match.")
        return
    table = Table(show_lines=True, title=results.count_text)
    table.add_column("provision", no_wrap=True)
    table.add_column("found", ratio=1)
    for hit in results.hits:
        where = f"[b]{escape(hit.provision)}[/]\n[dim]{escape(hit.dossier)}[/]"
        for found in hit.stages:
            where += f"\n[dim]{escape(found.stage)}[/]"
            if found.limite:
                where += " [b red]LIMITE[/]"
            if found.fictional:
                where += " [b yellow]FICTIONAL[/]"
        table.add_row(where, _bold_marks(hit.snippet, SNIPPET_MARK))
    for concern in results.concerns:
        where = f"[b]concern {concern.concern}[/]\n[dim]{', '.join(concern.dossiers)}[/]"
        table.add_row(where, _bold_marks(concern.snippet, SNIPPET_MARK))
    console.print(table)
    if results.more:
        console.print(f"More provisions match: --limit {limit * 2} shows more.")


def _bold_marks(snippet: str, mark: str) -> str:
    from rich.markup import escape

    pieces = snippet.split(mark)
    # Odd pieces sit between marks: the matched words.
    return "".join(f"[b]{escape(p)}[/b]" if i % 2 else escape(p) for i, p in enumerate(pieces))
