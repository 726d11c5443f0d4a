"""The search of migration 0002, frozen as it was before 0005: the benchmarks' baseline.

Runs on a database where the 0002 index was created again (see bench_scale.py). It was:
full-text search over all provisions of all stages (SQLite FTS5 / PostgreSQL full text).

One interface, `search(...)`, two backends. Both indexes are kept current by the database
itself (migration 0002: FTS5 triggers on SQLite, a generated tsvector column on PostgreSQL),
so a re-imported or deleted stage, or a restored backup, never leaves stale hits.

User queries are never passed to the database's query language as typed: they are reduced to
words and "quoted phrases" of plain letters and digits, so quotes, brackets, `*`, `NEAR`,
`OR` or SQL in a query are searched as words (or dropped), never interpreted.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from types import SimpleNamespace as SearchHit
from typing import Any

from sqlalchemy import text as sql
from sqlmodel import Session

from eu_posities.errors import NotFound
from eu_posities.models import Stage
from eu_posities.readmodels import SNIPPET_MARK

# A word as both indexes see it: letters and digits; anything else separates words.
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"?')
# Shorter last words are matched whole: a one-letter prefix matches half the corpus.
MIN_PREFIX = 2
SNIPPET_WORDS = 24
# A query is typed by a person; more parts than this is noise (or an attack on the planner).
MAX_PARTS = 32
MARK = SNIPPET_MARK
_EXTRA_FOLD = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents, as the indexes compare words: `Categorieën` -> `categorieen`."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_EXTRA_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Query:
    """A user's query reduced to safe parts: every term and phrase must match."""

    terms: tuple[str, ...] = ()
    prefix: str | None = None  # the last word while the user is still typing it
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.terms or self.prefix or self.phrases)


def parse_query(raw: str) -> Query:
    """Words (all must match; the last one also as a prefix) and "quoted phrases"."""
    phrases: list[tuple[str, ...]] = []
    terms: list[str] = []
    pieces: list[tuple[str, str]] = []  # (kind, text) in order, to know what came last
    position = 0
    for match in _PHRASE.finditer(raw):
        pieces.append(("words", raw[position : match.start()]))
        pieces.append(("phrase", match.group(1)))
        position = match.end()
    pieces.append(("words", raw[position:]))
    for kind, piece in pieces:
        # Fold, then split again: compatibility forms can decompose into punctuation (⑴ -> (1)).
        words = [part for w in _WORD.findall(piece) for part in _WORD.findall(fold(w))][
            : MAX_PARTS * 4
        ]
        if kind == "phrase" and len(words) > 1:
            phrases.append(tuple(words))
        else:
            terms.extend(words)
    prefix = None
    last_is_open_word = (
        bool(terms) and pieces[-1][0] == "words" and bool(_WORD.search(pieces[-1][1]))
    )
    if last_is_open_word and not raw[-1:].isspace() and len(terms[-1]) >= MIN_PREFIX:
        prefix = terms.pop()
    unique_terms = tuple(dict.fromkeys(terms))[:MAX_PARTS]
    return Query(
        terms=unique_terms, prefix=prefix, phrases=tuple(dict.fromkeys(phrases))[:MAX_PARTS]
    )


def search(
    *,
    session: Session,
    query: str,
    dossier: str | None = None,
    stage: str | None = None,
    limit: int = 50,
) -> list[Any]:
    """Provisions matching `query`, best first, each with a snippet marking the matched words.

    The snippet has the matched words between `MARK`s; `rank` is higher for better hits
    (comparable within one backend only).
    """
    _check_filters(session, dossier, stage)
    parsed = parse_query(query)
    if parsed.empty or limit <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = _postgres_rows(session, parsed, dossier, stage, limit)
    else:
        rows = _sqlite_rows(session, parsed, dossier, stage, limit)
    return [
        SearchHit(
            dossier=row.dossier,
            stage=row.stage,
            provision=row.label,
            snippet=_best_snippet(row.text, row.heading, parsed),
            kind=row.kind,
            heading=row.heading,
            rank=round(float(row.rank), 6),
            limite=bool(row.limite),
            fictional=bool(row.fictional),
        )
        for row in rows
    ]


def index_stage(*, session: Session, stage: Stage) -> None:
    """Bring the search index up to date with the provisions of `stage`.

    Nothing to do: the database maintains both indexes in the import's own transaction
    (FTS5 triggers on SQLite, a generated column on PostgreSQL), so the index can never
    disagree with the text, not even after a crash half-way through an import.
    """


def rebuild(*, session: Session) -> None:
    """Rebuild the SQLite index from the provisions (PostgreSQL's cannot drift)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sql("INSERT INTO provision_fts(provision_fts) VALUES ('rebuild')"))


def check_index(*, session: Session) -> None:
    """Raise if the SQLite index disagrees with the provisions (FTS5 integrity check)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            sql("INSERT INTO provision_fts(provision_fts, rank) VALUES ('integrity-check', 1)")
        )


# --- backends -------------------------------------------------------------------------------

# Two steps: rank the matches and keep the best `limit` ids first, then fetch text and
# metadata for those few rows only (not for the thousands a short prefix matches).
_OUTER = """
    SELECT d.key AS dossier, s.key AS stage, s.limite AS limite,
           s.fictional AS fictional, p.label AS label, p.kind AS kind, p.heading AS heading,
           p.text AS text, top.rank AS rank
    FROM ({inner}) AS top
    JOIN provision p ON p.id = top.id
    JOIN stage s ON s.id = p.stage_id
    JOIN dossier d ON d.id = s.dossier_id
    ORDER BY top.rank DESC, p.id
"""


def _filters(dossier: str | None, stage: str | None, params: dict[str, Any]) -> str:
    """Conditions on the provision `p` of a match, without joining its stage or dossier."""
    clauses = []
    if dossier:
        clauses.append(
            "p.stage_id IN (SELECT s.id FROM stage s JOIN dossier d ON d.id = s.dossier_id"
            " WHERE d.key = :dossier" + (" AND s.key = :stage" if stage else "") + ")"
        )
    elif stage:
        clauses.append("p.stage_id IN (SELECT s.id FROM stage s WHERE s.key = :stage)")
    if dossier:
        params["dossier"] = dossier
    if stage:
        params["stage"] = stage
    return "".join(f" AND {c}" for c in clauses)


def fts5_expression(query: Query) -> str:
    """The FTS5 MATCH string: every part a quoted string of plain words, so never an operator."""
    parts = [f'"{t}"' for t in query.terms]
    parts += ['"' + " ".join(p) + '"' for p in query.phrases]
    if query.prefix:
        parts.append(f'"{query.prefix}"*')
    return " AND ".join(parts)


def _sqlite_rows(
    session: Session, query: Query, dossier: str | None, stage: str | None, limit: int
) -> Any:
    params: dict[str, Any] = {"match": fts5_expression(query), "limit": limit}
    # bm25 is lower-is-better. A hit in the heading ("Issuance of detection orders") says
    # far more than many hits in a long text (a form that repeats the words), then the label.
    filters = _filters(dossier, stage, params)
    if filters:
        inner = (
            "SELECT hits.id AS id, -hits.score AS rank FROM"
            " (SELECT rowid AS id, bm25(provision_fts, 10.0, 30.0, 1.0) AS score"
            "  FROM provision_fts WHERE provision_fts MATCH :match) AS hits"
            " JOIN provision p ON p.id = hits.id WHERE 1 = 1" + filters
        )
    else:
        inner = (
            "SELECT rowid AS id, -bm25(provision_fts, 10.0, 30.0, 1.0) AS rank"
            " FROM provision_fts WHERE provision_fts MATCH :match"
        )
    inner += " ORDER BY rank DESC, id LIMIT :limit"
    return session.execute(sql(_OUTER.format(inner=inner)), params).all()


def _postgres_rows(
    session: Session, query: Query, dossier: str | None, stage: str | None, limit: int
) -> Any:
    params: dict[str, Any] = {"limit": limit}
    parts = []
    for i, term in enumerate(query.terms):
        params[f"t{i}"] = term
        parts.append(f"to_tsquery('simple', provision_fts_fold(:t{i}))")
    for i, phrase in enumerate(query.phrases):
        params[f"p{i}"] = " ".join(phrase)
        parts.append(f"phraseto_tsquery('simple', provision_fts_fold(:p{i}))")
    if query.prefix:
        params["prefix"] = query.prefix
        parts.append("to_tsquery('simple', provision_fts_fold(:prefix) || ':*')")
    tsquery = " && ".join(parts)
    inner = (
        # Weights {D, C, B, A}: text (D) counts little beside heading (B) and label (A), as
        # in the SQLite ranking above.
        "SELECT p.id AS id, ts_rank('{0.05, 0.1, 1.0, 1.0}', p.provision_fts_doc, q.query, 1)"
        " AS rank"
        f" FROM (SELECT {tsquery} AS query) AS q"
        " JOIN provision p ON p.provision_fts_doc @@ q.query"
        " WHERE 1 = 1" + _filters(dossier, stage, params) + " ORDER BY rank DESC, p.id LIMIT :limit"
    )
    return session.execute(sql(_OUTER.format(inner=inner)), params).all()


def _check_filters(session: Session, dossier: str | None, stage: str | None) -> None:
    """Unknown dossier or stage keys are errors, not silently empty results."""
    from eu_posities.store import get_dossier, get_stage

    if dossier:
        found = get_dossier(session=session, key=dossier)
        if stage:
            get_stage(session=session, dossier=found, key=stage)
        return
    if (
        stage
        and session.execute(sql("SELECT 1 FROM stage WHERE key = :k"), {"k": stage}).first() is None
    ):
        raise NotFound(f"no dossier has a stage {stage!r}")


# --- snippets -------------------------------------------------------------------------------


def _best_snippet(text: str, heading: str, query: Query) -> str:
    """From the text; from the heading when only the heading matched."""
    body = snippet(text, query)
    if MARK not in body and heading:
        marked = snippet(heading, query)
        if MARK in marked:
            return marked
    return body or snippet(heading, query)


def snippet(text: str, query: Query, words: int = SNIPPET_WORDS) -> str:
    """The stretch of `text` with most of the query in it, matched words marked **so**."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    if not tokens:
        return ""
    hits: dict[int, int] = {}  # token index -> which part of the query it matches
    parts = list(query.terms) + ([query.prefix] if query.prefix else [])
    folded = [t[2] for t in tokens]
    exact = {term: n for n, term in enumerate(parts)}
    prefix_part = len(parts) - 1 if query.prefix else -1
    for i, word in enumerate(folded):
        if word in exact:
            hits[i] = exact[word]
        elif query.prefix and word.startswith(query.prefix):
            hits[i] = prefix_part
    for n, phrase in enumerate(query.phrases, len(parts)):
        size = len(phrase)
        for i in range(len(folded) - size + 1):
            if tuple(folded[i : i + size]) == phrase:
                for j in range(i, i + size):
                    hits[j] = n
    start = _best_window(hits, len(tokens), words)
    end = min(len(tokens), start + words)
    out: list[str] = []
    cursor = tokens[start][0]
    for i in range(start, end):
        begin, finish, _ = tokens[i]
        out.append(text[cursor:begin])
        word = text[begin:finish]
        out.append(f"{MARK}{word}{MARK}" if i in hits else word)
        cursor = finish
    body = " ".join("".join(out).split())
    body = body.replace(f"{MARK} {MARK}", " ")  # one mark around a whole phrase
    return ("…" if start > 0 else "") + body + ("…" if end < len(tokens) else "")


def _best_window(hits: dict[int, int], count: int, words: int) -> int:
    """Start of the window covering most distinct query parts (then most hits), earliest first."""
    if not hits:
        return 0
    best, best_score = 0, (-1, -1)
    for first in sorted(hits):
        start = max(0, min(first - 3, count - words))
        inside = [part for pos, part in hits.items() if start <= pos < start + words]
        score = (len(set(inside)), len(inside))
        if score > best_score:
            best, best_score = start, score
    return best
