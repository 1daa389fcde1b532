"""The Whama wire (its API Documentation): X-API-Key or an OAuth bearer token
refreshed before it expires, the error envelope in every refusal, and the
X-RateLimit-* headers obeyed before the server has to say 429.

Rate limits: every reply's X-RateLimit-Remaining and X-RateLimit-Reset (a Unix
time) are kept; once Remaining is 0, a request before Reset is not sent at all:
it raises RateLimited(retry_after=seconds to Reset) at once, so the engine backs
off instead of spending a request on a certain 429. Nothing here ever sleeps.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from stint.backends.base import AuthRejected, BadResponse, Gone, InvalidURL, RateLimited, Rejected
from stint.backends.http import (
    MAX_BODY_BYTES,
    MAX_ERROR_BYTES,
    Reply,
    _offline,
    _read_capped,
    error_for_status,
    parse_rate_limit_reset,
    redact,
)
from stint.backends.parse import Obj
from stint.backends.whama_credential import WhamaCredential
from stint.backends.whama_oauth import refresh
from stint.domain.clock import Clock

log = logging.getLogger("stint.backends.whama")

TokenSink = Callable[[WhamaCredential], None]
# Refresh this long before the access token's stated expiry: a token that expires
# in flight would cost a 401 and a second request.
EXPIRY_MARGIN = timedelta(seconds=60)


class WhamaWire:
    def __init__(self, client: httpx.Client, api_url: str, credential: WhamaCredential, *,
                 on_tokens: TokenSink | None, clock: Clock) -> None:
        self._client = client
        self.api_url = api_url
        self._credential = credential
        self._on_tokens = on_tokens
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: set[str] = set(credential.secrets())
        self._remaining: int | None = None
        self._reset_at: float | None = None  # Unix time

    @property
    def credential(self) -> WhamaCredential:
        return self._credential

    def request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                body: Any = None, what: str | None = None) -> Reply:
        if self._credential.api_key is not None:
            return self._send(method, path, params, body,
                              {"X-API-Key": self._credential.api_key.reveal()}, what)
        with self._lock:
            held = self._credential
            expires = held.expires_at
            if held.access_token is None or (
                    expires is not None and self._clock.now() >= expires - EXPIRY_MARGIN):
                self._renew(held)
            used = self._credential
        try:
            return self._send(method, path, params, body, _bearer(used), what)
        except AuthRejected:
            with self._lock:  # revoked or expired early: one refresh, one more try
                if self._credential is used:
                    self._renew(used)
                fresh = self._credential
            return self._send(method, path, params, body, _bearer(fresh), what)

    def _renew(self, held: WhamaCredential) -> None:
        new = refresh(self._client, self.api_url, held, self._clock)
        self._seen.update(new.secrets())
        self._credential = new
        log.info("Whama access token refreshed")
        if self._on_tokens is not None:
            self._on_tokens(new)

    def _send(self, method: str, path: str, params: Mapping[str, str] | None, body: Any,
              headers: Mapping[str, str], what: str | None) -> Reply:
        now = self._clock.now().timestamp()
        with self._lock:
            if self._reset_at is not None and now >= self._reset_at:
                self._remaining = self._reset_at = None  # a new window
            if self._remaining is not None and self._remaining <= 0:
                wait = (self._reset_at or now) - now
                raise RateLimited("Whama's rate limit is used up until it resets; not sent",
                                  retry_after=max(1.0, wait))
        secrets = tuple(self._seen)
        url = self.api_url + path
        host = urlsplit(url).hostname or "?"
        started = time.monotonic()
        try:
            with self._client.stream(method, url, params=params, json=body,
                                     headers=headers) as response:
                ok = 200 <= response.status_code < 300
                data = _read_capped(response, MAX_BODY_BYTES if ok else MAX_ERROR_BYTES,
                                    strict=ok)
                status, reply_headers = response.status_code, response.headers
        except httpx.TransportError as exc:
            raise _offline(exc, host, secrets) from exc
        except httpx.DecodingError:
            raise BadResponse(f"{host} sent a body that cannot be decoded") from None
        except httpx.InvalidURL as exc:
            raise InvalidURL(redact(str(exc), secrets)) from None
        log.debug("%s %s -> %d (%d bytes, %.0f ms)", method, path, status, len(data),
                  (time.monotonic() - started) * 1000)
        self._note_limits(reply_headers)
        if ok:
            return Reply(status, reply_headers, data)
        exc = error_for_status(status, reply_headers, data, now=self._clock.now(),
                               secrets=secrets)
        if type(exc) is Rejected:
            message = redact(envelope_message(data) or exc.message, secrets)
            if status == 404 and what:
                raise Gone(f"{what} is gone from the server ({message})")
            raise Rejected(message, status)
        raise exc

    def _note_limits(self, headers: httpx.Headers) -> None:
        remaining = headers.get("x-ratelimit-remaining", "").strip()
        reset = headers.get("x-ratelimit-reset", "")
        if not remaining.isdigit():
            return
        now = self._clock.now()
        delay = parse_rate_limit_reset(reset, now) if reset else None
        with self._lock:
            self._remaining = int(remaining)
            self._reset_at = now.timestamp() + delay if delay is not None else None

    def json(self, method: str, path: str, **kw: Any) -> Obj:
        return Obj(self.request(method, path, **kw).json())


def envelope_message(body: bytes) -> str:
    """"message (CODE: field: detail; ...)" from {"error": {"code", "message", "details"}}."""
    try:
        error = Obj(_loads(body)).obj("error")
        message = error.opt_text("message") or ""
        code = error.opt_text("code") or ""
        details = []
        raw = error.objects("details") if error.has("details") else []
        for d in raw:
            field, text = d.opt_text("field"), d.opt_text("message") or ""
            details.append(f"{field}: {text}" if field else text)
    except BadResponse:
        return ""
    listed = "; ".join(details)
    extra = f"{code}: {listed}" if code and listed else code or listed
    text = f"{message} ({extra})" if message and extra else message or extra
    return text if len(text) <= 300 else text[:297] + "..."


def _loads(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadResponse("not JSON") from None


def _bearer(credential: WhamaCredential) -> dict[str, str]:
    assert credential.access_token is not None
    return {"Authorization": f"Bearer {credential.access_token.reveal()}"}
