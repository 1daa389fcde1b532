"""Sync: the server's last-seen start and end of each entry.

Reconcile needs to tell "the server changed this entry" from "we changed it":
comparing the server's copy with the one we saw last does that without trusting
either clock. Kept beside the local times because a live-timer server's start can
be later than ours (the earlier part stays local only).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entry") as batch:
        batch.add_column(sa.Column("remote_started_at", sa.Integer))
        batch.add_column(sa.Column("remote_ended_at", sa.Integer))
    op.create_index("ix_entry_remote", "entry", ["remote_id"])


def downgrade() -> None:
    op.drop_index("ix_entry_remote", "entry")
    with op.batch_alter_table("entry") as batch:
        batch.drop_column("remote_ended_at")
        batch.drop_column("remote_started_at")
