"""TimeTagger (its web API v2, as timetagger 26.1 serves it): records with client
keys, tasks as #tags.

The account URL is the server's /timetagger root; the API is <root>/api/v2/ and the
token travels in an `authtoken` header. Get one with `obtain_token` (username and
password) from `stint.backends.timetagger_auth`.

How Stint's model maps onto TimeTagger, which has only records {key, t1, t2, mt, ds}:
- A task is a set of #tags: its remote id is the record's tags, sorted and joined
  ("#acme #website"), and so is its title. There are no task objects, so
  `create_task` makes no request: it names the task by the title's #tags, or by a
  tag slugged from the title ("Fix login" → "#fix-login"); the tag reaches the
  server with the task's first entry. The server has no title for a task, only
  its tags (`title_is_id`), so a title the person typed stays theirs. `list_tasks` lists the tag sets of the
  records of the last `task_window_days`; `get_task` answers for any tag set
  without a request (every tag set is a valid task). Records without tags belong
  to the task "#untagged".
- There are no statuses either: every task has the one status "open", which
  `list_statuses` returns so that tasks always name a status the engine knows.
- An entry is a record. Its key derives from the `key` given to `create_entry`
  (pass the entry's UUID): the same key makes the same record key, so replaying a
  push after a lost reply overwrites instead of duplicating. A running entry is a
  record with t1 == t2, so a timer started offline keeps its true start; it is
  stopped by `update_entry` with an end. A finished entry shorter than a second is
  stored as one second, since t1 == t2 would read as running.
- Deleting hides the record ("HIDDEN " + ds), as the web app does; nothing is
  removed. Reads report hidden records as entries with `deleted=True`.
- mt is the write's modification time: `modified_at` (the time of the user's
  edit, where the caller has it) or our clock. The server keeps whichever copy has
  the newer mt and still lists an older write as accepted, so every write is read
  back: an update or delete the server did not keep raises `Superseded` (a
  Rejected: the op fails visibly, with the server's copy attached).
- Incremental pull: `changes_since(cursor)` reads /updates?since=; the cursor is
  the server's own clock, so ours may be wrong without losing anything.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx

from stint.backends.base import (
    Backend,
    Capabilities,
    Changes,
    CreatedTask,
    Listing,
    Rejected,
    RemoteEntry,
    RemoteStatus,
    RemoteTask,
    RemoteTimer,
    Secret,
)
from stint.backends.http import check_url
from stint.backends.timetagger_api import RecordAPI
from stint.backends.timetagger_auth import obtain_token, obtain_token_localhost, username_of
from stint.backends.timetagger_records import (
    Record,
    TimeTaggerEntry,
    compose,
    entry_of,
    epoch,
    hide,
    instant,
    record_key,
    task_for_title,
    task_of,
    task_tags,
)
from stint.domain.clock import Clock, SystemClock

__all__ = ["Changes", "Superseded", "TimeTaggerBackend", "TimeTaggerEntry", "obtain_token",
           "obtain_token_localhost"]

OPEN = RemoteStatus(remote_id="open", name="open", label="Open", color=None,
                    position=1, is_done=False)
# Far beyond any server clock: /updates then answers at once with its time only.
_FUTURE = "99999999999"


class Superseded(Rejected):
    """The server kept a newer copy of the record than the one we wrote.

    `current` is that copy where the read-back found it (None when it moved out of
    the time range we looked in); the next pull brings it in either way.
    """

    def __init__(self, message: str, current: TimeTaggerEntry | None) -> None:
        super().__init__(message, 409)
        self.current = current


class TimeTaggerBackend(Backend):
    capabilities = Capabilities(
        create_task=True,
        set_status=False,
        live_timer=False,
        running_entry=True,
        explicit_entries=True,
        entry_unit="interval",
        server_timesheet=False,
        idempotency_keys=True,
        pull_entries=True,
        incremental_entries=True,
        day_totals=False,
        timers_in_tasks=False,
    )

    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        token: str,
        *,
        clock: Clock | None = None,
        allow_insecure: bool = False,
        task_window_days: int = 90,
    ) -> None:
        self._client = client
        self.base_url = check_url(base_url, allow_insecure=allow_insecure)
        self._token = Secret(token)
        self._clock = clock or SystemClock()
        self._window = timedelta(days=task_window_days)
        self._api = RecordAPI(client, self.base_url, self._token, self._clock)

    def __repr__(self) -> str:
        return f"TimeTaggerBackend({self.base_url!r})"

    # --- reading ----------------------------------------------------------------

    def check(self) -> str:
        self._api.updates(_FUTURE)
        host = urlsplit(self.base_url).hostname
        who = username_of(self._token.reveal())
        return f"{who} on {host}" if who else f"token accepted by {host}"

    def list_statuses(self) -> list[RemoteStatus]:
        return [OPEN]

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        if status_remote_id not in (None, OPEN.remote_id):
            return Listing()
        now = self._clock.now()
        latest: dict[str, Record] = {}
        running: dict[str, Record] = {}
        newest_mt: dict[str, int] = {}
        records = self._api.records(now - self._window, now + timedelta(days=1), hidden="0")
        for r in records:
            task = task_of(r.ds)
            if task not in latest or r.t1 > latest[task].t1:
                latest[task] = r
            if r.t1 == r.t2 and (task not in running or r.t1 > running[task].t1):
                running[task] = r
            newest_mt[task] = max(newest_mt.get(task, r.mt), r.mt)
        ordered = sorted(latest, key=lambda t: latest[t].t1, reverse=True)
        # A record it cannot read may be of any task: named as the entry it is.
        return Listing([_task(t, running.get(t), instant(newest_mt[t])) for t in ordered], records.skipped)

    def get_task(self, remote_id: str) -> RemoteTask:
        _tags(remote_id)
        return _task(remote_id, None, None)

    def active_timer(self) -> RemoteTimer | None:
        now = self._clock.now()
        running = [r for r in self._api.records(now, now, hidden="0", running="1")]
        # One timer at a time is Stint's rule, not TimeTagger's: report the latest.
        r = max(running, key=lambda r: r.t1, default=None)
        return RemoteTimer(r.key, task_of(r.ds), instant(r.t1)) if r is not None else None

    def list_entries(self, start: datetime, end: datetime) -> Listing[RemoteEntry]:
        """Entries overlapping [start, end], and timers running since before `end`.
        Hidden (deleted) records are left out: see `changes_since` for those."""
        now = self._clock.now()
        records = self._api.records(start, end, hidden="0")
        return Listing([entry_of(r, now) for r in records], records.skipped)

    def changes_since(self, cursor: str | None) -> Changes:
        """Every record written since `cursor` (None: all of them), deleted ones
        with `deleted=True`, and the cursor for next time.

        `reset` is True when the answer is complete rather than a difference: on the
        first call, and when the server says its data were reset (then whatever the
        caller holds from earlier pulls and does not see here is gone).
        """
        since = cursor if cursor is not None and _is_number(cursor) else None
        server_time, reset, records = self._api.updates(since or "0")
        now = self._clock.now()
        entries = [entry_of(r, now) for r in records]
        return Changes(entries, repr(server_time), reset or since is None, tuple(records.skipped))

    # --- writing ----------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        # No request: a task is its tags, which reach the server with its first
        # entry. The timer is never started here: the engine sends it as an entry.
        try:
            remote_id = task_for_title(title)
        except ValueError as exc:
            raise Rejected(str(exc)) from None
        return CreatedTask(remote_id, OPEN.remote_id, None)

    def create_is_idempotent(self) -> bool:
        return True  # create_task makes no request: "sending" it again names the same tags

    def create_entry(
        self,
        task_remote_id: str,
        started_at: datetime,
        ended_at: datetime | None,
        note: str,
        key: str,
        *,
        modified_at: datetime | None = None,
    ) -> TimeTaggerEntry:
        """Write the entry under the record key derived from `key`. A replay of the
        same create is harmless; if the server holds a newer copy (edited elsewhere
        after a lost reply) that copy is returned, since the create did happen."""
        record = self._record(record_key(key), task_remote_id, started_at, ended_at, note,
                              modified_at)
        kept = self._api.write(record)
        return entry_of(kept or record, self._clock.now())

    def update_entry(
        self,
        remote_id: str,
        started_at: datetime,
        ended_at: datetime | None,
        note: str,
        *,
        task_remote_id: str | None = None,
        modified_at: datetime | None = None,
    ) -> TimeTaggerEntry:
        """Rewrite the record (a stop is an update with an end). Without
        `task_remote_id` the record keeps its tags, which needs its current copy."""
        _check_key(remote_id)
        if task_remote_id is None:
            current = self._api.find(remote_id)
            if current is None:
                raise Rejected(f"TimeTagger has no entry {remote_id!r}", 404)
            task_remote_id = task_of(current.ds)
        record = self._record(remote_id, task_remote_id, started_at, ended_at, note, modified_at)
        kept = self._api.write(record)
        if kept is None or not kept.same_content(record):
            raise _superseded(kept, self._clock.now(), "this change")
        return entry_of(kept, self._clock.now())

    def delete_entry(self, remote_id: str, *, modified_at: datetime | None = None) -> None:
        """Hide the record. One the server never had, or already hides, is done."""
        _check_key(remote_id)
        current = self._api.find(remote_id)
        if current is None or current.hidden:
            return
        mt = epoch(modified_at or self._clock.now())
        record = Record(remote_id, current.t1, current.t2, mt, hide(current.ds))
        kept = self._api.write(record)
        if kept is None or not kept.hidden:
            raise _superseded(kept, self._clock.now(), "this deletion")

    # --- plumbing ---------------------------------------------------------------

    def _record(
        self,
        key: str,
        task_remote_id: str,
        started_at: datetime,
        ended_at: datetime | None,
        note: str,
        modified_at: datetime | None,
    ) -> Record:
        try:
            ds = compose(task_remote_id, note)
            t1 = epoch(started_at)
            t2 = t1 if ended_at is None else epoch(ended_at)
        except ValueError as exc:
            raise Rejected(str(exc)) from None
        if ended_at is not None:
            if t2 < t1:
                raise Rejected("the entry ends before it starts")
            t2 = max(t2, t1 + 1)
        return Record(key, t1, t2, epoch(modified_at or self._clock.now()), ds)


def _task(remote_id: str, running: Record | None, updated: datetime | None) -> RemoteTask:
    timer = RemoteTimer(running.key, remote_id, instant(running.t1)) if running else None
    return RemoteTask(
        remote_id=remote_id, title=remote_id, description="",
        status_remote_id=OPEN.remote_id, status_name=OPEN.name,
        project=None, category=None, due_date=None, estimated_hours=None,
        active_timer=timer, updated_at=updated, title_is_id=True,
    )


def _superseded(kept: Record | None, now: datetime, what: str) -> Superseded:
    when = f", {instant(kept.mt):%Y-%m-%d %H:%M} UTC" if kept is not None else ""
    return Superseded(
        f"TimeTagger keeps a newer copy of this entry (changed elsewhere{when}); "
        f"{what} was not applied", entry_of(kept, now) if kept is not None else None,
    )


def _tags(remote_id: str) -> list[str]:
    try:
        return task_tags(remote_id)
    except ValueError as exc:
        raise Rejected(str(exc), 404) from None


def _check_key(key: str) -> None:
    if not key or len(key) >= 256:
        raise Rejected(f"not a TimeTagger record key: {key[:40]!r}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
