"""Signing in to Wekan (its REST API documentation): POST /users/login with a
username or e-mail and a password gives a token and its expiry.

Wekan has no refresh token, so the password is needed again whenever the token
expires: it is read from the credential source (the keyring) only then. The
session signs in again shortly before `tokenExpires` by our clock, and once more
if the server answers 401 anyway (a token revoked early); a 401 with a token
that fresh is AuthRejected. The password and tokens are redacted from every
message and never logged.

Assumptions where the document is silent:
- the token goes in "Authorization: Bearer <token>";
- a login containing "@" is sent as "email", any other as "username";
- a 400, 401 or 403 from /users/login is a refused credential.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from stint.backends.base import AuthRejected, Rejected, Secret
from stint.backends.http import Reply, send
from stint.backends.parse import Obj
from stint.domain.clock import Clock

log = logging.getLogger("stint.backends.wekan")

# Sign in again this long before the token's expiry, so a request never races it.
EXPIRY_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class WekanCredential:
    login: str  # username or e-mail
    password: Secret

    @classmethod
    def from_secret(cls, text: str, login: str = "") -> WekanCredential:
        """Read an account's keyring string: the JSON of `to_secret()`, or else the
        bare password of `login` (kept in the account's options)."""
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("password"), str):
            name = data.get("login")
            return cls(name if isinstance(name, str) and name else login,
                       Secret(data["password"]))
        return cls(login, Secret(text))

    def to_secret(self) -> str:
        return json.dumps({"login": self.login, "password": self.password.reveal()})


CredentialSource = WekanCredential | Callable[[], WekanCredential]


class WekanSession:
    def __init__(
        self, client: httpx.Client, base_url: str, credential: CredentialSource, clock: Clock
    ) -> None:
        self._client = client
        self._base_url = base_url
        self._source = credential
        self._clock = clock
        self._lock = threading.Lock()
        self._token: Secret | None = None
        self._expires: datetime | None = None
        self._seen: set[str] = set()
        self.user_id: str | None = None

    def __repr__(self) -> str:
        return f"WekanSession({self._base_url!r})"

    def request(self, method: str, path: str, body: Any = None) -> Reply:
        token = self._valid_token()
        try:
            return self._send(method, path, body, token)
        except AuthRejected:
            with self._lock:
                if self._token is token:  # not already renewed by another thread
                    self._sign_in()
                fresh = self._token
            assert fresh is not None
            log.debug("retrying %s %s after signing in again", method, path)
            return self._send(method, path, body, fresh)

    def signed_in_user(self) -> str:
        self._valid_token()
        assert self.user_id is not None
        return self.user_id

    def _valid_token(self) -> Secret:
        with self._lock:
            if (self._token is None or self._expires is None
                    or self._clock.now() >= self._expires - EXPIRY_MARGIN):
                self._sign_in()
            assert self._token is not None
            return self._token

    def _sign_in(self) -> None:
        credential = self._source() if callable(self._source) else self._source
        password = credential.password.reveal()
        self._seen.add(password)
        if not credential.login or not password:
            raise AuthRejected("no Wekan username and password to sign in with")
        field = "email" if "@" in credential.login else "username"
        body = {field: credential.login, "password": password}
        try:
            reply = send(self._client, "POST", self._base_url + "/users/login", json_body=body,
                         secrets=tuple(self._seen), clock=self._clock)
        except Rejected as exc:
            if exc.status in (400, 403):
                raise AuthRejected(f"Wekan refused the sign-in: {exc.message}") from None
            raise
        data = Obj(reply.json())
        token = data.text("token")
        self._seen.add(token)
        user_id = data.text("id")
        expires = data.instant("tokenExpires")
        if not token:
            raise AuthRejected("Wekan answered the sign-in with an empty token")
        now = self._clock.now()
        # A server clock behind ours must not make us sign in before every request;
        # a token that really expired is caught by its 401.
        self._expires = max(expires, now + 2 * EXPIRY_MARGIN)
        self._token, self.user_id = Secret(token), user_id
        log.info("signed in to Wekan as %s", credential.login)

    def _send(self, method: str, path: str, body: Any, token: Secret) -> Reply:
        return send(
            self._client,
            method,
            self._base_url + path,
            json_body=body,
            headers={"Authorization": f"Bearer {token.reveal()}"},
            secrets=tuple(self._seen),
            clock=self._clock,
        )
