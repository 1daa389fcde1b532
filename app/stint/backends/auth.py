"""Renew and retry once: the one way a backend renews an expiring credential.

A server whose credential expires (WarmDesk's access token, Wekan's login token,
Whama's OAuth token) gets a `RenewingAuth` subclass, handed to `http.send` as
httpx's `auth`. httpx runs its flow around every request:

    the held credential goes on the request; renewed first if it is known to be
    expired (none yet, or past its stated expiry)
    → 401: it expired early or was revoked, so it is renewed — once — and the same
      request is sent again (safe for writes too: a refused request was not applied)
    → a second 401 is handed back as it is, and `send` makes it AuthRejected: the
      person signs in again. So is a renewal the server refuses.

A renewal runs under a lock, and only if no other thread renewed since this
request went out. The renewed credential goes to `keep_secret` (the keyring) as
the one string kept for the account; every secret ever held is registered for the
log filter, and `send` redacts them all from its messages.

A subclass says four things: the token to send (`bearer`; or override `apply`
for another header), whether it is known to be expired (`expired`), how to get a
new one (`renew`), and which strings in it are secret (`secrets_of`); and, if a
renewal is worth keeping, the string to keep (`to_secret`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncGenerator, Callable, Generator, Iterable
from typing import Generic, TypeVar

import httpx

from stint.logs import register_secret

log = logging.getLogger("stint.backends")

Held = TypeVar("Held")


class RenewingAuth(httpx.Auth, Generic[Held]):
    def __init__(self, held: Held, *, keep_secret: Callable[[str], None] | None = None) -> None:
        self._held = held
        self._keep_secret = keep_secret
        self._lock = threading.Lock()
        self._seen: tuple[str, ...] = ()
        self.hide(*self.secrets_of(held))

    # --- what a server says ------------------------------------------------------

    def apply(self, request: httpx.Request, held: Held) -> None:
        """Put the credential on the request: by default as a bearer token."""
        request.headers["Authorization"] = f"Bearer {self.bearer(held)}"

    def bearer(self, held: Held) -> str:
        raise NotImplementedError

    def expired(self, held: Held) -> bool:
        """True when sending with `held` is known to fail: renew first."""
        return False

    def renew(self, stale: Held) -> Held:
        """A fresh credential in place of `stale`; AuthRejected when there is none
        to be had (the person must sign in again)."""
        raise NotImplementedError

    def secrets_of(self, held: Held) -> Iterable[str]:
        raise NotImplementedError

    def to_secret(self, held: Held) -> str | None:
        """The string to keep for the account after a renewal; None: nothing to keep."""
        return None

    # --- the flow ----------------------------------------------------------------

    def current(self) -> Held:
        """The credential to send with, renewed first if it is known to be expired."""
        with self._lock:
            if self.expired(self._held):
                self._take(self.renew(self._held))
            return self._held

    def secrets(self) -> tuple[str, ...]:
        """Every secret held so far, old ones too: a server may echo a stale token."""
        return self._seen

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # Overridden rather than auth_flow, as httpx asks of a flow that does I/O
        # (the renewal's own request) and takes a lock.
        used = self.current()
        self.apply(request, used)
        response = yield request
        if response.status_code != 401:
            return
        # httpx reads a retried request's first answer anyway; reading it now gives
        # its connection back before the renewal makes a request of its own.
        response.read()
        with self._lock:
            if self._held is used:  # not renewed by another thread meanwhile
                self._take(self.renew(used))
            fresh = self._held
        log.debug("retrying %s %s with a renewed credential", request.method, request.url.path)
        self.apply(request, fresh)
        yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        raise RuntimeError("RenewingAuth is for httpx.Client only")
        yield request  # unreachable: makes this the async generator httpx expects

    def hide(self, *values: str) -> None:
        """Redact `values` from now on too (a password read for a renewal)."""
        fresh = [v for v in dict.fromkeys(values) if v and v not in self._seen]
        for secret in fresh:
            register_secret(secret)
        self._seen = (*self._seen, *fresh)  # replaced, never changed: readers need no lock

    def _take(self, new: Held) -> None:
        self.hide(*self.secrets_of(new))
        self._held = new
        kept = self.to_secret(new)
        if kept is not None and self._keep_secret is not None:
            self._keep_secret(kept)
