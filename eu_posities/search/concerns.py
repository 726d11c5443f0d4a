"""Searching the concern ledger: key, titles, Dutch position, description and search terms.

Concerns are few (tens, not thousands), so they are matched here in Python, with the same
folding and stemming as the provisions' index: every part of the query must match somewhere
in the concern; the key and titles weigh most, then the terms, then the longer texts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlmodel import Session

from eu_posities.readmodels import ConcernHit
from eu_posities.search.query import Query
from eu_posities.search.snippets import MARK, snippet
from eu_posities.searchtext import (
    EVERY_STEMMING,
    QUERY_LANGUAGES,
    alternatives,
    phrase_alternatives,
    terms,
    words,
)

if TYPE_CHECKING:
    from eu_posities.models import Concern

# (field, attribute, language of its text, weight); None: stemmed in every language.
_FIELDS = (
    ("key", "key", None, 5.0),
    ("title", "title_nl", "nl", 3.0),
    ("title", "title_en", "en", 3.0),
    ("terms", "terms", None, 2.0),
    ("position", "position_nl", "nl", 1.0),
    ("description", "description", "en", 1.0),
)


@dataclass(frozen=True)
class _Field:
    name: str
    text: str
    language: str | None
    weight: float
    index_terms: frozenset[str]  # for each stemmer that may apply
    sequences: tuple[tuple[str, ...], ...]  # the text as index terms, one per stemmer


@functools.lru_cache(maxsize=1024)  # concerns change seldom; searches come at every keystroke
def _field(name: str, text: str, language: str | None, weight: float) -> _Field:
    folded = tuple(words(text))
    languages = (None, language) if language else (None, *QUERY_LANGUAGES)
    found = tuple(tuple(terms(list(folded), lang)) for lang in languages)
    return _Field(name, text, language, weight, frozenset(t for f in found for t in f), found)


def _fields(concern: Concern) -> list[_Field]:
    out = []
    for name, attribute, language, weight in _FIELDS:
        value = getattr(concern, attribute)
        text = "; ".join(value) if isinstance(value, list) else str(value or "")
        if text.strip():
            out.append(_field(name, text, language, weight))
    return out


def _part_matches(field: _Field, part: str, is_prefix: bool) -> bool:
    if field.index_terms.intersection(alternatives(part)):
        return True
    # The first sequence is the text's plain words: the prefix is matched there.
    return is_prefix and any(t[1:].startswith(part) for t in field.sequences[0])


def _phrase_matches(field: _Field, phrase: tuple[str, ...]) -> bool:
    wanted = set(phrase_alternatives(phrase))
    size = len(phrase)
    return any(
        tuple(seq[i : i + size]) in wanted
        for seq in field.sequences
        for i in range(len(seq) - size + 1)
    )


def concern_hits(*, session: Session, query: Query, dossier_id: int | None) -> list[ConcernHit]:
    """Concerns (tracked in the dossier, if given) matching every part of `query`, best first."""
    from sqlmodel import col, select

    from eu_posities.models import Concern, ConcernDossier, Dossier

    tracked: dict[int, list[str]] = {}
    rows = session.exec(
        select(ConcernDossier.concern_id, Dossier.key, Dossier.id)
        .join(Dossier, col(Dossier.id) == ConcernDossier.dossier_id)
        .order_by(Dossier.key)
    ).all()
    wanted: set[int] = set()
    for concern_id, key, found_id in rows:
        tracked.setdefault(concern_id, []).append(key)
        if found_id == dossier_id:
            wanted.add(concern_id)
    if dossier_id is not None and not wanted:
        return []  # no concern is tracked in the dossier searched
    # Concerns have Dutch and English texts, whatever stages the database holds.
    query = replace(query, stemmings=EVERY_STEMMING)
    parts = [(t, False) for t in query.terms] + ([(query.prefix, True)] if query.prefix else [])
    found: list[ConcernHit] = []
    for concern in session.exec(select(Concern).order_by(Concern.key)):
        if dossier_id is not None and concern.id not in wanted:
            continue
        fields = _fields(concern)
        score, matched = 0.0, []
        for part, is_prefix in parts:
            hit = [f for f in fields if _part_matches(f, part, is_prefix)]
            score += max((f.weight for f in hit), default=0.0)
            matched.extend(hit)
            if not hit:
                break
        else:
            for phrase in query.phrases:
                hit = [f for f in fields if _phrase_matches(f, phrase)]
                score += 2 * max((f.weight for f in hit), default=0.0)
                matched.extend(hit)
                if not hit:
                    break
            else:
                dossiers = tuple(tracked.get(concern.id or 0, ()))
                found.append(_hit(concern, query, dossier_id, dossiers, matched, score, session))
    found.sort(key=lambda h: (-h.rank, h.concern))
    return found


def _hit(
    concern: Concern,
    query: Query,
    dossier_id: int | None,
    dossiers: tuple[str, ...],
    matched: list[_Field],
    score: float,
    session: Session,
) -> ConcernHit:
    from eu_posities.models import Dossier

    shown = max(matched, key=lambda f: f.weight)
    if shown.name == "key":
        # The key matched: the Dutch title says what it stands for.
        text = f"{MARK}{shown.text}{MARK} · {concern.title_nl}"
    else:
        text = snippet(shown.text, query, shown.language)
    searched = session.get(Dossier, dossier_id) if dossier_id is not None else None
    return ConcernHit(
        concern=concern.key,
        dossier=searched.key if searched else (dossiers[0] if dossiers else ""),
        dossiers=dossiers,
        title=concern.title_en or concern.title_nl,
        field=shown.name,
        snippet=text,
        rank=round(score, 6),
    )
