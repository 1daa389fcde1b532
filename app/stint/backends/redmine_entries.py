"""Our entries as Redmine time entries: create (idempotent by probe), update, delete
and list, each entry being one Redmine entry per local day (see redmine_time)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, tzinfo

from stint.backends.base import Listing, Rejected, RemoteEntry, Unsupported
from stint.backends.redmine_api import RedmineApi, int_id
from stint.backends.redmine_time import (
    DayPart,
    RedmineEntry,
    Row,
    comments_for,
    day_parts,
    decode_ids,
    entries_from_rows,
    entry_of,
    marker,
    row_from,
)

log = logging.getLogger("stint.backends.redmine")

NO_RUNNING = "Redmine cannot hold a running entry: send it once it has ended"


class RedmineTimeEntries:
    def __init__(self, api: RedmineApi, tz: tzinfo, activity_id: int | None = None,
                 activity_name: str | None = None) -> None:
        self._api = api
        self._tz = tz
        self._activity_id = activity_id
        self._activity_name = activity_name

    def between(self, start: datetime, end: datetime) -> Listing[RemoteEntry]:
        """This user's time from `start` to `end`, merged back into our entries.

        One day more is read on each side, so that an entry of ours crossing the
        window's edge at midnight comes back whole, with all its parts.
        """
        first = start.astimezone(self._tz).date()
        last = (end - timedelta(microseconds=1)).astimezone(self._tz).date()
        rows = self._rows({"user_id": "me", "from": str(first - timedelta(days=1)),
                           "to": str(last + timedelta(days=1))})
        entries = entries_from_rows(rows, self._tz)
        return Listing([e for e in entries if any(first <= day <= last for day, _ in e.days)],
                       rows.skipped)

    def create(
        self, task_remote_id: str, started_at: datetime, ended_at: datetime | None,
        note: str, key: str,
    ) -> RedmineEntry:
        if ended_at is None:
            raise Unsupported(NO_RUNNING)
        issue_id = int_id(task_remote_id, "issue")
        # Refuse a key a replay could not find again (empty, or odd characters).
        marker(key)
        comments = comments_for(key, note)
        parts = day_parts(started_at, ended_at, self._tz)
        # A create whose reply was lost, or a second sender, left parts with our key:
        # find them and make them right instead of adding more.
        found = self._rows({"issue_id": issue_id, "user_id": "me",
                            "from": str(parts[0].day), "to": str(parts[-1].day)})
        ours = [r for r in found if r.key == key and r.issue_id == issue_id]
        if ours:
            log.info("issue %s: %d part(s) of entry %s already on the server",
                     issue_id, len(ours), key)
        return entry_of(self._write_parts(issue_id, parts, comments, ours), self._tz)

    def update(
        self, remote_id: str, started_at: datetime, ended_at: datetime | None, note: str
    ) -> RedmineEntry:
        if ended_at is None:
            raise Unsupported(NO_RUNNING)
        parts = day_parts(started_at, ended_at, self._tz)
        existing: list[Row] = []
        for part_id in decode_ids(remote_id):
            try:
                existing.append(row_from(self._api.get(f"/time_entries/{part_id}.json")
                                         .obj("time_entry")))
            except Rejected as exc:
                if exc.status != 404:
                    raise
        if not existing:
            raise Rejected("this time entry was deleted on the Redmine server", 404)
        issue_id = existing[0].issue_id
        if issue_id is None:
            raise Rejected(f"Redmine time entry {existing[0].id} belongs to no issue", 422)
        # An entry logged on the web has no key; it gets none by being edited here.
        key = next((r.key for r in existing if r.key), None)
        rows = self._write_parts(issue_id, parts, comments_for(key, note), existing)
        return entry_of(rows, self._tz)

    def delete(self, remote_id: str) -> None:
        for part_id in decode_ids(remote_id):
            try:
                self._api.write("DELETE", f"/time_entries/{part_id}.json")
            except Rejected as exc:
                # Already gone (our earlier delete whose reply was lost, or the web):
                # what the op asked for is true.
                if exc.status != 404:
                    raise

    def _rows(self, params: dict[str, str]) -> Listing[Row]:
        return self._api.pages("/time_entries.json", params, "time_entries", row_from, "entry")

    def _write_parts(
        self, issue_id: str, parts: list[DayPart], comments: str, existing: list[Row]
    ) -> list[Row]:
        """Make the server hold exactly `parts`, reusing `existing` rows: one per day
        kept (changed where it differs), the others moved to a new day or deleted."""
        by_day: dict[date, list[Row]] = {}
        for old in sorted(existing, key=lambda r: int(r.id)):
            by_day.setdefault(old.day, []).append(old)
        wanted = {p.day for p in parts}
        spare = [r for day, rows in by_day.items()
                 for r in (rows if day not in wanted else rows[1:])]
        result: list[Row] = []
        for part in parts:
            same_day = by_day.get(part.day)
            row = same_day[0] if same_day else (spare.pop(0) if spare else None)
            if row is None:
                result.append(self._post(issue_id, part, comments))
            elif (row.day, row.hours, row.comments) != (part.day, part.hours, comments):
                # The activity is left alone: it may have been chosen on the web.
                body = {"time_entry": {"spent_on": str(part.day), "hours": part.hours,
                                       "comments": comments}}
                self._api.write("PUT", f"/time_entries/{row.id}.json", body)
                result.append(Row(row.id, row.issue_id, row.user_id, part.day, part.hours,
                                  comments))
            else:
                result.append(row)
        for extra in spare:
            self.delete(extra.id)
        return result

    def _post(self, issue_id: str, part: DayPart, comments: str) -> Row:
        body = {"time_entry": {"issue_id": int(issue_id), "spent_on": str(part.day),
                               "hours": part.hours, "activity_id": self.activity(),
                               "comments": comments}}
        return row_from(self._api.write("POST", "/time_entries.json", body).obj("time_entry"))

    def activity(self) -> int:
        """The account's activity (by id, or by name), else Redmine's default one, else
        its first active one."""
        if self._activity_id is None:
            reply = self._api.get("/enumerations/time_entry_activities.json")
            active = [a for a in reply.objects("time_entry_activities")
                      if a.opt_flag("active") is not False]
            if self._activity_name is not None:
                wanted = self._activity_name.casefold()
                chosen = next((a for a in active if a.text("name").casefold() == wanted), None)
                if chosen is None:
                    names = ", ".join(a.text("name") for a in active) or "none"
                    raise Rejected(f"Redmine has no active activity named "
                                   f"{self._activity_name!r} (it has: {names})")
            else:
                chosen = next((a for a in active if a.opt_flag("is_default")),
                              active[0] if active else None)
            if chosen is None:
                raise Rejected("Redmine has no active time entry activity: add one, or set "
                               "the account option 'activity'")
            self._activity_id = chosen.integer("id")
        return self._activity_id
