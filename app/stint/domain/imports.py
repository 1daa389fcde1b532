"""Time brought in from other trackers: the records every importer produces, and the
decisions an import makes about them. Pure: no I/O, no clock.

An importer (stint.importers) turns a file into `Parsed`: `SourceEntry`s, each with
the key that makes a second import of the same file add nothing, and the records it
could not read (`problems`) or chose not to import (`ignored`), each named by its
line or record. `plan` then decides, against what the store already holds
(`StoreView`), which entries are created on which task and which are skipped:

    already imported     its key is in the store (or its id, for Stint's own export)
    duplicate            the same record appears earlier in the file
    overlap              it overlaps an entry in the store or one imported before it
                         (skipped unless overlaps are kept; never merged)

Entries are planned oldest first, so "before it" is by start time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from .weeks import week_of

# A finished entry is shorter than this (as stint.store.actions.MAX_ENTRY).
MAX_ENTRY = timedelta(days=7)
MAX_TITLE = 255


@dataclass(frozen=True)
class SourceEntry:
    key: str                      # e.g. "watson:b534084e…"; unique per source record
    where: str                    # "line 12", "record 3": for messages
    title: str                    # the task it belongs to
    project: str | None
    start: datetime               # aware, UTC
    end: datetime
    note: str = ""
    category: str | None = None   # the client or customer, where the source has one
    entry_id: str | None = None   # Stint's own export: the entry keeps its id

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Parsed:
    source: str                                              # "Watson frames", ...
    entries: list[SourceEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)    # could not be read
    ignored: list[Problem] = field(default_factory=list)     # read, but not time to import
    assumptions: list[str] = field(default_factory=list)     # e.g. how dates were read


@dataclass(frozen=True)
class Busy:
    """An entry already in the store, as the overlap check needs it."""

    start: datetime
    end: datetime | None          # None: the running timer
    entry_id: str
    task: str


@dataclass(frozen=True)
class StoreView:
    """What the store holds that an import plan depends on."""

    imported: frozenset[str] = frozenset()      # keys of records imported before
    entry_ids: frozenset[str] = frozenset()     # ids present (of those the file names)
    tasks: Mapping[tuple[str, str | None], int] = field(default_factory=dict)  # (title, project) → id
    busy: Sequence[Busy] = ()                   # finished entries, sorted by start
    running: Busy | None = None                 # the running timer
    match_project: bool = True                  # False: tasks are matched by title alone

    def task_id(self, title: str, project: str | None) -> int | None:
        return self.tasks.get((title, project if self.match_project else None))


@dataclass(frozen=True)
class TaskTarget:
    title: str
    project: str | None
    category: str | None = None
    task_id: int | None = None    # None: created by the import


@dataclass(frozen=True)
class Planned:
    entry: SourceEntry
    task: TaskTarget


@dataclass(frozen=True)
class Skipped:
    entry: SourceEntry
    reason: str                   # "imported" | "duplicate" | "overlap"
    why: str


@dataclass(frozen=True)
class Total:
    label: str
    entries: int
    seconds: int
    task: TaskTarget | None = None   # per task: which (task_id None: created by the import)


@dataclass
class ImportPlan:
    create: list[Planned]
    skipped: list[Skipped]
    new_tasks: list[TaskTarget]

    @property
    def seconds(self) -> int:
        return sum(p.entry.seconds for p in self.create)

    def per_task(self) -> list[Total]:
        totals: dict[TaskTarget, list[int]] = {}
        for p in self.create:
            total = totals.setdefault(p.task, [0, 0])
            total[0] += 1
            total[1] += p.entry.seconds
        rows = [Total(task_label(t), n, s, t) for t, (n, s) in totals.items()]
        return sorted(rows, key=lambda r: r.label.casefold())

    def per_week(self, tz: tzinfo, week_start: int = 0) -> list[Total]:
        """An entry counts in the week it starts in (local time)."""
        totals: dict[str, list[int]] = {}
        labels: dict[date, str] = {}   # years of entries fall on a few thousand days
        for p in self.create:
            day = p.entry.start.astimezone(tz).date()
            label = labels.get(day)
            if label is None:
                label = labels[day] = week_of(p.entry.start, tz, week_start).label
            total = totals.setdefault(label, [0, 0])
            total[0] += 1
            total[1] += p.entry.seconds
        return [Total(label, n, s) for label, (n, s) in sorted(totals.items())]

    def count(self, reason: str) -> int:
        return sum(1 for s in self.skipped if s.reason == reason)


def task_label(task: TaskTarget) -> str:
    where = f" ({task.project})" if task.project and task.project != task.title else ""
    return f"{task.title}{where}"


def plan(entries: Iterable[SourceEntry], view: StoreView, tz: tzinfo, *, keep_overlaps: bool = False) -> ImportPlan:
    """Decide what importing `entries` into the store described by `view` does.
    `tz` is only for the times in the reasons given."""
    create: list[Planned] = []
    skipped: list[Skipped] = []
    targets: dict[tuple[str, str | None], TaskTarget] = {}
    seen: dict[str, SourceEntry] = {}
    starts = [b.start for b in view.busy]
    latest: SourceEntry | None = None     # the accepted entry that ends last
    for entry in sorted(entries, key=lambda e: (e.start, e.end)):
        first = seen.get(entry.key)
        if first is not None:
            skipped.append(Skipped(entry, "duplicate", f"the same record as {first.where}"))
            continue
        seen[entry.key] = entry
        if entry.key in view.imported or (entry.entry_id is not None and entry.entry_id in view.entry_ids):
            skipped.append(Skipped(entry, "imported", "imported before"))
            continue
        if not keep_overlaps:
            clash = _overlapping(entry, view, starts)
            if clash is not None:
                skipped.append(Skipped(entry, "overlap", f"overlaps entry {clash.entry_id[:8]} "
                                                         f"({clash.task}, {_span(clash.start, clash.end, tz)})"))
                continue
            if latest is not None and entry.start < latest.end:
                skipped.append(Skipped(entry, "overlap", f"overlaps {latest.where} "
                                                         f"({latest.title}, {_span(latest.start, latest.end, tz)})"))
                continue
        key = (entry.title, entry.project if view.match_project else None)
        target = targets.get(key)
        if target is None:
            target = targets[key] = TaskTarget(entry.title, entry.project, entry.category,
                                               view.task_id(entry.title, entry.project))
        create.append(Planned(entry, target))
        if latest is None or entry.end > latest.end:
            latest = entry
    # A target is made only for an entry that is planned: each one is used.
    return ImportPlan(create, skipped, [t for t in targets.values() if t.task_id is None])


def _overlapping(entry: SourceEntry, view: StoreView, starts: list[datetime]) -> Busy | None:
    # Finished entries are shorter than MAX_ENTRY: only those starting in
    # [start - MAX_ENTRY, end) can overlap. The running timer reaches forever.
    if view.running is not None and view.running.start < entry.end:
        return view.running
    lo = bisect.bisect_left(starts, entry.start - MAX_ENTRY)
    hi = bisect.bisect_left(starts, entry.end)
    for other in view.busy[lo:hi]:
        if other.end is not None and other.end > entry.start:
            return other
    return None


def _span(start: datetime, end: datetime | None, tz: tzinfo) -> str:
    begin = start.astimezone(tz)
    if end is None:
        return f"{begin:%Y-%m-%d %H:%M}–running"
    finish = end.astimezone(tz)
    until = f"{finish:%H:%M}" if finish.date() == begin.date() else f"{finish:%Y-%m-%d %H:%M}"
    return f"{begin:%Y-%m-%d %H:%M}–{until}"
