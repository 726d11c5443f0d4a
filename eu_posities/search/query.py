"""A user's query reduced to safe parts, and those parts as FTS5 and tsquery expressions.

User queries are never passed to the database's query language as typed: they are reduced to
folded words and "quoted phrases" of plain letters and digits (`eu_posities.searchtext`), and
every index term is quoted in the expression, so quotes, brackets, `*`, `NEAR`, `OR`, `&`,
`:` or SQL in a query are searched as words (or dropped), never interpreted.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from eu_posities.searchtext import (
    EVERY_STEMMING,
    alternatives,
    fold_parts,
    phrase_alternatives,
    terms,
)

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"?')
# Shorter last words are matched whole: a one-letter prefix matches half the corpus.
MIN_PREFIX = 2
# A query is typed by a person; more parts than this is noise (or an attack on the planner).
MAX_PARTS = 32
# Words for the kinds of provision as a Dutch or hurried user types them, for label matches.
LABEL_WORDS = {
    "art": "article",
    "artikel": "article",
    "rec": "recital",
    "overweging": "recital",
    "bijlage": "annex",
}
_MAX_LABEL_WORDS = 4
_MAX_LABEL_VARIANTS = 64


@dataclass(frozen=True)
class Query:
    """Every term and phrase must match; `prefix` is the last word while it is being typed."""

    terms: tuple[str, ...] = ()
    prefix: str | None = None
    phrases: tuple[tuple[str, ...], ...] = ()
    # The words in the order typed, phrases included: for recognising a label ("Article 7").
    typed: tuple[str, ...] = ()
    # The stemmings to look for (those the index holds: fewer terms to look up).
    stemmings: tuple[str | None, ...] = EVERY_STEMMING

    def alternatives(self, word: str) -> tuple[str, ...]:
        return alternatives(word, self.stemmings)

    def phrase_alternatives(self, phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        return phrase_alternatives(phrase, self.stemmings)

    @property
    def empty(self) -> bool:
        return not (self.terms or self.prefix or self.phrases)


def parse_query(raw: str) -> Query:
    """Words (all must match; the last one also as a prefix) and "quoted phrases"."""
    phrases: list[tuple[str, ...]] = []
    terms: list[str] = []
    typed: list[str] = []
    pieces: list[tuple[str, str]] = []  # (kind, text) in order, to know what came last
    position = 0
    for match in _PHRASE.finditer(raw):
        pieces.append(("words", raw[position : match.start()]))
        pieces.append(("phrase", match.group(1)))
        position = match.end()
    pieces.append(("words", raw[position:]))
    for kind, piece in pieces:
        words = [part for w in _WORD.findall(piece) for part in fold_parts(w)][: MAX_PARTS * 4]
        typed.extend(words)
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
    if prefix in unique_terms:
        prefix = None  # "order order": the whole word already asks for it
    return Query(
        terms=unique_terms,
        prefix=prefix,
        phrases=tuple(dict.fromkeys(phrases))[:MAX_PARTS],
        typed=tuple(typed[: MAX_PARTS * 4]),
    )


def label_keys(query: Query) -> tuple[str, ...]:
    """The index keys of the labels the query may name as a whole: "Article 7", "artikel 7".

    Empty unless the query is short: a label has a kind word and a number or two.
    """
    typed = query.typed
    if not typed or len(typed) > _MAX_LABEL_WORDS:
        return ()
    choices = [tuple(dict.fromkeys((w, LABEL_WORDS.get(w, w)))) for w in typed]
    keys = [
        " ".join(terms(list(combo), language))
        for combo in itertools.islice(itertools.product(*choices), _MAX_LABEL_VARIANTS)
        for language in query.stemmings
    ]
    return tuple(dict.fromkeys(keys))


# --- SQLite FTS5 --------------------------------------------------------------------------

_TEXT_COLUMNS = "{label_key heading body}"


def _fts_string(terms: tuple[str, ...]) -> str:
    # Index terms are letters and digits only; doubling quotes is belt and braces.
    return '"' + " ".join(terms).replace('"', '""') + '"'


def fts5_expression(query: Query) -> str:
    """The FTS5 MATCH string: every index term a quoted string, so never an operator."""
    parts = []
    for term in query.terms:
        options = " OR ".join(_fts_string((a,)) for a in query.alternatives(term))
        parts.append(f"{_TEXT_COLUMNS} : ({options})")
    for phrase in query.phrases:
        options = " OR ".join(_fts_string(v) for v in query.phrase_alternatives(phrase))
        parts.append(f"{_TEXT_COLUMNS} : ({options})")
    if query.prefix:
        options = " OR ".join(_fts_string((a,)) for a in query.alternatives(query.prefix))
        parts.append(
            f"({{words}} : {_fts_string((query.prefix,))}* OR {_TEXT_COLUMNS} : ({options}))"
        )
    return " AND ".join(parts)


# --- PostgreSQL tsquery -------------------------------------------------------------------


def _lexeme(term: str, weights: str, prefix: bool = False) -> str:
    quoted = term.replace("\\", "\\\\").replace("'", "''")
    marks = ("*" if prefix else "") + weights
    return f"'{quoted}'" + (f":{marks}" if marks else "")


@dataclass(frozen=True)
class PgQuery:
    """The tsqueries of a query (text, cast, never parsed by a configuration)."""

    doc: str | None  # every term and phrase, against the terms (`doc`)
    words: str | None  # the prefix among the distinct words (`words`)
    prefix_doc: str | None  # ... or the prefix as a whole word, against the terms
    rank: str  # any of the query's terms: what ts_rank weighs


def pg_query(query: Query) -> PgQuery:
    """Terms in label (A), heading (B) and text (D); the prefix also among the words."""
    parts, ranked = [], []
    for term in query.terms:
        options = [_lexeme(a, "") for a in query.alternatives(term)]
        parts.append("(" + " | ".join(options) + ")")
        ranked += options
    for phrase in query.phrases:
        variants = [
            "(" + " <-> ".join(_lexeme(t, "") for t in variant) + ")"
            for variant in query.phrase_alternatives(phrase)
        ]
        parts.append("(" + " | ".join(variants) + ")")
        ranked += [_lexeme(t, "") for variant in query.phrase_alternatives(phrase) for t in variant]
    words = prefix_doc = None
    if query.prefix:
        words = _lexeme(query.prefix, "", prefix=True)
        whole = [_lexeme(a, "") for a in query.alternatives(query.prefix)]
        prefix_doc = " | ".join(whole)
        # Ranked by the stems the prefix begins: "detec" weighs "detect" (and "detection").
        ranked += whole + [_lexeme(a, "", prefix=True) for a in query.alternatives(query.prefix)]
    return PgQuery(
        doc=" & ".join(parts) or None,
        words=words,
        prefix_doc=prefix_doc,
        rank=" | ".join(dict.fromkeys(ranked)),
    )
