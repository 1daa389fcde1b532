"""Local time vs the server's, per task and local day, for `stint reconcile`.

Server seconds come from task_time() (the server's own entries, ours only when we
know our user id), split at local midnight like the timesheet. The "why" names the
likely cause of a difference from the local entries' sync states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from ..accounts import AccountInfo
from ..backends.base import Backend, BackendError
from ..domain.clock import Clock
from ..domain.model import SYNC_CONFLICT, SYNC_FAILED, SYNC_LOCAL_ONLY, SYNC_PENDING
from ..domain.weeks import Week, split_by_day
from ..store.db import transaction
from ..store.models import Account, Entry, Task
from ..store.queries import entries_between

SLACK = 60
MAX_TASKS = 50


@dataclass
class Row:
    day: date
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
        rows = [{**asdict(r), "day": r.day.isoformat()} for r in self.rows]
        return {"week": self.week, "rows": rows, "errors": self.errors}


def compare_week(engine: Engine, backend_for: Callable[[AccountInfo], Backend], week: Week,
                 clock: Clock) -> Comparison:
    now = clock.now()
    edges = week.day_edges()
    out = Comparison(week.label)
    local: dict[tuple[int, int], int] = defaultdict(int)
    states: dict[tuple[int, int], set[str]] = defaultdict(set)
    with transaction(engine) as s:
        accounts = {a.id: AccountInfo.of(a) for a in s.scalars(select(Account))}
        tasks: dict[int, Task] = {}
        for e in entries_between(s, week.start, week.end):
            if e.task.account_id is None:
                continue
            tasks[e.task_id] = e.task
            for day, secs in split_by_day(e.started_at, e.ended_at or now, edges):
                local[(e.task_id, day)] += secs
                states[(e.task_id, day)].add(e.sync)
    server: dict[tuple[int, int], int] = defaultdict(int)
    known: set[int] = set()
    for task in list(tasks.values())[:MAX_TASKS]:
        info = accounts[task.account_id]  # type: ignore[index]
        if not task.remote_id:
            continue
        try:
            time = backend_for(info).task_time(task.remote_id)
        except (BackendError, Exception) as exc:  # noqa: BLE001 - one line per account, go on
            out.errors.append(f"{info.name}: {getattr(exc, 'message', exc)}")
            continue
        known.add(task.id)
        me = info.options.get("user_remote_id")
        for re in time.entries:
            if me and re.user_remote_id and re.user_remote_id != me:
                continue
            for day, secs in split_by_day(re.started_at, re.ended_at or now, edges):
                server[(task.id, day)] += secs
        if time.active is not None:
            for day, secs in split_by_day(time.active.started_at, now, edges):
                server[(task.id, day)] += secs
    for (task_id, day) in sorted(set(local) | set(server), key=lambda k: (k[1], k[0])):
        task = tasks[task_id]
        mine = local.get((task_id, day), 0)
        theirs = server.get((task_id, day), 0) if task_id in known else None
        diff = None if theirs is None else mine - theirs
        out.rows.append(Row(week.days[day], accounts[task.account_id].name, task.title, task_id,  # type: ignore[index]
                            mine, theirs, diff, _why(diff, states.get((task_id, day), set()))))
    return out


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
