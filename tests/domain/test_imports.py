"""The import planner: what is created on which task, and what is skipped and why."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from stint.domain.imports import Busy, SourceEntry, StoreView, TaskTarget, plan

MADRID = ZoneInfo("Europe/Madrid")
T0 = datetime(2026, 3, 23, 8, 0, tzinfo=timezone.utc)   # Monday 09:00 in Madrid


def entry(key: str, start_h: float, end_h: float, title: str = "Write", project: str | None = "Acme",
          entry_id: str | None = None) -> SourceEntry:
    return SourceEntry(key=key, where=f"line {key}", title=title, project=project,
                       start=T0 + timedelta(hours=start_h), end=T0 + timedelta(hours=end_h), entry_id=entry_id)


def test_new_tasks_are_planned_once_and_entries_oldest_first() -> None:
    made = plan([entry("2", 3, 4), entry("1", 0, 1), entry("3", 5, 6, title="Review", project=None)],
                StoreView(), MADRID)
    assert [p.entry.key for p in made.create] == ["1", "2", "3"]
    assert made.new_tasks == [TaskTarget("Write", "Acme"), TaskTarget("Review", None)]
    assert made.create[0].task is made.create[1].task
    assert made.seconds == 3 * 3600 and not made.skipped


def test_existing_tasks_are_matched_by_title_and_project() -> None:
    view = StoreView(tasks={("Write", "Acme"): 7, ("Write", None): 8})
    made = plan([entry("1", 0, 1), entry("2", 1, 2, project=None), entry("3", 2, 3, project="Other")], view, MADRID)
    assert [p.task.task_id for p in made.create] == [7, 8, None]
    assert made.new_tasks == [TaskTarget("Write", "Other")]


def test_an_accounts_tasks_are_matched_by_title_alone() -> None:
    view = StoreView(tasks={("Write", None): 3}, match_project=False)
    made = plan([entry("1", 0, 1), entry("2", 1, 2, project="Other")], view, MADRID)
    assert [p.task.task_id for p in made.create] == [3, 3] and not made.new_tasks


def test_keys_imported_before_and_repeated_records_are_skipped() -> None:
    view = StoreView(imported=frozenset({"a"}), entry_ids=frozenset({"id-9"}))
    made = plan([entry("a", 0, 1), entry("b", 1, 2), entry("b", 1, 2), entry("c", 3, 4, entry_id="id-9")],
                view, MADRID)
    assert [p.entry.key for p in made.create] == ["b"]
    assert [(s.entry.key, s.reason, s.why) for s in made.skipped] == [
        ("a", "imported", "imported before"), ("b", "duplicate", "the same record as line b"),
        ("c", "imported", "imported before"),
    ]


def test_overlaps_with_the_store_are_skipped_and_named() -> None:
    busy = [Busy(T0 + timedelta(hours=2), T0 + timedelta(hours=3), "abcdef1234", "Existing")]
    made = plan([entry("1", 0, 1), entry("2", 2.5, 3.5), entry("3", 3, 4), entry("4", 1.5, 2.01)],
                StoreView(busy=busy), MADRID)
    assert [p.entry.key for p in made.create] == ["1", "3"]
    assert [(s.entry.key, s.why) for s in made.skipped] == [
        ("4", "overlaps entry abcdef12 (Existing, 2026-03-23 11:00–12:00)"),
        ("2", "overlaps entry abcdef12 (Existing, 2026-03-23 11:00–12:00)"),
    ]


def test_an_entry_a_week_before_still_counts_but_older_ones_are_not_looked_at() -> None:
    long_one = Busy(T0 - timedelta(days=6), T0 + timedelta(hours=1), "long0000", "Long")
    made = plan([entry("1", 0, 2)], StoreView(busy=[long_one]), MADRID)
    assert made.count("overlap") == 1


def test_the_running_timer_blocks_everything_after_its_start() -> None:
    running = Busy(T0 + timedelta(hours=5), None, "run00000", "Running")
    made = plan([entry("1", 0, 1), entry("2", 30, 31)], StoreView(running=running), MADRID)
    assert [p.entry.key for p in made.create] == ["1"]
    assert made.skipped[0].why == "overlaps entry run00000 (Running, 2026-03-23 14:00–running)"


def test_records_overlapping_each_other_keep_the_earlier() -> None:
    made = plan([entry("1", 0, 2), entry("2", 1, 3), entry("3", 2, 3)], StoreView(), MADRID)
    assert [p.entry.key for p in made.create] == ["1", "3"]
    assert made.skipped[0].why == "overlaps line 1 (Write, 2026-03-23 09:00–11:00)"


def test_keep_overlaps_imports_them_anyway() -> None:
    busy = [Busy(T0, T0 + timedelta(hours=1), "abcdef1234", "Existing")]
    made = plan([entry("1", 0, 2), entry("2", 1, 3)], StoreView(busy=busy), MADRID, keep_overlaps=True)
    assert len(made.create) == 2 and not made.skipped


def test_totals_per_task_and_per_week() -> None:
    # Sunday 29 March 23:00 Madrid is in W13; Monday 30 March in W14.
    sunday = datetime(2026, 3, 29, 21, 0, tzinfo=timezone.utc)
    late = SourceEntry("x", "line x", "Write", "Acme", sunday, sunday + timedelta(hours=2))
    made = plan([entry("1", 0, 1.5), late, entry("3", 200, 200.25, title="Review", project=None)],
                StoreView(tasks={("Review", None): 4}), MADRID)
    assert [(t.label, t.entries, t.seconds, t.task.task_id) for t in made.per_task()] == [
        ("Review", 1, 900, 4), ("Write (Acme)", 2, 5400 + 7200, None),
    ]
    assert [(w.label, w.entries, w.seconds) for w in made.per_week(MADRID)] == [
        ("2026-W13", 2, 5400 + 7200), ("2026-W14", 1, 900),
    ]
