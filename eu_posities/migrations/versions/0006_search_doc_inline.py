"""search index on PostgreSQL: terms and distinct words side by side, kept in the row

Revision ID: 0006
Revises: 0005

Searching 48,000 provisions on PostgreSQL spent its time reading tsvectors, not matching
them: ranking thousands of matches read each one's `search_doc.doc`, which PostgreSQL had
compressed (above 2 kB) or moved out of the row (TOAST), and a type-ahead prefix looked up
each match's row a second time, to join the distinct words of `search_version`.

`search_doc` is made again with the distinct words (`words`, moved from `search_version`)
beside the terms, so a prefix is the union of two GIN index scans of one table, and with a
`toast_tuple_target` of a whole page, so a row is compressed only when it would not fit in
one: ranking then reads the terms where they are. `doc_length` holds the number of
positions in `doc`, which ts_rank's length normalisation would otherwise count again in
every row it ranks (`eu_posities.search.backends` divides by it itself, to the same float).

The provisions of a database upgraded from before 0005 are indexed here, not in 0005: the
indexing code writes this schema. SQLite is unchanged.
"""

from __future__ import annotations

from alembic import op
from sqlmodel import Session

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

POSTGRES_UP = [
    # A row is compressed (and then moved out) only above this many bytes: 8160, a page.
    """CREATE TABLE search_doc_new (
        version_id INTEGER NOT NULL REFERENCES search_version (id) ON DELETE CASCADE,
        doc tsvector NOT NULL,
        doc_length INTEGER NOT NULL,
        words tsvector NOT NULL
    ) WITH (toast_tuple_target = 8160)""",
    # ts_rank's length: every position, and 1 for a term without positions.
    """INSERT INTO search_doc_new (version_id, doc, doc_length, words)
        SELECT d.version_id, d.doc,
            (SELECT COALESCE(SUM(GREATEST(cardinality(positions), 1)), 0) FROM unnest(d.doc)),
            v.words
        FROM search_doc d JOIN search_version v ON v.id = d.version_id""",
    "DROP TABLE search_doc",
    "ALTER TABLE search_doc_new RENAME TO search_doc",
    "ALTER TABLE search_doc ADD CONSTRAINT search_doc_pkey PRIMARY KEY (version_id)",
    # No pending list (see 0005).
    "CREATE INDEX ix_search_doc_doc ON search_doc USING gin (doc) WITH (fastupdate = off)",
    "CREATE INDEX ix_search_doc_words ON search_doc USING gin (words) WITH (fastupdate = off)",
    "DROP INDEX IF EXISTS ix_search_version_words",
    "ALTER TABLE search_version DROP COLUMN words",
    "ANALYZE search_doc",
]
POSTGRES_DOWN = [
    "ALTER TABLE search_version ADD COLUMN words tsvector",
    "UPDATE search_version v SET words = d.words FROM search_doc d WHERE d.version_id = v.id",
    "UPDATE search_version SET words = '' WHERE words IS NULL",
    "ALTER TABLE search_version ALTER COLUMN words SET NOT NULL",
    "CREATE INDEX ix_search_version_words ON search_version USING gin (words)"
    " WITH (fastupdate = off)",
    "DROP INDEX IF EXISTS ix_search_doc_words",
    "ALTER TABLE search_doc DROP COLUMN words",
    "ALTER TABLE search_doc DROP COLUMN doc_length",
    "ALTER TABLE search_doc RESET (toast_tuple_target)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)
        from eu_posities.searchindex import reindex, stale_stages

        session = Session(bind=op.get_bind())
        stale = stale_stages(session=session)
        if stale:
            reindex(session=session, stage_ids=stale)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
