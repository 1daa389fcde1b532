"""The kinds of server Stint can sync with: how each is built, and how its sign-in
becomes the one secret kept for it (in the OS keyring, or named by an env var).

KINDS is the only registry (kind → Kind); a new server adds one entry. What the
person gives at sign-in (`SignIn`) becomes the stored secret:
- an API token or key, kept as is (wapify, redmine, warmdesk API key, timetagger);
- TimeTagger username and password: traded for an API token once; only the token
  is kept;
- WarmDesk username and password: kept as the credential JSON (the password
  signs in again when the refresh token expires), with the tokens the server hands
  out written back on every renewal (`Wiring.keep_secret`);
- Wekan username and password: kept as the credential JSON (Wekan has no refresh
  token: the password signs in again when the login token expires).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from .backends.base import Backend, Secret
from .domain.clock import Clock
from .domain.errors import UsageError
from .logs import register_secret


@dataclass(frozen=True)
class Wiring:
    """Everything a kind's factory may use; passed in, never looked up."""

    base_url: str
    secret: str
    options: Mapping[str, Any]
    clock: Clock
    transport: Any = None
    tz: tzinfo | None = None
    keep_secret: Callable[[str], None] = lambda _secret: None  # a renewed credential, to store

    def client(self) -> Any:
        from .backends.http import make_client

        return make_client(transport=self.transport, ca_file=self.options.get("ca_file"))

    @property
    def insecure(self) -> bool:
        return bool(self.options.get("allow_insecure"))


@dataclass(frozen=True)
class SignIn:
    token: str | None = None
    username: str | None = None
    password: str | None = None

    def __repr__(self) -> str:
        return f"SignIn(username={self.username!r})"


@dataclass(frozen=True)
class Kind:
    make: Callable[[Wiring], Backend]
    # SignIn (+ wiring without a secret) → the secret to keep; may ask the server.
    secret: Callable[[SignIn, Wiring], str]
    options: frozenset[str] = field(default_factory=frozenset)


def _token_only(what: str) -> Callable[[SignIn, Wiring], str]:
    def secret(sign_in: SignIn, wiring: Wiring) -> str:
        if not sign_in.token:
            raise UsageError(f"{what}: give the token (--token-stdin or --token-env)")
        return sign_in.token
    return secret


def _wapify(w: Wiring) -> Backend:
    from .backends.wapify import WapifyBackend

    return WapifyBackend(w.client(), w.base_url, w.secret, clock=w.clock, allow_insecure=w.insecure)


def _timetagger(w: Wiring) -> Backend:
    from .backends.timetagger import TimeTaggerBackend

    return TimeTaggerBackend(w.client(), w.base_url, w.secret, clock=w.clock, allow_insecure=w.insecure)


def _timetagger_secret(sign_in: SignIn, w: Wiring) -> str:
    if sign_in.token:
        return sign_in.token
    if not (sign_in.username and sign_in.password):
        raise UsageError("timetagger: give a token, or --username with a password")
    from .backends.timetagger import obtain_token

    client = w.client()
    try:
        token = obtain_token(client, w.base_url, sign_in.username, sign_in.password,
                             allow_insecure=w.insecure, clock=w.clock)
    finally:
        client.close()
    register_secret(token)
    return token


def _warmdesk(w: Wiring) -> Backend:
    from .backends.warmdesk import WarmDeskBackend
    from .backends.warmdesk_auth import WarmDeskCredential

    username = str(w.options.get("username") or "")
    credential = WarmDeskCredential.from_secret(w.secret, username)
    if username and credential.api_key is not None and not w.secret.lstrip().startswith("{"):
        # An env var named with --password-env holds the bare password.
        credential = WarmDeskCredential(username=username, password=credential.api_key)
    held = [credential]

    def on_tokens(access: str, refresh: str) -> None:
        register_secret(access)
        register_secret(refresh)
        held[0] = held[0].with_tokens(access, refresh)
        w.keep_secret(held[0].to_secret())

    return WarmDeskBackend(w.client(), w.base_url, credential, on_tokens=on_tokens, clock=w.clock,
                           allow_insecure=w.insecure, default_project=w.options.get("project"))


def _warmdesk_secret(sign_in: SignIn, w: Wiring) -> str:
    from .backends.warmdesk_auth import WarmDeskCredential

    if sign_in.token:
        return sign_in.token
    if not (sign_in.username and sign_in.password):
        raise UsageError("warmdesk: give an API key as the token, or --username with a password")
    return WarmDeskCredential(username=sign_in.username, password=Secret(sign_in.password)).to_secret()


def _wekan(w: Wiring) -> Backend:
    from .backends.wekan import WekanBackend
    from .backends.wekan_auth import WekanCredential

    credential = WekanCredential.from_secret(w.secret, str(w.options.get("username") or ""))
    boards = w.options.get("boards") or ()
    if isinstance(boards, str):
        boards = [b for b in boards.split(",") if b]
    return WekanBackend(w.client(), w.base_url, credential, clock=w.clock, allow_insecure=w.insecure,
                        boards=tuple(boards), default_board=w.options.get("board"))


def _wekan_secret(sign_in: SignIn, w: Wiring) -> str:
    from .backends.wekan_auth import WekanCredential

    if not (sign_in.username and sign_in.password):
        raise UsageError("wekan: give --username and a password (Wekan has no API tokens)")
    return WekanCredential(sign_in.username, Secret(sign_in.password)).to_secret()


def _redmine(w: Wiring) -> Backend:
    from datetime import timezone

    from .backends.redmine import RedmineBackend

    return RedmineBackend.from_options(w.client(), w.base_url, w.secret, w.options,
                                       tz=w.tz or timezone.utc, clock=w.clock)


KINDS: dict[str, Kind] = {
    "wapify": Kind(_wapify, _token_only("wapify")),
    "timetagger": Kind(_timetagger, _timetagger_secret),
    "warmdesk": Kind(_warmdesk, _warmdesk_secret, frozenset({"project", "username"})),
    "wekan": Kind(_wekan, _wekan_secret, frozenset({"board", "boards", "username"})),
    "redmine": Kind(_redmine, _token_only("redmine"),
                    frozenset({"project", "activity_id", "activity", "tracker_id"})),
}
