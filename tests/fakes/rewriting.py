"""Replies rewritten on their way to Stint: records a server holds that Stint cannot
understand (a negative id, a status it never listed, a timer started in the future),
made from any server's real answers — a fake's, a small handler's, or a real
server's through tests.servers.network.

    transport = Rewriting(fake.transport())
    transport.alter(lambda payload: ..., method="GET", path="/api/tasks")

`change(payload)` gets the decoded JSON of every matching 2xx answer and returns
what the client sees instead, until the alteration is removed (`unalter`): a server
holding such a record keeps sending it.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True, eq=False)
class Alteration:
    change: Callable[[Any], Any]
    method: str
    path: str
    url: str | None = None  # the whole URL, query included, when only that one is meant

    def matches(self, request: httpx.Request) -> bool:
        if self.url is not None and str(request.url) != self.url:
            return False
        return fnmatch.fnmatchcase(request.method, self.method) and fnmatch.fnmatchcase(
            request.url.path, self.path)


class Rewriting(httpx.BaseTransport):
    """`tape`: every answer seen, by method and URL; after `replay()`, requests are
    answered from it (nothing reaches the server), so a test can spoil the same
    answers a thousand ways without asking a real server a thousand times."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self._alterations: list[Alteration] = []
        self.tape: dict[tuple[str, str], tuple[int, list[tuple[str, str]], bytes]] = {}
        self.asked: list[tuple[str, str]] = []  # every request, by method and URL, in order
        self._replaying = False

    @property
    def replaying(self) -> bool:
        return self._replaying

    def replay(self) -> None:
        self._replaying = True

    def alter(self, change: Callable[[Any], Any], *, method: str = "*", path: str = "*",
              url: str | None = None) -> Alteration:
        alteration = Alteration(change, method.upper(), path, url)
        self._alterations.append(alteration)
        return alteration

    def unalter(self, alteration: Alteration | None = None) -> None:
        """Remove one alteration, or all of them."""
        self._alterations = [] if alteration is None else [a for a in self._alterations if a is not alteration]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._answer(request)
        wanted = [a for a in self._alterations if a.matches(request)]
        if not wanted or not 200 <= response.status_code < 300:
            return response
        body = response.read()
        try:
            payload = json.loads(body)
        except ValueError:
            return httpx.Response(response.status_code, headers=response.headers, content=body)
        for alteration in wanted:
            payload = alteration.change(payload)
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() not in ("content-length", "content-encoding")}
        return httpx.Response(response.status_code, headers=headers,
                              content=json.dumps(payload).encode(), request=request)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        key = (request.method, str(request.url))
        self.asked.append(key)
        if self._replaying:
            if key not in self.tape:
                return httpx.Response(404, json={"error": "not on the tape"}, request=request)
            status, headers, body = self.tape[key]
            return httpx.Response(status, headers=headers, content=body, request=request)
        response = self.inner.handle_request(request)
        body = response.read()
        response.close()
        headers = [(k, v) for k, v in response.headers.items()
                   if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")]
        self.tape[key] = (response.status_code, headers, body)
        return httpx.Response(response.status_code, headers=headers, content=body, request=request)

    def close(self) -> None:
        self.inner.close()
