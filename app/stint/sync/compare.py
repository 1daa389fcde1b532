"""Local time vs the server's, per task and local day, for `stint reconcile`.

Every task of an account is compared, not only those with time here this week: a
task with time on the server and none here gets its row too.

Where the server's numbers come from is decided by its capabilities:
- day_totals: the server's own timesheet (e.g. WarmDesk /reports/timesheet), per
  task and UTC day, compared with our time cut at UTC midnight;
- pull_entries: the server's entries over the week, cut at local midnight like
  our timesheet (our user's entries only, where the server tells whose they are);
- server_timesheet: task_time() per task (a live-timer server's entries);
- entry_unit "task_total": one total per task (all time) — a row with no day;
- entry_unit "none": nothing to compare — "time stays local: server has no time API".
Tasks asked for one by one (the last two) are those with time here this week and
the open ones, at most MAX_TASKS.

Each difference is named by its cause (`why`): the local changes still waiting
(an op not confirmed, or refused), time only here, time only on the server, or
both with different times (edited on the web, say).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Engine, select

from ..backends.base import Backend, RemoteEntry
from ..domain.clock import Clock
from ..domain.model import SYNC_CONFLICT, SYNC_FAILED, SYNC_LOCAL_ONLY
from ..domain.weeks import Week, split_by_day
from ..store.db import transaction
from ..store.models import Account, Op, Status, Task
from ..store.outbox import OPEN_STATES, OpState
from ..store.queries import entries_between
from ..store.records import AccountInfo
from .plan import task_total

SLACK = 60
MAX_TASKS = 50
NO_TIME_API = "time stays local: server has no time API"
SAME = "same"
WAITING = "local changes still waiting"
REFUSED = "a local change the server refused"
CONFLICT = "changed here and on the server"
LOCAL_ONLY = "local only"
SERVER_ONLY = "on the server only"
DIFFERENT = "both, but different"
UNREACHABLE = "server not reachable"
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
    tasks: dict[int, Task] = field(default_factory=dict)          # every task with a remote id
    open_tasks: list[int] = field(default_factory=list)           # not done: worth asking for
    entries: list[tuple[int, datetime, datetime, str]] = field(default_factory=list)
    waiting: set[int] = field(default_factory=set)                # tasks with an op not confirmed
    refused: set[int] = field(default_factory=set)                # tasks with a refused op
    totals: dict[int, int] = field(default_factory=dict)


def compare_week(engine: Engine, backend_for: Callable[[AccountInfo], Backend], week: Week,
                 clock: Clock) -> Comparison:
    now = clock.now()
    out = Comparison(week.label)
    with transaction(engine) as s:
        accounts = {a.id: _Account(AccountInfo.of(a)) for a in s.scalars(select(Account))}
        for task, done in s.execute(select(Task, Status.is_done).join(Task.status).where(
                Task.account_id.is_not(None), Task.remote_id.is_not(None))).all():
            acc = accounts[task.account_id]
            acc.tasks[task.id] = task
            if not done:
                acc.open_tasks.append(task.id)
        for e in entries_between(s, week.start, week.end):
            acc = accounts.get(e.task.account_id) if e.task.account_id is not None else None
            if acc is not None:
                acc.tasks[e.task_id] = e.task
                acc.entries.append((e.task_id, e.started_at, e.ended_at or now, e.sync))
        for account_id, task_id, state in s.execute(select(Op.account_id, Op.task_id, Op.state).where(
                Op.task_id.is_not(None), Op.state.in_((*OPEN_STATES, OpState.FAILED)))).all():
            if account_id in accounts:
                (accounts[account_id].refused if state == OpState.FAILED else accounts[account_id].waiting).add(task_id)
        for acc in accounts.values():  # all time, for servers that hold one total per task
            acc.totals = {tid: task_total(s, tid) for tid in _asked(acc)}
    for acc in sorted(accounts.values(), key=lambda a: a.info.name):
        if not acc.tasks:
            continue
        try:
            _account(out, acc, backend_for(acc.info), week, now)
        except Exception as exc:  # noqa: BLE001 - one line per account, go on
            out.errors.append(f"{acc.info.name}: {getattr(exc, 'message', exc)}")
            _rows(out, acc, week, _local(acc, week.day_edges()), None, UNREACHABLE)
    return out


def _asked(acc: _Account) -> list[int]:
    """Tasks asked for one by one: those with time here this week, then the open ones."""
    with_time = [tid for tid, _, _, _ in acc.entries]
    return list(dict.fromkeys([*with_time, *acc.open_tasks]))[:MAX_TASKS]


def _account(out: Comparison, acc: _Account, backend: Backend, week: Week, now: datetime) -> None:
    caps = backend.capabilities
    remote = {t.remote_id: tid for tid, t in acc.tasks.items() if t.remote_id}
    server: dict[Key, int] = defaultdict(int)
    if caps.entry_unit == "none":
        _rows(out, acc, week, _local(acc, week.day_edges()), None, NO_TIME_API)
        return
    if caps.entry_unit == "task_total":
        local: dict[Key, int] = {}
        for tid in _asked(acc):
            local[(tid, None)] = acc.totals.get(tid, 0)
            server[(tid, None)] = backend.task_time(acc.tasks[tid].remote_id or "").total_seconds
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
    pulled: list[RemoteEntry] = []
    if caps.pull_entries:
        pulled = list(backend.list_entries(week.start, week.end))
    else:
        for tid in _asked(acc):
            rid = acc.tasks[tid].remote_id or ""
            time = backend.task_time(rid)
            pulled.extend(time.entries)
            if time.active is not None:
                for day, secs in split_by_day(min(time.active.started_at, now), now, edges):
                    server[(tid, day)] += secs
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
    keys = {k for k, v in local.items() if v} | {k for k, v in (server or {}).items() if v}
    for task_id, day in sorted(keys, key=lambda k: (k[1] if k[1] is not None else -1, k[0])):
        task = acc.tasks[task_id]
        mine = local.get((task_id, day), 0)
        theirs = None if server is None or not task.remote_id else server.get((task_id, day), 0)
        diff = None if theirs is None else mine - theirs
        cause = why or _why(mine, theirs, task_id in acc.waiting, task_id in acc.refused, states[task_id])
        out.rows.append(Row(None if day is None else week.days[day], acc.info.name, task.title, task_id,
                            mine, theirs, diff, cause))


def _why(mine: int, theirs: int | None, waiting: bool, refused: bool, states: set[str]) -> str:
    """The likely cause of a difference, from what is known of the task here."""
    if theirs is None:
        return UNREACHABLE
    if abs(mine - theirs) <= SLACK:
        return SAME
    if SYNC_CONFLICT in states:
        return CONFLICT
    if refused or SYNC_FAILED in states:
        return REFUSED
    if waiting:
        return WAITING
    if not theirs:
        return LOCAL_ONLY
    if not mine:
        return SERVER_ONLY
    if SYNC_LOCAL_ONLY in states and mine > theirs:
        return LOCAL_ONLY  # time the server cannot hold, beside some it has
    return DIFFERENT
