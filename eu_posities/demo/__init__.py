"""The bundled demo: the CSA dossiers and the AI Act, with their known stages, real texts and
the Dutch concerns.

Loading is idempotent: what is already there (same keys, same source file) is left alone,
so `eup init --demo` run twice changes nothing.
"""

from __future__ import annotations

import json
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from sqlmodel import Session

from eu_posities.imports import ImportRequest, read_document, sha256_of, store_document
from eu_posities.models import Dossier
from eu_posities.store import ensure_stage, find_dossier, find_stage, log_change


def bundled(name: str) -> Any:
    """A file or folder of the bundled data (`data/` in the source tree)."""
    return files("eu_posities.bundled").joinpath(name)


def read_manifest() -> dict[str, Any]:
    return json.loads(bundled("dossiers.json").read_text(encoding="utf-8"))


def load_demo(*, session: Session, author: str) -> str:
    """Load the bundled data into the session's transaction.

    Returns a one-line summary of what was added, "" when everything was already there.
    """
    manifest = read_manifest()
    added_dossiers = added_stages = imported = 0
    for spec in manifest["dossiers"]:
        dossier = find_dossier(session=session, key=spec["key"])
        if dossier is None:
            dossier = Dossier(
                key=spec["key"],
                title=spec["title"],
                procedure=spec.get("procedure", ""),
                commission_ref=spec.get("commission_ref", ""),
            )
            session.add(dossier)
            session.flush()
            log_change(
                session=session,
                author=author,
                action="dossier.add",
                dossier_key=dossier.key,
                subject=dossier.key,
            )
            added_dossiers += 1
        for stage_spec in spec["stages"]:
            added_stages += _ensure_known_stage(session, dossier, stage_spec)
            if stage_spec.get("text"):
                imported += _import_text(session, dossier, stage_spec, author)
        for document in spec.get("documents", []):
            imported += _import_pack(session, dossier, document, author)
    extra = _load_extras(session=session, author=author)
    if not (added_dossiers or added_stages or imported or extra):
        return ""
    from eu_posities.demo.concerns import counted

    added = f"{counted(added_dossiers, 'dossier')}, {counted(added_stages, 'stage')} and "
    return added + f"{counted(imported, 'text')} added" + (f"; {extra}" if extra else "")


def _ensure_known_stage(session: Session, dossier: Dossier, spec: dict[str, Any]) -> int:
    if find_stage(session=session, dossier=dossier, key=spec["key"]) is not None:
        return 0
    ensure_stage(
        session=session,
        dossier=dossier,
        key=spec["key"],
        kind=spec.get("kind"),
        date=spec.get("date", ""),
        ref=spec.get("ref", ""),
        title=spec.get("title", ""),
        language=spec.get("language", "en"),
        note=spec.get("note", ""),
        fictional=bool(spec.get("fictional", False)),
        limite=bool(spec.get("limite", False)),
    )
    return 1


def _import_text(session: Session, dossier: Dossier, spec: dict[str, Any], author: str) -> int:
    stage = find_stage(session=session, dossier=dossier, key=spec["key"])
    with as_file(bundled(spec["text"])) as path:
        path = Path(path)
        if stage is not None and stage.source_sha256 == sha256_of(path):
            return 0
        request = ImportRequest(
            path=path,
            dossier=dossier.key,
            stage=spec["key"],
            kind=spec.get("kind"),
            fmt=spec.get("format", "auto"),
            fictional=bool(spec.get("fictional", False)),
            replace=True,
        )
        store_document(session, request, read_document(request), author=author)
    return 1


def _import_pack(session: Session, dossier: Dossier, spec: dict[str, Any], author: str) -> int:
    """A real document as the importers read it (see `demo.packs`), imported as a user would:
    the same checks, amendments applied to their base, four-column rows kept."""
    from eu_posities.demo.packs import read_pack

    keys = spec.get("stages") or [spec["stage"]]
    with as_file(bundled(spec["pack"])) as path:
        path = Path(path)
        first = find_stage(session=session, dossier=dossier, key=keys[0])
        if first is not None and first.source_sha256 == sha256_of(path):
            return 0
        document, source = read_pack(path)
        request = ImportRequest(
            path=path,
            dossier=dossier.key,
            stage=spec.get("stage"),
            stages=tuple(spec.get("stages", ())),
            amending=spec.get("amending"),
            replace=True,
            source_name=str(source.get("name") or path.name),
        )
        store_document(session, request, document, author=author)
    return 1


def _load_extras(*, session: Session, author: str) -> str:
    """Bundled data beyond dossiers and stages (concerns, assessments) from the ledger."""
    from eu_posities.demo import concerns as concern_data

    return concern_data.load(session=session, author=author)
