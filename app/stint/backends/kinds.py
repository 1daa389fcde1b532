"""The kinds of server Stint can sync with: the one registry, KINDS (kind → Kind).

Per kind: how its backend is built (`make`), how a sign-in becomes the one secret
kept for it (`secret`), the options an account of it takes, and what a person is
shown to set one up — its name, an example URL, the ways to sign in, what its
token is called — which the account form and `stint account add --help` read.
Plain data, Qt-free and light to import: a factory imports its adapter (and httpx)
only when it is called. A new server kind is one entry here (ARCHITECTURE.md).

What the person gives at sign-in (`SignIn`) becomes the stored secret:
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

Texts a person reads are marked QT_TRANSLATE_NOOP("AccountForm", ...): lupdate
collects them from here and the account form translates them when it shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, Literal

from stint.domain.clock import Clock
from stint.domain.errors import UsageError

if TYPE_CHECKING:
    from stint.backends.base import Backend

NO_OAUTH_KEYRING = (
    "no OS keyring is available here (headless session?), and a browser sign-in (--oauth) "
    "needs one for its refreshed tokens: use an API key with --token-env VAR instead"
)

SignInWay = Literal["token", "password", "browser"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for translation; the UI translates it where it is shown."""
    return text


API_KEY = QT_TRANSLATE_NOOP("AccountForm", "API &key")
API_TOKEN = QT_TRANSLATE_NOOP("AccountForm", "API &token")
OPTIONAL = QT_TRANSLATE_NOOP("AccountForm", "(optional)")


@dataclass(frozen=True)
class Wiring:
    """Everything a kind's factory may use; passed in, never looked up."""

    base_url: str
    secret: str = field(repr=False)  # a repr shows where it points, never the secret
    options: Mapping[str, Any]
    clock: Clock
    transport: Any = None
    tz: tzinfo | None = None
    keep_secret: Callable[[str], None] = lambda _secret: None  # a renewed credential, to store
    # A browser sign-in's opener (OAuth): shows the URL and opens it; None = webbrowser.
    open_browser: Callable[[str], Any] | None = None

    def client(self) -> Any:
        from stint.backends.http import make_client

        return make_client(transport=self.transport, ca_file=self.options.get("ca_file"))

    @property
    def insecure(self) -> bool:
        return bool(self.options.get("allow_insecure"))


@dataclass(frozen=True)
class SignIn:
    """What the person gave to sign in (the CLI's flags, the account form's fields),
    and where the secret is to be kept: "keyring", or "env:VAR" to read it from that
    variable at each use."""

    token: str | None = None
    username: str | None = None
    password: str | None = None
    oauth: bool = False                # a browser sign-in instead of a token or password
    client_secret: str | None = None   # OAuth: only for a confidential client
    credential: str = "keyring"

    def __repr__(self) -> str:  # never the secrets
        return f"SignIn(username={self.username!r}, oauth={self.oauth}, credential={self.credential!r})"


@dataclass(frozen=True)
class Option:
    """An option an account of a kind takes (`--option KEY=VALUE`)."""

    # Its row in the account form; None: no row of its own (a field of its own sets
    # it, or it is another name for an option that has one).
    label: str | None = None
    hint: str = OPTIONAL  # what to type, and whether it may stay empty
    # Told in `stint account add --help`; False for one set by --username, or
    # another name for a listed one.
    listed: bool = True


@dataclass(frozen=True, eq=False)
class Kind:
    label: str       # the server's name, as shown (a product name: not translated)
    url_hint: str    # an example base URL: where its API lives
    make: Callable[[Wiring], Backend]
    # SignIn (+ wiring without a secret) → the secret to keep; may ask the server.
    secret: Callable[[SignIn, Wiring], str]
    sign_ins: tuple[SignInWay, ...] = ("token",)  # the ways to sign in, in the order offered
    token_label: str = API_TOKEN  # what its token is called (with the form's & mnemonic)
    token_hint: str = ""          # what a token looks like
    option_fields: Mapping[str, Option] = field(default_factory=dict)

    @property
    def options(self) -> frozenset[str]:
        """The option names an account of this kind accepts."""
        return frozenset(self.option_fields)

    @property
    def browser_sign_in(self) -> bool:
        """Takes SignIn.oauth (a browser sign-in)."""
        return "browser" in self.sign_ins

    @property
    def token_name(self) -> str:
        return self.token_label.replace("&", "")


def kind_named(kinds: Mapping[str, Kind], kind: str) -> Kind:
    """The registry entry of `kind`; UsageError naming the kinds there are."""
    if kind not in kinds:
        raise UsageError(f"unknown kind {kind!r} (choose from {', '.join(sorted(kinds))})")
    return kinds[kind]


def _token_only(what: str) -> Callable[[SignIn, Wiring], str]:
    def secret(sign_in: SignIn, wiring: Wiring) -> str:
        if not sign_in.token:
            raise UsageError(f"{what}: give the token (--token-stdin or --token-env)")
        return sign_in.token
    return secret


def _wapify(w: Wiring) -> Backend:
    from stint.backends.wapify import WapifyBackend

    return WapifyBackend(w.client(), w.base_url, w.secret, clock=w.clock, allow_insecure=w.insecure)


def _timetagger(w: Wiring) -> Backend:
    from stint.backends.timetagger import TimeTaggerBackend

    return TimeTaggerBackend(w.client(), w.base_url, w.secret, clock=w.clock, allow_insecure=w.insecure)


def _timetagger_secret(sign_in: SignIn, w: Wiring) -> str:
    from stint.backends.timetagger import obtain_token
    from stint.logs import register_secret

    if sign_in.token:
        return sign_in.token
    if not (sign_in.username and sign_in.password):
        raise UsageError("timetagger: give a token, or --username with a password")
    client = w.client()
    try:
        token = obtain_token(client, w.base_url, sign_in.username, sign_in.password,
                             allow_insecure=w.insecure, clock=w.clock)
    finally:
        client.close()
    register_secret(token)
    return token


def _warmdesk(w: Wiring) -> Backend:
    from stint.backends.warmdesk import WarmDeskBackend
    from stint.backends.warmdesk_auth import WarmDeskCredential

    username = str(w.options.get("username") or "")
    credential = WarmDeskCredential.from_secret(w.secret, username)
    if username and credential.api_key is not None and not w.secret.lstrip().startswith("{"):
        # An env var named with --password-env holds the bare password.
        credential = WarmDeskCredential(username=username, password=credential.api_key)
    return WarmDeskBackend(w.client(), w.base_url, credential, keep_secret=w.keep_secret, clock=w.clock,
                           allow_insecure=w.insecure, default_project=w.options.get("project"))


def _warmdesk_secret(sign_in: SignIn, w: Wiring) -> str:
    from stint.backends.base import Secret
    from stint.backends.warmdesk_auth import WarmDeskCredential

    if sign_in.token:
        return sign_in.token
    if not (sign_in.username and sign_in.password):
        raise UsageError("warmdesk: give an API key as the token, or --username with a password")
    return WarmDeskCredential(username=sign_in.username, password=Secret(sign_in.password)).to_secret()


def _wekan(w: Wiring) -> Backend:
    from stint.backends.wekan import WekanBackend
    from stint.backends.wekan_auth import WekanCredential

    credential = WekanCredential.from_secret(w.secret, str(w.options.get("username") or ""))
    boards = w.options.get("boards") or ()
    if isinstance(boards, str):
        boards = [b for b in boards.split(",") if b]
    return WekanBackend(w.client(), w.base_url, credential, clock=w.clock, allow_insecure=w.insecure,
                        boards=tuple(boards), default_board=w.options.get("board"))


def _wekan_secret(sign_in: SignIn, w: Wiring) -> str:
    from stint.backends.base import Secret
    from stint.backends.wekan_auth import WekanCredential

    if not (sign_in.username and sign_in.password):
        raise UsageError("wekan: give --username and a password (Wekan has no API tokens)")
    return WekanCredential(sign_in.username, Secret(sign_in.password)).to_secret()


def _redmine(w: Wiring) -> Backend:
    from datetime import timezone

    from stint.backends.redmine import RedmineBackend

    return RedmineBackend.from_options(w.client(), w.base_url, w.secret, w.options,
                                       tz=w.tz or timezone.utc, clock=w.clock)


def _gipo(w: Wiring) -> Backend:
    from stint.backends.gipo import GipoBackend
    from stint.backends.gipo_api import check_key

    check_key(w.secret)  # before a client is made: a wrong key never reaches the network
    return GipoBackend(w.client(), w.base_url, w.secret, clock=w.clock, allow_insecure=w.insecure,
                       default_board=w.options.get("board"))


def _gipo_secret(sign_in: SignIn, w: Wiring) -> str:
    from stint.backends.gipo_api import check_key

    token = _token_only("gipo")(sign_in, w)
    check_key(token)  # Rejected, without the value, for a key that is not ba_...
    return token


def _whama(w: Wiring) -> Backend:
    from stint.backends.whama import WhamaBackend
    from stint.backends.whama_credential import WhamaCredential

    return WhamaBackend(w.client(), w.base_url, WhamaCredential.from_secret(w.secret),
                        keep_secret=w.keep_secret, clock=w.clock, allow_insecure=w.insecure,
                        default_board=w.options.get("board"))


def _whama_secret(sign_in: SignIn, w: Wiring) -> str:
    if not sign_in.oauth:
        if not sign_in.token:
            raise UsageError("whama: give an API key (--token-stdin or --token-env), "
                             "or --oauth with --option client_id=ID")
        return sign_in.token
    import webbrowser

    from stint.backends.whama_oauth import sign_in as browser_sign_in
    from stint.logs import register_secret

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


_USERNAME = Option(listed=False)  # --username, and the form's Username field, set it
_PROJECT = Option(QT_TRANSLATE_NOOP("AccountForm", "Project"),
                  QT_TRANSLATE_NOOP("AccountForm", "default project (optional)"))
_BOARD = Option(QT_TRANSLATE_NOOP("AccountForm", "Board"),
                QT_TRANSLATE_NOOP("AccountForm", "default board, name or id (optional)"))

# In the order the account form offers them.
KINDS: dict[str, Kind] = {
    "wapify": Kind("Wapify", "https://tasks.example.com/api/tasks", _wapify, _token_only("wapify")),
    "warmdesk": Kind(
        "WarmDesk", "https://warmdesk.example.com/api/v1", _warmdesk, _warmdesk_secret,
        sign_ins=("token", "password"), token_label=API_KEY,
        option_fields={"project": _PROJECT, "username": _USERNAME}),
    "gipo": Kind(
        "Gipo", "https://gipo.example.com/api/v1", _gipo, _gipo_secret,
        token_label=API_KEY, token_hint="ba_…", option_fields={"board": _BOARD}),
    "whama": Kind(
        "Whama", "https://api.whama.co/api/v1", _whama, _whama_secret,
        sign_ins=("token", "browser"), token_label=API_KEY, token_hint="sk_live_…",
        option_fields={"board": _BOARD,  # the form has a Client id field of its own:
                       "client_id": Option(hint="the app's client id, for a browser sign-in (--oauth)")}),
    "wekan": Kind(
        "Wekan", "https://wekan.example.com", _wekan, _wekan_secret,
        sign_ins=("password",),  # Wekan has no API tokens
        option_fields={
            "board": _BOARD,
            "boards": Option(QT_TRANSLATE_NOOP("AccountForm", "Boards"),
                             QT_TRANSLATE_NOOP("AccountForm", "only these boards, comma-separated (optional)")),
            "username": _USERNAME,
        }),
    "timetagger": Kind(
        "TimeTagger", "https://timetagger.example.com/timetagger", _timetagger, _timetagger_secret,
        sign_ins=("token", "password")),
    "redmine": Kind(
        "Redmine", "https://redmine.example.com", _redmine, _token_only("redmine"),
        token_label=API_KEY,
        option_fields={
            "project": _PROJECT,
            "activity": Option(QT_TRANSLATE_NOOP("AccountForm", "Activity"),
                               QT_TRANSLATE_NOOP("AccountForm", "time entry activity, id or name")),
            "activity_id": Option(listed=False),  # what "activity" is stored as
            "tracker_id": Option(QT_TRANSLATE_NOOP("AccountForm", "Tracker id"),
                                 QT_TRANSLATE_NOOP("AccountForm", "tracker for new issues (optional)")),
        }),
}
