"""The calls the push makes to a server: one small class per kind.

`plan.py` turns an op into one of these (or settles it without the network), and
`push.py` claims it, then asks the call, each in its own step:

  probe(backend)   after an ambiguous failure (the op was in flight): the result if
                   the server already applied the call, None if not (invariant 4);
  send(backend)    makes the call and returns the server's answer;
  record(...)      writes that answer, in the transaction that completes the op;
                   returns None (the op is done) or how the op settles instead;
  on_gone(...)     the one task or entry the call is about is gone from the server
                   (404): how the op settles, or None when that is a real refusal;
  on_refused(...)  the server refused the op: the entry it is about shows failed.

Updates, deletions and totals are absolute, and so is a create with an idempotency
key: replaying them is harmless, so they have no probe.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import ClassVar, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import AlreadyRunning, Backend, CreatedTask, NotRunning, RemoteEntry, RemoteTimer
from ..domain.model import SYNC_CONFLICT, SYNC_FAILED, SYNC_LOCAL_ONLY, SYNC_PENDING, SYNC_SYNCED
from ..store.models import Entry, Op, Status, Task
from ..store.outbox import OPEN_STATES, OpState
from .proof import created_by_us
from .report import AccountReport
from .task_merge import merge_into

R = TypeVar("R")

OFFLINE_INTERVAL = "tracked while the server could not be told; this server only runs a live timer"
GONE_ENTRY = "deleted on the server"
GONE_TASK = "its task is no longer on the server"
SLACK_SECONDS = 60  # below this, a difference between clocks is not worth reporting
SAME_INSTANT = timedelta(seconds=1)
PROBE_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class Settled:
    """An op made final without (more) network, and why."""

    state: OpState                  # done | local-only | failed
    why: str
    entries: tuple[str, ...] = ()   # entries that become local only
    also: tuple[int, ...] = ()      # other open ops settled with it (the stop of a pair)


@dataclass(frozen=True)
class Wait:
    """An op that cannot go out yet (its task is not on the server)."""

    why: str


@dataclass(frozen=True, kw_only=True)
class Call(ABC, Generic[R]):
    key: str                        # the op's uuid; an entry's id for an entry's create
    task_remote_id: str = ""
    also: tuple[int, ...] = ()      # open ops done when this call is (a stop sent with its start)

    state_only: ClassVar[bool] = False   # record writes only the op's state: completed in bulk
    ends_batch: ClassVar[bool] = False   # the next op's plan needs this one's answer first
    gone_is_task: ClassVar[bool] = True  # a 404 means the task is gone: the pull stops asking

    def probe(self, backend: Backend) -> R | None:
        return None

    @abstractmethod
    def send(self, backend: Backend) -> R: ...

    def record(self, s: Session, op: Op, result: R, report: AccountReport, now: datetime) -> Settled | None:
        return None

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled | None:
        return None

    def on_refused(self, s: Session, op: Op) -> None:
        entry = s.get(Entry, op.entry_id) if op.entry_id else None
        if entry is not None:
            entry.sync = SYNC_FAILED

    def touched(self, s: Session, op: Op) -> str | None:
        """The task whose time the pull after this push re-reads."""
        return self.task_remote_id or None


@dataclass(frozen=True, kw_only=True)
class CreateTask(Call[CreatedTask]):
    title: str
    description: str = ""
    known: frozenset[str] = frozenset()  # the account's task ids before
    since: datetime | None = None        # made no earlier than this (the op, less clock slack)

    ends_batch = True  # a later create's probe must know the id this one gets

    def probe(self, backend: Backend) -> CreatedTask | None:
        if backend.create_is_idempotent():
            return None  # sent again, it answers the task it made, if it made one
        # Only a task that can be shown to be ours (sync/proof.py), else CannotTell.
        since = self.since or datetime.min.replace(tzinfo=timezone.utc)
        return created_by_us(backend, self.title, since, self.known)

    def send(self, backend: Backend) -> CreatedTask:
        return backend.create_task(self.title, self.description, False, self.key)

    def record(self, s: Session, op: Op, result: CreatedTask, report: AccountReport, now: datetime) -> None:
        task = s.get(Task, op.task_id) if op.task_id is not None else None
        if task is None:
            return
        held = s.scalar(select(Task).where(Task.account_id == op.account_id, Task.remote_id == result.remote_id,
                                           Task.id != task.id))
        if held is not None:
            # The server says the task made is one we already hold (TimeTagger's
            # task for "Write report" is the tag #write-report, maybe pulled before).
            merge_into(s, task, held, now)
            report.notes.append(f"{held.title}: the server already had it (as {result.remote_id}); "
                                "the task made here is now that one")
            return
        task.remote_id, task.updated_at = result.remote_id, now
        pending_status = s.scalar(select(Op.seq).where(
            Op.task_id == task.id, Op.kind == "set_status", Op.state.in_(OPEN_STATES)))
        if result.status_remote_id and pending_status is None:
            status = s.scalar(select(Status).where(Status.account_id == op.account_id,
                                                   Status.remote_id == result.status_remote_id))
            if status is not None:
                task.status_id, task.status = status.id, status

    # on_gone: a create's 404 names its board or project, not the task: a refusal.

    def touched(self, s: Session, op: Op) -> str | None:
        task = s.get(Task, op.task_id) if op.task_id is not None else None
        return task.remote_id if task is not None else None


@dataclass(frozen=True, kw_only=True)
class SetStatus(Call[str]):
    status_remote_id: str

    state_only = True

    def probe(self, backend: Backend) -> str | None:
        current = backend.get_task(self.task_remote_id).status_remote_id
        return self.status_remote_id if current == self.status_remote_id else None

    def send(self, backend: Backend) -> str:
        return backend.set_status(self.task_remote_id, self.status_remote_id)

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled:
        task = s.get(Task, op.task_id) if op.task_id is not None else None
        report.notes.append(f"{task.title if task else '?'}: {GONE_TASK}; its status is kept here only")
        return Settled(OpState.DONE, GONE_TASK)

    def touched(self, s: Session, op: Op) -> str | None:
        return None  # a task's status is not its time: no re-read (keeps a drain fast)


@dataclass(frozen=True, kw_only=True)
class _TimeCall(Call[R]):
    """A call about one entry's time: gone with its task, the time stays here,
    local only."""

    entry_id: str

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled | None:
        return Settled(OpState.LOCAL_ONLY, GONE_TASK, (self.entry_id,), self.also)


@dataclass(frozen=True, kw_only=True)
class StartTimer(_TimeCall[RemoteTimer]):
    """A live-timer server's clock starts now (capabilities.live_timer)."""

    def probe(self, backend: Backend) -> RemoteTimer | None:
        return backend.get_task(self.task_remote_id).active_timer

    def send(self, backend: Backend) -> RemoteTimer:
        try:
            return backend.start_timer(self.task_remote_id)
        except AlreadyRunning:
            # Our earlier start (reply lost) or one from the web: either way the
            # server's timer on this task runs, which is what the op asked for.
            timer = backend.get_task(self.task_remote_id).active_timer
            if timer is None:
                raise
            return timer

    def record(self, s: Session, op: Op, result: RemoteTimer, report: AccountReport, now: datetime) -> None:
        _started(s, self.entry_id, result, report)


class StaysLocal:
    """The answer of a start not sent: its interval stays local only."""


@dataclass(frozen=True, kw_only=True)
class StartMaybeSent(_TimeCall[RemoteTimer | StaysLocal]):
    """A start that was in flight (it may have reached the server) for a timer that
    has stopped since: the server's timer is looked at, never started now — a live
    timer started late would record time that was not worked."""

    stops: tuple[int, ...]  # the stop ops that settle with it if the start never arrived

    def probe(self, backend: Backend) -> RemoteTimer | StaysLocal:
        return backend.get_task(self.task_remote_id).active_timer or StaysLocal()

    def send(self, backend: Backend) -> StaysLocal:
        return StaysLocal()

    def record(self, s: Session, op: Op, result: RemoteTimer | StaysLocal, report: AccountReport,
               now: datetime) -> Settled | None:
        if isinstance(result, StaysLocal):
            return Settled(OpState.LOCAL_ONLY, OFFLINE_INTERVAL, (self.entry_id,), self.stops)
        _started(s, self.entry_id, result, report)  # it arrived: its stop goes out next
        return None

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled:
        return Settled(OpState.LOCAL_ONLY, GONE_TASK, (self.entry_id,), self.stops)


def _started(s: Session, entry_id: str, timer: RemoteTimer, report: AccountReport) -> None:
    entry = s.get(Entry, entry_id)
    if entry is None:
        return
    entry.remote_id, entry.remote_started_at = timer.remote_entry_id, timer.started_at
    if entry.ended_at is None:
        entry.sync = SYNC_SYNCED
    late = int((timer.started_at - entry.started_at).total_seconds())
    if late > SLACK_SECONDS:
        report.local_only.append({
            "entry": entry.id, "task": entry.task.title, "task_id": entry.task_id, "seconds": late,
            "why": "started while offline; the server's timer began this much later"})


@dataclass(frozen=True)
class Stopped:
    """A live timer's stop: the server's entry, or None when its timer was not
    running (stopped elsewhere; the pull reads its end)."""

    entry: RemoteEntry | None


@dataclass(frozen=True, kw_only=True)
class StopTimer(_TimeCall[Stopped]):
    entry_remote_id: str

    def probe(self, backend: Backend) -> Stopped | None:
        if backend.capabilities.server_timesheet:
            time = backend.task_time(self.task_remote_id)
            if time.active is not None and time.active.remote_entry_id == self.entry_remote_id:
                return None
            return Stopped(next((e for e in time.entries if e.remote_id == self.entry_remote_id), None))
        timer = backend.get_task(self.task_remote_id).active_timer
        running = timer is not None and timer.remote_entry_id == self.entry_remote_id
        return None if running else Stopped(None)

    def send(self, backend: Backend) -> Stopped:
        try:
            return Stopped(backend.stop_timer(self.task_remote_id))
        except NotRunning:
            return Stopped(None)

    def record(self, s: Session, op: Op, result: Stopped, report: AccountReport, now: datetime) -> None:
        entry = s.get(Entry, self.entry_id)
        if entry is None:
            return
        server = result.entry
        if server is not None:
            entry.remote_id = entry.remote_id or server.remote_id
            entry.remote_started_at = entry.remote_started_at or server.started_at
            entry.remote_ended_at = server.ended_at
            if entry.ended_at is not None and server.ended_at is not None:
                extra = int((server.ended_at - entry.ended_at).total_seconds())
                if extra > SLACK_SECONDS:
                    report.notes.append(f"{entry.task.title}: stopped while offline; the server's "
                                        f"entry ran {extra} s longer than ours")
        if entry.sync not in (SYNC_LOCAL_ONLY, SYNC_CONFLICT):
            entry.sync = SYNC_SYNCED


@dataclass(frozen=True, kw_only=True)
class _WriteEntry(_TimeCall[RemoteEntry]):
    """An entry server's copy of the entry, written as the entry is now."""

    started_at: datetime
    ended_at: datetime | None
    note: str = ""

    def record(self, s: Session, op: Op, result: RemoteEntry, report: AccountReport, now: datetime) -> None:
        entry = s.get(Entry, self.entry_id)
        if entry is None:
            return
        entry.remote_id = result.remote_id
        entry.remote_started_at, entry.remote_ended_at = result.started_at, result.ended_at
        # Still pending while a later op for it waits (a stop after a running start).
        if entry.sync != SYNC_CONFLICT and not _other_open(s, entry.id, op.seq, self.also):
            entry.sync = SYNC_SYNCED


@dataclass(frozen=True, kw_only=True)
class CreateEntry(_WriteEntry):
    def probe(self, backend: Backend) -> RemoteEntry | None:
        """The server's entries around the interval: one carrying our key (client_key),
        or else one of the same task with the same start and end."""
        caps = backend.capabilities
        if caps.idempotency_keys or not caps.pull_entries:
            return None
        by_instant = caps.entry_unit == "interval"
        end = self.ended_at or self.started_at
        for re in backend.list_entries(self.started_at - PROBE_MARGIN, end + PROBE_MARGIN):
            if re.deleted:
                continue
            if re.client_key is not None:
                if re.client_key == self.key:
                    return re
                continue
            if by_instant and re.task_remote_id == self.task_remote_id and _near(re.started_at, self.started_at) \
                    and _near(re.ended_at, self.ended_at):
                return re
        return None

    def send(self, backend: Backend) -> RemoteEntry:
        return backend.create_entry(self.task_remote_id, self.started_at, self.ended_at, self.note, self.key)


@dataclass(frozen=True, kw_only=True)
class UpdateEntry(_WriteEntry):
    entry_remote_id: str

    gone_is_task = False

    def send(self, backend: Backend) -> RemoteEntry:
        return backend.update_entry(self.entry_remote_id, self.started_at, self.ended_at, self.note)

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled:
        return Settled(OpState.DONE, GONE_ENTRY, (self.entry_id,))


@dataclass(frozen=True, kw_only=True)
class DeleteEntry(_TimeCall[None]):
    entry_remote_id: str

    gone_is_task = False

    def send(self, backend: Backend) -> None:
        backend.delete_entry(self.entry_remote_id)

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled:
        return Settled(OpState.DONE, GONE_ENTRY)  # gone is what it asked for

    def on_refused(self, s: Session, op: Op) -> None:
        return None  # the entry is deleted here whatever the server says


@dataclass(frozen=True, kw_only=True)
class SetTaskTotal(Call[int]):
    """A server holding one total per task (Wekan's spentTime) is told ours."""

    seconds: int

    def send(self, backend: Backend) -> int:
        return backend.set_task_total(self.task_remote_id, self.seconds)

    def record(self, s: Session, op: Op, result: int, report: AccountReport, now: datetime) -> None:
        for e in s.scalars(select(Entry).where(Entry.task_id == op.task_id, Entry.sync == SYNC_PENDING,
                                               Entry.ended_at.is_not(None))):
            if not _other_open(s, e.id, op.seq):
                e.sync = SYNC_SYNCED

    def on_gone(self, s: Session, op: Op, report: AccountReport) -> Settled:
        unsynced = tuple(s.scalars(select(Entry.id).where(
            Entry.task_id == op.task_id, Entry.deleted.is_(False), Entry.ended_at.is_not(None),
            Entry.sync != SYNC_SYNCED)))
        return Settled(OpState.LOCAL_ONLY, GONE_TASK, unsynced, self.also)


def _near(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= SAME_INSTANT


def _other_open(s: Session, entry_id: str, seq: int, also: tuple[int, ...] = ()) -> bool:
    return s.scalar(select(Op.seq).where(Op.entry_id == entry_id, Op.seq != seq, Op.seq.not_in(also),
                                         Op.state.in_(OPEN_STATES)).limit(1)) is not None
