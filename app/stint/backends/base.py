"""What every backend is: the protocol, its capabilities, its values and its errors.

The sync engine talks to every server through `Backend`. It asks `capabilities`
what a server can hold instead of switching on the kind of server, and it sees
only the errors below: each adapter translates httpx exceptions and HTTP answers
into this tree at its border (see `stint.backends.http`).

    BackendError            anything a server or the way to it did to us
    ├── Offline             network down, refused, timed out, dropped
    │                       .maybe_applied: the request may have reached the server
    │                       (read timeout, connection dropped after sending)
    ├── AuthRejected        401: the credential is wrong, expired or revoked
    ├── RateLimited         429: .retry_after seconds before asking again
    ├── Rejected            400/403/404/409/422: permanent, .message from the server
    │   ├── AlreadyRunning  start on a task whose timer already runs
    │   ├── NotRunning      stop on a task whose timer does not run
    │   ├── Unsupported     the backend cannot do this (ask `capabilities` first)
    │   ├── Gone            404 on one named resource: deleted, or not ours to see
    │   └── CannotTell      after a lost reply, nothing shows whether the change was
    │                       made: the person decides (never a guess)
    ├── ServerError         5xx: the server failed; may have applied the change
    ├── BadResponse         2xx but not the documented shape (invalid JSON, wrong
    │   │                   types, missing fields, a body over the size cap)
    │   ├── NotTheServer    not JSON at all: the address is not the server's API
    │   └── UnreadableRecord  one record of a reply cannot be understood (.record)
    └── InvalidURL          a base URL we refuse (plain http to a remote host, ...)

`transient` says whether trying again later can help; `maybe_applied` says whether
the engine must look at the server before replaying a write (invariant 4).
No message ever carries a token or secret: adapters redact before raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

# Values read from here with the others (backends/listing.py holds them).
from stint.backends.listing import Listing, Unreadable  # noqa: F401


class BackendError(Exception):
    transient: bool = False
    maybe_applied: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Offline(BackendError):
    transient = True

    def __init__(self, message: str, *, maybe_applied: bool) -> None:
        super().__init__(message)
        self.maybe_applied = maybe_applied


class AuthRejected(BackendError):
    pass


class RateLimited(BackendError):
    transient = True

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Rejected(BackendError):
    """The server refused the request for good; `message` is its own words."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AlreadyRunning(Rejected):
    """After a lost reply to a start, this means the start was applied."""


class NotRunning(Rejected):
    """After a lost reply to a stop, this means the stop was applied."""


class Gone(Rejected):
    """404 on one named resource (a task, an entry): deleted on the server, or never
    visible to this credential (Gipo answers cross-org ids with 404). Permanent, so
    an engine that knew nothing of it would fail the op visibly; the sync engine
    instead settles the op: the thing it was about is no longer on the server."""

    gone = True

    def __init__(self, message: str) -> None:
        super().__init__(message, 404)


def gone_if_404(exc: Rejected, what: str) -> Rejected:
    """The error to raise for `exc`: a Gone naming `what` when the server said 404.

    What the sync engine does with a Gone: delete_entry → done; set_status or
    update_entry on a gone target → done, the task or entry marked as no longer on
    the server; create_entry on a gone task → the time stays local."""
    if exc.status == 404 and not isinstance(exc, Gone):
        return Gone(f"{what} is gone from the server ({exc.message})")
    return exc


class CannotTell(Rejected):
    """After an ambiguous failure the server cannot show whether the change was
    applied (no proof that a task is the one made here; a read it needs cannot be
    understood). Replaying could duplicate, dropping could lose: the op fails with
    this message, for the person to check the server and retry or discard."""


class Unsupported(Rejected):
    """A bug in the caller rather than a server answer, but permanent all the same:
    as a Rejected it fails the op visibly instead of retrying it forever."""


class ServerError(BackendError):
    transient = True
    # A 5xx can come after the change was committed (a gateway timeout, a crash
    # while answering), so a write is probed before it is replayed.
    maybe_applied = True

    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BadResponse(BackendError):
    # The server answered 2xx, so a write was most likely applied; a proxy or
    # captive portal answering in its place is also why this is transient.
    transient = True
    maybe_applied = True


class NotTheServer(BadResponse):
    """The address answered, but not as the server asked would (a web page, another
    product): the message says which server was expected."""


class UnreadableRecord(BadResponse):
    """One record (a task, an entry) of an otherwise good reply cannot be understood:
    a pull skips it and names it (`record`), and goes on with the rest. In a write's
    reply it is what BadResponse is: the write most likely happened."""

    def __init__(self, record: Unreadable) -> None:
        super().__init__(f"{record.label}: {record.why}")
        self.record = record


class InvalidURL(BackendError):
    pass


# --- values the backends return --------------------------------------------------
# Remote ids are str whatever the server uses; datetimes are aware and in UTC.

EntryUnit = Literal["interval", "day_hours", "task_total", "none"]


@dataclass(frozen=True)
class Capabilities:
    """What a server can hold. The sync engine asks these, never the kind. Every
    field is required: a backend says each one, so none is true or false by accident."""

    create_task: bool
    set_status: bool
    live_timer: bool          # server runs the clock: start/stop now, no offline interval
    running_entry: bool       # can store a running entry with our own start
    explicit_entries: bool    # create/update/delete intervals we tracked
    entry_unit: EntryUnit     # how the server records time
    server_timesheet: bool    # task_time() gives the server's totals per task
    idempotency_keys: bool    # `key` arguments make a retried write harmless
    pull_entries: bool        # list_entries() over a time range
    incremental_entries: bool  # changes_since(cursor): what changed, deletions too
    day_totals: bool          # timesheet(start, end): the server's seconds per task and day
    # Each task in list_tasks()/get_task() carries its running timer, and starting a
    # timer makes its task pending: the pending list plus the tasks we fetch one by
    # one show the active timer, so no separate active_timer() call is needed.
    timers_in_tasks: bool


@dataclass(frozen=True)
class RemoteStatus:
    remote_id: str
    name: str
    label: str
    color: str | None
    position: int
    is_done: bool


@dataclass(frozen=True)
class RemoteTimer:
    remote_entry_id: str
    task_remote_id: str
    started_at: datetime


@dataclass(frozen=True)
class RemoteTask:
    remote_id: str
    title: str
    description: str
    status_remote_id: str | None
    status_name: str | None
    project: str | None
    category: str | None
    due_date: date | None
    estimated_hours: float | None
    active_timer: RemoteTimer | None
    updated_at: datetime | None
    # The server keeps no title of its own: `title` only spells the task's id
    # (TimeTagger's #tags). A title the person gave the task here is kept.
    title_is_id: bool = False
    # Who made the task and when, where the server says (None: it does not): the
    # only proof that a task is the one a create whose reply was lost made.
    created_by: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class RemoteEntry:
    remote_id: str
    task_remote_id: str
    started_at: datetime
    ended_at: datetime | None
    seconds: int
    note: str = ""
    # Whose time it is, where the server says: a task's entries may include
    # colleagues' time, which must not land in this person's timesheet.
    user_remote_id: str | None = None
    # Deleted on the server (changes_since reports deletions as such).
    deleted: bool = False
    # Our key as the server stores it (the `key` given to create_entry: our entry
    # id), where the adapter can read it back; None for time logged on the web.
    client_key: str | None = None


@dataclass(frozen=True)
class Changes:
    """What changed since a cursor (Backend.changes_since)."""

    entries: list[RemoteEntry]
    cursor: str       # pass back to the next changes_since
    reset: bool       # the entries are everything: what the caller holds and is not here is gone
    skipped: tuple[Unreadable, ...] = ()  # changed records that could not be understood


@dataclass(frozen=True)
class TaskDay:
    """The server's time for one task on one day (a UTC day: what servers report)."""

    task_remote_id: str
    day: date
    seconds: int


@dataclass(frozen=True)
class TaskTime:
    task_remote_id: str
    total_seconds: int
    entries: tuple[RemoteEntry, ...] = field(default_factory=tuple)
    active: RemoteTimer | None = None
    skipped: tuple[Unreadable, ...] = ()  # entries that could not be understood


@dataclass(frozen=True)
class CreatedTask:
    remote_id: str
    status_remote_id: str | None
    timer: RemoteTimer | None


# --- the protocol ---------------------------------------------------------------


def _unsupported(backend: object, what: str) -> Unsupported:
    return Unsupported(f"{type(backend).__name__} cannot {what}")


class Backend(Protocol):
    """One configured server. Every method may raise any BackendError.

    Methods a server may lack have a default body raising `Unsupported`; an adapter
    that subclasses Backend overrides those its capabilities promise.
    """

    capabilities: Capabilities

    def check(self) -> str:
        """Validate the URL and credential; return who we are, for display."""
        ...

    def list_statuses(self) -> list[RemoteStatus]: ...

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> list[RemoteTask]: ...

    def get_task(self, remote_id: str) -> RemoteTask: ...

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        """`key` is the op's UUID, sent as an idempotency key where the API has one."""
        raise _unsupported(self, "create tasks")

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        """Returns the status id the server now holds for the task."""
        raise _unsupported(self, "change a task's status")

    def user_remote_id(self) -> str | None:
        """The id of the person this credential signs in as, where the server says
        (None: it does not)."""
        return None

    def create_is_idempotent(self) -> bool:
        """Whether sending create_task again after a lost reply makes no second task
        (a marker the server keeps: an idempotency key; or no request at all). Else
        the sync engine takes a task only when it is provably ours (sync/proof.py)."""
        return False

    def start_timer(self, task_remote_id: str) -> RemoteTimer:
        raise _unsupported(self, "run a timer")

    def stop_timer(self, task_remote_id: str) -> RemoteEntry:
        raise _unsupported(self, "run a timer")

    def active_timer(self) -> RemoteTimer | None:
        raise _unsupported(self, "run a timer")

    def task_time(self, task_remote_id: str) -> TaskTime:
        raise _unsupported(self, "report time per task")

    def list_entries(self, start: datetime, end: datetime) -> list[RemoteEntry]:
        raise _unsupported(self, "list time entries")

    def create_entry(
        self,
        task_remote_id: str,
        started_at: datetime,
        ended_at: datetime | None,
        note: str,
        key: str,
    ) -> RemoteEntry:
        """ended_at None asks for a running entry (capabilities.running_entry)."""
        raise _unsupported(self, "store time entries")

    def update_entry(
        self, remote_id: str, started_at: datetime, ended_at: datetime | None, note: str
    ) -> RemoteEntry:
        raise _unsupported(self, "edit time entries")

    def delete_entry(self, remote_id: str) -> None:
        raise _unsupported(self, "delete time entries")

    def changes_since(self, cursor: str | None) -> Changes:
        """Entries written since `cursor` (None: all), deletions with deleted=True
        (capabilities.incremental_entries)."""
        raise _unsupported(self, "list changes since a cursor")

    def timesheet(self, start: date, end: date) -> list[TaskDay]:
        """The server's seconds per task per day, `start` to `end` inclusive
        (capabilities.day_totals)."""
        raise _unsupported(self, "report a timesheet")

    def set_task_total(self, task_remote_id: str, seconds: int) -> int:
        """Make the task's total time `seconds` (entry_unit "task_total"); returns
        what the server now holds."""
        raise _unsupported(self, "hold a total per task")


class Secret:
    """A credential that keeps out of repr, str and tracebacks' locals display."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__
