"""Signing in to Wekan (its REST API documentation): POST /users/login with a
username or e-mail and a password gives a token and its expiry.

Wekan has no refresh token, so the password is needed again whenever the token
expires: it is read from the credential source (the keyring) only then.
`WekanAuth` (a RenewingAuth: see auth.py) signs in again shortly before
`tokenExpires` by our clock, and once more if the server answers 401 anyway (a
token revoked early); a 401 with a token that fresh is AuthRejected. Nothing is
kept after a sign-in: the keyring holds the password, not the token. The password
and tokens are redacted from every message and never logged.

Assumptions where the document is silent:
- the token goes in "Authorization: Bearer <token>";
- a login containing "@" is sent as "email", any other as "username";
- a 400, 401 or 403 from /users/login is a refused credential.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from stint.backends.auth import RenewingAuth
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


@dataclass(frozen=True)
class WekanLogin:
    """What a sign-in gives: the token, until when it works, and whose it is."""

    token: Secret
    expires: datetime
    user_id: str


class WekanAuth(RenewingAuth[WekanLogin | None]):
    """The login token as a bearer; a new sign-in with the password renews it."""

    def __init__(self, client: httpx.Client, base_url: str, credential: CredentialSource,
                 clock: Clock) -> None:
        self._client = client
        self._base_url = base_url
        self._source = credential
        self._clock = clock
        super().__init__(None)  # no sign-in until the first request

    def __repr__(self) -> str:
        return f"WekanAuth({self._base_url!r})"

    def bearer(self, held: WekanLogin | None) -> str:
        assert held is not None
        return held.token.reveal()

    def expired(self, held: WekanLogin | None) -> bool:
        return held is None or self._clock.now() >= held.expires - EXPIRY_MARGIN

    def secrets_of(self, held: WekanLogin | None) -> Iterable[str]:
        return (held.token.reveal(),) if held is not None else ()

    def renew(self, stale: WekanLogin | None) -> WekanLogin:
        credential = self._source() if callable(self._source) else self._source
        password = credential.password.reveal()
        self.hide(password)
        if not credential.login or not password:
            raise AuthRejected("no Wekan username and password to sign in with")
        field = "email" if "@" in credential.login else "username"
        body = {field: credential.login, "password": password}
        try:
            reply = send(self._client, "POST", self._base_url + "/users/login", json_body=body,
                         secrets=self.secrets(), clock=self._clock, server="Wekan")
        except Rejected as exc:
            if exc.status in (400, 403):
                raise AuthRejected(f"Wekan refused the sign-in: {exc.message}") from None
            raise
        data = Obj(reply.json())
        token = data.text("token")
        self.hide(token)
        user_id = data.text("id")
        expires = data.instant("tokenExpires")
        if not token:
            raise AuthRejected("Wekan answered the sign-in with an empty token")
        log.info("signed in to Wekan as %s", credential.login)
        # A server clock behind ours must not make us sign in before every request;
        # a token that really expired is caught by its 401.
        return WekanLogin(Secret(token), max(expires, self._clock.now() + 2 * EXPIRY_MARGIN), user_id)


class WekanSession:
    def __init__(
        self, client: httpx.Client, base_url: str, credential: CredentialSource, clock: Clock
    ) -> None:
        self._client = client
        self._base_url = base_url
        self._clock = clock
        self._auth = WekanAuth(client, base_url, credential, clock)

    def __repr__(self) -> str:
        return f"WekanSession({self._base_url!r})"

    def request(self, method: str, path: str, body: Any = None) -> Reply:
        return send(self._client, method, self._base_url + path, json_body=body, auth=self._auth,
                    clock=self._clock, server="Wekan")

    def signed_in_user(self) -> str:
        login = self._auth.current()
        assert login is not None
        return login.user_id
