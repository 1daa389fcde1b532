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
- Gipo: the organisation's ba_ API key, kept as is (refused before any request
  when it does not start with ba_).
- Whama: an sk_ API key kept as is, or an OAuth 2.0 + PKCE browser sign-in
  (`SignIn.oauth`, the app's client_id as an option): the credential JSON with
  the tokens, rewritten on every refresh (`Wiring.keep_secret`). OAuth needs the
  keyring: refreshed tokens must be written somewhere.
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


NO_OAUTH_KEYRING = (
    "no OS keyring is available here (headless session?), and a browser sign-in (--oauth) "
    "needs one for its refreshed tokens: use an API key with --token-env VAR instead"
)


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
    # A browser sign-in's opener (OAuth): shows the URL and opens it; None = webbrowser.
    open_browser: Callable[[str], Any] | None = None

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
    oauth: bool = False                # a browser sign-in instead of a token or password
    client_secret: str | None = None   # OAuth: only for a confidential client

    def __repr__(self) -> str:
        return f"SignIn(username={self.username!r}, oauth={self.oauth})"


@dataclass(frozen=True)
class Kind:
    make: Callable[[Wiring], Backend]
    # SignIn (+ wiring without a secret) → the secret to keep; may ask the server.
    secret: Callable[[SignIn, Wiring], str]
    options: frozenset[str] = field(default_factory=frozenset)
    browser_sign_in: bool = False  # takes SignIn.oauth (a browser sign-in)


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


def _gipo(w: Wiring) -> Backend:
    from .backends.gipo import GipoBackend
    from .backends.gipo_api import check_key

    check_key(w.secret)  # before a client is made: a wrong key never reaches the network
    return GipoBackend(w.client(), w.base_url, w.secret, clock=w.clock, allow_insecure=w.insecure,
                       default_board=w.options.get("board"))


def _gipo_secret(sign_in: SignIn, w: Wiring) -> str:
    from .backends.gipo_api import check_key

    token = _token_only("gipo")(sign_in, w)
    check_key(token)  # Rejected, without the value, for a key that is not ba_...
    return token


def _whama(w: Wiring) -> Backend:
    from .backends.whama import WhamaBackend
    from .backends.whama_credential import WhamaCredential

    credential = WhamaCredential.from_secret(w.secret)

    def on_tokens(new: WhamaCredential) -> None:
        for value in new.secrets():
            register_secret(value)
        w.keep_secret(new.to_secret())

    return WhamaBackend(w.client(), w.base_url, credential, on_tokens=on_tokens, clock=w.clock,
                        allow_insecure=w.insecure, default_board=w.options.get("board"))


def _whama_secret(sign_in: SignIn, w: Wiring) -> str:
    if not sign_in.oauth:
        if not sign_in.token:
            raise UsageError("whama: give an API key (--token-stdin or --token-env), "
                             "or --oauth with --option client_id=ID")
        return sign_in.token
    import webbrowser

    from .backends.whama_oauth import sign_in as browser_sign_in

    client_id = str(w.options.get("client_id") or "")
    if not client_id:
        raise UsageError("whama --oauth: give the app's client id with --option client_id=ID")
    client = w.client()
    try:
        credential = browser_sign_in(client, w.base_url, client_id, client_secret=sign_in.client_secret,
                                     clock=w.clock, open_browser=w.open_browser or webbrowser.open)
    finally:
        client.close()
    for value in credential.secrets():
        register_secret(value)
    return credential.to_secret()


KINDS: dict[str, Kind] = {
    "wapify": Kind(_wapify, _token_only("wapify")),
    "timetagger": Kind(_timetagger, _timetagger_secret),
    "warmdesk": Kind(_warmdesk, _warmdesk_secret, frozenset({"project", "username"})),
    "wekan": Kind(_wekan, _wekan_secret, frozenset({"board", "boards", "username"})),
    "redmine": Kind(_redmine, _token_only("redmine"),
                    frozenset({"project", "activity_id", "activity", "tracker_id"})),
    "gipo": Kind(_gipo, _gipo_secret, frozenset({"board"})),
    "whama": Kind(_whama, _whama_secret, frozenset({"board", "client_id"}), browser_sign_in=True),
}
