"""A parsed document becomes one or more stages of a dossier, inside the caller's transaction.

`read_document` parses (no database, so a bad file never opens a transaction);
`store_document` writes what was read. The import use case (`services.importing`) and the
demo loader both go through these two, so there is one way a text enters the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from pathlib import Path
from typing import Any

from sqlmodel import Session

from eu_posities.amending import AmendedStage
from eu_posities.document import Coverage, ParsedDocument, ParsedProvision, ParsedStage
from eu_posities.errors import Conflict, InputError
from eu_posities.imports.amending import (
    amended_document,
    is_amendment_list,
    refuse_without_base,
    store_amendments,
)
from eu_posities.imports.checks import check_coverage, check_same_act
from eu_posities.imports.marked import BaseCheck, check_marked
from eu_posities.imports.rows import forget_rows, store_rows
from eu_posities.keys import slugify
from eu_posities.kinds import COMMENTARY_KINDS, StageKind, values
from eu_posities.models import Dossier, Stage, utcnow
from eu_posities.store import (
    as_parsed,
    ensure_stage,
    find_stage,
    get_dossier,
    list_provisions,
    list_stages,
    log_change,
    replace_provisions,
    stage_kind_for,
)

# progress(done, total, what): the CLI shows a bar, the TUI a message.
Progress = Callable[[int, int, str], None]


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
    not_limite: bool = False  # the document says LIMITE in its furniture, the user knows better
    fictional: bool = False
    replace: bool = False
    leos_both: bool = False
    force: bool = False  # store a document read only in part, or one that looks like another act
    amending: str | None = None  # an EP amendment list: the stage it amends
    marked_against: str | None = None  # a marked text (Council bold/strike): its base stage
    marks: str = "auto"  # how marks are read: auto (the convention decides), council, none
    source_name: str | None = None  # the document's name when `path` holds it parsed (a pack)


@dataclass(frozen=True)
class ImportedStage:
    key: str
    kind: str
    provisions: int
    format: str


@dataclass(frozen=True)
class ImportResult:
    """What one import stored, and how well the document was read."""

    dossier: str
    file: str
    stages: tuple[ImportedStage, ...]
    coverage: Coverage | None = None
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the user should know (LIMITE set, ...)
    amendments: AmendedStage | None = None  # an amendment list: what became of each amendment
    base: BaseCheck | None = None  # a marked text: its base, rebuilt or checked

    def to_json(self) -> list[dict[str, Any]]:
        """One row per stored stage, each with the document's coverage and warnings."""
        coverage = _coverage_json(self.coverage)
        return [
            {
                "stage": s.key,
                "kind": s.kind,
                "provisions": s.provisions,
                "format": s.format,
                "coverage": coverage,
                "warnings": list(self.warnings),
                "notes": list(self.notes),
                **({"amendments": _amendments_json(self.amendments)} if self.amendments else {}),
                **({"base": self.base.to_json()} if self.base else {}),
            }
            for s in self.stages
        ]


def _amendments_json(amended: AmendedStage) -> dict[str, Any]:
    return {
        "total": len(amended.results),
        "applied": amended.applied,
        "not_applied": len(amended.not_applied),
        "reasons": dict(amended.reasons()),
        "summary": amended.summary(),
    }


def _coverage_json(coverage: Coverage | None) -> dict[str, Any] | None:
    if coverage is None:
        return None
    return {
        "share": round(coverage.share, 4),
        "body_words": coverage.body_words,
        "placed_words": coverage.placed_words,
        "skipped_words": coverage.skipped_words,
        "skipped": list(coverage.skipped),
        "missing": list(coverage.missing),
    }


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


def read_document(request: ImportRequest) -> ParsedDocument:
    """Parse the file; no database involved, so a bad file never opens a transaction."""
    from eu_posities.importers import parse_file

    if not request.path.exists():  # anything else (a FIFO, a device) the importers refuse
        raise InputError("no such file", source=str(request.path))
    if request.marks not in ("auto", "council", "none"):
        raise InputError(f"--marks takes auto, council or none, not {request.marks!r}")
    options: dict[str, object] = {"marks": request.marks}
    if request.leos_both:
        options["leos_both"] = True
    document = parse_file(request.path, request.fmt, **options)
    if not any(t.provisions for t in document.stages) and not document.amendments:
        raise InputError("no provisions found in the document", source=str(request.path))
    return document


def stage_keys(request: ImportRequest, texts: tuple[ParsedStage, ...]) -> list[str]:
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


def store_document(
    session: Session,
    request: ImportRequest,
    document: ParsedDocument,
    *,
    author: str,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the parsed texts as stages. The caller's transaction makes it all-or-nothing."""
    dossier = get_dossier(session=session, key=request.dossier)
    digest = sha256_of(request.path)
    amended = None
    if request.amending:
        document, amended = amended_document(
            session, dossier, request.amending, document, str(request.path)
        )
    elif is_amendment_list(document):
        refuse_without_base(document, str(request.path))
    base_check = None
    if request.marked_against:
        base_check, base_document = check_marked(
            session, dossier, request.marked_against, document, str(request.path)
        )
        if base_document is not None:
            store_rebuilt_base(session, dossier, request, base_document, author=author)
        meta = {**document.meta, "marked_against": request.marked_against}
        document = dataclass_replace(document, meta=meta)
    texts = document.stages
    keys = stage_keys(request, texts)
    if len(set(keys)) != len(keys):
        raise InputError(f"duplicate stage keys {keys}", source=str(request.path))
    source = str(request.path)
    warnings = list(document.warnings)
    warnings += check_coverage(document.coverage, force=request.force, source=source)
    latest = latest_text(session=session, dossier=dossier, besides=set(keys))
    for key, text in zip(keys, texts, strict=True):
        if not is_commentary(key, request.kind, text):
            warnings += check_same_act(
                text, latest, dossier=dossier.key, force=request.force, source=source
            )
            break  # the columns of one document stand or fall together
    notes: list[str] = []
    if base_check is not None:
        notes.append(base_check.summary())
    limite = request.limite
    if document.meta.get("limite") and not request.limite:
        release = document.meta.get("release")
        if release:
            notes.append(f"the document is marked LIMITE but released: “{release}”")
        elif request.not_limite:
            notes.append("the document is marked LIMITE; stored as public (--not-limite)")
        else:
            limite = True
            notes.append("the document is marked LIMITE: the stage is LIMITE (--not-limite if not)")
    done: list[ImportedStage] = []
    # The Commission text of a LEOS mandate is the older stage: stored first, an undated
    # Commission stage keeps its place before the Council's in every stage list.
    pairs = sorted(zip(keys, texts, strict=True), key=lambda p: not _is_commission_reading(p[1]))
    for number, (key, text) in enumerate(pairs):
        if progress:
            progress(number, len(pairs), f"storing {key}")
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
            # The columns of a four-column document say what they are ("EP Mandate").
            kind=request.kind if len(texts) == 1 else _column_kind(text),
            # A four-column document's date is its own, not that of each column's position.
            date=request.date if len(texts) == 1 else None,
            ref=request.ref or document.meta.get("ref") or None,
            title=request.title or text.title or None,
            language=request.language or text.language,
            source_name=request.source_name or request.path.name,
            source_format=text.format,
            source_sha256=digest,
            imported_at=utcnow(),
            imported_by=author,
        )
        if limite:
            stage.limite = True
        if request.fictional:
            stage.fictional = True
        stage.meta = {**(stage.meta or {}), **document_facts(document, text)}
        count = replace_provisions(session=session, stage=stage, provisions=text.provisions)
        if amended is not None:
            store_amendments(session, stage, amended)
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
    if document.rows:
        store_rows(session, dossier, keys, document.rows, digest=digest)
    else:
        forget_rows(session, dossier, keys)
    if progress:
        progress(len(pairs), len(pairs), "stored")
    return ImportResult(
        dossier=dossier.key,
        file=request.path.name,
        stages=tuple(done),
        coverage=document.coverage,
        warnings=tuple(warnings),
        notes=tuple(notes),
        amendments=amended,
        base=base_check,
    )


def store_rebuilt_base(
    session: Session,
    dossier: Dossier,
    request: ImportRequest,
    base: ParsedDocument,
    *,
    author: str,
) -> None:
    """Store the base rebuilt from a marked document's marks as the stage it was marked
    against; the stage says where its text came from wherever it is shown."""
    key = str(request.marked_against)
    (text,) = base.stages
    stage = ensure_stage(
        session=session,
        dossier=dossier,
        key=key,
        source_name=request.path.name,
        source_format=text.format,
        source_sha256="",  # not this file's text: a re-import of the file may rebuild it again
        imported_at=utcnow(),
        imported_by=author,
    )
    stage.meta = {**(stage.meta or {}), "rebuilt_from": request.path.name}
    count = replace_provisions(session=session, stage=stage, provisions=text.provisions)
    after_import(session=session, stage=stage)
    log_change(
        session=session,
        author=author,
        action="stage.rebuild",
        dossier_key=dossier.key,
        subject=key,
        detail={"file": request.path.name, "provisions": count},
    )


def document_facts(document: ParsedDocument, text: ParsedStage) -> dict[str, Any]:
    """What the stage remembers of how its document was read (shown wherever it is shown)."""
    facts: dict[str, Any] = {}
    for name in ("marks", "release", "amending", "layout", "marked_against"):
        if document.meta.get(name):
            facts[name] = document.meta[name]
    if text.struck:
        # Provisions the document shows as deleted: gone in this stage, not "new" "[deleted]".
        facts["deleted"] = [p.label for p in text.struck]
    if text.meta.get("partial"):
        facts["partial"] = text.meta["partial"]
        facts["withheld_rows"] = text.meta.get("withheld_rows", 0)
        facts["rows"] = text.meta.get("rows", 0)
    if document.coverage is not None:
        facts["coverage"] = round(document.coverage.share, 4)
    return facts


def _column_kind(text: ParsedStage) -> str | None:
    """The stage kind a column's heading names or states (None: the key decides)."""
    if text.kind in values(StageKind):
        return text.kind
    return text.name if text.name in values(StageKind) else None


def is_commentary(key: str, kind: str | None, text: ParsedStage) -> bool:
    """A fiche or a letter comments on the act: it shares no text with it, by nature."""
    return text.format == "dutch" or stage_kind_for(key, kind) in COMMENTARY_KINDS


def latest_text(
    *, session: Session, dossier: Dossier, besides: set[str]
) -> tuple[str, tuple[ParsedProvision, ...]] | None:
    """The newest stage of the dossier with a text (other than `besides`), with its provisions."""
    for stage in reversed(list_stages(session=session, dossier=dossier)):
        if stage.key in besides or stage.kind in COMMENTARY_KINDS:
            continue
        provisions = tuple(as_parsed(p) for p in list_provisions(session=session, stage=stage))
        if provisions:
            return stage.key, provisions
    return None


def after_import(*, session: Session, stage: Stage) -> None:
    """Keep what depends on a stage's text current: the search index and concern alerts."""
    from eu_posities import search

    search.index_stage(session=session, stage=stage)
    from eu_posities.concerns import alerts

    alerts.on_stage_imported(session=session, stage=stage)
