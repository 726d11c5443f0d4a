"""Alerts: concerns whose linked provisions changed in a newly imported stage.

When a stage is imported, every concern with links in an earlier stage of the dossier is
checked: the earlier stage is aligned with the new one and each linked provision followed to
where it went. A changed, deleted, split or merged provision gives an Alert with flags for
the changes negotiators must see (modal verbs, numbers, negations). The alignment and diff
engine (`eu_posities.alignment`, `eu_posities.diff`) does this when it is installed; without
it a simpler comparison by label and content similarity (rapidfuzz) keeps alerts working.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from eu_posities.document import ParsedProvision
from eu_posities.models import (
    Alert,
    Concern,
    ConcernDossier,
    ConcernLink,
    Dossier,
    Provision,
    Stage,
)
from eu_posities.store import COMMENTARY_KINDS, as_parsed, list_provisions, list_stages

_MODALS = {
    "shall",
    "must",
    "may",
    "should",
    "can",
    "cannot",
    "moet",
    "moeten",
    "dient",
    "zal",
    "kan",
    "mag",
}
_NEGATIONS = {"not", "no", "never", "without", "niet", "geen", "nooit", "zonder"}
_NUMBER = re.compile(
    r"^(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|hundred|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig|dertig)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+|[^\w\s]")


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
    new = tuple(as_parsed(p) for p in list_provisions(session=session, stage=stage))
    if not new:
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
                old = tuple(as_parsed(p) for p in list_provisions(session=session, stage=old_stage))
                cache[old_stage.id] = compare(old, new) if old else {}
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


def compare(old: Sequence[ParsedProvision], new: Sequence[ParsedProvision]) -> dict[str, Change]:
    """What became of each provision of `old` in `new`, by old label."""
    try:
        from eu_posities.alignment import align
        from eu_posities.diff import diff_stages  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return _compare_simple(old, new)
    return _compare_engine(old, new, align, diff_stages)


def _compare_engine(
    old: Sequence[ParsedProvision], new: Sequence[ParsedProvision], align: Any, diff_stages: Any
) -> dict[str, Change]:
    matches = align(tuple(old), tuple(new), ())
    result = diff_stages(tuple(old), tuple(new), matches).to_json()
    out: dict[str, Change] = {}
    for pair in result["pairs"]:
        old_label = pair.get("from")
        if not old_label:
            continue
        previous = out.get(old_label)
        new_labels = (previous.new_labels if previous else ()) + (
            (pair["to"],) if pair.get("to") else ()
        )
        flags = (previous.flags if previous else ()) + tuple(pair.get("flags", ()))
        out[old_label] = Change(old_label, new_labels, pair["status"], flags)
    return out


def _compare_simple(
    old: Sequence[ParsedProvision], new: Sequence[ParsedProvision]
) -> dict[str, Change]:
    """Follow each provision: same text anywhere, else same label, else similar content."""
    from rapidfuzz import fuzz

    def norm(text: str) -> str:
        return " ".join(text.split())

    targets: dict[str, ParsedProvision] = {}
    free = {p.label: p for p in new}
    by_text: dict[tuple[str, str], ParsedProvision] = {}
    for p in new:
        by_text.setdefault((p.kind, norm(p.text)), p)
    for provision in old:  # 1. unchanged text, wherever it went (renumbering is no change)
        found = by_text.get((provision.kind, norm(provision.text)))
        if found is not None and found.label in free:
            targets[provision.label] = free.pop(found.label)
    for provision in old:  # 2. the same label, if the text is still recognisably the same
        same = free.get(provision.label)
        if (
            provision.label not in targets
            and same is not None
            and fuzz.ratio(provision.text, same.text) >= 60
        ):
            targets[provision.label] = free.pop(provision.label)
    for provision in old:  # 3. the most similar remaining provision of the same kind
        if provision.label in targets:
            continue
        scored = [
            (fuzz.token_set_ratio(provision.text, p.text), p)
            for p in free.values()
            if p.kind == provision.kind
        ]
        score, best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best is not None and score >= 80:
            targets[provision.label] = free.pop(best.label)
    out: dict[str, Change] = {}
    for provision in old:
        target = targets.get(provision.label)
        if target is None:
            out[provision.label] = Change(provision.label, (), "deleted")
            continue
        same_text = norm(provision.text) == norm(target.text)
        flags = () if same_text else tuple(word_flags(provision.text, target.text))
        status = "unchanged" if same_text else "modified"
        out[provision.label] = Change(provision.label, (target.label,), status, flags)
    return out


def word_flags(old: str, new: str) -> list[dict[str, str]]:
    """Modal, number and negation changes between two texts (word-level)."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    flags: list[dict[str, str]] = []
    matcher = difflib.SequenceMatcher(
        a=[w.lower() for w in a], b=[w.lower() for w in b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = a[i1:i2], b[j1:j2]
        for kind, test in (("modal", _MODALS.__contains__), ("negation", _NEGATIONS.__contains__)):
            gone = [w for w in removed if test(w.lower())]
            came = [w for w in added if test(w.lower())]
            if gone or came:
                flags.append({"kind": kind, "old": " ".join(gone), "new": " ".join(came)})
        gone_n = [w for w in removed if _NUMBER.match(w)]
        came_n = [w for w in added if _NUMBER.match(w)]
        if gone_n or came_n:
            flags.append({"kind": "number", "old": " ".join(gone_n), "new": " ".join(came_n)})
    return flags
