"""Full-text search over every provision of every stage, and over the concern ledger.

One interface, `search(...)`, two backends (SQLite FTS5, PostgreSQL full text) over one index
(`eu_posities.searchindex`) of words folded and stemmed in Python (`eu_posities.searchtext`),
so both find the same provisions. Every word must match, the last one also as a prefix while
it is typed, "quoted phrases" as phrases; queries never reach a query language as typed
(`eu_posities.search.query`).

Results list each provision (a label in a dossier) once, with every stage in which it matches;
a query that is a label ("Article 7", "artikel 7") puts that provision first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import text as sql
from sqlmodel import Session

from eu_posities.errors import NotFound
from eu_posities.models import Stage
from eu_posities.readmodels import ConcernHit, SearchHit, SearchResults, StageHit
from eu_posities.search import backends
from eu_posities.search.backends import Scope
from eu_posities.search.concerns import concern_hits
from eu_posities.search.query import MAX_PARTS, MIN_PREFIX, Query, label_keys, parse_query
from eu_posities.search.snippets import MARK, best_snippet, snippet, spans
from eu_posities.searchindex import check_index, digest, reindex, stale_stages
from eu_posities.searchtext import EVERY_STEMMING, fold, stem_language

__all__ = [
    "MARK",
    "MAX_PARTS",
    "MIN_PREFIX",
    "Query",
    "check_index",
    "fold",
    "index_stage",
    "parse_query",
    "rebuild",
    "search",
    "snippet",
    "spans",
    "stale_stages",
]

# A label match ranks above any full-text rank of either backend.
LABEL_RANK = 1000.0
# Texts fetched per provision wanted: a provision has one text per stage at most, often fewer.
_ROWS_PER_HIT = 8


def search(
    *,
    session: Session,
    query: str,
    dossier: str | None = None,
    stage: str | None = None,
    limit: int = 50,
    concerns: bool = True,
) -> SearchResults:
    """Provisions matching `query`, best first, at most `limit`; and the matching concerns
    (not when searching one stage). `rank` is higher for better hits (comparable within one
    backend only)."""
    scope = _scope(session, dossier, stage)
    parsed = parse_query(query)
    if parsed.empty or limit <= 0:
        return SearchResults(query=query)
    hits: list[SearchHit] = []
    more = False
    stemmings = _stemmings(session)
    if stemmings:
        # Look only for the stemmings the index holds: fewer terms for the database to merge.
        hits, more = _provision_hits(session, replace(parsed, stemmings=stemmings), scope, limit)
    found: tuple[ConcernHit, ...] = ()
    if concerns and stage is None:
        found = tuple(concern_hits(session=session, query=parsed, dossier_id=scope.dossier_id))
    return SearchResults(query=query, hits=tuple(hits), concerns=found, more=more)


def index_stage(*, session: Session, stage: Stage) -> None:
    """Bring the index up to date with `stage` (after its language or kind changed, or its
    provisions were written around `store.replace_provisions`)."""
    assert stage.id is not None
    session.flush()
    stemming = stem_language(stage.language, stage.kind)
    rows = session.execute(
        sql(
            "SELECT p.label, p.heading, p.text, v.digest FROM provision p"
            " LEFT JOIN search_member m ON m.provision_id = p.id"
            " LEFT JOIN search_version v ON v.id = m.version_id WHERE p.stage_id = :s"
        ),
        {"s": stage.id},
    ).all()
    if any(r.digest != digest(stemming, r.label, r.heading, r.text) for r in rows):
        reindex(session=session, stage_ids=[stage.id])


def rebuild(*, session: Session) -> int:
    """Index every provision again; returns how many."""
    return reindex(session=session)


# --- scope ----------------------------------------------------------------------------------


def _stemmings(session: Session) -> tuple[str | None, ...]:
    """The stemmings of the stages there are, in the order of `EVERY_STEMMING`."""
    rows = session.execute(sql("SELECT DISTINCT language, kind FROM stage")).all()
    present = {stem_language(row[0], row[1]) for row in rows}
    return tuple(s for s in EVERY_STEMMING if s in present)


def _scope(session: Session, dossier: str | None, stage: str | None) -> Scope:
    """Unknown dossier or stage keys are errors, not silently empty results."""
    from eu_posities.store import get_dossier, get_stage

    if dossier:
        found = get_dossier(session=session, key=dossier)
        stage_ids = None
        if stage:
            stage_ids = (get_stage(session=session, dossier=found, key=stage).id or 0,)
        return Scope(dossier_id=found.id, stage_ids=stage_ids)
    if stage:
        ids = [
            r[0] for r in session.execute(sql("SELECT id FROM stage WHERE key = :k"), {"k": stage})
        ]
        if not ids:
            raise NotFound(f"no dossier has a stage {stage!r}")
        return Scope(stage_ids=tuple(ids))
    return Scope()


# --- provisions -----------------------------------------------------------------------------


@dataclass
class _Group:
    """One provision: a label in a dossier, with its matching texts (version id -> rank)."""

    dossier_id: int
    label: str
    ranks: dict[int, float]


def _provision_hits(
    session: Session, query: Query, scope: Scope, limit: int
) -> tuple[list[SearchHit], bool]:
    ranked: dict[int, float] = {}  # version -> rank, best first
    known: dict[int, tuple[int, str]] = {}  # version -> (dossier id, label)
    for version, dossier_id, label in backends.labelled(session, label_keys(query), scope):
        ranked[version] = LABEL_RANK
        known[version] = (dossier_id, label)
    rows = (limit + 1) * _ROWS_PER_HIT
    while True:
        found = backends.ranked(session, query, scope, rows)
        for version, rank, dossier_id, label in found:
            ranked.setdefault(version, rank)
            known[version] = (dossier_id, label)
        groups = _groups(ranked, known)
        every_match = len(found) < rows  # then no matching text is left out of `ranked`
        if len(groups) > limit or every_match:
            break
        rows *= 4
    top = list(groups.values())[:limit]
    if not every_match:
        _complete(session, query, top)
    return _hits(session, query, scope, top), len(groups) > limit


def _groups(
    ranked: dict[int, float], known: dict[int, tuple[int, str]]
) -> dict[tuple[int, str], _Group]:
    """Texts grouped by provision, best provision first (ranked is best first)."""
    groups: dict[tuple[int, str], _Group] = {}
    for version, rank in ranked.items():
        if version not in known:
            continue  # deleted meanwhile
        key = known[version]
        groups.setdefault(key, _Group(key[0], key[1], {})).ranks[version] = rank
    return groups


def _complete(session: Session, query: Query, top: list[_Group]) -> None:
    """Add the matching texts of the top provisions that ranked below the rows fetched."""
    others = backends.group_versions(session, [(g.dossier_id, g.label) for g in top])
    by_key = {(g.dossier_id, g.label): g for g in top}
    unknown = {v for v, key in others.items() if v not in by_key[key].ranks}
    for version in backends.matching(session, query, unknown):
        by_key[others[version]].ranks[version] = 0.0


def _hits(session: Session, query: Query, scope: Scope, top: list[_Group]) -> list[SearchHit]:
    members = backends.members(session, [v for g in top for v in g.ranks], scope)
    by_version: dict[int, list[tuple[int, int]]] = {}
    for version, provision, stage_id in members:
        by_version.setdefault(version, []).append((provision, stage_id))
    stages = _stages(session, {s for _, _, s in members})
    chosen: list[tuple[_Group, int, list[int]]] = []  # (group, best provision, stages)
    for group in top:
        in_group = [(v, p, s) for v in group.ranks for p, s in by_version.get(v, [])]
        if not in_group:
            continue  # its provisions are outside the stages searched
        best_rank = max(group.ranks[v] for v, _, _ in in_group)
        # Of equals, a real stage before practice text, then the latest.
        best = max(
            ((p, s) for v, p, s in in_group if group.ranks[v] == best_rank),
            key=lambda ps: (not stages[ps[1]]["fictional"], stages[ps[1]]["order"]),
        )
        order = sorted({s for _, _, s in in_group}, key=lambda s: stages[s]["order"])
        chosen.append((group, best[0], [best[1], *order]))
    texts = _provisions(session, [best for _, best, _ in chosen])
    hits = []
    for group, provision_id, (best_stage, *order) in chosen:
        text, stage = texts[provision_id], stages[best_stage]
        language = stem_language(stage["language"], stage["kind"])
        hits.append(
            SearchHit(
                dossier=stage["dossier"],
                stage=stage["key"],
                provision=group.label,
                snippet=best_snippet(text["text"], text["heading"], query, language),
                kind=text["kind"],
                heading=text["heading"],
                rank=round(max(group.ranks.values()), 6),
                limite=stage["limite"],
                fictional=stage["fictional"],
                stages=tuple(
                    StageHit(stages[s]["key"], stages[s]["limite"], stages[s]["fictional"])
                    for s in order
                ),
                language=language,
            )
        )
    return hits


def _select(session: Session, statement: str, ids: list[int]) -> list[Any]:
    if not ids:
        return []
    query = backends.lists_in(session, statement, ["ids"])
    return list(session.execute(query, {"ids": sorted(ids)}).mappings())


def _stages(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Stage facts, with `order`: the position in its dossier's negotiation order."""
    from eu_posities.store import negotiation_order

    rows = _select(
        session,
        "SELECT s.id, s.dossier_id, s.key, s.date, s.limite, s.fictional, s.language, s.kind,"
        " d.key AS dossier FROM stage s JOIN dossier d ON d.id = s.dossier_id"
        " WHERE s.dossier_id IN (SELECT dossier_id FROM stage WHERE id IN :ids) ORDER BY s.id",
        list(ids),
    )
    by_dossier: dict[int, list[Any]] = {}
    for row in rows:
        by_dossier.setdefault(row["dossier_id"], []).append(_StageRow(**row))
    out: dict[int, dict[str, Any]] = {}
    for stages in by_dossier.values():
        for position, stage in enumerate(negotiation_order(stages)):
            if stage.id in ids:
                out[stage.id] = {**stage.__dict__, "order": position}
    return out


@dataclass
class _StageRow:
    id: int
    dossier_id: int
    dossier: str
    key: str
    date: str
    limite: bool
    fictional: bool
    language: str
    kind: str

    def __post_init__(self) -> None:
        self.limite, self.fictional = bool(self.limite), bool(self.fictional)


def _provisions(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = _select(session, "SELECT id, kind, heading, text FROM provision WHERE id IN :ids", ids)
    return {r["id"]: dict(r) for r in rows}
