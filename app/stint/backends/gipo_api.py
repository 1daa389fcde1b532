"""The Gipo v1 wire (Gipo's REST API v1 reference): Bearer `ba_` key, the two
paging styles, Idempotency-Key on every POST, and 404 as Gone.

Every list is read through `pages()`, which follows whichever style the reply
uses: `{"data": [...], "total": n}` is offset paging (`limit`/`offset`), and
`{"data": [...], "pagination": {"nextCursor": id|null}}` is cursor paging
(`limit`/`cursor`). The engine never sees a page.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import httpx

from stint.backends.base import BadResponse, Listing, Rejected, Secret, gone_if_404
from stint.backends.http import Reply, send
from stint.backends.parse import Obj, read_records
from stint.domain.clock import Clock

T = TypeVar("T")
PAGE_SIZE = 100
MAX_PAGES = 1000  # a server whose cursor never ends must not hang a sync
KEY_PREFIX = "ba_"
# Ids go into URL paths: only plain tokens, so an id can never become another path.
ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
# Keys are derived, not random: a replay of the same op after a lost reply sends
# the same key, so the server answers the first result instead of acting twice.
_KEY_SPACE = uuid.UUID("6f6c0b3e-5b7e-4c4f-9a59-2f0f4f2f6a10")


def idempotency_key(purpose: str, key: str) -> str:
    return f"stint-{uuid.uuid5(_KEY_SPACE, f'{purpose}:{key}')}"


def check_key(api_key: str) -> Secret:
    key = api_key.strip()
    if not key.startswith(KEY_PREFIX) or len(key) <= len(KEY_PREFIX):
        # Never echo the value: it may be a working key of another service.
        raise Rejected(
            "not a Gipo API key: Gipo keys start with ba_ "
            "(Organization Settings → API Keys → Create Key)"
        )
    return Secret(key)


def check_id(value: str, what: str) -> str:
    if not ID.fullmatch(value) or not value.isascii():
        raise Rejected(f"not a Gipo {what} id: {value!r}")
    return value


def id_of(o: Obj, key: str) -> str:
    """Ids are strings in Gipo replies: a number where an id belongs is a wrong reply."""
    value = o.text(key)
    if not ID.fullmatch(value):
        raise BadResponse(f"{o.where}.{key}: not an id")
    return value


def opt_id_of(o: Obj, key: str) -> str | None:
    return id_of(o, key) if o.has(key) else None


class GipoWire:
    """Requests with the key, translated errors, and lists across pages."""

    def __init__(self, client: httpx.Client, api_url: str, key: Secret, clock: Clock) -> None:
        self._client = client
        self.api_url = api_url
        self._key = key
        self._clock = clock

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        idem: str | None = None,
        what: str | None = None,
    ) -> Reply:
        headers = {"Authorization": f"Bearer {self._key.reveal()}"}
        if method == "POST":
            headers["Idempotency-Key"] = idem or f"stint-{uuid.uuid4()}"
        try:
            return send(
                self._client, method, self.api_url + path, params=params, json_body=body,
                headers=headers, secrets=(self._key.reveal(),), clock=self._clock, server="Gipo",
            )
        except Rejected as exc:
            # Cross-organisation ids answer 404 like deleted ones: for one named
            # resource both mean it is gone for us, for good.
            raise (gone_if_404(exc, what) if what else exc) from None

    def data(self, method: str, path: str, **kw: Any) -> Obj:
        """A single-resource reply: {"data": {...}}."""
        return Obj(self.request(method, path, **kw).json()).obj("data")

    def records(self, path: str, read: Callable[[Obj], T], what: str,
                params: Mapping[str, str] | None = None) -> Listing[T]:
        """Every item of a paged list, read by `read`; one that cannot be is skipped
        (and named in the result's `skipped`)."""
        found: Listing[T] = Listing()
        for items, where in self.pages(path, params):
            found.extend_from(read_records(items, read, what, where))
        return found

    def pages(self, path: str, params: Mapping[str, str] | None = None) -> Iterator[tuple[list[Any], str]]:
        """Each page's items as the server sent them, and where they were."""
        offset, cursor, seen = 0, None, set()
        for _ in range(MAX_PAGES):
            query = {**(params or {}), "limit": str(PAGE_SIZE)}
            if cursor is not None:
                query["cursor"] = cursor
            elif offset:
                query["offset"] = str(offset)
            reply = Obj(self.request("GET", path, params=query).json())
            items = reply.raw.get("data")
            if not isinstance(items, list):
                reply.objects("data")  # says what is wrong with it
                return
            yield items, "reply.data"
            if reply.has("pagination"):
                cursor = reply.obj("pagination").opt_text("nextCursor")
                if cursor is None:
                    return
                if cursor in seen:
                    raise BadResponse(f"{path}: the server's cursor went round in a circle")
                seen.add(cursor)
            else:
                total = reply.integer("total")
                offset += len(items)
                if not items or offset >= total:
                    return
        raise BadResponse(f"{path}: more than {MAX_PAGES} pages")

