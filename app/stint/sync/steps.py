"""The values `plan` answers with, shared by plan, timer and calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import Op
from ..store.outbox import OPEN_STATES, OpState

TIME_KINDS = ("stop", "create_entry", "update_entry", "delete_entry")
OFFLINE_INTERVAL = "tracked while the server could not be told; this server only runs a live timer"
NO_TIME_API = "local only (server has no time API)"
SLACK_SECONDS = 60  # below this, a difference between clocks is not worth reporting


@dataclass(frozen=True)
class Settled:
    state: OpState                  # done | local-only | failed
    why: str
    entries: tuple[str, ...] = ()   # entries that become local only
    also: tuple[int, ...] = ()      # other ops settled with this one (the stop of a pair)


@dataclass(frozen=True)
class Wait:
    why: str


@dataclass(frozen=True)
class Call:
    kind: str
    key: str
    task_remote_id: str | None = None
    title: str = ""
    description: str = ""
    known: frozenset[str] = frozenset()
    entry_id: str | None = None
    entry_remote_id: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    note: str = ""
    status_remote_id: str | None = None
    offline_pair: tuple[int, ...] = ()  # start of an interval already stopped: probe only
    also: tuple[int, ...] = ()          # ops this call settles too (a stop sent with its start)
    seconds: int = 0                    # set_task_total: our total for the task


LOCAL_ONLY = object()       # send/probe: nothing to send, the interval stays local
ALREADY_STOPPED = object()  # stop: the server's timer was not running


def _open(s: Session, entry_id: str, kind: str, after: int) -> list[int]:
    return list(s.scalars(select(Op.seq).where(
        Op.entry_id == entry_id, Op.kind == kind, Op.seq > after, Op.state.in_(OPEN_STATES))))
