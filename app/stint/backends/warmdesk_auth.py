"""Signing in to WarmDesk (its API Reference): an API key, or a password
traded for an access token (15 minutes) and a refresh token (7 days).

The person is never asked again while a refresh token works: a 401 on a request
made with an access token means it expired ("A 401 response from the API signals
an expired token"), so `WarmDeskAuth` (a RenewingAuth: see auth.py) trades the
refresh token for a new pair, or signs in with the password when the refresh
token is refused, and the same request goes once more. A 401 on that second try,
or a refused refresh with no password to sign in with, is AuthRejected: the
person signs in again.

The credential with its new tokens goes to `keep_secret` as the account's one
keyring string; tokens are never logged and are redacted from every message.

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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import httpx

from stint.backends.auth import RenewingAuth
from stint.backends.base import AuthRejected, BadResponse, Rejected, Secret
from stint.backends.http import Reply, send
from stint.backends.parse import Obj
from stint.domain.clock import Clock

log = logging.getLogger("stint.backends.warmdesk")


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


class WarmDeskAuth(RenewingAuth[WarmDeskCredential]):
    """A bearer access token, renewed with the refresh token, else the password."""

    def __init__(self, client: httpx.Client, api_url: str, held: WarmDeskCredential, *,
                 reload: Callable[[], WarmDeskCredential], keep_secret: Callable[[str], None] | None,
                 clock: Clock) -> None:
        self._client = client
        self._api_url = api_url
        self._reload = reload
        self._clock = clock
        super().__init__(held, keep_secret=keep_secret)

    def __repr__(self) -> str:
        return f"WarmDeskAuth({self._api_url!r})"

    def bearer(self, held: WarmDeskCredential) -> str:
        assert held.access_token is not None
        return held.access_token.reveal()

    def expired(self, held: WarmDeskCredential) -> bool:
        return held.access_token is None

    def secrets_of(self, held: WarmDeskCredential) -> Iterable[str]:
        return held.secrets()

    def to_secret(self, held: WarmDeskCredential) -> str:
        return held.to_secret()

    def renew(self, stale: WarmDeskCredential) -> WarmDeskCredential:
        """New tokens: from the refresh token, else by signing in with the password."""
        if stale.refresh_token is not None:
            try:
                reply = self._post("/auth/refresh", {"refresh_token": stale.refresh_token.reveal()})
                log.info("WarmDesk access token refreshed")
                return _with_tokens(stale, Obj(reply.json()), keep_refresh=stale.refresh_token)
            except AuthRejected as exc:
                reason = exc.message
            except Rejected as exc:
                reason = f"the server refused the refresh token: {exc.message}"
        else:
            reason = "no sign-in yet"
        # The keyring may hold a password the account was added with; read it now,
        # not at start-up, so a password changed there since is the one used.
        credential = self._reload()
        self.hide(*credential.secrets())
        password = credential.password
        if password is None or not credential.username:
            raise AuthRejected(f"{reason}; sign in to WarmDesk again")
        try:
            reply = self._post("/auth/login", {"username": credential.username, "password": password.reveal()})
        except Rejected as exc:
            if exc.status in (400, 403):
                raise AuthRejected(f"WarmDesk refused the sign-in: {exc.message}") from None
            raise
        log.info("signed in to WarmDesk as %s", credential.username)
        return _with_tokens(credential, Obj(reply.json()), keep_refresh=None)

    def _post(self, path: str, body: dict[str, str]) -> Reply:
        return send(self._client, "POST", self._api_url + path, json_body=body,
                    secrets=self.secrets(), clock=self._clock, server="WarmDesk")


def _with_tokens(credential: WarmDeskCredential, reply: Obj,
                 keep_refresh: Secret | None) -> WarmDeskCredential:
    access = reply.text("access_token")
    if keep_refresh is not None and not reply.has("refresh_token"):
        refresh = keep_refresh.reveal()  # not rotated: the old one stays valid
    else:
        refresh = reply.text("refresh_token")
    if not access or not refresh:
        raise BadResponse("WarmDesk answered the sign-in with an empty token")
    return credential.with_tokens(access, refresh)


class WarmDeskSession:
    """Sends API requests with whichever credential the account has: an API key as
    X-API-Key, or tokens through WarmDeskAuth."""

    def __init__(
        self,
        client: httpx.Client,
        api_url: str,
        credential: CredentialSource,
        *,
        keep_secret: Callable[[str], None] | None,
        clock: Clock,
    ) -> None:
        self._client = client
        self._api_url = api_url
        self._clock = clock

        def reload() -> WarmDeskCredential:
            return credential() if callable(credential) else credential

        held = reload()
        self._api_key = held.api_key
        self._auth = None if self._api_key is not None else WarmDeskAuth(
            client, api_url, held, reload=reload, keep_secret=keep_secret, clock=clock)

    def __repr__(self) -> str:
        return f"WarmDeskSession({self._api_url!r})"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> Reply:
        key = self._api_key.reveal() if self._api_key is not None else None
        return send(
            self._client,
            method,
            self._api_url + path,
            params=params,
            json_body=body,
            headers={"X-API-Key": key} if key else None,
            auth=self._auth,
            secrets=(key,) if key else (),
            clock=self._clock,
            server="WarmDesk",
        )
