"""Signing in to WarmDesk (its API Reference): an API key, or a password
traded for an access token (15 minutes) and a refresh token (7 days).

The person is never asked again while a refresh token works: a 401 on a request
made with an access token means it expired ("A 401 response from the API signals
an expired token"), so the session trades the refresh token for a new pair and
sends the same request once more. A 401 on that second try, or a refused refresh
with no password to sign in with, is AuthRejected: the person signs in again.
Retrying after a 401 is safe for writes too: a refused request was not applied.

New tokens go to `on_tokens(access, refresh)` so the caller can keep them in the
keyring; they are never logged and are redacted from every error message.

Assumptions where the document is silent:
- POST /auth/login takes {"username", "password"} (the document's example) and
  answers {"access_token", "refresh_token"}; a 400, 401 or 403 there means the
  credential cannot be used (wrong password, deactivated account).
- POST /auth/refresh takes {"refresh_token"} and answers a new access token and,
  when the server rotates it, a new refresh token (else the old one stays valid).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import httpx

from stint.backends.base import AuthRejected, BadResponse, Rejected, Secret
from stint.backends.http import Reply, send
from stint.backends.parse import Obj
from stint.domain.clock import Clock

log = logging.getLogger("stint.backends.warmdesk")

TokenSink = Callable[[str, str], None]


@dataclass(frozen=True)
class WarmDeskCredential:
    """What the accounts service hands over: an API key, or a username with a
    password and/or the tokens of an earlier sign-in."""

    username: str = ""
    password: Secret | None = None
    api_key: Secret | None = None
    access_token: Secret | None = None
    refresh_token: Secret | None = None

    @classmethod
    def from_secret(cls, text: str, username: str = "") -> WarmDeskCredential:
        """Read the one keyring string of an account: the JSON of `to_secret()`,
        or else a bare API key."""
        text = text.strip()
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return cls(username=username, api_key=Secret(text))

        def secret(key: str) -> Secret | None:
            value = data.get(key)
            return Secret(value) if isinstance(value, str) and value else None

        name = data.get("username")
        return cls(
            username=name if isinstance(name, str) and name else username,
            password=secret("password"),
            api_key=secret("api_key"),
            access_token=secret("access_token"),
            refresh_token=secret("refresh_token"),
        )

    def to_secret(self) -> str:
        fields = {
            "username": self.username,
            "password": self.password,
            "api_key": self.api_key,
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
        }
        return json.dumps({
            k: v.reveal() if isinstance(v, Secret) else v for k, v in fields.items() if v
        })

    def with_tokens(self, access: str, refresh: str) -> WarmDeskCredential:
        return replace(self, access_token=Secret(access), refresh_token=Secret(refresh))

    def secrets(self) -> tuple[str, ...]:
        held = (self.password, self.api_key, self.access_token, self.refresh_token)
        return tuple(s.reveal() for s in held if s is not None)


CredentialSource = WarmDeskCredential | Callable[[], WarmDeskCredential]


class WarmDeskSession:
    """Sends API requests with whichever credential the account has."""

    def __init__(
        self,
        client: httpx.Client,
        api_url: str,
        credential: CredentialSource,
        *,
        on_tokens: TokenSink | None,
        clock: Clock,
    ) -> None:
        self._client = client
        self._api_url = api_url
        self._source = credential
        self._on_tokens = on_tokens
        self._clock = clock
        self._lock = threading.Lock()
        self._credential = self._load()
        self._access = self._credential.access_token
        self._refresh = self._credential.refresh_token
        # Every secret ever held, so an old token echoed back is redacted too.
        self._seen: set[str] = set(self._credential.secrets())

    def __repr__(self) -> str:
        return f"WarmDeskSession({self._api_url!r})"

    def _load(self) -> WarmDeskCredential:
        return self._source() if callable(self._source) else self._source

    @property
    def username(self) -> str:
        return self._credential.username

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> Reply:
        api_key = self._credential.api_key
        if api_key is not None:
            return self._send(method, path, params, body, {"X-API-Key": api_key.reveal()})
        with self._lock:
            if self._access is None:
                self._renew()
            used = self._access
        assert used is not None
        try:
            return self._send(method, path, params, body, _bearer(used))
        except AuthRejected:
            with self._lock:
                # Another thread may have renewed while this request was out.
                if self._access is used:
                    self._renew()
                fresh = self._access
            assert fresh is not None
            log.debug("retrying %s %s with a renewed access token", method, path)
            return self._send(method, path, params, body, _bearer(fresh))

    def _renew(self) -> None:
        """Get a new access token: from the refresh token, else the password."""
        if self._refresh is not None:
            try:
                reply = self._send(
                    "POST", "/auth/refresh", None, {"refresh_token": self._refresh.reveal()}, {}
                )
                self._take(Obj(reply.json()), keep_refresh=self._refresh)
                log.info("WarmDesk access token refreshed")
                return
            except AuthRejected as exc:
                self._access = self._refresh = None
                reason = exc.message
            except Rejected as exc:
                self._access = self._refresh = None
                reason = f"the server refused the refresh token: {exc.message}"
        else:
            reason = "no sign-in yet"
        # The keyring may hold a password the account was added with; read it now,
        # not at start-up, so a password changed there since is the one used.
        self._credential = self._load()
        self._seen.update(self._credential.secrets())
        password = self._credential.password
        if password is None or not self._credential.username:
            raise AuthRejected(f"{reason}; sign in to WarmDesk again")
        body = {"username": self._credential.username, "password": password.reveal()}
        try:
            reply = self._send("POST", "/auth/login", None, body, {})
        except Rejected as exc:
            if exc.status in (400, 403):
                raise AuthRejected(f"WarmDesk refused the sign-in: {exc.message}") from None
            raise
        self._take(Obj(reply.json()), keep_refresh=None)
        log.info("signed in to WarmDesk as %s", self._credential.username)

    def _take(self, reply: Obj, keep_refresh: Secret | None) -> None:
        access = reply.text("access_token")
        if keep_refresh is not None and not reply.has("refresh_token"):
            refresh = keep_refresh.reveal()  # not rotated: the old one stays valid
        else:
            refresh = reply.text("refresh_token")
        if not access or not refresh:
            raise BadResponse("WarmDesk answered the sign-in with an empty token")
        self._seen.update((access, refresh))
        self._access, self._refresh = Secret(access), Secret(refresh)
        if self._on_tokens is not None:
            self._on_tokens(access, refresh)

    def secrets(self) -> tuple[str, ...]:
        return tuple(self._seen)

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: Any,
        headers: Mapping[str, str],
    ) -> Reply:
        return send(
            self._client,
            method,
            self._api_url + path,
            params=params,
            json_body=body,
            headers=headers,
            secrets=tuple(self._seen),
            clock=self._clock,
        )


def _bearer(token: Secret) -> dict[str, str]:
    return {"Authorization": f"Bearer {token.reveal()}"}
