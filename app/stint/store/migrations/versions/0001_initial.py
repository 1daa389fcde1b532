"""Initial schema: accounts, statuses, tasks, entries, outbox; local statuses seeded.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LOCAL_STATUSES = [
    # name, label, colour, is_done, position — mirrors stint.domain.model.LOCAL_STATUSES
    ("TO_DO", "To do", "#6c757d", False, 1),
    ("IN_PROGRESS", "In progress", "#0d6efd", False, 2),
    ("REVIEW", "Review", "#ffc107", False, 3),
    ("DONE", "Done", "#198754", True, 4),
    ("CANCELLED", "Cancelled", "#adb5bd", True, 5),
]


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("base_url", sa.Text, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("credential", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("cursors", sa.JSON, nullable=False),
        sa.Column("last_sync_at", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("next_sync_at", sa.Integer),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    status = op.create_table(
        "status",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE")),
        sa.Column("remote_id", sa.Text),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("label", sa.String(128), nullable=False),
        sa.Column("color", sa.Text),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("is_done", sa.Boolean, nullable=False),
    )
    op.create_index("uq_status_account_name", "status", ["account_id", "name"], unique=True)
    op.create_table(
        "task",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE")),
        sa.Column("remote_id", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("status_id", sa.Integer, sa.ForeignKey("status.id"), nullable=False),
        sa.Column("project", sa.Text),
        sa.Column("category", sa.Text),
        sa.Column("due_date", sa.Date),
        sa.Column("estimated_hours", sa.Float),
        sa.Column("remote_updated_at", sa.Integer),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
        sa.Column("last_started_at", sa.Integer),
    )
    op.create_index("uq_task_account_remote", "task", ["account_id", "remote_id"], unique=True)
    op.create_index("ix_task_title", "task", ["title"])
    op.create_table(
        "entry",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("task.id", ondelete="CASCADE"), nullable=False),
        sa.Column("started_at", sa.Integer, nullable=False),
        sa.Column("ended_at", sa.Integer),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("remote_id", sa.Text),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("sync", sa.String(16), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
    )
    op.create_index("ix_entry_started", "entry", ["started_at"])
    op.create_index("ix_entry_task", "entry", ["task_id", "started_at"])
    op.create_index(
        "uq_entry_running",
        "entry",
        [sa.text("(ended_at IS NULL)")],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL AND deleted = 0"),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("task.id", ondelete="CASCADE")),
        sa.Column("entry_id", sa.String(36)),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("sent_at", sa.Integer),
    )
    op.create_index("ix_outbox_account_state", "outbox", ["account_id", "state", "seq"])
    op.bulk_insert(
        status,
        [
            {"name": n, "label": lbl, "color": c, "is_done": d, "position": p, "account_id": None}
            for n, lbl, c, d, p in LOCAL_STATUSES
        ],
    )


def downgrade() -> None:
    for table in ("outbox", "entry", "task", "status", "account"):
        op.drop_table(table)
