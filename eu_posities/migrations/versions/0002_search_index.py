"""search index: SQLite FTS5 table with triggers, PostgreSQL weighted tsvector with GIN index

Revision ID: 0002
Revises: 0001

Both are kept current by the database itself (triggers on SQLite, a generated column on
PostgreSQL), so imports, re-imports, deleted stages and restored backups never leave stale hits.
The objects are named provision_fts* and stay outside the SQLModel metadata.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# SQLite: external-content FTS5 over provision(label, heading, text); accents folded.
SQLITE_UP = [
    """CREATE VIRTUAL TABLE provision_fts USING fts5(
        label, heading, text,
        content='provision', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER provision_fts_ai AFTER INSERT ON provision BEGIN
        INSERT INTO provision_fts(rowid, label, heading, text)
        VALUES (new.id, new.label, new.heading, new.text);
    END""",
    """CREATE TRIGGER provision_fts_ad AFTER DELETE ON provision BEGIN
        INSERT INTO provision_fts(provision_fts, rowid, label, heading, text)
        VALUES ('delete', old.id, old.label, old.heading, old.text);
    END""",
    """CREATE TRIGGER provision_fts_au AFTER UPDATE OF label, heading, text ON provision BEGIN
        INSERT INTO provision_fts(provision_fts, rowid, label, heading, text)
        VALUES ('delete', old.id, old.label, old.heading, old.text);
        INSERT INTO provision_fts(rowid, label, heading, text)
        VALUES (new.id, new.label, new.heading, new.text);
    END""",
    # Index what a database upgraded from 0001 already holds.
    "INSERT INTO provision_fts(provision_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS provision_fts_au",
    "DROP TRIGGER IF EXISTS provision_fts_ad",
    "DROP TRIGGER IF EXISTS provision_fts_ai",
    "DROP TABLE IF EXISTS provision_fts",
]

# PostgreSQL: the 'simple' configuration (no stemming: Dutch and English alike) on text with
# accents folded by translate(), which is immutable and needs no extension (unaccent needs
# privileges a team server may not grant). Label weighs most, then heading, then text.
_ACCENTED = "àáâãäåāăąèéêëēĕėęěìíîïĩīĭįòóôõöøōŏőùúûüũūŭůűųýÿçćčñńňśšźżžďđľĺłŕřťţ"
_PLAIN = "aaaaaaaaaeeeeeeeeeiiiiiiiiooooooooouuuuuuuuuuyycccnnnsszzzddlllrrtt"
assert len(_ACCENTED) == len(_PLAIN)

POSTGRES_UP = [
    f"""CREATE FUNCTION provision_fts_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT translate(lower(value), '{_ACCENTED}', '{_PLAIN}') $$""",
    """ALTER TABLE provision ADD COLUMN provision_fts_doc tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, provision_fts_fold(label)), 'A')
        || setweight(to_tsvector('simple'::regconfig, provision_fts_fold(heading)), 'B')
        || setweight(to_tsvector('simple'::regconfig, provision_fts_fold(text)), 'D')
    ) STORED""",
    "CREATE INDEX provision_fts_doc_idx ON provision USING gin (provision_fts_doc)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS provision_fts_doc_idx",
    "ALTER TABLE provision DROP COLUMN IF EXISTS provision_fts_doc",
    "DROP FUNCTION IF EXISTS provision_fts_fold(text)",
]


def _statements(up: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if dialect == "postgresql":
        return POSTGRES_UP if up else POSTGRES_DOWN
    return []


def upgrade() -> None:
    for statement in _statements(True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(False):
        op.execute(statement)
