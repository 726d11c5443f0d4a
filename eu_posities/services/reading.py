"""Reading: dossiers, stages, provisions, concerns and the change log, as read models.

The `*_in(session, ...)` functions build read models inside a caller's transaction (other use
cases compose them); the plain functions open their own read transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eu_posities.errors import InputError
from eu_posities.kinds import ProvisionKind, values
from eu_posities.readmodels import (
    AlertEntry,
    AmendmentEntry,
    AssessmentEntry,
    ChangeEntry,
    ConcernRecord,
    ConcernTally,
    DossierSummary,
    LinkEntry,
    ProvisionView,
    RowEntry,
    SearchResults,
    StageSummary,
    resolved_in,
)
from eu_posities.services.tx import reading

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from eu_posities.models import Concern, Dossier, Provision


# --- dossiers and stages ----------------------------------------------------------------------


def stages_in(session: Session, dossier: Dossier) -> tuple[StageSummary, ...]:
    """The dossier's stages in negotiation order."""
    from eu_posities.store import list_stages, provision_counts

    counts = provision_counts(session=session, dossier=dossier)
    return tuple(
        StageSummary.of(s, counts.get(s.id or -1, 0))
        for s in list_stages(session=session, dossier=dossier)
    )


def dossier_in(session: Session, dossier: Dossier, *, with_tally: bool = False) -> DossierSummary:
    tally = ConcernTally()
    if with_tally:
        tally = concern_tally(concerns_in(session, dossier, alerts=False))
    return DossierSummary(
        key=dossier.key,
        title=dossier.title,
        procedure=dossier.procedure,
        commission_ref=dossier.commission_ref,
        stages=stages_in(session, dossier),
        tally=tally,
    )


def dossiers(engine: Engine, *, with_tally: bool = False) -> list[DossierSummary]:
    """Every dossier with its stages (and, for overviews, its concern tally)."""
    from eu_posities.store import list_dossiers

    with reading(engine) as session:
        return [
            dossier_in(session, d, with_tally=with_tally) for d in list_dossiers(session=session)
        ]


def dossier(engine: Engine, key: str, *, with_tally: bool = False) -> DossierSummary:
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        return dossier_in(session, get_dossier(session=session, key=key), with_tally=with_tally)


def stages(engine: Engine, dossier_key: str) -> tuple[StageSummary, ...]:
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        return stages_in(session, get_dossier(session=session, key=dossier_key))


# --- provisions -------------------------------------------------------------------------------


def provision_view(provision: Provision) -> ProvisionView:
    return ProvisionView(
        kind=provision.kind,
        number=provision.number,
        label=provision.label,
        heading=provision.heading,
        text=provision.text,
        path=tuple(provision.path),
        footnotes=tuple(provision.footnotes),
        amendments=tuple(provision.amendments),
        rows=tuple(provision.rows),
        marked=bool(provision.marks),
    )


def provisions(
    engine: Engine, dossier_key: str, stage_key: str, *, kind: str | None = None
) -> list[ProvisionView]:
    """A stage's provisions in document order (of one kind, if asked)."""
    if kind is not None and kind not in values(ProvisionKind):
        # A typo ("articles") would otherwise look like a stage without articles.
        raise InputError(
            f"unknown provision kind {kind!r}; use one of: {', '.join(values(ProvisionKind))}"
        )
    from eu_posities.store import get_dossier, get_stage, list_provisions

    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        stage = get_stage(session=session, dossier=found, key=stage_key)
        return [provision_view(p) for p in list_provisions(session=session, stage=stage, kind=kind)]


# --- concerns ---------------------------------------------------------------------------------


def concern_record(
    session: Session, concern: Concern, dossier: Dossier, *, alerts: bool = True
) -> ConcernRecord:
    """Everything the ledger knows of `concern` in `dossier`."""
    from eu_posities.concerns.ledger import (
        assessments,
        concern_dossiers,
        list_links,
        status_by_stage,
    )
    from eu_posities.store import list_stages

    keys = {s.id: s.key for s in list_stages(session=session, dossier=dossier)}
    statuses = status_by_stage(session=session, concern=concern, dossier=dossier)
    history = tuple(
        AssessmentEntry(
            id=row.id or 0,
            stage=stage.key,
            status=row.status,
            evidence=row.evidence,
            evidence_document=row.evidence_document,
            evidence_location=row.evidence_location,
            note=row.note,
            author=row.author,
            at=row.at,
            supersedes=row.supersedes_id,
        )
        for stage, row in assessments(session=session, concern=concern, dossier=dossier)
    )
    links = tuple(
        LinkEntry(
            stage=keys[link.stage_id], provision=link.label, state=link.state, reason=link.reason
        )
        for link in list_links(session=session, concern=concern)
        if link.stage_id in keys
    )
    return ConcernRecord(
        key=concern.key,
        dossier=dossier.key,
        title_nl=concern.title_nl,
        title_en=concern.title_en,
        status_by_stage=statuses,
        resolved_in=resolved_in(statuses),
        links=links,
        history=history,
        alerts=alerts_in(session, dossier, concern) if alerts else (),
        description=concern.description,
        position_nl=concern.position_nl,
        position_source=concern.position_source,
        terms=tuple(concern.terms),
        dossiers=tuple(d.key for d in concern_dossiers(session=session, concern=concern)),
        amendments=amendments_touching(session, dossier, links),
    )


def amendments_touching(
    session: Session, dossier: Dossier, links: tuple[LinkEntry, ...]
) -> tuple[tuple[str, str, str], ...]:
    """The EP amendments to the provisions a concern is linked to, in the base or the EP stage."""
    from sqlmodel import col, select

    from eu_posities.models import Amendment, Stage

    found: list[tuple[str, str, str]] = []
    ep_stages = session.exec(
        select(Stage).where(Stage.dossier_id == dossier.id).order_by(col(Stage.id))
    ).all()
    for stage in ep_stages:
        base = (stage.meta or {}).get("amending")
        if not base:
            continue
        labels = {link.provision for link in links if link.stage in (base, stage.key)}
        if not labels:
            continue
        for number, label in session.exec(
            select(Amendment.number, Amendment.label)
            .where(Amendment.stage_id == stage.id, col(Amendment.label).in_(labels))
            .order_by(col(Amendment.ordinal))
        ):
            found.append((stage.key, label or "", number))
    return tuple(found)


def concerns_in(
    session: Session, dossier: Dossier, *, concern_key: str | None = None, alerts: bool = True
) -> list[ConcernRecord]:
    """The concerns tracked in `dossier` (or just one of them)."""
    from eu_posities.concerns.ledger import get_concern_in, list_concerns

    if concern_key is not None:
        found = [get_concern_in(session=session, dossier=dossier, key=concern_key)]
    else:
        found = list_concerns(session=session, dossier=dossier)
    return [concern_record(session, c, dossier, alerts=alerts) for c in found]


def concerns(engine: Engine, dossier_key: str | None = None) -> list[ConcernRecord]:
    """`concerns list`: one record per concern in the dossier, or per concern × dossier."""
    from eu_posities.concerns.ledger import concern_dossiers, list_concerns
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        if dossier_key:
            return concerns_in(session, get_dossier(session=session, key=dossier_key))
        return [
            concern_record(session, c, d)
            for c in list_concerns(session=session)
            for d in concern_dossiers(session=session, concern=c)
        ]


def concern(engine: Engine, dossier_key: str, concern_key: str) -> ConcernRecord:
    """`concerns show` and `concerns history`: one concern in one dossier."""
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        return concerns_in(session, found, concern_key=concern_key)[0]


def alerts_in(
    session: Session, dossier: Dossier, concern: Concern | None = None
) -> tuple[AlertEntry, ...]:
    """Alerts in the dossier's stages (of one concern), oldest first."""
    from sqlmodel import col, select

    from eu_posities.models import Alert, Concern, Stage

    query = (
        select(Alert, Concern, Stage)
        .join(Concern, col(Concern.id) == Alert.concern_id)
        .join(Stage, col(Stage.id) == Alert.stage_id)
        .where(Stage.dossier_id == dossier.id)
    )
    if concern is not None:
        query = query.where(Concern.id == concern.id)
    return tuple(
        AlertEntry(
            concern=found.key,
            stage=stage.key,
            provision=alert.label,
            summary=alert.summary,
            flags=tuple(alert.flags),
            at=alert.at,
        )
        for alert, found, stage in session.exec(query.order_by(col(Alert.id)))
    )


def alerts(
    engine: Engine, dossier_key: str, concern_key: str | None = None
) -> tuple[AlertEntry, ...]:
    from eu_posities.concerns.ledger import get_concern
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        concern = get_concern(session=session, key=concern_key) if concern_key else None
        return alerts_in(session, found, concern)


def concern_tally(records: list[ConcernRecord]) -> ConcernTally:
    return ConcernTally(
        concerns=len(records),
        resolved=sum(1 for r in records if r.resolved_in is not None),
        open=sum(1 for r in records if not r.current_status or r.current_status == "open"),
    )


def badges(
    engine: Engine, dossier_key: str, stage_keys: Sequence[str]
) -> dict[tuple[str, str], list[str]]:
    """Concern keys per (stage, provision label) of the given stages (links not rejected), in
    the order they were linked: the badges of a view that shows those stages."""
    from sqlmodel import col, select

    from eu_posities.models import Concern, ConcernLink, Stage
    from eu_posities.store import get_dossier

    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        rows = session.exec(
            select(Stage.key, ConcernLink.label, Concern.key)
            .join(Concern, col(Concern.id) == ConcernLink.concern_id)
            .join(Stage, col(Stage.id) == ConcernLink.stage_id)
            .where(Stage.dossier_id == found.id, col(Stage.key).in_(list(stage_keys)))
            .where(ConcernLink.state != "rejected")
            .order_by(col(ConcernLink.id))
        ).all()
    result: dict[tuple[str, str], list[str]] = {}
    for stage, label, key in rows:
        if key not in result.setdefault((stage, label), []):
            result[(stage, label)].append(key)
    return result


# --- the change log ---------------------------------------------------------------------------


def changes(
    engine: Engine, *, dossier_key: str | None = None, author: str | None = None, limit: int = 200
) -> list[ChangeEntry]:
    """Who changed what, oldest first (the newest `limit` kept)."""
    from eu_posities.store import get_dossier, list_changes

    with reading(engine) as session:
        if dossier_key:
            get_dossier(session=session, key=dossier_key)  # a typo is an error, not an empty log
        return [
            ChangeEntry(
                at=c.at,
                author=c.author,
                action=c.action,
                dossier=c.dossier_key,
                subject=c.subject,
                detail=dict(c.detail),
            )
            for c in list_changes(
                session=session, dossier_key=dossier_key, author=author, limit=limit
            )
        ]


def last_change(engine: Engine) -> tuple[int, int]:
    """How far the change log has got: (newest entry id, entries). Every write use case logs
    what it stored, so a screen whose number is behind shows something that has changed;
    one cheap query, fit to ask every few seconds."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from eu_posities.models import ChangeLog

    with reading(engine) as session:
        newest, count = session.exec(select(func.max(col(ChangeLog.id)), func.count())).one()
    return int(newest or 0), int(count or 0)


# --- search -----------------------------------------------------------------------------------


def search(
    engine: Engine,
    query: str,
    *,
    dossier_key: str | None = None,
    stage_key: str | None = None,
    limit: int = 50,
    concerns: bool = True,
) -> SearchResults:
    """Provisions matching `query` (every word, the last one also as a prefix), best first,
    each once with the stages it matches in; and the concerns it matches."""
    from eu_posities.search import parse_query
    from eu_posities.search import search as find

    if parse_query(query).empty:
        raise InputError(f'nothing to search for in {query!r}: give words or a "quoted phrase"')
    with reading(engine) as session:
        return find(
            session=session,
            query=query,
            dossier=dossier_key,
            stage=stage_key,
            limit=limit,
            concerns=concerns,
        )


def search_spans(query: str, text: str, *, language: str, kind: str) -> list[tuple[int, int]]:
    """Where `query` matches in `text` (shown from a stage of this language and kind), as the
    search matches it: (start, end) of each matched word, for marking it on screen."""
    from eu_posities.search import parse_query, spans
    from eu_posities.searchtext import stem_language

    parsed = parse_query(query)
    return [] if parsed.empty else spans(text, parsed, stem_language(language, kind))


# --- amendments -------------------------------------------------------------------------------


def amendments(
    engine: Engine, dossier_key: str, stage_key: str, *, provision: str | None = None
) -> list[AmendmentEntry]:
    """The amendment list kept with an EP stage (those touching one provision, if asked)."""
    from sqlmodel import col, select

    from eu_posities.models import Amendment
    from eu_posities.store import get_dossier, get_stage

    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        stage = get_stage(session=session, dossier=found, key=stage_key)
        rows = session.exec(
            select(Amendment).where(Amendment.stage_id == stage.id).order_by(col(Amendment.ordinal))
        ).all()
        if not rows:
            raise InputError(
                f"stage {stage_key!r} of {dossier_key!r} was not made from an amendment list"
            )
        entries = [
            AmendmentEntry(
                number=a.number,
                target=a.target,
                kind=a.kind,
                old=a.old,
                new=a.new,
                applied=a.applied,
                problem=a.problem,
                label=a.label,
                path=tuple(a.path),
                justification=a.justification,
                members=a.members,
            )
            for a in rows
        ]
    if provision is None:
        return entries
    wanted = " ".join(provision.split()).lower()
    return [e for e in entries if (e.label or "").lower() == wanted]


def amendments_in_file(path: Path) -> list[AmendmentEntry]:
    """What an amendment document says, read without storing anything."""
    from eu_posities.importers import parse_file

    document = parse_file(path)
    if not document.amendments:
        raise InputError("no amendments found in this document", source=str(path))
    return [
        AmendmentEntry(
            number=a.number,
            target=a.target,
            kind=a.kind,
            old=a.old,
            new=a.new,
            applied=None,
            label=a.label,
            path=tuple(a.path),
            justification=a.justification,
            members=a.members,
        )
        for a in document.amendments
    ]


# --- four-column rows -------------------------------------------------------------------------


def rows(
    engine: Engine,
    dossier_key: str,
    *,
    provision: str | None = None,
    status: str | None = None,
) -> list[RowEntry]:
    """The numbered rows of the dossier's four-column document (one provision's, one status)."""
    from eu_posities.imports.rows import rows_of
    from eu_posities.store import get_dossier

    if status is not None and status.upper() not in ("G", "Y", "R"):
        raise InputError(f"invalid row status {status!r}; use G, Y or R")
    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        entries = [
            RowEntry(
                number=r.number,
                status=r.status,
                heading=r.heading,
                cells=dict(r.cells),
                states=dict(r.states),
                label=r.label,
                part=r.part,
                comments=r.comments,
                section=r.section,
            )
            for r in rows_of(session, found)
        ]
    if provision is not None:
        wanted = " ".join(provision.split()).lower()
        entries = [e for e in entries if (e.label or "").lower() == wanted]
    if status is not None:
        entries = [e for e in entries if e.status == status.upper()]
    return entries
