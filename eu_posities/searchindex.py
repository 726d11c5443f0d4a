"""The full-text index: what `searchtext` makes of each provision, stored once per distinct text.

Provisions often keep their text from stage to stage, so the index holds one *version* per
distinct text of a label in a dossier (`search_version`) and ties every provision to its
version (`search_member`). A query then ranks each text once, not once per stage: at 48,000
provisions a third as many rows, which is what keeps PostgreSQL's ranking fast.

- SQLite: `search_version` holds the index terms and is the external content of the FTS5
  table `search_fts` (triggers keep the two in step);
- PostgreSQL: `search_doc.doc` is a tsvector built here, in Python (label A, heading B,
  text D), beside `search_doc.words`, one of the distinct words (for type-ahead prefixes),
  each with a GIN index, in a table of their own whose rows keep them uncompressed (they are
  read for every match ranked; migration 0006), with `doc_length`, the positions in `doc`.

Deleting a provision (or its stage, or dossier) deletes its member row; a trigger then deletes
a version no provision uses any more, so the index never returns text that is gone. Writing
provisions goes through `index_provisions` (`store.replace_provisions` calls it); a database
filled without it (a restored backup, an upgrade) is indexed by `reindex`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import text as sql
from sqlmodel import Session

from eu_posities.searchtext import Entry, entry, stem_language

# PostgreSQL keeps at most 256 positions per lexeme and none past 16383.
_PG_MAX_POSITION = 16383
_PG_MAX_POSITIONS = 255
_PG_GAP = 10  # between label, heading and text: a phrase never spans two of them
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Written:
    """A provision as the index needs it."""

    id: int
    label: str
    heading: str
    text: str


def digest(language: str | None, label: str, heading: str, text: str) -> str:
    """The identity of a version: same stemmer, label, heading and text -> same index entry."""
    data = "\x1f".join((language or "-", label, heading, text)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def index_provisions(
    *,
    session: Session,
    dossier_id: int,
    stage_id: int,
    language: str,
    kind: str,
    provisions: Iterable[Written],
) -> None:
    """Index provisions just written to one stage (their ids known, their old rows gone)."""
    stemming = stem_language(language, kind)
    rows = [(p, digest(stemming, p.label, p.heading, p.text)) for p in provisions]
    if not rows:
        return
    known = _known_versions(session, dossier_id, [d for _, d in rows])
    postgres = _dialect(session) == "postgresql"
    members = []
    for provision, key in rows:
        if key not in known:
            made = entry(provision.label, provision.heading, provision.text, stemming)
            known[key] = _insert_version(session, dossier_id, provision.label, key, made, postgres)
        members.append({"provision": provision.id, "version": known[key], "stage": stage_id})
    session.execute(
        sql(
            "INSERT INTO search_member (provision_id, version_id, stage_id)"
            " VALUES (:provision, :version, :stage)"
        ),
        members,
    )


def _known_versions(session: Session, dossier_id: int, keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    query = sql(
        "SELECT digest, id FROM search_version WHERE dossier_id = :dossier AND digest IN :keys"
    ).bindparams(bindparam("keys", expanding=True))
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        for key, version_id in session.execute(query, {"dossier": dossier_id, "keys": chunk}):
            found[key] = version_id
    return found


def _insert_version(
    session: Session, dossier_id: int, label: str, key: str, made: Entry, postgres: bool
) -> int:
    params: dict[str, Any] = {
        "dossier": dossier_id,
        "label": label,
        "key": made.label,
        "digest": key,
    }
    if postgres:
        version = session.execute(
            sql(
                "INSERT INTO search_version (dossier_id, label, label_key, digest)"
                " VALUES (:dossier, :label, :key, :digest) RETURNING id"
            ),
            params,
        ).scalar_one()
        doc, length = tsvector(made)
        session.execute(
            sql(
                "INSERT INTO search_doc (version_id, doc, doc_length, words)"
                " VALUES (:id, CAST(:doc AS tsvector), :length, CAST(:words AS tsvector))"
            ),
            {
                "id": version,
                "doc": doc,
                "length": length,
                "words": " ".join(f"'{_quote(w)}'" for w in made.words.split()),
            },
        )
        return int(version)
    else:
        params.update(heading=made.heading, body=made.body, words=made.words)
        statement = (
            "INSERT INTO search_version"
            " (dossier_id, label, label_key, digest, heading, body, words)"
            " VALUES (:dossier, :label, :key, :digest, :heading, :body, :words) RETURNING id"
        )
    return int(session.execute(sql(statement), params).scalar_one())


def tsvector(made: Entry) -> tuple[str, int]:
    """The PostgreSQL tsvector of an entry's terms, as text (`'edetect':3B,9 'eorder':4B ...`),
    and how many positions it holds: the length by which ts_rank divides (`doc_length`)."""
    positions: dict[str, list[str]] = {}
    start = 1
    for terms, weight in ((made.label, "A"), (made.heading, "B"), (made.body, "")):
        split = terms.split()
        for offset, term in enumerate(split):
            at = positions.setdefault(term, [])
            if len(at) < _PG_MAX_POSITIONS:
                at.append(f"{min(start + offset, _PG_MAX_POSITION)}{weight}")
        start += len(split) + _PG_GAP
    # PostgreSQL keeps a position once (those past the last one all become the last one).
    length = sum(len({p.rstrip("AB") for p in at}) for at in positions.values())
    text = " ".join(f"'{_quote(term)}':{','.join(at)}" for term, at in positions.items())
    return text, length


def _quote(term: str) -> str:
    # Index terms are letters and digits only; quoting is belt and braces.
    return term.replace("\\", "\\\\").replace("'", "''")


# --- whole-database upkeep ------------------------------------------------------------------


def reindex(*, session: Session, stage_ids: Sequence[int] | None = None) -> int:
    """Index again every provision (of the given stages): after a restore, an upgrade, a
    change of a stage's language. Returns how many provisions were indexed."""
    stages = session.execute(
        sql("SELECT id, dossier_id, language, kind FROM stage ORDER BY id")
    ).all()
    if stage_ids is not None:
        wanted = set(stage_ids)
        stages = [s for s in stages if s.id in wanted]
        for start in range(0, len(stages), _CHUNK):
            ids = [s.id for s in stages[start : start + _CHUNK]]
            session.execute(
                sql("DELETE FROM search_member WHERE stage_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": ids},
            )
    else:
        session.execute(sql("DELETE FROM search_member"))
        session.execute(sql("DELETE FROM search_version"))
    count = 0
    for stage in stages:
        rows = session.execute(
            sql("SELECT id, label, heading, text FROM provision WHERE stage_id = :s ORDER BY id"),
            {"s": stage.id},
        ).all()
        index_provisions(
            session=session,
            dossier_id=stage.dossier_id,
            stage_id=stage.id,
            language=stage.language,
            kind=stage.kind,
            provisions=[Written(r.id, r.label, r.heading, r.text) for r in rows],
        )
        count += len(rows)
    return count


def stale_stages(*, session: Session) -> list[int]:
    """Stages with a provision that the index does not cover."""
    rows = session.execute(
        sql(
            "SELECT DISTINCT p.stage_id FROM provision p"
            " LEFT JOIN search_member m ON m.provision_id = p.id"
            " WHERE m.provision_id IS NULL ORDER BY p.stage_id"
        )
    ).all()
    return [r[0] for r in rows]


def check_index(*, session: Session) -> None:
    """Raise if the index does not cover every provision, or (SQLite) FTS5 finds it corrupt."""
    stale = stale_stages(session=session)
    if stale:
        raise AssertionError(f"provisions of stages {stale} are not in the search index")
    if _dialect(session) == "sqlite":
        session.execute(
            sql("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        )
