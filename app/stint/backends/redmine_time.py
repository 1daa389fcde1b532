"""Redmine's way of holding time, and ours mapped onto it: hours per issue per day.

Redmine's time entries have a day (`spent_on`) and a number of hours, no start and
no end. One of our entries therefore becomes one Redmine entry per local day it
touches, and every part carries the entry's key in its comments,
"[stint:KEY] note", so that a retried create finds what already exists and a pull
can tell our entries from time logged on the web. The parts' ids travel together
as one remote id, "12+13". Everything here is pure: no HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from stint.backends.base import BadResponse, Rejected, RemoteEntry
from stint.backends.parse import Obj
from stint.domain.weeks import local_midnight, split_by_day

# Redmine refuses longer comments with a 422 ("Comment is too long").
MAX_COMMENTS = 1024
# Hours are sent with 2 decimals (Redmine stores about that much: 1.005 comes back
# as 1.01), so each day's part is exact to 36 seconds.
HOURS_DECIMALS = 2
# More than any day holds, but what Redmine lets one entry say: above it a row is nonsense.
MAX_HOURS = 1000.0
_MARKER = re.compile(r"^\[stint:([A-Za-z0-9_-]{1,64})\] ?")
_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class DayPart:
    day: date
    hours: float


@dataclass(frozen=True)
class Row:
    """One Redmine time entry as read from the API."""

    id: str
    issue_id: str | None
    user_id: str | None
    day: date
    hours: float
    comments: str

    @property
    def key(self) -> str | None:
        return parse_comments(self.comments)[0]


@dataclass(frozen=True)
class RedmineEntry(RemoteEntry):
    """A RemoteEntry that also says how its time falls on local days (`days`).

    `client_key` is the key we wrote into the comments (None for time logged on the
    web). Redmine has no time of day, so the instants are made up to fall on the
    right days: a one-day entry starts at that day's local midnight; an entry of
    several days ends its first part at the first midnight, as the interval it came
    from did (that is exact while the middle days are whole, as ours are).
    `ended_at` is always `started_at + seconds`. Compare `days`, not instants.
    """

    days: tuple[tuple[date, int], ...] = field(default_factory=tuple)


def marker(key: str) -> str:
    if not _KEY.fullmatch(key):
        # The key goes into text that is searched later: anything but a plain
        # token could be confused with a note, or never be found again.
        raise Rejected(f"not a usable entry key for Redmine: {key!r}")
    return f"[stint:{key}]"


def comments_for(key: str | None, note: str) -> str:
    """The comments for one part: our marker, then the note as it is (so that it comes
    back unchanged), cut to Redmine's limit."""
    text = (f"{marker(key)} {note}" if note else marker(key)) if key else note
    return text if len(text) <= MAX_COMMENTS else text[: MAX_COMMENTS - 1] + "…"


def parse_comments(comments: str) -> tuple[str | None, str]:
    """(our key or None, the note without the marker)."""
    found = _MARKER.match(comments)
    if found is None:
        return None, comments
    return found.group(1), comments[found.end():]


def day_parts(started_at: datetime, ended_at: datetime, tz: tzinfo) -> list[DayPart]:
    """Split [started_at, ended_at) at local midnights into hours per local day.

    Parts that round to 0.00 h (under 18 s next to midnight) are dropped, unless the
    whole entry is that short: then its longest day is kept with 0 hours, so that
    the entry still exists on the server (Redmine accepts 0 hours by default).
    """
    if ended_at <= started_at:
        raise Rejected("a time entry must end after it starts")
    first = started_at.astimezone(tz).date()
    last = ended_at.astimezone(tz).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 2)]
    edges = [local_midnight(d, tz) for d in days]
    seconds = [(days[i], s) for i, s in split_by_day(started_at, ended_at, edges)]
    parts = [DayPart(d, round(s / 3600, HOURS_DECIMALS)) for d, s in seconds]
    kept = [p for p in parts if p.hours > 0]
    if kept:
        return kept
    longest = max(seconds, key=lambda pair: pair[1])[0]
    return [DayPart(longest, 0.0)]


def encode_ids(ids: Iterable[str]) -> str:
    return "+".join(ids)


def decode_ids(remote_id: str) -> list[str]:
    ids = remote_id.split("+")
    if not remote_id or not all(i.isascii() and i.isdigit() for i in ids):
        raise Rejected(f"not a Redmine time entry id: {remote_id!r}")
    return ids


def seconds_of(hours: float) -> int:
    return round(hours * 3600)


def entries_from_rows(rows: Iterable[Row], tz: tzinfo) -> list[RedmineEntry]:
    """Rows with the same key on the same issue are the parts of one entry of ours;
    every other row is an entry of its own. Rows without an issue are left out:
    Stint's time always belongs to a task."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        if row.issue_id is None:
            continue
        group = (row.key, row.issue_id) if row.key else (f"#{row.id}", row.issue_id)
        groups.setdefault(group, []).append(row)
    return sorted(
        (entry_of(parts, tz) for parts in groups.values()),
        key=lambda e: (e.started_at, e.remote_id),
    )


def entry_of(rows: list[Row], tz: tzinfo) -> RedmineEntry:
    rows = sorted(rows, key=lambda r: (r.day, int(r.id)))
    first = rows[0]
    key, note = parse_comments(first.comments)
    seconds = sum(seconds_of(r.hours) for r in rows)
    if len(rows) == 1:
        started = local_midnight(first.day, tz)
    else:
        started = local_midnight(first.day + timedelta(days=1), tz) - timedelta(
            seconds=seconds_of(first.hours))
    return RedmineEntry(
        remote_id=encode_ids(r.id for r in rows),
        task_remote_id=first.issue_id or "",
        started_at=started,
        ended_at=started + timedelta(seconds=seconds),
        seconds=seconds,
        note=note,
        user_remote_id=first.user_id,
        client_key=key,
        days=tuple((r.day, seconds_of(r.hours)) for r in rows),
    )


def row_from(o: Obj) -> Row:
    issue, user = o.opt_obj("issue"), o.opt_obj("user")
    day = o.opt_day("spent_on")
    if day is None:
        raise BadResponse(f"{o.where}.spent_on: missing")
    return Row(
        id=o.int_id("id"),
        issue_id=issue.int_id("id") if issue else None,
        user_id=user.int_id("id") if user else None,
        day=day,
        hours=_hours(o),
        comments=o.opt_text("comments") or "",
    )


def _hours(o: Obj) -> float:
    hours = o.number("hours")
    if not 0 <= hours <= MAX_HOURS:
        raise BadResponse(f"{o.where}.hours: out of range")
    return hours
