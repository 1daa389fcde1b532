"""WarmDesk time: entries on cards and the person's timesheet (see warmdesk.py for
the assumptions), plus the id and list readers both modules share."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeVar

from stint.backends.base import BadResponse, Listing, Rejected, RemoteEntry, TaskDay, TaskTime, Unsupported
from stint.backends.parse import Obj, read_records, unreadable
from stint.domain.clock import Clock

T = TypeVar("T")
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


class TimeEntries:
    """The /time-entries and /reports/timesheet half of WarmDeskBackend."""

    _clock: Clock
    task_time_days: int
    _entry_cards: dict[str, str]  # entry id -> its task, as last read or written

    def _json(self, method: str, path: str, *, params: dict[str, str] | None = None,
              body: Any = None) -> Any:
        raise NotImplementedError

    def _request(self, method: str, path: str) -> None:
        raise NotImplementedError

    def _written(self, method: str, path: str, *, body: Any = None) -> Obj:
        raise NotImplementedError

    def list_entries(self, start: datetime, end: datetime) -> Listing[RemoteEntry]:
        start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
        entries = self._entries(self._report(start.date(), (end - timedelta(microseconds=1)).date()))
        return Listing([e for e in entries if e.started_at < end and (e.ended_at or end) > start],
                       entries.skipped)

    def timesheet(self, start: date, end: date) -> Listing[TaskDay]:
        """The server's minutes per card per day from `start` to `end` inclusive,
        for comparing our week with the server's (`stint reconcile`)."""
        days: Listing[TaskDay] = Listing()
        for row in self._report(start, end):
            if not isinstance(row.raw.get("days"), list):
                days.skipped.append(unreadable(row.raw, "day", row.where, f"{row.where}.days: missing"))
                continue
            days.extend_from(row.records("days", lambda day, row=row: _day(row, day), "day"))
        return days

    def task_time(self, task_remote_id: str) -> TaskTime:
        """This person's entries on the card over the last `task_time_days` days
        (the timesheet is the only way to read entries); the total is theirs."""
        today = self._clock.now().date()
        rows = self._report(today - timedelta(days=self.task_time_days - 1), today)
        entries = self._entries(rows)
        mine = tuple(e for e in entries if e.task_remote_id == task_remote_id)
        return TaskTime(task_remote_id, sum(e.seconds for e in mine), mine, skipped=tuple(entries.skipped))

    def create_entry(
        self,
        task_remote_id: str,
        started_at: datetime,
        ended_at: datetime | None,
        note: str,
        key: str,
    ) -> RemoteEntry:
        _, card_id = split_id(task_remote_id, "task")
        body = {"card_id": int(card_id), **_interval(started_at, ended_at, note)}
        reply = self._written("POST", "/time-entries", body=body)
        return self._as_written(reply, reply.int_id("id"), task_remote_id, body)

    def update_entry(
        self, remote_id: str, started_at: datetime, ended_at: datetime | None, note: str
    ) -> RemoteEntry:
        path = f"/time-entries/{_int_id(remote_id, 'entry')}"
        body = _interval(started_at, ended_at, note)
        reply = self._written("PUT", path, body=body)
        return self._as_written(reply, remote_id, None, body)

    def delete_entry(self, remote_id: str) -> None:
        try:
            self._request("DELETE", f"/time-entries/{_int_id(remote_id, 'entry')}")
        except Rejected as exc:
            if exc.status != 404:
                raise

    def _report(self, start: date, end: date) -> list[Obj]:
        params = {"from": start.isoformat(), "to": end.isoformat()}
        return Obj(self._json("GET", "/reports/timesheet", params=params)).objects("cards")

    def _entries(self, rows: list[Obj]) -> Listing[RemoteEntry]:
        """The entries of a timesheet's cards; one that cannot be read is skipped."""
        entries: Listing[RemoteEntry] = Listing()
        for row in rows:
            if not isinstance(row.raw.get("entries"), list):
                entries.skipped.append(unreadable(row.raw, "entry", row.where, f"{row.where}.entries: missing"))
                continue
            entries.extend_from(row.records("entries", self._entry, "entry"))
        return entries

    def _as_written(self, reply: Obj, remote_id: str, task_remote_id: str | None,
                    sent: dict[str, Any]) -> RemoteEntry:
        """The entry a write left on the server. The document promises the id and
        no more ("201 Created — id in response"; "200 OK — resource returned or
        updated"): a whole entry in the reply is taken as the server's copy, and
        anything less means the server holds what we sent."""
        if reply.has("started_at") and reply.has("ended_at") and reply.has("project"):
            entry = self._entry(reply)
            if entry.remote_id == remote_id:
                return entry
        started = datetime.fromisoformat(sent["started_at"])
        ended = datetime.fromisoformat(sent["ended_at"])
        # An update does not move an entry to another card: its card is the one it
        # was read or created on ("" if this process never saw it; the engine
        # keeps its own copy of an entry's task and does not read it from here).
        task = task_remote_id or self._entry_cards.get(remote_id, "")
        return self._interval(remote_id, task, started, ended, sent["description"], reply.opt_int_id("user_id"))

    def _entry(self, o: Obj) -> RemoteEntry:
        started, ended = o.instant("started_at"), o.instant("ended_at")
        if ended < started:
            raise BadResponse(f"{o.where}: ends before it starts")
        task = f"{slug_of(o, 'project')}:{o.int_id('card_id')}"
        return self._interval(o.int_id("id"), task, started, ended, o.opt_text("description") or "",
                              o.opt_int_id("user_id"))

    def _interval(self, remote_id: str, task: str, started: datetime, ended: datetime, note: str,
                  user: str | None) -> RemoteEntry:
        self._entry_cards[remote_id] = task  # an update's reply may not say the card
        return RemoteEntry(remote_id=remote_id, task_remote_id=task, started_at=started, ended_at=ended,
                           seconds=int((ended - started).total_seconds()), note=note, user_remote_id=user)


def records(data: Any, read: Callable[[Obj], T], what: str, where: str) -> Listing[T]:
    """A reply that is a plain JSON array of records (projects, columns, cards)."""
    if not isinstance(data, list):
        kind = "null" if data is None else type(data).__name__
        raise BadResponse(f"{where}: expected a list, got {kind}")
    return read_records(data, read, what, where)


def _day(row: Obj, day: Obj) -> TaskDay:
    task = f"{slug_of(row, 'project')}:{row.int_id('card_id')}"
    when = day.opt_day("date")
    if when is None:
        raise BadResponse(f"{day.where}.date: missing")
    return TaskDay(task, when, day.integer("minutes") * 60)


def slug_of(o: Obj, key: str) -> str:
    slug = o.text(key)
    if not SLUG.fullmatch(slug):
        raise BadResponse(f"{o.where}.{key}: not a project slug")
    return slug


def split_id(remote_id: str, what: str) -> tuple[str, str]:
    # Both halves go into URL paths: anything else is refused before it can reach
    # the server as another path.
    slug, _, number = remote_id.partition(":")
    if not SLUG.fullmatch(slug) or not number.isdigit() or not number.isascii():
        raise Rejected(f"not a WarmDesk {what} id: {remote_id!r} (expected project:number)")
    return slug, str(int(number))


def _int_id(remote_id: str, what: str) -> str:
    if not remote_id.isdigit() or not remote_id.isascii():
        raise Rejected(f"not a WarmDesk {what} id: {remote_id!r}")
    return remote_id


def _interval(started_at: datetime, ended_at: datetime | None, note: str) -> dict[str, str]:
    if ended_at is None:
        raise Unsupported("WarmDesk cannot hold a running entry; send it when it stops")
    return {"started_at": _stamp(started_at), "ended_at": _stamp(ended_at), "description": note}


def _stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
