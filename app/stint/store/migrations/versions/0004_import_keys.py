"""Imports: the key of every record brought in from another tracker's file.

`stint import` writes one row per source record it turned into an entry, in the
same transaction, so importing the same file again adds nothing. The row outlives
the entry (no foreign key): an imported entry the user later deletes is not
brought back by the next import of that file.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_key",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("entry_id", sa.String(36)),
        sa.Column("imported_at", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_key")
