"""The two backends' SQL: rank the index's texts (versions) matching a query, best first.

Both rank each distinct text once (`search_version`, see `eu_posities.searchindex`), so ranks
are comparable within one backend only. SQLite ranks FTS5's matches with bm25. PostgreSQL
gathers the matching texts from index scans alone (GIN for terms and prefixes, B-tree for the
dossier and stages), then ranks only those with ts_rank. Filters never join the provisions.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import text as sql
from sqlmodel import Session

from eu_posities.search.query import Query, fts5_expression, pg_query

# bm25 weights of label, heading, text and the distinct words (SQLite): a hit in the heading
# ("Issuance of detection orders") says far more than many hits in a long text (a form that
# repeats the words), then the label. ts_rank weights {D text, C unused, B heading, A label}.
_BM25 = "bm25(search_fts, 10.0, 30.0, 1.0, 0.1)"
_TS_WEIGHTS = "'{0.05, 0.01, 1.0, 1.0}'"
_CHUNK = 500
# ts_rank(weights, doc, query, 1), to the same float: its normalisation 1 divides by the log2
# of the positions in `doc`, which it counts in every row; `doc_length` holds that count.
_TS_RANK = (
    f"CAST(ts_rank({_TS_WEIGHTS}, d.doc, CAST(:rank AS tsquery), 0)"
    " / (ln(CAST(GREATEST(d.doc_length, 1) + 1 AS float8)) / ln(CAST(2 AS float8))) AS real)"
)


@dataclass(frozen=True)
class Scope:
    """Where to search: one dossier (by id) and/or some stages (by id); None is everywhere."""

    dossier_id: int | None = None
    stage_ids: tuple[int, ...] | None = None


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _pg_where(session: Session, query: Query, scope: Scope, params: dict[str, Any]) -> str | None:
    """The condition on `search_doc d` that GIN indexes answer; None when nothing can match.

    The dossier and stages are looked up first (B-tree, few rows) and given as ids. The terms
    drive the scan; a prefix is tested on the rows they leave, or, alone, is the union of two
    index scans (the distinct words, the terms).
    """
    found = pg_query(query)
    clauses = []
    within: set[int] | None = None
    if scope.dossier_id is not None:
        rows = session.execute(
            sql("SELECT id FROM search_version WHERE dossier_id = :d"), {"d": scope.dossier_id}
        )
        within = {row[0] for row in rows}
    if scope.stage_ids is not None:
        rows = session.execute(
            sql("SELECT version_id FROM search_member WHERE stage_id = ANY(:s)"),
            {"s": list(scope.stage_ids)},
        )
        staged = {row[0] for row in rows}
        within = staged if within is None else within & staged
    if within is not None:
        if not within:
            return None
        params["within"] = sorted(within)
        clauses.append("d.version_id = ANY(:within)")
    if found.doc:
        params["doc"] = found.doc
        clauses.append("d.doc @@ CAST(:doc AS tsquery)")
    if found.words and found.prefix_doc:
        # Both in the same row: alone, a prefix is a BitmapOr of the two GIN indexes.
        params["words"], params["prefix_doc"] = found.words, found.prefix_doc
        clauses.append(
            "(d.words @@ CAST(:words AS tsquery) OR d.doc @@ CAST(:prefix_doc AS tsquery))"
        )
    return " AND ".join(clauses)


def _filters(scope: Scope, column: str, params: dict[str, Any]) -> tuple[str, list[str]]:
    clauses, expanding = [], []
    if scope.dossier_id is not None:
        clauses.append(f"{column} IN (SELECT id FROM search_version WHERE dossier_id = :dossier)")
        params["dossier"] = scope.dossier_id
    if scope.stage_ids is not None:
        clauses.append(
            f"{column} IN (SELECT version_id FROM search_member WHERE stage_id IN :stages)"
        )
        params["stages"] = list(scope.stage_ids)
        expanding.append("stages")
    return "".join(f" AND {c}" for c in clauses), expanding


def _run(session: Session, statement: str, params: dict[str, Any], expanding: list[str]) -> Any:
    """Run `statement`, its `IN :name` parameters (of `expanding`) given as lists."""
    return session.execute(lists_in(session, statement, expanding), params).all()


def lists_in(session: Session, statement: str, expanding: Sequence[str]) -> Any:
    """`statement` with `IN :name` for each list parameter: `= ANY(:name)` on PostgreSQL (one
    array, so the statement is the same whatever the list's length, and psycopg and the server
    parse and plan it once), an expanding IN on SQLite."""
    if _postgres(session):
        for name in expanding:
            statement = statement.replace(f" IN :{name}", f" = ANY(:{name})")
        return sql(statement)
    query = sql(statement)
    if expanding:
        query = query.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    return query


def ranked(
    session: Session, query: Query, scope: Scope, limit: int
) -> list[tuple[int, float, int, str]]:
    """(version id, rank, dossier id, label) of the best `limit` texts matching `query`."""
    params: dict[str, Any] = {"limit": limit}
    if _postgres(session):
        condition = _pg_where(session, query, scope, params)
        if condition is None:
            return []
        params["rank"] = pg_query(query).rank
        expanding: list[str] = []
        statement = (
            "SELECT top.id, top.rank, v.dossier_id, v.label FROM ("
            f" SELECT d.version_id AS id, {_TS_RANK} AS rank FROM search_doc d WHERE {condition}"
            " ORDER BY rank DESC, d.version_id LIMIT :limit) AS top"
            " JOIN search_version v ON v.id = top.id ORDER BY top.rank DESC, top.id"
        )
        # Index scans only, for the rest of this (read) transaction: the planner cannot know
        # what reading a tsvector costs, and a sequential scan would read (and decompress)
        # every row's. Every other query of a search has an index to use as well.
        session.execute(sql("SET LOCAL enable_seqscan = off"))
        rows = _run(session, statement, params, expanding)
        return [(row[0], float(row[1]), row[2], row[3]) for row in rows]
    else:
        params["match"] = fts5_expression(query)
        filters, expanding = _filters(scope, "hits.id", params)
        matched = (
            f"SELECT rowid AS id, -{_BM25} AS rank FROM search_fts WHERE search_fts MATCH :match"
        )
        if filters:
            # Matched and ranked once, then filtered: a rowid condition beside MATCH would
            # make FTS5 run the query once per candidate row.
            best = (
                f"WITH hits AS MATERIALIZED ({matched}) SELECT id, rank FROM hits"
                f" WHERE TRUE{filters} ORDER BY rank DESC, id LIMIT :limit"
            )
        else:
            best = f"{matched} ORDER BY rank DESC, id LIMIT :limit"
        statement = (
            f"SELECT top.id, top.rank, v.dossier_id, v.label FROM ({best}) AS top"
            " JOIN search_version v ON v.id = top.id ORDER BY top.rank DESC, top.id"
        )
    return [
        (row[0], float(row[1]), row[2], row[3])
        for row in _run(session, statement, params, expanding)
    ]


def matching(session: Session, query: Query, version_ids: Collection[int]) -> set[int]:
    """Which of these texts match `query` (no ranking)."""
    found: set[int] = set()
    ids = sorted(version_ids)
    for start in range(0, len(ids), _CHUNK):
        params: dict[str, Any] = {"ids": ids[start : start + _CHUNK]}
        if _postgres(session):
            # A few rows, tested one by one: no index scan over the whole table.
            found_query = pg_query(query)
            clauses = []
            if found_query.doc:
                params["doc"] = found_query.doc
                clauses.append("d.doc @@ CAST(:doc AS tsquery)")
            if found_query.words and found_query.prefix_doc:
                params["words"], params["prefix_doc"] = found_query.words, found_query.prefix_doc
                clauses.append(
                    "(d.words @@ CAST(:words AS tsquery) OR d.doc @@ CAST(:prefix_doc AS tsquery))"
                )
            statement = "SELECT d.version_id FROM search_doc d WHERE d.version_id IN :ids AND " + (
                " AND ".join(clauses)
            )
        else:
            params["match"] = fts5_expression(query)
            # Matched once, then filtered (see `ranked`).
            statement = (
                "WITH hits AS MATERIALIZED"
                " (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :match)"
                " SELECT id FROM hits WHERE id IN :ids"
            )
        found.update(row[0] for row in _run(session, statement, params, ["ids"]))
    return found


def labelled(session: Session, keys: Sequence[str], scope: Scope) -> list[tuple[int, int, str]]:
    """(version id, dossier id, label) of texts whose whole label is one of `keys` (index
    terms of labels: "earticl e7")."""
    if not keys:
        return []
    params: dict[str, Any] = {"keys": list(keys)}
    filters, expanding = _filters(scope, "id", params)
    statement = (
        f"SELECT id, dossier_id, label FROM search_version WHERE label_key IN :keys{filters}"
        " ORDER BY id"
    )
    rows = _run(session, statement, params, ["keys", *expanding])
    return [(row[0], row[1], row[2]) for row in rows]


def group_versions(
    session: Session, groups: Collection[tuple[int, str]]
) -> dict[int, tuple[int, str]]:
    """Every text of these (dossier id, label) provisions."""
    if not groups:
        return {}
    rows = _run(
        session,
        "SELECT id, dossier_id, label FROM search_version"
        " WHERE dossier_id IN :dossiers AND label IN :labels",
        {"dossiers": sorted({g[0] for g in groups}), "labels": sorted({g[1] for g in groups})},
        ["dossiers", "labels"],
    )
    wanted = set(groups)
    return {row[0]: (row[1], row[2]) for row in rows if (row[1], row[2]) in wanted}


def members(
    session: Session, version_ids: Collection[int], scope: Scope
) -> list[tuple[int, int, int]]:
    """(version id, provision id, stage id) of the provisions that have these texts."""
    out: list[tuple[int, int, int]] = []
    ids = sorted(version_ids)
    for start in range(0, len(ids), _CHUNK):
        params: dict[str, Any] = {"ids": ids[start : start + _CHUNK]}
        expanding = ["ids"]
        statement = (
            "SELECT version_id, provision_id, stage_id FROM search_member WHERE version_id IN :ids"
        )
        if scope.stage_ids is not None:
            statement += " AND stage_id IN :stages"
            params["stages"] = list(scope.stage_ids)
            expanding.append("stages")
        out.extend((r[0], r[1], r[2]) for r in _run(session, statement, params, expanding))
    return out
