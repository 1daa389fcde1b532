"""The running app's heartbeat: one row, rewritten about once a minute.

At the next start after a crash, a kill or a power loss, a timer that was running
before the last beat "ran" through a gap nobody saw; the app offers that gap
(keep / discard / discard and stop). `closed` says the person quit the app on purpose
(no gap then); `pending_*` keep an offer that was not answered yet across a restart.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "heartbeat",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("beat_at", sa.Integer, nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("pending_entry", sa.String(36)),
        sa.Column("pending_since", sa.Integer),
        sa.CheckConstraint("id = 1", name="ck_heartbeat_one_row"),
    )


def downgrade() -> None:
    op.drop_table("heartbeat")
