"""Wapify tasks API (its Tasks API Reference): Bearer token, live timer.

Wapify runs the clock itself: a timer is started and stopped "now" on the server,
and no interval tracked offline can be sent (such time stays local). It has no
idempotency keys and no "active timer" endpoint; the active timer is read from the
task list's `active_time`.

Assumptions where the document is silent (the fake in tests/fakes/ makes its own):
- GET /{id} answers {"success": true, "data": <task object as in the list>}.
- Boolean query parameters are sent as "1"; ids are integers everywhere.
- Statuses carry no order: position is their place in the list. DONE and
  CANCELLED (not listed, but named by `pending_only`) count as done.
- The only 400 /start documents is "task already has active timer", so a 400 from
  /start is AlreadyRunning; likewise a 400 from /stop is NotRunning.
- /{id}/time: total_seconds includes the running timer's elapsed time, and
  `entries` holds finished entries only (the example's active id 45 is not in it).
- Timestamps carry an offset ("Z" in every example); one without is refused.
- The create reply has no started_at: it is read back with GET /{id}, falling back
  to our clock if that read fails, because the create was applied and must not be
  reported as failed (the next pull corrects the start).
- A 2xx with "success": false is a refusal with the server's message.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import httpx

from stint.backends.base import (
    AlreadyRunning,
    Backend,
    BackendError,
    BadResponse,
    Capabilities,
    CreatedTask,
    Listing,
    NotRunning,
    Rejected,
    RemoteEntry,
    RemoteStatus,
    RemoteTask,
    RemoteTimer,
    Secret,
    TaskTime,
)
from stint.backends.http import check_url, send
from stint.backends.parse import Obj, read_record
from stint.domain.clock import Clock, SystemClock

log = logging.getLogger("stint.backends.wapify")

DONE_NAMES = frozenset({"DONE", "CANCELLED"})


class WapifyBackend(Backend):
    capabilities = Capabilities(
        create_task=True,
        set_status=True,
        live_timer=True,
        running_entry=False,
        explicit_entries=False,
        entry_unit="interval",
        server_timesheet=True,
        idempotency_keys=False,
        pull_entries=False,
        incremental_entries=False,
        day_totals=False,
        timers_in_tasks=True,  # active_time on every task; start moves a task to IN_PROGRESS
    )

    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        token: str,
        *,
        clock: Clock | None = None,
        allow_insecure: bool = False,
    ) -> None:
        self._client = client
        self.base_url = check_url(base_url, allow_insecure=allow_insecure)
        self._token = Secret(token)
        self._clock = clock or SystemClock()

    def __repr__(self) -> str:
        return f"WapifyBackend({self.base_url!r})"

    # --- reading -------------------------------------------------------------

    def check(self) -> str:
        tasks = self._call("GET", "", params={"pending_only": "1"}).records("data", _responsible, "task")
        for person in tasks:
            if person is not None:
                return person
        return f"token accepted by {urlsplit(self.base_url).hostname}"

    def list_statuses(self) -> Listing[RemoteStatus]:
        statuses = self._call("GET", "/statuses").records("data", _status, "status")
        # Statuses carry no order: their place in the list is it.
        return Listing([replace(st, position=n) for n, st in enumerate(statuses, 1)], statuses.skipped)

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        params: dict[str, str] = {}
        if pending_only:
            params["pending_only"] = "1"
        if status_remote_id is not None:
            params["status_id"] = _int_id(status_remote_id, "status")
        return self._call("GET", "", params=params).records("data", _task, "task")

    def get_task(self, remote_id: str) -> RemoteTask:
        data = self._call("GET", f"/{_int_id(remote_id, 'task')}")
        return read_record(data.obj("data").raw, _task, "task", "reply.data")

    def active_timer(self) -> RemoteTimer | None:
        timers = [t.active_timer for t in self.list_tasks() if t.active_timer is not None]
        # One per user by the API's rule; if a race shows two, the later one won.
        return max(timers, key=lambda t: t.started_at, default=None)

    def task_time(self, task_remote_id: str) -> TaskTime:
        data = self._call("GET", f"/{_int_id(task_remote_id, 'task')}/time").obj("data")
        task_id = data.obj("task").int_id("id")
        active = data.opt_obj("active_time")
        entries = data.records("entries", lambda e: _entry(e, task_id), "entry")
        return TaskTime(
            task_remote_id=task_id,
            total_seconds=data.integer("total_seconds"),
            entries=tuple(entries),
            active=_timer(active, task_id) if active is not None else None,
            skipped=tuple(entries.skipped),
        )

    # --- writing -------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        # `key` is not sent: Wapify stores no client key. After an ambiguous
        # failure the sync engine probes for a task with this title instead.
        body: dict[str, Any] = {"title": title, "start_timer": start_timer}
        if description:
            body["description"] = description
        data = self._call("POST", "", body=body).obj("data")
        task_id = data.int_id("task_id")
        status_id = data.obj("status").int_id("id")
        timer = None
        if data.flag("timer_started"):
            timer = self._created_timer(task_id, data.int_id("time_id"))
        return CreatedTask(task_id, status_id, timer)

    def _created_timer(self, task_id: str, time_id: str) -> RemoteTimer:
        try:
            active = self.get_task(task_id).active_timer
        except BackendError as exc:
            log.info("could not read back the start of task %s: %s", task_id, exc)
            active = None
        if active is not None and active.remote_entry_id == time_id:
            return active
        return RemoteTimer(time_id, task_id, self._clock.now())

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        path = f"/{_int_id(task_remote_id, 'task')}/status"
        body = {"status_id": int(_int_id(status_remote_id, "status"))}
        data = self._call("PUT", path, body=body).obj("data")
        return data.obj("status").int_id("id")

    def start_timer(self, task_remote_id: str) -> RemoteTimer:
        path = f"/{_int_id(task_remote_id, 'task')}/start"
        try:
            data = self._call("POST", path).obj("data")
        except Rejected as exc:
            if exc.status == 400:
                raise AlreadyRunning(exc.message, 400) from None
            raise
        return _timer(data, data.int_id("task_id"), id_key="time_id")

    def stop_timer(self, task_remote_id: str) -> RemoteEntry:
        path = f"/{_int_id(task_remote_id, 'task')}/stop"
        try:
            data = self._call("POST", path).obj("data")
        except Rejected as exc:
            if exc.status == 400:
                raise NotRunning(exc.message, 400) from None
            raise
        return RemoteEntry(
            remote_id=data.int_id("time_id"),
            task_remote_id=data.int_id("task_id"),
            started_at=data.instant("started_at"),
            ended_at=data.instant("ended_at"),
            seconds=data.integer("duration_seconds"),
        )

    # --- plumbing ------------------------------------------------------------

    def _call(
        self, method: str, path: str, *, params: dict[str, str] | None = None, body: Any = None
    ) -> Obj:
        token = self._token.reveal()
        reply = send(
            self._client,
            method,
            self.base_url + path,
            params=params,
            json_body=body,
            headers={"Authorization": f"Bearer {token}"},
            secrets=(token,),
            clock=self._clock,
            server="Wapify",
        )
        root = Obj(reply.json())
        if not root.flag("success"):
            message = root.opt_text("message") or "the server refused without a message"
            raise Rejected(message.replace(token, "***"), reply.status)
        return root


def _int_id(remote_id: str, what: str) -> str:
    # Ids go into URL paths: anything but digits is refused before it can
    # reach the server as another path.
    if not remote_id.isdigit() or not remote_id.isascii():
        raise Rejected(f"not a Wapify {what} id: {remote_id!r}")
    return remote_id


def _responsible(o: Obj) -> str | None:
    person = o.opt_obj("responsible")
    return f"{person.text('name')} <{person.text('email')}>" if person is not None else None


def _status(s: Obj) -> RemoteStatus:
    return RemoteStatus(
        remote_id=s.int_id("id"),
        name=s.text("name"),
        label=s.text("translated_name"),
        color=s.opt_text("color"),
        position=0,
        is_done=s.text("name") in DONE_NAMES,
    )


def _entry(e: Obj, task_id: str) -> RemoteEntry:
    started, ended, seconds = e.instant("started_at"), e.opt_instant("ended_at"), e.integer("duration_seconds")
    if (ended is not None and ended < started) or seconds < 0:
        raise BadResponse(f"{e.where}: ends before it starts")
    user = e.opt_obj("user")
    return RemoteEntry(
        remote_id=e.int_id("id"),
        task_remote_id=task_id,
        started_at=started,
        ended_at=ended,
        seconds=seconds,
        user_remote_id=user.int_id("id") if user else None,
    )


def _timer(o: Obj, task_id: str, id_key: str = "id") -> RemoteTimer:
    return RemoteTimer(o.int_id(id_key), task_id, o.instant("started_at"))


def _task(o: Obj) -> RemoteTask:
    task_id = o.int_id("id")
    status = o.obj("status")
    project, category = o.opt_obj("project"), o.opt_obj("category")
    active = o.opt_obj("active_time")
    return RemoteTask(
        remote_id=task_id,
        title=o.text("title"),
        description=o.opt_text("description") or "",
        status_remote_id=status.int_id("id"),
        status_name=status.text("name"),
        project=project.text("name") if project else None,
        category=category.text("name") if category else None,
        due_date=o.opt_day("due_date"),
        estimated_hours=o.opt_number("estimated_hours"),
        active_timer=_timer(active, task_id) if active is not None else None,
        updated_at=o.opt_instant("updated_at"),
    )
