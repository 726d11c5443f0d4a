"""The concern ledger: concerns, their links to provisions and their append-only assessments.

Storage and use-case functions in one place; every function takes the session keyword-only
and never commits (the caller's transaction makes a command all-or-nothing). Every change is
written to the change log with its author.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from sqlmodel import Session, col, select

from eu_posities.errors import Conflict, InputError, NotFound
from eu_posities.keys import check_slug
from eu_posities.kinds import ConcernStatus, LinkState, values
from eu_posities.models import (
    Assessment,
    Concern,
    ConcernDossier,
    ConcernLink,
    Dossier,
    Stage,
)
from eu_posities.store import (
    get_dossier,
    get_provision,
    get_stage,
    list_stages,
    log_change,
)


class _Unchecked:
    """Sentinel: the caller does not ask for the optimistic concurrency check."""

    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED: Final = _Unchecked()


# --- concerns -------------------------------------------------------------------------------


def list_concerns(*, session: Session, dossier: Dossier | None = None) -> list[Concern]:
    query = select(Concern)
    if dossier is not None:
        query = query.join(ConcernDossier, col(ConcernDossier.concern_id) == Concern.id).where(
            ConcernDossier.dossier_id == dossier.id
        )
    return list(session.exec(query.order_by(Concern.key)))


def find_concern(*, session: Session, key: str) -> Concern | None:
    return session.exec(select(Concern).where(Concern.key == key)).first()


def get_concern(*, session: Session, key: str) -> Concern:
    concern = find_concern(session=session, key=key)
    if concern is None:
        known = ", ".join(c.key for c in list_concerns(session=session)) or "none yet"
        raise NotFound(f"unknown concern {key!r} (known: {known})")
    return concern


def concern_dossiers(*, session: Session, concern: Concern) -> list[Dossier]:
    return list(
        session.exec(
            select(Dossier)
            .join(ConcernDossier, col(ConcernDossier.dossier_id) == Dossier.id)
            .where(ConcernDossier.concern_id == concern.id)
            .order_by(Dossier.key)
        )
    )


def get_concern_in(*, session: Session, dossier: Dossier, key: str) -> Concern:
    """The concern `key`, which must be tracked in `dossier`."""
    concern = get_concern(session=session, key=key)
    if dossier.id not in {d.id for d in concern_dossiers(session=session, concern=concern)}:
        raise InputError(f"concern {key!r} is not tracked in dossier {dossier.key!r}")
    return concern


def add_concern(
    *,
    session: Session,
    key: str,
    title_nl: str,
    dossiers: Sequence[str],
    author: str,
    title_en: str = "",
    description: str = "",
    position_nl: str = "",
    position_source: str = "",
    terms: Iterable[str] = (),
) -> Concern:
    """A new concern tracked in `dossiers` (keys); every dossier must exist."""
    check_slug(key, "concern key")
    if not title_nl.strip():
        raise InputError(f"concern {key!r} needs a title")
    if not dossiers:
        raise InputError(f"concern {key!r} needs at least one dossier (--dossier)")
    if find_concern(session=session, key=key) is not None:
        raise Conflict(f"concern {key!r} already exists")
    found = [get_dossier(session=session, key=d) for d in dict.fromkeys(dossiers)]
    concern = Concern(
        key=key,
        title_nl=title_nl.strip(),
        title_en=title_en.strip(),
        description=description.strip(),
        position_nl=position_nl.strip(),
        position_source=position_source.strip(),
        terms=[t.strip() for t in terms if t.strip()],
        created_by=author,
    )
    session.add(concern)
    session.flush()
    assert concern.id is not None
    for dossier in found:
        assert dossier.id is not None
        session.add(ConcernDossier(concern_id=concern.id, dossier_id=dossier.id))
        log_change(
            session=session,
            author=author,
            action="concern.add",
            dossier_key=dossier.key,
            subject=key,
        )
    session.flush()
    return concern


# --- links to provisions --------------------------------------------------------------------


def list_links(
    *,
    session: Session,
    concern: Concern,
    stage: Stage | None = None,
    states: Sequence[str] = ("suggested", "confirmed"),
) -> list[ConcernLink]:
    query = select(ConcernLink).where(
        ConcernLink.concern_id == concern.id, col(ConcernLink.state).in_(states)
    )
    if stage is not None:
        query = query.where(ConcernLink.stage_id == stage.id)
    return list(session.exec(query.order_by(col(ConcernLink.stage_id), col(ConcernLink.id))))


def set_link(
    *,
    session: Session,
    dossier_key: str,
    concern_key: str,
    stage_key: str,
    label: str,
    state: str,
    author: str,
    score: float = 0.0,
    reason: str = "",
) -> ConcernLink:
    """Link a concern to a provision (or change the link's state: confirm, reject)."""
    if state not in values(LinkState):
        raise InputError(
            f"invalid link state {state!r}; use one of: {', '.join(values(LinkState))}"
        )
    dossier = get_dossier(session=session, key=dossier_key)
    concern = get_concern_in(session=session, dossier=dossier, key=concern_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    provision = get_provision(session=session, stage=stage, label=label)
    assert concern.id is not None and stage.id is not None
    link = session.exec(
        select(ConcernLink).where(
            ConcernLink.concern_id == concern.id,
            ConcernLink.stage_id == stage.id,
            ConcernLink.label == provision.label,
        )
    ).first()
    if link is None:
        link = ConcernLink(concern_id=concern.id, stage_id=stage.id, label=provision.label)
        session.add(link)
    elif link.state == "confirmed" and state == "suggested":
        return link  # a suggestion never downgrades what a user confirmed
    link.state = state
    link.author = author
    if score or reason:
        link.score, link.reason = float(score), reason
    session.flush()
    log_change(
        session=session,
        author=author,
        action=f"concern.link.{state}",
        dossier_key=dossier.key,
        subject=concern.key,
        detail={"stage": stage.key, "provision": provision.label},
    )
    return link


def link_provision(
    *,
    session: Session,
    dossier_key: str,
    concern_key: str,
    stage_key: str,
    label: str,
    author: str,
    state: str = "confirmed",
) -> ConcernLink:
    """A user's link (or rejection); later stages' alerts follow the new link at once."""
    from eu_posities.concerns.alerts import refresh_after

    link = set_link(
        session=session,
        dossier_key=dossier_key,
        concern_key=concern_key,
        stage_key=stage_key,
        label=label,
        state=state,
        author=author,
    )
    stage = session.get(Stage, link.stage_id)
    assert stage is not None
    refresh_after(session=session, stage=stage)
    return link


def unlink(
    *, session: Session, dossier_key: str, concern_key: str, stage_key: str, label: str, author: str
) -> None:
    dossier = get_dossier(session=session, key=dossier_key)
    concern = get_concern_in(session=session, dossier=dossier, key=concern_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    link = session.exec(
        select(ConcernLink).where(
            ConcernLink.concern_id == concern.id,
            ConcernLink.stage_id == stage.id,
            ConcernLink.label == label,
        )
    ).first()
    if link is None:
        raise NotFound(f"concern {concern_key!r} has no link to {label!r} in stage {stage_key!r}")
    session.delete(link)
    session.flush()
    from eu_posities.concerns.alerts import refresh_after

    refresh_after(session=session, stage=stage)
    log_change(
        session=session,
        author=author,
        action="concern.unlink",
        dossier_key=dossier.key,
        subject=concern.key,
        detail={"stage": stage.key, "provision": label},
    )
    session.flush()


# --- assessments ----------------------------------------------------------------------------


def current_assessment(*, session: Session, concern: Concern, stage: Stage) -> Assessment | None:
    return session.exec(
        select(Assessment)
        .where(Assessment.concern_id == concern.id, Assessment.stage_id == stage.id)
        .order_by(col(Assessment.id).desc())
    ).first()


def assess(
    *,
    session: Session,
    dossier_key: str,
    concern_key: str,
    stage_key: str,
    status: str,
    author: str,
    evidence: str = "",
    evidence_document: str = "",
    evidence_location: str = "",
    note: str = "",
    expected_current_id: int | None | _Unchecked = UNCHECKED,
    supersedes_id: int | None | _Unchecked = UNCHECKED,
) -> Assessment:
    """Record where a concern stands in a stage (a new row; history is never rewritten).

    `expected_current_id` is the current assessment the user saw (None: they saw none).
    If someone assessed the same concern and stage since, this raises `Conflict`.
    `supersedes_id` is the same check under the name of the stored column.
    A stage that is known but has no text yet may be assessed: the letter may be all we have.
    """
    if isinstance(expected_current_id, _Unchecked):
        expected_current_id = supersedes_id
    if status not in values(ConcernStatus):
        raise InputError(
            f"invalid status {status!r}; use one of: {', '.join(values(ConcernStatus))}"
        )
    evidence = evidence.strip()
    if ConcernStatus(status).needs_evidence and not evidence:
        raise InputError(
            f"status {status!r} needs evidence: quote the text that shows it (--evidence)"
        )
    dossier = get_dossier(session=session, key=dossier_key)
    concern = get_concern_in(session=session, dossier=dossier, key=concern_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    assert concern.id is not None and stage.id is not None
    # Two people assessing the same concern at once: the row lock makes the second wait for
    # the first and then see its assessment (PostgreSQL; SQLite writers are serial anyway).
    session.exec(select(Concern.id).where(Concern.id == concern.id).with_for_update()).one()
    current = current_assessment(session=session, concern=concern, stage=stage)
    current_id = current.id if current else None
    if not isinstance(expected_current_id, _Unchecked) and expected_current_id != current_id:
        seen = f"assessment {expected_current_id}" if expected_current_id else "no assessment"
        now = (
            f"assessment {current_id} ({current.status}, by {current.author or 'unknown'})"
            if current
            else "none"
        )
        raise Conflict(
            f"concern {concern.key!r} in stage {stage.key!r} changed since you saw it: "
            f"you saw {seen}, now it is {now}; reload and try again"
        )
    row = Assessment(
        concern_id=concern.id,
        stage_id=stage.id,
        status=status,
        evidence=evidence,
        evidence_document=evidence_document.strip(),
        evidence_location=evidence_location.strip(),
        note=note.strip(),
        author=author,
        supersedes_id=current_id,
    )
    session.add(row)
    session.flush()
    log_change(
        session=session,
        author=author,
        action="concern.assess",
        dossier_key=dossier.key,
        subject=concern.key,
        detail={
            "stage": stage.key,
            "status": status,
            "assessment": row.id,
            "supersedes": current_id,
        },
    )
    return row


def assessments(
    *, session: Session, concern: Concern, dossier: Dossier | None = None
) -> list[tuple[Stage, Assessment]]:
    """All assessments of a concern (in one dossier), oldest first."""
    query = (
        select(Stage, Assessment)
        .join(Assessment, col(Assessment.stage_id) == Stage.id)
        .where(Assessment.concern_id == concern.id)
    )
    if dossier is not None:
        query = query.where(Stage.dossier_id == dossier.id)
    return [(s, a) for s, a in session.exec(query.order_by(col(Assessment.id)))]


def status_by_stage(*, session: Session, concern: Concern, dossier: Dossier) -> dict[str, str]:
    """The current status per assessed stage, in the dossier's stage order."""
    current: dict[int, str] = {}
    for stage, row in assessments(session=session, concern=concern, dossier=dossier):
        assert stage.id is not None
        current[stage.id] = row.status
    return {
        s.key: current[s.id]
        for s in list_stages(session=session, dossier=dossier)
        if s.id in current
    }
