"""Alembic environment: runs on the connection `eu_posities.db` hands it, never on a URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import eu_posities.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through eu_posities.db.upgrade()")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
