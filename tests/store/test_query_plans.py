"""The hot queries use their indexes: a million entries must not make `stint start`,
`stop`, `status`, `entries` or `timesheet` scan the table (the benchmarks measure;
this keeps the plans)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from stint.store import actions, lookup, queries, report_reads
from stint.store.models import Entry

T = 1_790_000_000  # any instant: plans do not depend on values


def plan(db, sql: str, params: tuple | dict = ()) -> str:
    with db.read() as conn:
        rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return " | ".join(str(r[-1]) for r in rows)


def test_running_entry_uses_the_partial_index(db, tracker) -> None:
    tracker.create_task("T", start=True)
    assert "uq_entry_running" in plan(db, lookup._RUNNING)
    assert "uq_entry_running" in plan(db, actions._RUNNING, (None,))


def test_the_sync_engines_running_entry_uses_it_too(engine, db) -> None:
    from sqlalchemy import false

    statement = select(Entry).where(Entry.ended_at.is_(None), Entry.deleted == false())
    compiled = statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    assert "uq_entry_running" in plan(db, str(compiled))


def test_overlap_check_is_an_index_range(db) -> None:
    got = plan(db, actions._OVERLAPPING, (T - 604800, T + 3600, T, None))
    assert "ix_entry_started (started_at>? AND started_at<?)" in got and "SCAN" not in got, got


def test_week_queries_use_the_start_index_and_the_running_one(db) -> None:
    period = {"start": T, "end": T + 604800, "earliest": T - 604800}
    for sql, params in ((queries._FINISHED, (T + 604800, T - 604800, T)), (report_reads._SPANS, period)):
        got = plan(db, sql, params)
        assert "ix_entry_started (started_at>? AND started_at<?)" in got, got
        assert "SCAN e" not in got.replace("SCAN e USING INDEX uq_entry_running", ""), got
    # Not `ix_entry_started (started_at<?)`: every entry before the week's end.
    assert "uq_entry_running" in plan(db, queries._RUNNING, (T,))
    assert "uq_entry_running" in plan(db, report_reads._SPANS, period)
