"""The hot queries use their indexes: a million entries must not make `stint start`,
`stop` or `status` scan the table (the benchmarks measure; this keeps the plans)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from stint.store.actions import running_query
from stint.store.models import Entry


def plan(engine, statement) -> str:
    compiled = statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
    return " | ".join(str(r[-1]) for r in rows)


def test_running_entry_uses_the_partial_index(engine, tracker) -> None:
    tracker.create_task("T", start=True)
    assert "uq_entry_running" in plan(engine, running_query())


def test_week_query_uses_the_start_index(engine) -> None:
    from datetime import datetime, timezone

    from sqlalchemy import false

    start = datetime(2026, 11, 16, tzinfo=timezone.utc)
    statement = select(Entry.id).where(Entry.deleted == false(), Entry.started_at < start, Entry.started_at >= start)
    assert "ix_entry_started" in plan(engine, statement)
