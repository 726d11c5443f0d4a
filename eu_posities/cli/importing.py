"""Commands that bring texts in and find them again: import, search."""

from __future__ import annotations

from pathlib import Path

import typer

from eu_posities import config
from eu_posities.cli.common import JSON_OPTION, emit_json, split_list, state_of, stdout_console


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)


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
    ref: str | None = typer.Option(None, "--ref", help="Document reference, e.g. ST 16329/24."),
    title: str | None = typer.Option(None, "--title", help="Title of the stage."),
    limite: bool = typer.Option(False, "--limite", help="The document is LIMITE (not public)."),
    fictional: bool = typer.Option(
        False, "--fictional", help="Practice text, not a real document."
    ),
    replace: bool = typer.Option(False, "--replace", help="Replace the stage's existing text."),
    leos_both: bool = typer.Option(
        False, "--leos-both", help="For a LEOS mandate: also import the Commission text as a stage."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Import one document as a stage, in one transaction.

    Example:
    eup import ST-16329-24.pdf --dossier csa-directive --stage council-general-approach --limite
    """
    from eu_posities.imports import ImportRequest, parse, store_import

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
        fictional=fictional,
        replace=replace,
        leos_both=leos_both,
    )
    texts = parse(request)  # a bad file fails here, before any transaction
    author = config.current_user()
    done = state_of(ctx).write(lambda s: store_import(request, texts, session=s, author=author))
    if as_json:
        emit_json(
            [
                {"stage": d.key, "kind": d.kind, "provisions": d.provisions, "format": d.format}
                for d in done
            ]
        )
        return
    for d in done:
        stdout_console().print(
            f"Imported {d.provisions} provisions into {dossier}/{d.key} ({d.format})."
        )
