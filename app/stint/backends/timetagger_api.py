"""TimeTagger's record API for one token: reads, writes that are read back, a cache.

The adapter (`stint.backends.timetagger`) maps records to tasks and entries; this
module only moves records, through `http.send` so every answer that is not a 2xx
leaves as an error of `stint.backends.base` (401 → AuthRejected, and so on).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import httpx

from stint.backends.base import BadResponse, Listing, Rejected, Secret
from stint.backends.http import Reply, send
from stint.backends.parse import Obj
from stint.backends.timetagger_records import Record, epoch, instant
from stint.domain.clock import Clock

log = logging.getLogger("stint.backends.timetagger")

API = "/api/v2"
LAST_SECOND = 253_402_300_799  # 9999-12-31T23:59:59Z: later times cannot be dates


class RecordAPI:
    def __init__(self, client: httpx.Client, root: str, token: Secret, clock: Clock) -> None:
        self._client = client
        self._url = root + API
        self._token = token
        self._clock = clock
        # The latest copy seen of each record, so an update or delete (which must
        # send the whole record) rarely has to look it up.
        self._seen: dict[str, Record] = {}

    def records(self, start: datetime, end: datetime, **filters: str) -> Listing[Record]:
        """GET /records: records overlapping [start, end] and running records that
        started before `end`; filters as the API names them (hidden="0", ...). A
        record that cannot be read is left out, named in `skipped`."""
        params = {"timerange": f"{epoch(start)}-{epoch(end)}", **filters}
        reply = self._call("GET", "/records", params=params)
        return self._remember(Obj(reply.json()).records("records", _parse, "entry"))

    def updates(self, since: str) -> tuple[float, bool, Listing[Record]]:
        """GET /updates: (server_time, reset, records written since `since`)."""
        data = self._call("GET", "/updates", params={"since": since}).json()
        root = Obj(data)
        reset = data.get("reset")
        # A quick "nothing new" answer says reset=0, a full one reset=false/true.
        if reset not in (True, False, 0, 1):
            raise BadResponse("reply.reset: expected true or false")
        records = self._remember(root.records("records", _parse, "entry"))
        return root.number("server_time"), bool(reset), records

    def find(self, key: str) -> Record | None:
        """The server's copy of a record, None if it has none."""
        if key not in self._seen:
            # Rare: a record this process never read. One full read fills the cache.
            self.updates("0")
        return self._seen.get(key)

    def write(self, record: Record) -> Record | None:
        """PUT one record; return the copy the server holds afterwards.

        The server lists a write with an older mt as accepted and keeps its own copy,
        so the record is read back over its own time range. None: the copy found
        there is not ours, so the server kept another one elsewhere in time.
        """
        data = self._call("PUT", "/records", body=[record.body()]).json()
        Obj(data)  # an object, or BadResponse
        accepted, failed = _strings(data, "accepted"), _strings(data, "failed")
        errors = _strings(data, "errors")
        if record.key in failed:
            # errors[i] explains failed[i]; items without a key append after them.
            index = failed.index(record.key)
            message = errors[index] if index < len(errors) else "refused without a reason"
            raise Rejected(f"TimeTagger refused the entry: {message}")
        if record.key not in accepted:
            raise BadResponse("the server neither accepted nor refused the entry")
        low, high = instant(record.t1), instant(record.t2)
        kept = next((r for r in self.records(low, high) if r.key == record.key), None)
        if kept is None:
            log.info("record %s: the server kept a copy outside the range we wrote", record.key)
        return kept

    def _remember(self, records: Listing[Record]) -> Listing[Record]:
        for r in records:
            held = self._seen.get(r.key)
            if held is None or r.st >= held.st:
                self._seen[r.key] = r
        return records

    def _call(
        self, method: str, path: str, *, params: dict[str, str] | None = None, body: Any = None
    ) -> Reply:
        token = self._token.reveal()
        return send(
            self._client, method, self._url + path,
            params=params, json_body=body,
            headers={"authtoken": token}, secrets=(token,), clock=self._clock, server="TimeTagger",
        )


def _parse(o: Obj) -> Record:
    key = o.text("key")
    if not key or len(key) >= 256:
        raise BadResponse(f"{o.where}.key: not a record key")
    for name in ("t1", "t2", "mt"):
        if not 0 <= o.integer(name) <= LAST_SECOND:
            raise BadResponse(f"{o.where}.{name}: out of range")
    return Record(
        key=key, t1=o.integer("t1"), t2=o.integer("t2"), mt=o.integer("mt"),
        ds=o.opt_text("ds") or "", st=o.opt_number("st") or 0.0,
    )


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadResponse(f"reply.{key}: expected a list of strings")
    return value
