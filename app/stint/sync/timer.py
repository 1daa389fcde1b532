"""Ops on a live-timer server (capabilities.live_timer, e.g. Wapify): the server runs
the clock, so a start and a stop are sent as they happen, and an interval tracked
while the server could not be told cannot be sent at all: it stays local only
(DESIGN "Sync cycle" 3)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain.model import SYNC_LOCAL_ONLY
from ..store.models import Entry, Op
from ..store.outbox import OpState
from .steps import OFFLINE_INTERVAL, Call, Settled, Wait, _open

EDITS_STAY = "this server only runs a live timer; edited or logged time stays here"


def plan(s: Session, op: Op, entry: Entry | None, rid: str, ambiguous: bool) -> Settled | Wait | Call:
    if op.kind == "start":
        if entry is None or entry.deleted:
            return Settled(OpState.LOCAL_ONLY, "deleted before it reached the server",
                           also=tuple(_open(s, op.entry_id or "", "stop", op.seq)))
        stops = tuple(_open(s, entry.id, "stop", op.seq))
        if entry.ended_at is not None and stops:
            if not ambiguous:
                return Settled(OpState.LOCAL_ONLY, OFFLINE_INTERVAL, entries=(entry.id,), also=stops)
            return Call("start", op.uuid, rid, entry_id=entry.id, offline_pair=stops)
        return Call("start", op.uuid, rid, entry_id=entry.id, started_at=entry.started_at)
    if op.kind == "stop":
        if entry is None or entry.sync == SYNC_LOCAL_ONLY:
            return Settled(OpState.LOCAL_ONLY if entry else OpState.DONE, OFFLINE_INTERVAL)
        if entry.remote_id is None:
            if _open(s, entry.id, "start", 0):
                return Wait("waits for its start to reach the server")
            return Settled(OpState.LOCAL_ONLY, "its start never reached the server", entries=(entry.id,))
        return Call("stop", op.uuid, rid, entry_id=entry.id, entry_remote_id=entry.remote_id,
                    ended_at=entry.ended_at)
    # create_entry / update_entry / delete_entry: intervals typed or edited by hand.
    return Settled(OpState.LOCAL_ONLY, EDITS_STAY, entries=(entry.id,) if entry is not None else ())
