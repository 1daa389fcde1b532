"""Alembic environment: runs migrations on the SQLite file named in the config."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, event

from stint.store.models import Base

config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"), connect_args={"timeout": 15})


@event.listens_for(engine, "connect")
def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
    dbapi_conn.execute("PRAGMA busy_timeout=15000")
    dbapi_conn.execute("PRAGMA journal_mode=WAL")


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
