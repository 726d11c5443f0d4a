"""Alerts: concerns whose linked provisions changed in a newly imported stage.

When a stage is imported, every concern with links in an earlier stage of the dossier is
checked: the earlier stage is aligned with the new one and each linked provision followed to
where it went. A changed, deleted, split or merged provision gives an Alert with flags for
the changes negotiators must see (modal verbs, numbers, negations). The comparison is the
one every view uses (`eu_posities.compare`): the user's alignment overrides apply here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlmodel import Session, col, select

from eu_posities.compare import compare_pair, pair_of
from eu_posities.diff import StageDiff
from eu_posities.kinds import COMMENTARY_KINDS
from eu_posities.models import (
    Alert,
    Concern,
    ConcernDossier,
    ConcernLink,
    Dossier,
    Provision,
    Stage,
)
from eu_posities.store import has_text, list_stages


@dataclass(frozen=True)
class Change:
    """What became of one provision of the earlier stage in the new one."""

    old_label: str
    new_labels: tuple[str, ...]
    status: str  # unchanged|modified|deleted|split|merged
    flags: tuple[dict[str, str], ...] = field(default_factory=tuple)


def on_stage_imported(*, session: Session, stage: Stage) -> None:
    """Mark the concerns whose linked provisions changed in `stage` (replacing earlier alerts)."""
    if stage.kind in COMMENTARY_KINDS or stage.id is None:
        return
    session.exec(delete(Alert).where(col(Alert.stage_id) == stage.id))  # type: ignore[call-overload]
    dossier = session.get(Dossier, stage.dossier_id)
    assert dossier is not None
    stages = [
        s for s in list_stages(session=session, dossier=dossier) if s.kind not in COMMENTARY_KINDS
    ]
    position = next(i for i, s in enumerate(stages) if s.id == stage.id)
    earlier = stages[:position]
    if not earlier:
        return
    concerns = session.exec(
        select(Concern)
        .join(ConcernDossier, col(ConcernDossier.concern_id) == Concern.id)
        .where(ConcernDossier.dossier_id == dossier.id)
    ).all()
    if not has_text(session=session, stage=stage):
        return
    cache: dict[int, dict[str, Change]] = {}
    for concern in concerns:
        # The most recent earlier stage with links is the one the user last worked on.
        for old_stage in reversed(earlier):
            links = session.exec(
                select(ConcernLink).where(
                    ConcernLink.concern_id == concern.id,
                    ConcernLink.stage_id == old_stage.id,
                    col(ConcernLink.state).in_(("suggested", "confirmed")),
                )
            ).all()
            if not links:
                continue
            assert old_stage.id is not None
            if old_stage.id not in cache:
                cache[old_stage.id] = {}
                if has_text(session=session, stage=old_stage):
                    pair = pair_of(session=session, dossier=dossier, old=old_stage, new=stage)
                    cache[old_stage.id] = changes_of(compare_pair(session=session, pair=pair).diff)
            changes = cache[old_stage.id]
            for link in links:
                change = changes.get(link.label)
                if change is None or change.status == "unchanged":
                    continue
                assert concern.id is not None
                session.add(
                    Alert(
                        concern_id=concern.id,
                        stage_id=stage.id,
                        label=link.label,
                        summary=summary(change, old_stage.key, stage.key),
                        flags=list(change.flags),
                    )
                )
            break
    session.flush()


def refresh_after(*, session: Session, stage: Stage) -> int:
    """Recompute the alerts of the stages after `stage` (its links changed); returns how many."""
    dossier = session.get(Dossier, stage.dossier_id)
    assert dossier is not None
    later = False
    count = 0
    for other in list_stages(session=session, dossier=dossier):
        if other.id == stage.id:
            later = True
        elif (
            later
            and other.kind not in COMMENTARY_KINDS
            and (
                session.exec(select(Provision.id).where(Provision.stage_id == other.id)).first()
                is not None
            )
        ):
            on_stage_imported(session=session, stage=other)
            count += 1
    return count


def summary(change: Change, old_key: str, new_key: str) -> str:
    where = ", ".join(change.new_labels)
    if change.status == "deleted":
        return f"{change.old_label} of {old_key} was deleted in {new_key}"
    if change.status == "split":
        return f"{change.old_label} of {old_key} was split in {new_key} into {where}"
    if change.status == "merged":
        return f"{change.old_label} of {old_key} was merged in {new_key} into {where}"
    renamed = f" (now {where})" if where and where != change.old_label else ""
    kinds = sorted({f["kind"] for f in change.flags})
    flagged = f"; flags: {', '.join(kinds)}" if kinds else ""
    return f"{change.old_label} of {old_key} was modified in {new_key}{renamed}{flagged}"


def changes_of(diff: StageDiff) -> dict[str, Change]:
    """What became of each provision of the older stage in the newer one, by old label."""
    out: dict[str, Change] = {}
    for pair in diff.pairs:
        if not pair.from_label:
            continue
        previous = out.get(pair.from_label)
        new_labels = (previous.new_labels if previous else ()) + (
            (pair.to_label,) if pair.to_label else ()
        )
        flags = (previous.flags if previous else ()) + tuple(f.to_json() for f in pair.flags)
        out[pair.from_label] = Change(pair.from_label, new_labels, pair.status, flags)
    return out
