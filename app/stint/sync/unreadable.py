"""Records a server sent that Stint could not understand (DESIGN invariant 8): the
pull skips them and goes on; they are named in the sync report the first time and
in `stint status` for as long as the server keeps them, and forgotten when it drops
or fixes them.

The account keeps them in cursors["unreadable"], by where they were read:

    statuses   replaced whenever the statuses are read (hourly, or for an unknown one)
    tasks      replaced every cycle (the task list and the tasks fetched one by one)
    entries    replaced by a full listing; merged by what changed since a cursor
               (a record fixed or hidden there comes again, and clears)

Each is {"what", "id", "title", "why"} (an `Unreadable` as JSON): no value of the
record beyond the id and title it could be told by.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..backends.base import Unreadable

KEY = "unreadable"


@dataclass
class Skipped:
    """What one pull could not read, by source; `merged` sources add to what was
    skipped before (changes since a cursor) instead of replacing it, and `seen`
    holds the ids that came again readable there."""

    by_source: dict[str, list[Unreadable]] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)

    def add(self, source: str, records: Iterable[Unreadable]) -> None:
        self.by_source.setdefault(source, []).extend(records)


def as_json(u: Unreadable) -> dict[str, Any]:
    return {"what": u.what, "id": u.remote_id, "title": u.title, "why": u.why}


def _identity(item: Mapping[str, Any]) -> tuple[Any, ...]:
    if item.get("id") is not None:
        return (item.get("what"), item["id"])
    return (item.get("what"), item.get("title"), item.get("why"))


def update(cursors: dict[str, Any], skipped: Skipped) -> list[dict[str, Any]]:
    """Write this pull's skipped records into the account's cursors; returns every
    record skipped now, each with "new": whether it was not skipped before."""
    held: dict[str, list[dict[str, Any]]] = {k: list(v) for k, v in (cursors.get(KEY) or {}).items()}
    before = {_identity(item) for items in held.values() for item in items}
    for source, records in skipped.by_source.items():
        fresh = [as_json(u) for u in records]
        if source in skipped.merged:
            again = {_identity(item) for item in fresh}
            kept = [item for item in held.get(source, [])
                    if _identity(item) not in again and item.get("id") not in skipped.seen]
            fresh = kept + fresh
        held[source] = list({_identity(item): item for item in fresh}.values())
    current = {k: v for k, v in held.items() if v}
    if current:
        cursors[KEY] = current
    else:
        cursors.pop(KEY, None)
    everything = {_identity(item): item for items in current.values() for item in items}
    return [{**item, "new": key not in before} for key, item in everything.items()]


def label(item: Mapping[str, Any], *, with_what: bool = True) -> str:
    parts = [str(item.get("what") or "record")] if with_what else []
    if item.get("id"):
        parts.append(str(item["id"]))
    if item.get("title"):
        parts.append(f"\u201c{item['title']}\u201d")
    return " ".join(parts) or "a record"


_PLURALS = {"entry": "entries", "status": "statuses"}


def summary(account: str, items: list[Mapping[str, Any]]) -> str:
    """One line for `stint status`: '1 task from work skipped: -5 “Fix login” (why)'."""
    kinds = {str(i.get("what") or "record") for i in items}
    what = kinds.pop() if len(kinds) == 1 else "record"
    noun = what if len(items) == 1 else _PLURALS.get(what, what + "s")
    told = "; ".join(f"{label(i, with_what=what == 'record')} ({i.get('why')})" for i in items)
    return f"{len(items)} {noun} from {account} skipped: {told}"
