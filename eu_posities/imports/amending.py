"""An EP amendment list imported against its base: the Parliament's stage, and the list kept.

The list is applied to the base stage (normally the Commission proposal) inside the import's
transaction, so the base read is the base stored; the amendments are kept with the stage they
made, each with whether it was applied and why not.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, col, delete

from eu_posities.amending import AmendedStage, amend
from eu_posities.document import ParsedDocument
from eu_posities.errors import InputError
from eu_posities.models import Amendment, Dossier, Stage
from eu_posities.store import as_parsed, get_stage, list_provisions, mark_json


def is_amendment_list(document: ParsedDocument) -> bool:
    """A list of amendments (or one consolidated amendment) rather than a text of its own."""
    return bool(document.amendments) or bool(document.meta.get("consolidated"))


def refuse_without_base(document: ParsedDocument, source: str) -> None:
    """An amendment list says nothing on its own: it needs the text it amends."""
    what = document.meta.get("amends") or document.meta.get("title") or "a proposal"
    count = len(document.amendments)
    listed = f"{count} amendments" if count else "a consolidated amendment"
    raise InputError(
        f"this is a list of {listed} to {what}: import it with --amending BASE "
        "(the stage it amends, normally commission-proposal)",
        source=source,
    )


def amended_document(
    session: Session, dossier: Dossier, base_key: str, document: ParsedDocument, source: str
) -> tuple[ParsedDocument, AmendedStage]:
    """The document as the stage it makes of `base_key`, and what became of each amendment."""
    if not is_amendment_list(document):
        raise InputError(
            "--amending needs an EP amendment list; this file is a text", source=source
        )
    base = get_stage(session=session, dossier=dossier, key=base_key)
    provisions = [as_parsed(p) for p in list_provisions(session=session, stage=base)]
    if not provisions:
        raise InputError(
            f"the base stage {base_key!r} of {dossier.key!r} has no text yet: import it first",
            source=source,
        )
    result = amend(
        provisions,
        document,
        title=base.title or dossier.title,
        procedure=dossier.procedure,
        ref=base.ref,
        source=source,
    )
    stage = result.stage
    stage = replace(stage, title=stage.title or base.title, language=base.language)
    warnings = tuple(document.warnings) + tuple(result.warnings)
    meta = {**document.meta, "amending": base_key}
    return replace(document, stages=(stage,), warnings=warnings, meta=meta), result


def store_amendments(session: Session, stage: Stage, result: AmendedStage) -> None:
    """Keep the list with the stage it made, replacing what an earlier import kept."""
    assert stage.id is not None
    session.exec(delete(Amendment).where(col(Amendment.stage_id) == stage.id))  # type: ignore[call-overload]
    for ordinal, item in enumerate(result.results):
        a = item.amendment
        session.add(
            Amendment(
                stage_id=stage.id,
                ordinal=ordinal,
                number=a.number[:20],
                target=a.target,
                label=a.label,
                path=list(a.path),
                kind=a.kind,
                old=a.old,
                new=a.new,
                new_marks=[mark_json(m) for m in a.new_marks],
                justification=a.justification,
                members=a.members,
                applied=item.applied,
                problem=item.problem or item.note,
            )
        )
    session.flush()
