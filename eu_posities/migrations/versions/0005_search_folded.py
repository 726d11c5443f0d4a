"""search index of Python-folded, stemmed words, one entry per distinct text of a provision

Revision ID: 0005
Revises: 0004

Replaces the 0002 index (SQLite's remove_diacritics and PostgreSQL's translate() folded
accents differently from each other and from Python): the index terms are made in Python
(`eu_posities.searchtext`), stored per distinct text (`search_version`, one per label and
text in a dossier) with the provisions that have it (`search_member`), and indexed by FTS5
(external content) on SQLite and tsvectors with GIN indexes on PostgreSQL (`search_doc.doc`
the index terms with positions and weights, `search_version.words` the distinct words for
type-ahead prefixes). Existing
provisions are indexed here (on PostgreSQL by 0006). The objects are named search_* and stay outside the SQLModel
metadata. Triggers delete a text's entry when its last provision goes, and unindex a
provision whose text is edited in place (`eu_posities.searchindex` indexes it again).
"""

from __future__ import annotations

import importlib

from alembic import op
from sqlmodel import Session

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_OLD = importlib.import_module("eu_posities.migrations.versions.0002_search_index")

SQLITE_UP = [
    "DROP TRIGGER IF EXISTS provision_fts_au",
    "DROP TRIGGER IF EXISTS provision_fts_ad",
    "DROP TRIGGER IF EXISTS provision_fts_ai",
    "DROP TABLE IF EXISTS provision_fts",
    """CREATE TABLE search_version (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        label_key TEXT NOT NULL,
        digest VARCHAR(64) NOT NULL,
        heading TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        words TEXT NOT NULL DEFAULT '',
        UNIQUE (dossier_id, digest)
    )""",
    "CREATE INDEX ix_search_version_label ON search_version (dossier_id, label)",
    "CREATE INDEX ix_search_version_label_key ON search_version (label_key)",
    """CREATE TABLE search_member (
        provision_id INTEGER PRIMARY KEY REFERENCES provision (id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES search_version (id) ON DELETE CASCADE,
        stage_id INTEGER NOT NULL REFERENCES stage (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_search_member_version ON search_member (version_id)",
    "CREATE INDEX ix_search_member_stage ON search_member (stage_id)",
    # The terms are folded words already, separated by spaces: the ascii tokenizer splits on
    # exactly those and leaves every other character inside its word.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        label_key, heading, body, words,
        content='search_version', content_rowid='id', tokenize='ascii', prefix='2 3'
    )""",
    """CREATE TRIGGER search_version_ai AFTER INSERT ON search_version BEGIN
        INSERT INTO search_fts(rowid, label_key, heading, body, words)
        VALUES (new.id, new.label_key, new.heading, new.body, new.words);
    END""",
    """CREATE TRIGGER search_version_ad AFTER DELETE ON search_version BEGIN
        INSERT INTO search_fts(search_fts, rowid, label_key, heading, body, words)
        VALUES ('delete', old.id, old.label_key, old.heading, old.body, old.words);
    END""",
    """CREATE TRIGGER search_member_ad AFTER DELETE ON search_member BEGIN
        DELETE FROM search_version WHERE id = old.version_id
            AND NOT EXISTS (SELECT 1 FROM search_member WHERE version_id = old.version_id);
    END""",
    """CREATE TRIGGER search_provision_au AFTER UPDATE OF label, heading, text ON provision
    WHEN old.label IS NOT new.label OR old.heading IS NOT new.heading OR old.text IS NOT new.text
    BEGIN
        DELETE FROM search_member WHERE provision_id = new.id;
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_provision_au",
    "DROP TRIGGER IF EXISTS search_member_ad",
    "DROP TRIGGER IF EXISTS search_version_ad",
    "DROP TRIGGER IF EXISTS search_version_ai",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_member",
    "DROP TABLE IF EXISTS search_version",
]

POSTGRES_UP = [
    "DROP INDEX IF EXISTS provision_fts_doc_idx",
    "ALTER TABLE provision DROP COLUMN IF EXISTS provision_fts_doc",
    "DROP FUNCTION IF EXISTS provision_fts_fold(text)",
    """CREATE TABLE search_version (
        id SERIAL PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        label_key TEXT NOT NULL,
        digest VARCHAR(64) NOT NULL,
        words tsvector NOT NULL,
        UNIQUE (dossier_id, digest)
    )""",
    "CREATE INDEX ix_search_version_label ON search_version (dossier_id, label)",
    "CREATE INDEX ix_search_version_label_key ON search_version (label_key)",
    # No pending list: a GIN index with fastupdate is scanned linearly at every query until
    # the next vacuum, and imports come in bursts.
    "CREATE INDEX ix_search_version_words ON search_version USING gin (words)"
    " WITH (fastupdate = off)",
    # The terms in a narrow table of their own: most rows then hold their tsvector inline,
    # and ranking thousands of matches reads no TOAST.
    """CREATE TABLE search_doc (
        version_id INTEGER PRIMARY KEY REFERENCES search_version (id) ON DELETE CASCADE,
        doc tsvector NOT NULL
    )""",
    "CREATE INDEX ix_search_doc_doc ON search_doc USING gin (doc) WITH (fastupdate = off)",
    """CREATE TABLE search_member (
        provision_id INTEGER PRIMARY KEY REFERENCES provision (id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES search_version (id) ON DELETE CASCADE,
        stage_id INTEGER NOT NULL REFERENCES stage (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_search_member_version ON search_member (version_id)",
    "CREATE INDEX ix_search_member_stage ON search_member (stage_id)",
    """CREATE FUNCTION search_member_gone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_version v WHERE v.id = OLD.version_id
            AND NOT EXISTS (SELECT 1 FROM search_member m WHERE m.version_id = OLD.version_id);
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_member_ad AFTER DELETE ON search_member
        FOR EACH ROW EXECUTE FUNCTION search_member_gone()""",
    """CREATE FUNCTION search_provision_edited() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_member WHERE provision_id = NEW.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_provision_au AFTER UPDATE OF label, heading, text ON provision
        FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label
            OR OLD.heading IS DISTINCT FROM NEW.heading OR OLD.text IS DISTINCT FROM NEW.text)
        EXECUTE FUNCTION search_provision_edited()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS search_provision_au ON provision",
    "DROP FUNCTION IF EXISTS search_provision_edited()",
    "DROP TABLE IF EXISTS search_member",
    "DROP TABLE IF EXISTS search_doc",
    "DROP FUNCTION IF EXISTS search_member_gone()",
    "DROP TABLE IF EXISTS search_version",
]


def _dialect() -> str:
    return op.get_bind().dialect.name


def upgrade() -> None:
    dialect = _dialect()
    for statement in {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(dialect, []):
        op.execute(statement)
    # PostgreSQL's provisions are indexed by 0006, whose schema the indexing code writes.
    if dialect == "sqlite":
        from eu_posities.searchindex import reindex

        reindex(session=Session(bind=op.get_bind()))


def downgrade() -> None:
    dialect = _dialect()
    if dialect == "sqlite":
        statements = SQLITE_DOWN + _OLD.SQLITE_UP
    elif dialect == "postgresql":
        statements = POSTGRES_DOWN + _OLD.POSTGRES_UP
    else:
        statements = []
    for statement in statements:
        op.execute(statement)
