"""The Whama wire (its API Documentation): X-API-Key or an OAuth bearer token
refreshed before it expires, the error envelope in every refusal, and the
X-RateLimit-* headers obeyed before the server has to say 429.

Requests go through `http.send` like every adapter's: the OAuth token as a
`WhamaAuth` (a RenewingAuth: see auth.py), each answer's rate-limit headers read
by `on_reply`, a refusal's words read from the envelope.

Rate limits: every reply's X-RateLimit-Remaining and X-RateLimit-Reset (a Unix
time) are kept; once Remaining is 0, a request before Reset is not sent at all:
it raises RateLimited(retry_after=seconds to Reset) at once, so the engine backs
off instead of spending a request on a certain 429. Nothing here ever sleeps.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from typing import Any

import httpx

from stint.backends.auth import RenewingAuth
from stint.backends.base import BadResponse, RateLimited, Rejected, gone_if_404
from stint.backends.http import Reply, parse_rate_limit_reset, send
from stint.backends.parse import Obj
from stint.backends.whama_credential import WhamaCredential
from stint.backends.whama_oauth import refresh
from stint.domain.clock import Clock

log = logging.getLogger("stint.backends.whama")

# Refresh this long before the access token's stated expiry: a token that expires
# in flight would cost a 401 and a second request.
EXPIRY_MARGIN = timedelta(seconds=60)


class WhamaAuth(RenewingAuth[WhamaCredential]):
    """The OAuth access token as a bearer, refreshed with the refresh token."""

    def __init__(self, client: httpx.Client, api_url: str, credential: WhamaCredential, *,
                 keep_secret: Callable[[str], None] | None, clock: Clock) -> None:
        self._client = client
        self._api_url = api_url
        self._clock = clock
        super().__init__(credential, keep_secret=keep_secret)

    def __repr__(self) -> str:
        return f"WhamaAuth({self._api_url!r})"

    def bearer(self, held: WhamaCredential) -> str:
        assert held.access_token is not None
        return held.access_token.reveal()

    def expired(self, held: WhamaCredential) -> bool:
        expires = held.expires_at
        return held.access_token is None or (
            expires is not None and self._clock.now() >= expires - EXPIRY_MARGIN)

    def renew(self, stale: WhamaCredential) -> WhamaCredential:
        new = refresh(self._client, self._api_url, stale, self._clock)
        log.info("Whama access token refreshed")
        return new

    def secrets_of(self, held: WhamaCredential) -> Iterable[str]:
        return held.secrets()

    def to_secret(self, held: WhamaCredential) -> str:
        return held.to_secret()


class WhamaWire:
    def __init__(self, client: httpx.Client, api_url: str, credential: WhamaCredential, *,
                 keep_secret: Callable[[str], None] | None, clock: Clock) -> None:
        self._client = client
        self.api_url = api_url
        self._clock = clock
        self._api_key = credential.api_key
        self._auth = None if self._api_key is not None else WhamaAuth(
            client, api_url, credential, keep_secret=keep_secret, clock=clock)
        self._lock = threading.Lock()
        self._remaining: int | None = None
        self._reset_at: float | None = None  # Unix time

    def request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                body: Any = None, what: str | None = None) -> Reply:
        """One request; `what` names the one resource it is about, whose 404 is Gone."""
        self._check_limit()
        key = self._api_key.reveal() if self._api_key is not None else None
        try:
            return send(self._client, method, self.api_url + path, params=params, json_body=body,
                        headers={"X-API-Key": key} if key else None, auth=self._auth,
                        secrets=(key,) if key else (), clock=self._clock,
                        on_reply=self._note_limits, rejection_message=envelope_message,
                        server="Whama")
        except Rejected as exc:
            raise (gone_if_404(exc, what) if what else exc) from None

    def _check_limit(self) -> None:
        now = self._clock.now().timestamp()
        with self._lock:
            if self._reset_at is not None and now >= self._reset_at:
                self._remaining = self._reset_at = None  # a new window
            if self._remaining is not None and self._remaining <= 0:
                wait = (self._reset_at or now) - now
                raise RateLimited("Whama's rate limit is used up until it resets; not sent",
                                  retry_after=max(1.0, wait))

    def _note_limits(self, reply: Reply) -> None:
        remaining = reply.headers.get("x-ratelimit-remaining", "").strip()
        reset = reply.headers.get("x-ratelimit-reset", "")
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
