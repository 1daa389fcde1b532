"""Outbox: one spelling of local-only, the entries' ("local-only").

Ops that settled because the server cannot hold their time were stored as
"local_only" while the entries they concern say "local-only"; both now use the
entries' spelling, the one that listings and exports already show.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE outbox SET state = 'local-only' WHERE state = 'local_only'")


def downgrade() -> None:
    op.execute("UPDATE outbox SET state = 'local_only' WHERE state = 'local-only'")
