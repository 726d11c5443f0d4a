"""Suggest which provisions of a stage concern which concern, from the concern's search terms.

A term in a provision's heading says far more than the same term somewhere in its text (an
article headed "Issuance of detection orders" is about detection orders; a recital that
mentions them once is not), so headings weigh most. Text hits count with diminishing returns
and relative to the provision's length, so that long catch-all articles do not win on volume.
Fuzzy matching (rapidfuzz) catches inflections and line-broken compounds in Dutch and
English. A score threshold and a limit keep the list short enough to read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlmodel import Session

from eu_posities.document import ParsedProvision

# Provision kinds that never carry a negotiating point on their own.
_SKIP_KINDS = ("title", "citation", "formula")
HEADING_WEIGHT = 0.45
PATH_WEIGHT = 0.25  # the chapter/section heading above it ("Section 2 – Detection obligations")
TEXT_WEIGHT = 0.3
# A recital explains and an annex gives a form; the rule itself sits in an article.
KIND_FACTOR = {"recital": 0.75, "annex": 0.5}
DEFAULT_THRESHOLD = 0.3
FUZZY_MIN = 88


@dataclass(frozen=True)
class Suggestion:
    concern: str
    provision: str
    score: float
    why: str

    def to_json(self) -> dict[str, object]:
        return {
            "concern": self.concern,
            "provision": self.provision,
            "score": self.score,
            "why": self.why,
        }


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\u00ad]", "", text).casefold().split())


def _heading_match(heading: str, terms: Sequence[str]) -> tuple[float, str]:
    """Best match of a term in the heading: 1.0 exact (substring), else the fuzzy ratio."""
    best, best_term = 0.0, ""
    low = _norm(heading)
    if not low:
        return 0.0, ""
    for term in terms:
        t = _norm(term)
        if len(t) < 3:
            continue
        if re.search(rf"(?<!\w){re.escape(t)}", low):
            score = 1.0
        elif len(t) >= 6 and len(low) >= 6:
            ratio = fuzz.partial_ratio(t, low)
            score = ratio / 100 * 0.9 if ratio >= FUZZY_MIN else 0.0
        else:
            score = 0.0
        if score > best:
            best, best_term = score, term
    return best, best_term


def _text_hits(text: str, terms: Sequence[str]) -> tuple[int, str]:
    """Places where a term occurs (a longer term's hit hides the shorter ones inside it)."""
    low = _norm(text)
    taken: list[tuple[int, int]] = []
    counts: dict[str, int] = {}
    for term in sorted(terms, key=len, reverse=True):
        t = _norm(term)
        if len(t) < 3:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(t)}", low):
            if not any(a <= match.start() < b for a, b in taken):
                taken.append((match.start(), match.end()))
                counts[term] = counts.get(term, 0) + 1
    top = max(counts, key=lambda k: counts[k]) if counts else ""
    return len(taken), top


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def score_provision(provision: ParsedProvision, terms: Sequence[str]) -> tuple[float, str]:
    """Score 0..1 of one provision for one concern's terms, and a one-line reason."""
    heading_score, heading_term = _heading_match(provision.heading, terms)
    path_score, _path_term, path_heading = 0.0, "", ""
    for above in provision.path:
        found, term = _heading_match(above, terms)
        if found > path_score:
            path_score, _path_term, path_heading = found, term, above
    hits, top_term = _text_hits(provision.text, terms)
    words = max(1, len(provision.text.split()))
    # Saturating in the number of hits, discounted for very long provisions.
    density = hits / math.sqrt(words / 100 + 1)
    text_score = 1 - math.exp(-density / 2)
    score = HEADING_WEIGHT * heading_score + PATH_WEIGHT * path_score + TEXT_WEIGHT * text_score
    score *= KIND_FACTOR.get(provision.kind, 1.0)
    reasons = []
    if heading_score:
        how = "matches" if heading_score == 1.0 else "resembles"
        reasons.append(f"heading '{_short(provision.heading)}' {how} '{heading_term}'")
    if path_score:
        reasons.append(f"under '{_short(path_heading)}'")
    if hits:
        reasons.append(
            f"text mentions '{top_term}'"
            + (f" ({hits} hits for the terms)" if hits > 1 else " once")
        )
    return round(min(1.0, score), 3), "; ".join(reasons)


def suggest_for(
    provisions: Sequence[ParsedProvision],
    concerns: Mapping[str, Sequence[str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = 10,
    exclude: set[tuple[str, str]] | None = None,
) -> list[Suggestion]:
    """Suggestions for every concern (key -> terms), best first per concern, then by score."""
    out: list[Suggestion] = []
    for key, terms in concerns.items():
        if not terms:
            continue
        found = []
        for provision in provisions:
            if provision.kind in _SKIP_KINDS or (exclude and (key, provision.label) in exclude):
                continue
            score, why = score_provision(provision, terms)
            if score > 0 and score >= threshold:
                found.append(Suggestion(key, provision.label, score, why))
        found.sort(key=lambda s: -s.score)
        out.extend(found[:limit] if limit else found)
    return out


def suggest_stage(
    *,
    session: Session,
    dossier_key: str,
    stage_key: str,
    concern_key: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = 10,
) -> list[Suggestion]:
    """`concerns suggest`: provisions of a stage for the dossier's concerns (or one concern).

    Links a user rejected are never suggested again.
    """
    from eu_posities.concerns import ledger
    from eu_posities.errors import InputError
    from eu_posities.store import as_parsed, get_dossier, get_stage, list_provisions

    dossier = get_dossier(session=session, key=dossier_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    provisions = [as_parsed(p) for p in list_provisions(session=session, stage=stage)]
    if not provisions:
        raise InputError(f"stage {stage.key!r} of {dossier.key!r} has no text imported yet")
    if concern_key:
        concerns = [ledger.get_concern_in(session=session, dossier=dossier, key=concern_key)]
    else:
        concerns = ledger.list_concerns(session=session, dossier=dossier)
    rejected = {
        (concern.key, link.label)
        for concern in concerns
        for link in ledger.list_links(
            session=session, concern=concern, stage=stage, states=("rejected",)
        )
    }
    terms = {c.key: list(c.terms) for c in concerns}
    return suggest_for(provisions, terms, threshold=threshold, limit=limit, exclude=rejected)


def accept(
    *,
    session: Session,
    dossier_key: str,
    stage_key: str,
    suggestions: Sequence[Suggestion],
    author: str,
) -> int:
    """Store suggestions as confirmed links (what a user accepted)."""
    from eu_posities.concerns import ledger
    from eu_posities.concerns.alerts import refresh_after
    from eu_posities.store import get_dossier, get_stage

    for s in suggestions:
        ledger.set_link(
            session=session,
            dossier_key=dossier_key,
            concern_key=s.concern,
            stage_key=stage_key,
            label=s.provision,
            state="confirmed",
            score=s.score,
            reason=s.why,
            author=author,
        )
    if suggestions:
        dossier = get_dossier(session=session, key=dossier_key)
        refresh_after(
            session=session, stage=get_stage(session=session, dossier=dossier, key=stage_key)
        )
    return len(suggestions)
