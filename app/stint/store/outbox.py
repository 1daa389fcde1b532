"""The outbox: user intents waiting for the server, and the one owner of their state.

An op is appended in the same transaction as the local change it describes
(DESIGN.md, invariant 1). From then on its `state` moves only through the named
transitions below, each written twice from one `Transition`: a function on a mapped
`Op` (or any object with its columns) and an SQL statement (`Transition.sql`; the
`*_all` forms move many ops in one statement). Both check the same table: an op
that is not in a state a transition starts from raises IllegalTransition — a bug,
never a person's or a server's mistake. The person's transitions (append, retry, discard,
resolve) take a SQLAlchemy Session or a plain sqlite3 connection.

  transition  from               to                  called by           why
  ----------  -----------------  ------------------  ------------------  -------------------------------------
  append      —                  pending             store/actions;      a user intent, with its local change;
                                                     sync/apply_pull     a stop for a timer a server's replaced
  claim       pending,           in_flight           sync/claims         committed before the request leaves:
              in_flight                                                  after a crash it is probed, not resent
  complete    in_flight          done                sync/push           the server confirmed; its result is
                                                                         recorded in the same transaction
  settle      pending,           done, local-only,   sync/plan (claims,  decided without the network (collapse
              in_flight          failed              push)               rules), a gone task or entry
  fail        in_flight          failed              sync/push           the server refused it (message kept)
  keep        in_flight          pending or          sync/push           a transient or sign-in error; in_flight
                                 in_flight                               if the request may have arrived
  release     in_flight          pending             sync/push           claimed, but its batch stopped first
  retry       failed             pending             the person          send it again
  discard     failed             discarded           the person          stop sending; the local change stays
  resolve     failed             done                the person          a create whose task the person found
                                                     (store/changes)     on the server: the local task became it
  (wait)      pending,           (unchanged)         sync/claims         why it waits (a failed op before it)
              in_flight
  (purge)     done, local-only   (row deleted)       sync/engine         a week later, after a good sync

Open (the engine still has work): pending and in_flight. Failed waits for the person;
done, local-only and discarded are final. Local-only is spelled as an entry's sync
state is ("local-only"): the op's time stays here because the server cannot hold it.

Collapse rules — what `settle` means for a queue (decided in sync/plan.py, which
reads the op, the local state and the server's capabilities):
  1. A later status change of a task replaces an earlier open one: the earlier
     settles done unsent (unless in flight: it may have arrived, so it is probed).
  2. A stop is settled with its start. A start still queued when its timer stopped
     goes out as one interval (the stop settles done with it); on a live-timer
     server both settle local-only — a server clock cannot start in the past —
     unless the start may have arrived: then the server's timer is looked at.
  3. A server holding one total per task gets only the newest of the task's queued
     time changes; earlier ones settle done, and a start sends nothing.
  4. On a server without running entries a start settles done: the interval goes
     out when it stops.
  5. Deleted before it reached the server (task or entry), or a create for a task
     that already has its remote id: done, nothing to send.
  6. Time a server cannot hold (no time API, a live timer edited by hand): local-only.
  7. What the server cannot do (create tasks, change statuses, an unknown status):
     failed, with the reason, like a refusal.

Module imports are standard library only: the store's plain-sqlite3 paths and the
tray import this module without loading SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.errors import NotFound, Refused
from ..domain.model import SYNC_FAILED, SYNC_LOCAL_ONLY, SYNC_PENDING

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.orm import Session

    from .models import Op

    Db = Session | sqlite3.Connection

KINDS = ("create_task", "start", "stop", "set_status", "create_entry", "update_entry", "delete_entry")


class OpState(StrEnum):
    """The values stored in `outbox.state`."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"
    LOCAL_ONLY = SYNC_LOCAL_ONLY
    FAILED = "failed"
    DISCARDED = "discarded"


OPEN_STATES: tuple[OpState, ...] = (OpState.PENDING, OpState.IN_FLIGHT)
PURGEABLE: tuple[OpState, ...] = (OpState.DONE, OpState.LOCAL_ONLY)


class IllegalTransition(Exception):
    """A transition asked of an op in a state it does not start from: a bug."""


class OpRow(Protocol):
    seq: int
    state: str
    attempts: int
    sent_at: datetime | None
    next_attempt_at: datetime | None
    last_error: str | None


def _in(states: Sequence[str]) -> str:
    return ", ".join(f"'{s}'" for s in states)


_LISTED = "seq IN (SELECT value FROM json_each(:seqs))"  # :seqs, a JSON list of ints


class Transition:
    """A named move from `sources` to one of `targets` (see the table above).
    A plain class, not a dataclass: the tray imports this module on its first read."""

    __slots__ = ("name", "sources", "targets", "sets")

    def __init__(self, name: str, sources: tuple[OpState, ...], targets: tuple[OpState, ...],
                 sets: str = "") -> None:
        self.name, self.sources, self.targets = name, sources, targets
        self.sets = sets  # the other columns it writes, as SQL with :named parameters

    def move(self, op: OpRow, target: OpState | None = None) -> None:
        to = self._target(target)
        if op.state not in self.sources:
            raise IllegalTransition(f"{self.name}: op #{op.seq} is {op.state}, not {' or '.join(self.sources)}")
        op.state = to

    def sql(self, target: OpState | None = None, *, where: str = "seq = :seq") -> str:
        """The statement for one op (:seq, or those `where` picks); it leaves an op
        that is not in a source state as it is."""
        sets = f", {self.sets}" if self.sets else ""
        return (f"UPDATE outbox SET state = '{self._target(target)}'{sets} "
                f"WHERE {where} AND state IN ({_in(self.sources)})")

    def apply_all(self, db: Db, seqs: Sequence[int], target: OpState | None = None, **values: Any) -> None:
        """`sql` for many ops in one statement (the other columns it writes are the
        same for all of them). An op deleted meanwhile (its account removed) is
        skipped; if one is in a state the transition does not start from, it
        raises, and the caller's transaction undoes the rest."""
        if not seqs:
            return
        wanted = {"seqs": "[" + ",".join(str(int(seq)) for seq in set(seqs)) + "]"}
        changed = _execute(db, self.sql(target, where=_LISTED), {**wanted, **values}).rowcount
        if changed == len(set(seqs)):
            return
        present = _execute(db, f"SELECT count(*) FROM outbox WHERE {_LISTED}", wanted).fetchone()[0]
        if present != changed:
            raise IllegalTransition(f"{self.name}: {present - changed} of ops {wanted['seqs']} "
                                    f"not {' or '.join(self.sources)}")

    def _target(self, target: OpState | None) -> OpState:
        if target is None and len(self.targets) == 1:
            return self.targets[0]
        if target is None or target not in self.targets:
            raise IllegalTransition(f"{self.name} leads to {' or '.join(self.targets)}, not {target}")
        return target


CLAIM = Transition("claim", OPEN_STATES, (OpState.IN_FLIGHT,), "sent_at = :now, attempts = attempts + 1")
COMPLETE = Transition("complete", (OpState.IN_FLIGHT,), (OpState.DONE,), "last_error = NULL")
SETTLE = Transition("settle", OPEN_STATES, (OpState.DONE, OpState.LOCAL_ONLY, OpState.FAILED), "last_error = :why")
FAIL = Transition("fail", (OpState.IN_FLIGHT,), (OpState.FAILED,), "last_error = :why")
KEEP = Transition("keep", (OpState.IN_FLIGHT,), OPEN_STATES, "last_error = :why")
RELEASE = Transition("release", (OpState.IN_FLIGHT,), (OpState.PENDING,), "attempts = attempts - 1")
RETRY = Transition("retry", (OpState.FAILED,), (OpState.PENDING,),
                   "attempts = 0, next_attempt_at = NULL, last_error = NULL")
DISCARD = Transition("discard", (OpState.FAILED,), (OpState.DISCARDED,))
RESOLVE = Transition("resolve", (OpState.FAILED,), (OpState.DONE,), "last_error = :why")
TRANSITIONS = (CLAIM, COMPLETE, SETTLE, FAIL, KEEP, RELEASE, RETRY, DISCARD, RESOLVE)


def _stamp(at: datetime) -> int:
    return int(at.timestamp())  # as models.UTCSeconds stores it


# -- the engine's transitions --------------------------------------------------------

def claim(op: OpRow, now: datetime) -> None:
    CLAIM.move(op)
    op.sent_at, op.attempts = now, op.attempts + 1


def claim_all(db: Db, seqs: Sequence[int], now: datetime) -> None:
    CLAIM.apply_all(db, seqs, now=_stamp(now))


def complete(op: OpRow) -> None:
    COMPLETE.move(op)
    op.last_error = None


def complete_all(db: Db, seqs: Sequence[int]) -> None:
    COMPLETE.apply_all(db, seqs)


def settle(op: OpRow, state: OpState, why: str) -> None:
    """Final without (more) network: `why` is kept only for a failure."""
    SETTLE.move(op, state)
    op.last_error = why if state == OpState.FAILED else None


def fail(op: OpRow, message: str) -> None:
    FAIL.move(op)
    op.last_error = message


def keep(op: OpRow, message: str, *, may_have_arrived: bool) -> None:
    """Back off and come again: a request that may have reached the server stays
    in_flight, so the next run looks at the server before replaying it."""
    KEEP.move(op, OpState.IN_FLIGHT if may_have_arrived else OpState.PENDING)
    op.last_error = message


def release_all(db: Db, seqs: Sequence[int]) -> None:
    """Claimed ops whose requests never left: pending, as if never claimed."""
    RELEASE.apply_all(db, seqs)


def waits_for(seq: int, why: str) -> str:
    """The reason an open op waits for op `seq` before it (`unblock` finds it again)."""
    return f"waits for op #{seq}, {why}"


def wait(op: OpRow, why: str) -> None:
    """An open op that cannot go yet: it stays as it is, with the reason shown."""
    if op.state not in OPEN_STATES:
        raise IllegalTransition(f"wait: op #{op.seq} is {op.state}, not open")
    op.last_error = why


def purge(db: Db, account_id: int, before: datetime) -> None:
    """Drop an account's finished ops older than `before` (kept a while for the record)."""
    _execute(db, f"DELETE FROM outbox WHERE account_id = :account AND state IN ({_in(PURGEABLE)}) "
                 "AND created_at < :before", {"account": account_id, "before": _stamp(before)})


# -- the person's transitions (a Session or a sqlite3 connection) ----------------------

_APPEND = ("INSERT INTO outbox (uuid, account_id, kind, task_id, entry_id, payload, attempts, state, created_at) "
           f"VALUES (:uuid, :account, :kind, :task, :entry, :payload, 0, '{OpState.PENDING}', :now)")


def append(db: Db, *, account_id: int, kind: str, now: datetime, task_id: int | None = None,
           entry_id: str | None = None, payload: dict[str, Any] | None = None) -> int:
    """Queue an intent; returns its seq. In the caller's transaction, with the
    local change it describes."""
    import json
    import uuid

    if kind not in KINDS:
        raise ValueError(f"unknown op kind {kind!r}")
    cursor = _execute(db, _APPEND, {"uuid": str(uuid.uuid4()), "account": account_id, "kind": kind,
                                    "task": task_id, "entry": entry_id, "payload": json.dumps(payload or {}),
                                    "now": _stamp(now)})
    return int(cursor.lastrowid)


def retry(db: Db, seq: int) -> None:
    """Put failed op `seq` back in the queue: the next sync sends it again at once.
    The entry it concerns is marked pending again."""
    entry_id = _user_move(db, RETRY, seq)
    _unblock(db, seq)
    if entry_id is not None:
        _execute(db, "UPDATE entry SET sync = :pending WHERE id = :entry AND sync = :failed",
                 {"pending": SYNC_PENDING, "entry": entry_id, "failed": SYNC_FAILED})


def discard(db: Db, seq: int) -> None:
    """Give up on failed op `seq` (kept in the table as discarded, never sent). The
    local change it described is kept; an entry it concerns is marked local-only once
    no other failed op is left for it, so its time still shows as something the
    server does not hold."""
    entry_id = _user_move(db, DISCARD, seq)
    if entry_id is not None:
        _execute(db, f"UPDATE entry SET sync = :local_only WHERE id = :entry AND sync = :failed AND NOT EXISTS "
                     f"(SELECT 1 FROM outbox WHERE entry_id = :entry AND state = '{OpState.FAILED}')",
                 {"local_only": SYNC_LOCAL_ONLY, "entry": entry_id, "failed": SYNC_FAILED})


def resolve(db: Db, seq: int, why: str) -> None:
    """Failed op `seq` is settled by the person without sending it (a create whose
    task they found on the server, store/changes.py): done, with `why` kept."""
    _user_move(db, RESOLVE, seq, why=why)
    _unblock(db, seq)


def _unblock(db: Db, seq: int) -> None:
    """The person answered op `seq`: the open ops that waited for it no longer say
    so (the next sync decides again whether they wait)."""
    _execute(db, f"UPDATE outbox SET last_error = NULL WHERE state IN ({_in(OPEN_STATES)}) "
                 "AND last_error LIKE :reason", {"reason": waits_for(seq, "%")})


def _user_move(db: Db, transition: Transition, seq: int, **values: Any) -> str | None:
    """The person's move of op `seq`, refused in words they can act on; returns the
    op's entry id."""
    row = _execute(db, "SELECT state, entry_id FROM outbox WHERE seq = :seq", {"seq": seq}).fetchone()
    if row is None:
        raise NotFound(f"no queued change #{seq}")
    if row[0] not in transition.sources:
        raise Refused(f"change #{seq} is {row[0]}, not {' or '.join(transition.sources)}")
    _execute(db, transition.sql(), {"seq": seq, **values})
    return row[1]


def counts(db: Db, account_id: int | None = None) -> dict[str, int]:
    """How many ops are open (pending or in flight) and how many failed."""
    where = "" if account_id is None else "WHERE account_id = :account"
    by_state = dict(_execute(db, f"SELECT state, count(*) FROM outbox {where} GROUP BY state",
                             {} if account_id is None else {"account": account_id}).fetchall())
    return {"pending": sum(by_state.get(s, 0) for s in OPEN_STATES), "failed": by_state.get(OpState.FAILED, 0)}


def failed(session: Session) -> list[Op]:
    from sqlalchemy import select

    from .models import Op

    return list(session.scalars(select(Op).where(Op.state == OpState.FAILED).order_by(Op.seq)))


# -- one statement, either connection (:named parameters) ---------------------------------

def _execute(db: Db, sql: str, params: dict[str, Any]) -> Any:
    conn: Any = db
    return conn.execute(sql if _is_sqlite3(db) else _text(sql), params)


def _is_sqlite3(db: object) -> bool:
    return hasattr(db, "executemany")  # a DB-API connection; a Session has no such method


@cache
def _text(sql: str) -> Any:
    from sqlalchemy import text

    return text(sql)
