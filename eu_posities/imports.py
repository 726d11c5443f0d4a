"""The import use case: a file becomes one or more stages of a dossier, in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from eu_posities.document import ParsedStage
from eu_posities.errors import Conflict, InputError
from eu_posities.models import Stage, utcnow
from eu_posities.store import (
    ensure_stage,
    find_stage,
    get_dossier,
    log_change,
    replace_provisions,
    slugify,
)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    dossier: str
    stage: str | None = None  # for a single-text file
    stages: tuple[str, ...] = ()  # keys for the texts of a multi-column file, in order
    kind: str | None = None
    fmt: str = "auto"
    date: str | None = None
    ref: str | None = None
    title: str | None = None
    language: str | None = None
    limite: bool = False
    fictional: bool = False
    replace: bool = False
    leos_both: bool = False


@dataclass(frozen=True)
class ImportedStage:
    key: str
    kind: str
    provisions: int
    format: str


def sha256_of(path: Path) -> str:
    """The file's digest; for a folder (a Formex act with its annexes), of all its files.

    Only regular files directly in the folder count: no links, FIFOs or sub-folders (the
    importer reads nothing else either).
    """
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if _plain_file(p)) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _plain_file(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def parse(request: ImportRequest) -> list[ParsedStage]:
    """Parse the file; no database involved, so a bad file never opens a transaction."""
    from eu_posities.importers import parse_file

    if not request.path.exists():  # anything else (a FIFO, a device) the importers refuse
        raise InputError("no such file", source=str(request.path))
    options: dict[str, object] = {}
    if request.leos_both:
        options["leos_both"] = True
    texts = list(parse_file(request.path, request.fmt, **options).stages)
    if not texts or not any(t.provisions for t in texts):
        raise InputError("no provisions found in the document", source=str(request.path))
    return texts


def stage_keys(request: ImportRequest, texts: list[ParsedStage]) -> list[str]:
    """The stage key of each parsed text: `--stages`, else `--stage`, else column headings."""
    if request.stages:
        if len(request.stages) != len(texts):
            names = ", ".join(t.name or "?" for t in texts)
            raise InputError(
                f"the file holds {len(texts)} texts ({names}) "
                f"but --stages names {len(request.stages)}",
                source=str(request.path),
            )
        return list(request.stages)
    if len(texts) == 1:
        if not request.stage:
            raise InputError("say which stage this is with --stage", source=str(request.path))
        return [request.stage]
    if request.stage:
        # One stage key given for a multi-text file: the first text gets it, the others
        # are named after their column headings.
        return [request.stage] + [
            slugify(t.name or f"column-{i}") for i, t in enumerate(texts[1:], 2)
        ]
    return [slugify(t.name or f"column-{i}") for i, t in enumerate(texts, 1)]


def _is_commission_reading(text: ParsedStage) -> bool:
    return text.meta.get("leos_reading") == "commission"


def store_import(
    request: ImportRequest,
    texts: list[ParsedStage],
    *,
    session: Session,
    author: str,
    progress: Progress | None = None,
) -> list[ImportedStage]:
    """Write the parsed texts as stages. The caller's transaction makes it all-or-nothing."""
    dossier = get_dossier(session=session, key=request.dossier)
    digest = sha256_of(request.path)
    keys = stage_keys(request, texts)
    if len(set(keys)) != len(keys):
        raise InputError(f"duplicate stage keys {keys}", source=str(request.path))
    done: list[ImportedStage] = []
    # The Commission text of a LEOS mandate is the older stage: stored first, an undated
    # Commission stage keeps its place before the Council's in every stage list.
    pairs = sorted(zip(keys, texts, strict=True), key=lambda p: not _is_commission_reading(p[1]))
    for key, text in pairs:
        if progress:
            progress(f"storing {key}")
        existing = find_stage(session=session, dossier=dossier, key=key)
        if existing is not None and existing.source_sha256 and not request.replace:
            same = existing.source_sha256 == digest
            raise Conflict(
                f"stage {key!r} of {dossier.key!r} already has "
                + ("this very file" if same else f"a text ({existing.source_name})")
                + "; use --replace to replace it"
            )
        stage = ensure_stage(
            session=session,
            dossier=dossier,
            key=key,
            kind=request.kind if len(texts) == 1 else None,
            date=request.date,
            ref=request.ref,
            title=request.title or text.title or None,
            language=request.language or text.language,
            source_name=request.path.name,
            source_format=text.format,
            source_sha256=digest,
            imported_at=utcnow(),
            imported_by=author,
        )
        if request.limite:
            stage.limite = True
        if request.fictional:
            stage.fictional = True
        count = replace_provisions(session=session, stage=stage, provisions=text.provisions)
        after_import(session=session, stage=stage)
        log_change(
            session=session,
            author=author,
            action="stage.import",
            dossier_key=dossier.key,
            subject=key,
            detail={
                "file": request.path.name,
                "sha256": digest,
                "format": text.format,
                "provisions": count,
            },
        )
        done.append(ImportedStage(key=key, kind=stage.kind, provisions=count, format=text.format))
    return done


def after_import(*, session: Session, stage: Stage) -> None:
    """Keep what depends on a stage's text current: the search index and concern alerts."""
    from eu_posities import search

    search.index_stage(session=session, stage=stage)
    from eu_posities.concerns import alerts

    alerts.on_stage_imported(session=session, stage=stage)
