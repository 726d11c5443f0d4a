"""Storage functions for dossiers, stages and provisions.

Every function takes the session keyword-only and never commits: the caller owns the
transaction, so that one import or one command is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from eu_posities.document import MarkedRun, ParsedProvision
from eu_posities.errors import Conflict, InputError, NotFound
from eu_posities.keys import check_date, check_slug
from eu_posities.kinds import StageKind, kind_of_key, values
from eu_posities.models import ChangeLog, Dossier, Provision, Stage
from eu_posities.searchindex import Written, index_provisions


def stage_kind_for(key: str, kind: str | None) -> str:
    """The kind given, or the key itself when it is a standard kind, else `other`."""
    if kind:
        if kind not in values(StageKind):
            raise InputError(
                f"unknown stage kind {kind!r}; use one of: {', '.join(values(StageKind))}"
            )
        return kind
    return kind_of_key(key)


# --- dossiers -------------------------------------------------------------------------------


def list_dossiers(*, session: Session) -> list[Dossier]:
    return list(session.exec(select(Dossier).order_by(Dossier.key)))


def find_dossier(*, session: Session, key: str) -> Dossier | None:
    return session.exec(select(Dossier).where(Dossier.key == key)).first()


def get_dossier(*, session: Session, key: str) -> Dossier:
    dossier = find_dossier(session=session, key=key)
    if dossier is None:
        known = ", ".join(d.key for d in list_dossiers(session=session)) or "none yet"
        raise NotFound(f"unknown dossier {key!r} (known: {known})")
    return dossier


def add_dossier(
    *,
    session: Session,
    key: str,
    title: str,
    procedure: str = "",
    commission_ref: str = "",
    author: str = "",
) -> Dossier:
    check_slug(key, "dossier key")
    if not title.strip():
        raise InputError("a dossier needs a title")
    if find_dossier(session=session, key=key) is not None:
        raise Conflict(f"dossier {key!r} already exists")
    dossier = Dossier(key=key, title=title, procedure=procedure, commission_ref=commission_ref)
    session.add(dossier)
    session.flush()
    log_change(session=session, author=author, action="dossier.add", dossier_key=key, subject=key)
    return dossier


# --- stages ---------------------------------------------------------------------------------


def list_stages(*, session: Session, dossier: Dossier) -> list[Stage]:
    """Stages in negotiation order: by date; an undated one stays after the one added before."""
    stages = session.exec(
        select(Stage).where(Stage.dossier_id == dossier.id).order_by(col(Stage.id))
    ).all()
    return negotiation_order(stages)


class _Dated(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def date(self) -> str: ...


_S = TypeVar("_S", bound=_Dated)


def negotiation_order(stages: Sequence[_S]) -> list[_S]:
    """One dossier's stages, given in the order they were added, in negotiation order."""
    keys: dict[int, tuple[str, int]] = {}
    previous_date = ""
    for stage in stages:
        previous_date = stage.date or previous_date
        keys[stage.id or 0] = (stage.date or previous_date, stage.id or 0)
    return sorted(stages, key=lambda s: keys[s.id or 0])


def find_stage(*, session: Session, dossier: Dossier, key: str) -> Stage | None:
    return session.exec(
        select(Stage).where(Stage.dossier_id == dossier.id, Stage.key == key)
    ).first()


def get_stage(*, session: Session, dossier: Dossier, key: str) -> Stage:
    stage = find_stage(session=session, dossier=dossier, key=key)
    if stage is None:
        known = ", ".join(s.key for s in list_stages(session=session, dossier=dossier))
        raise NotFound(
            f"unknown stage {key!r} of dossier {dossier.key!r} (known: {known or 'none'})"
        )
    return stage


def ensure_stage(
    *, session: Session, dossier: Dossier, key: str, kind: str | None = None, **fields: Any
) -> Stage:
    """The stage `key` of `dossier`, created if new; given metadata fields are updated."""
    check_slug(key, "stage key")
    stage = find_stage(session=session, dossier=dossier, key=key)
    if stage is None:
        assert dossier.id is not None
        stage = Stage(dossier_id=dossier.id, key=key, kind=stage_kind_for(key, kind))
        session.add(stage)
    elif kind:
        stage.kind = stage_kind_for(key, kind)
    if fields.get("date"):
        check_date(fields["date"])
    for name, value in fields.items():
        if value is not None:
            setattr(stage, name, value)
    session.flush()
    return stage


def provision_counts(*, session: Session, dossier: Dossier) -> dict[int, int]:
    rows = session.exec(
        select(Provision.stage_id, func.count())
        .join(Stage, col(Stage.id) == Provision.stage_id)
        .where(Stage.dossier_id == dossier.id)
        .group_by(col(Provision.stage_id))
    ).all()
    return {stage_id: count for stage_id, count in rows}


def has_text(*, session: Session, stage: Stage) -> bool:
    return (
        session.exec(select(Provision.id).where(Provision.stage_id == stage.id)).first() is not None
    )


# --- provisions -----------------------------------------------------------------------------


def list_provisions(*, session: Session, stage: Stage, kind: str | None = None) -> list[Provision]:
    query = select(Provision).where(Provision.stage_id == stage.id)
    if kind:
        query = query.where(Provision.kind == kind)
    return list(session.exec(query.order_by(col(Provision.ordinal))))


def get_provision(*, session: Session, stage: Stage, label: str) -> Provision:
    found = session.exec(
        select(Provision).where(Provision.stage_id == stage.id, Provision.label == label)
    ).first()
    if found is None:
        # Be forgiving about case and spacing: "article 7" finds "Article 7".
        wanted = " ".join(label.split()).lower()
        for provision in list_provisions(session=session, stage=stage):
            if provision.label.lower() == wanted:
                return provision
        raise NotFound(f"no provision {label!r} in stage {stage.key!r}")
    return found


def replace_provisions(
    *, session: Session, stage: Stage, provisions: Sequence[ParsedProvision]
) -> int:
    """Make `provisions` the text of `stage`, replacing what it had."""
    assert stage.id is not None
    session.exec(delete(Provision).where(col(Provision.stage_id) == stage.id))  # type: ignore[call-overload]
    written = []
    for ordinal, parsed in enumerate(provisions):
        written.append(
            Provision(
                stage_id=stage.id,
                ordinal=ordinal,
                kind=parsed.kind,
                number=parsed.number,
                label=parsed.label,
                heading=parsed.heading,
                path=list(parsed.path),
                text=parsed.text,
                blocks=[
                    {
                        "text": b.text,
                        "num": b.num,
                        "level": b.level,
                        **({"markers": b.markers} if b.markers else {}),
                    }
                    for b in parsed.blocks
                ],
                footnotes=list(parsed.footnotes),
                markers=dict(parsed.markers),
                marks=[mark_json(m) for m in parsed.marks],
                amendments=list(parsed.amendments),
                rows=list(parsed.rows),
            )
        )
    session.add_all(written)
    session.flush()
    # The search index is written with the text, in the same transaction.
    index_provisions(
        session=session,
        dossier_id=stage.dossier_id,
        stage_id=stage.id,
        language=stage.language,
        kind=stage.kind,
        provisions=[Written(p.id or 0, p.label, p.heading, p.text) for p in written],
    )
    return len(provisions)


def mark_json(mark: MarkedRun) -> dict[str, Any]:
    data: dict[str, Any] = {"op": mark.op, "text": mark.text}
    if mark.changed:
        data["changed"] = True
    return data


def mark_of(data: dict[str, Any]) -> MarkedRun:
    return MarkedRun(op=data["op"], text=data["text"], changed=bool(data.get("changed")))


def as_parsed(provision: Provision) -> ParsedProvision:
    """The stored provision as the engine's plain record (alignment and diff work on these)."""
    from eu_posities.document import Block

    return ParsedProvision(
        kind=provision.kind,
        number=provision.number,
        label=provision.label,
        text=provision.text,
        heading=provision.heading,
        path=tuple(provision.path),
        blocks=tuple(
            Block(
                text=b["text"],
                num=b.get("num", ""),
                level=b.get("level", 0),
                markers=b.get("markers", {}),
            )
            for b in provision.blocks
        ),
        footnotes=tuple(provision.footnotes),
        markers=dict(provision.markers),
        marks=tuple(mark_of(m) for m in provision.marks),
        amendments=tuple(provision.amendments),
        rows=tuple(provision.rows),
    )


# --- change log -----------------------------------------------------------------------------


def log_change(
    *,
    session: Session,
    author: str,
    action: str,
    dossier_key: str = "",
    subject: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        ChangeLog(
            author=author,
            action=action,
            dossier_key=dossier_key,
            subject=subject,
            detail=detail or {},
        )
    )


MAX_LOG_ROWS = 100_000


def list_changes(
    *, session: Session, dossier_key: str | None = None, author: str | None = None, limit: int = 200
) -> list[ChangeLog]:
    """The newest `limit` changes (1 to `MAX_LOG_ROWS`), oldest first."""
    if not 1 <= limit <= MAX_LOG_ROWS:
        raise InputError(f"the log limit must be between 1 and {MAX_LOG_ROWS:,} (got {limit:,})")
    query = select(ChangeLog)
    if dossier_key:
        query = query.where(ChangeLog.dossier_key == dossier_key)
    if author:
        query = query.where(ChangeLog.author == author)
    rows = session.exec(query.order_by(col(ChangeLog.id).desc()).limit(limit)).all()
    return list(reversed(rows))
