"""comparing is a read: drop the alignment table

Revision ID: 0003
Revises: 0002

Alignments were written by every diff, TUI view and export and read by nothing; they are
computed when asked for (the user's overrides, in `alignmentoverride`, stay).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alignment", schema=None) as batch_op:
        batch_op.drop_index("ix_alignment_stages")
    op.drop_table("alignment")


def downgrade() -> None:
    op.create_table(
        "alignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_stage_id", sa.Integer(), nullable=False),
        sa.Column("to_stage_id", sa.Integer(), nullable=False),
        sa.Column("from_label", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("to_label", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("computed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["from_stage_id"], ["stage.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["to_stage_id"], ["stage.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("alignment", schema=None) as batch_op:
        batch_op.create_index("ix_alignment_stages", ["from_stage_id", "to_stage_id"], unique=False)
