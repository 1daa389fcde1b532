"""Local time vs the server's, per task and local day, for `stint reconcile`.

Where the server's numbers come from is decided by its capabilities:
- day_totals: the server's own timesheet (e.g. WarmDesk /reports/timesheet), per
  task and UTC day, compared with our time cut at UTC midnight;
- pull_entries: the server's entries over the week, cut at local midnight like
  our timesheet (our user's entries only, where the server tells whose they are);
- server_timesheet: task_time() per task (a live-timer server's entries);
- entry_unit "task_total": one total per task (all time) — a row with no day;
- entry_unit "none": nothing to compare — "time stays local: server has no time API".
The "why" names the likely cause of a difference from the local entries' sync states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Engine, select

from ..backends.base import Backend
from ..domain.clock import Clock
from ..domain.model import SYNC_CONFLICT, SYNC_FAILED, SYNC_LOCAL_ONLY, SYNC_PENDING
from ..domain.weeks import Week, split_by_day
from ..store.db import read_transaction
from ..store.models import Account, Entry, Task
from ..store.records import AccountInfo
from .plan import task_total

SLACK = 60
MAX_TASKS = 50
NO_TIME_API = "time stays local: server has no time API"
Key = tuple[int, int | None]   # (task id, day index or None for a total)


@dataclass
class Row:
    day: date | None        # None: the task's total, for servers that hold only that
    account: str
    task: str
    task_id: int
    local_seconds: int
    server_seconds: int | None
    difference: int | None   # local - server
    why: str


@dataclass
class Comparison:
    week: str
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        rows = [{**asdict(r), "day": r.day.isoformat() if r.day else None} for r in self.rows]
        return {"week": self.week, "rows": rows, "errors": self.errors}


@dataclass
class _Account:
    info: AccountInfo
    tasks: dict[int, Task] = field(default_factory=dict)
    entries: list[tuple[int, datetime, datetime, str]] = field(default_factory=list)


def compare_week(engine: Engine, backend_for: Callable[[AccountInfo], Backend], week: Week,
                 clock: Clock) -> Comparison:
    now = clock.now()
    out = Comparison(week.label)
    by_account: dict[int, _Account] = {}
    totals: dict[int, int] = {}
    with read_transaction(engine) as s:
        infos = {a.id: AccountInfo.of(a) for a in s.scalars(select(Account))}
        for e in _entries_between(s, week.start, week.end):
            if e.task.account_id is None:
                continue
            acc = by_account.setdefault(e.task.account_id, _Account(infos[e.task.account_id]))
            acc.tasks[e.task_id] = e.task
            acc.entries.append((e.task_id, e.started_at, e.ended_at or now, e.sync))
        for acc in by_account.values():
            totals.update({tid: task_total(s, tid) for tid in acc.tasks})
    for acc in sorted(by_account.values(), key=lambda a: a.info.name):
        try:
            _account(out, acc, backend_for(acc.info), week, now, totals)
        except Exception as exc:  # noqa: BLE001 - one line per account, go on
            out.errors.append(f"{acc.info.name}: {getattr(exc, 'message', exc)}")
            _rows(out, acc, week, _local(acc, week.day_edges()), None, "server not reachable")
    return out


def _entries_between(s: Any, start: datetime, end: datetime) -> list[Entry]:
    """Live entries overlapping [start, end): a finished entry is shorter than a week
    (an index range on the start), the running one is read on its own."""
    from sqlalchemy import false

    from ..domain.tracking import MAX_ENTRY

    live = select(Entry).where(Entry.deleted == false(), Entry.started_at < end)
    found = list(s.scalars(live.where(Entry.started_at >= start - MAX_ENTRY, Entry.ended_at > start)))
    found += s.scalars(live.where(Entry.ended_at.is_(None)))
    return sorted(found, key=lambda e: e.started_at)


def _account(out: Comparison, acc: _Account, backend: Backend, week: Week, now: datetime,
             totals: dict[int, int]) -> None:
    caps = backend.capabilities
    remote = {t.remote_id: tid for tid, t in acc.tasks.items() if t.remote_id}
    tasks = list(remote.items())[:MAX_TASKS]
    server: dict[Key, int] = defaultdict(int)
    if caps.entry_unit == "none":
        _rows(out, acc, week, _local(acc, week.day_edges()), None, NO_TIME_API)
        return
    if caps.entry_unit == "task_total":
        local: dict[Key, int] = {}
        for rid, tid in tasks:
            local[(tid, None)] = totals.get(tid, 0)
            server[(tid, None)] = backend.task_time(rid).total_seconds
        _rows(out, acc, week, local, server, None)
        return
    if caps.day_totals:
        edges = [datetime.combine(d, datetime.min.time(), timezone.utc) for d in week.days]
        edges.append(edges[-1] + timedelta(days=1))
        index = {d: i for i, d in enumerate(week.days)}
        for td in backend.timesheet(week.days[0], week.days[-1]):
            if td.task_remote_id in remote and td.day in index:
                server[(remote[td.task_remote_id], index[td.day])] += td.seconds
        _rows(out, acc, week, _local(acc, edges), server, None)
        return
    edges = week.day_edges()
    me = acc.info.options.get("user_remote_id")
    if caps.pull_entries:
        pulled = backend.list_entries(week.start, week.end)
    else:
        pulled = []
        for rid, _ in tasks:
            time = backend.task_time(rid)
            pulled.extend(time.entries)
            if time.active is not None:
                server_now = [(day, secs) for day, secs in split_by_day(time.active.started_at, now, edges)]
                for day, secs in server_now:
                    server[(remote[rid], day)] += secs
    for re in pulled:
        if re.deleted or re.task_remote_id not in remote or (me and re.user_remote_id and re.user_remote_id != me):
            continue
        end = re.ended_at or now
        if caps.entry_unit == "day_hours":  # hours per day: no time of day, only the length
            end = re.started_at + timedelta(seconds=re.seconds)
        for day, secs in split_by_day(re.started_at, end, edges):
            server[(remote[re.task_remote_id], day)] += secs
    _rows(out, acc, week, _local(acc, edges), server, None)


def _local(acc: _Account, edges: list[datetime]) -> dict[Key, int]:
    local: dict[Key, int] = defaultdict(int)
    for task_id, start, end, _ in acc.entries:
        for day, secs in split_by_day(start, end, edges):
            local[(task_id, day)] += secs
    return local


def _rows(out: Comparison, acc: _Account, week: Week, local: dict[Key, int], server: dict[Key, int] | None,
          why: str | None) -> None:
    states: dict[int, set[str]] = defaultdict(set)
    for task_id, _, _, sync in acc.entries:
        states[task_id].add(sync)
    keys = set(local) | set(server or {})
    for task_id, day in sorted(keys, key=lambda k: (k[1] if k[1] is not None else -1, k[0])):
        task = acc.tasks[task_id]
        mine = local.get((task_id, day), 0)
        theirs = None if server is None or not task.remote_id else server.get((task_id, day), 0)
        diff = None if theirs is None else mine - theirs
        out.rows.append(Row(None if day is None else week.days[day], acc.info.name, task.title, task_id, mine, theirs, diff,
                            why or _why(diff, states[task_id])))


def _why(diff: int | None, states: set[str]) -> str:
    if diff is None:
        return "server not reachable"
    if abs(diff) <= SLACK:
        return "same"
    if diff < 0:
        return "only on the server"
    for state, why in ((SYNC_FAILED, "failed op"), (SYNC_CONFLICT, "conflict"),
                       (SYNC_PENDING, "pending"), (SYNC_LOCAL_ONLY, "local only")):
        if state in states:
            return why
    return "local only"
