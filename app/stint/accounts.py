"""Accounts: adding, listing and removing task servers, and making their backends.

Qt-free; the CLI and the settings dialog both call `Accounts`. The only registry
is KINDS (kind → Kind, in backends/kinds); later servers add a line there. Everything else —
the engine, the clock, the secret store, an HTTP transport for tests — is passed in.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timezone, tzinfo
from typing import Any, TypeVar

from sqlalchemy import Engine, delete, func, select

from .backends.base import BackendError, BadResponse, Backend, Gone, NotTheServer, Rejected
from .domain.clock import Clock
from .domain.errors import NotFound, Refused, UsageError
from .logs import register_secret
from .secrets import KEYRING, NO_KEYRING, NO_KEYRING_PASSWORD, KeyringStore, SecretStore, resolve
from .store.db import transaction
from .store.records import AccountInfo
from .store.models import Account, Entry, Op, Status, Task

from .backends.kinds import KINDS, NO_OAUTH_KEYRING, Kind, SignIn, Wiring, kind_named

T = TypeVar("T")

__all__ = ["KINDS", "Accounts", "Added", "Removed", "SignIn"]


@dataclass(frozen=True)
class Added:
    account: AccountInfo | None  # None for a check that stored nothing
    who: str
    statuses: int
    tasks: int
    skipped: tuple[dict[str, Any], ...] = ()  # records the server sent that could not be read


@dataclass(frozen=True)
class Removed:
    name: str
    tasks: int
    entries: int
    ops: int


@dataclass
class Accounts:
    engine: Engine
    clock: Clock
    secrets: SecretStore = field(default_factory=KeyringStore)
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    transport: Any = None  # an httpx transport, for tests; None = the network
    kinds: Mapping[str, Kind] = field(default_factory=lambda: KINDS)
    tz: tzinfo = timezone.utc  # for servers that hold time per local day (Redmine)
    # A browser sign-in (OAuth): `show_url` tells the person where to go (the CLI
    # prints it, for a headless session), then `open_browser` opens it (None: the
    # system browser; tests pass one that follows the redirect themselves).
    open_browser: Callable[[str], Any] | None = None
    show_url: Callable[[str], None] = lambda _url: None
    _cache: dict[tuple[str, str, str], Backend] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def list(self) -> list[AccountInfo]:
        with transaction(self.engine) as s:
            return [AccountInfo.of(a) for a in s.scalars(select(Account).order_by(Account.name))]

    def get(self, name: str) -> AccountInfo:
        with transaction(self.engine) as s:
            account = s.scalar(select(Account).where(Account.name == name))
            if account is None:
                raise NotFound(f"no account named {name!r}")
            return AccountInfo.of(account)

    def add(self, name: str, kind: str, url: str, given: SignIn, *,
            options: Mapping[str, Any] | None = None, allow_insecure: bool = False,
            check_only: bool = False) -> Added:
        """Check the sign-in against the server, then store the account with its
        statuses and tasks in one transaction. Nothing is stored if any step fails.
        `check_only`: stop after the check (the settings dialog's Test)."""
        from .backends.base import InvalidURL
        from .backends.http import check_url
        from .sync import unreadable
        from .sync.pull import apply_statuses, apply_tasks
        from .sync.unreadable import Skipped

        name = name.strip()
        if not name or len(name) > 64 or ":" in name or name.isdigit():
            raise UsageError(f"not a usable account name: {name!r} (no ':', not only digits)")
        spec = self._kind(kind)
        sign_in = self._checked(given, spec, kind)
        credential = sign_in.credential
        opts = self._options(spec, kind, options, allow_insecure, sign_in)
        try:
            base_url = check_url(url, allow_insecure=allow_insecure)
        except InvalidURL as exc:
            raise UsageError(exc.message) from None
        self._keyring_needed(sign_in)
        with transaction(self.engine) as s:
            if s.scalar(select(Account.id).where(Account.name == name)) is not None:
                raise Refused(f"an account named {name!r} already exists")
        def fetch(backend: Backend) -> tuple[str, list[Any], list[Any]]:
            return backend.check(), backend.list_statuses(), backend.list_tasks(pending_only=True)

        kept, (who, statuses, tasks) = self._connect(
            spec, sign_in, Wiring(base_url, "", opts, self.clock, self.transport, self.tz,
                                  lambda _s: None, self._opener),
            fetch, f"cannot add {name}")
        if check_only:
            return Added(None, who, len(statuses), len(tasks))
        now = self.clock.now()
        with transaction(self.engine) as s:
            account = Account(name=name, kind=kind, base_url=base_url, options=dict(opts),
                              credential=credential, state="ok", cursors={}, created_at=now,
                              last_sync_at=now)
            s.add(account)
            s.flush()
            apply_statuses(s, account.id, statuses)
            # Read together: a status a task names and the list lacks is the server's as given.
            apply_tasks(s, account.id, tasks, now, keep_unknown=True)
            skipped = Skipped()
            skipped.add("statuses", getattr(statuses, "skipped", ()))
            skipped.add("tasks", getattr(tasks, "skipped", ()))
            cursors: dict[str, Any] = {}
            told = tuple(unreadable.update(cursors, skipped))
            account.cursors = cursors
            # Last, so a failing keyring write rolls the account back with it. The
            # newest secret: a sign-in may have handed out tokens (WarmDesk).
            if credential == KEYRING:
                self.secrets.set(name, kept[-1])
            info = AccountInfo.of(account)
        return Added(info, who, len(statuses), len(tasks), told)

    def sign_in(self, name: str, given: SignIn) -> str:
        """A new sign-in for an account (after 401): checked first, then the account
        is back to "ok" and its kept ops go out at the next sync."""
        info = self.get(name)
        spec = self._kind(info.kind)
        sign_in = self._checked(replace(given, username=given.username or info.options.get("username")),
                                spec, info.kind)
        credential = sign_in.credential
        self._keyring_needed(sign_in)
        kept, who = self._connect(
            spec, sign_in, Wiring(info.base_url, "", info.options, self.clock, self.transport,
                                  self.tz, lambda _s: None, self._opener),
            lambda backend: backend.check(), f"cannot sign in to {name}")
        with transaction(self.engine) as s:
            account = s.get(Account, info.id)
            assert account is not None
            account.credential, account.state = credential, "ok"
            account.last_error, account.next_sync_at = None, None
            if credential == KEYRING:
                self.secrets.set(name, kept[-1])
        with self._lock:
            for key in [k for k in self._cache if k[0] == name]:
                self._close(self._cache.pop(key))
        return who

    def _connect(self, spec: Kind, sign_in: SignIn, wiring: Wiring,
                 ask: Callable[[Backend], T], failure: str) -> tuple[list[str], T]:
        """Sign in, ask the server what `ask` wants, close. Returns the secrets handed
        out on the way (the last is the one to keep: a sign-in may renew tokens) and
        the answer; a server error becomes one line starting with `failure`."""
        kept: list[str] = []
        wiring = replace(wiring, keep_secret=kept.append)
        backend = None
        try:
            secret = self._secret(spec, sign_in, wiring)
            kept.append(secret)
            backend = spec.make(self._with(wiring, secret))
            return kept, ask(backend)
        except BackendError as exc:
            message = self._redacted(_not_the_server(exc, spec.label), sign_in)
            raise Refused(f"{failure}: {message}") from None
        finally:
            if backend is not None:
                self._close(backend)

    def _kind(self, kind: str) -> Kind:
        return kind_named(self.kinds, kind)

    def _opener(self, url: str) -> Any:
        import webbrowser

        self.show_url(url)
        return (self.open_browser or webbrowser.open)(url)

    def _keyring_needed(self, sign_in: SignIn) -> None:
        if sign_in.credential == KEYRING and not self.secrets.available():
            raise Refused(NO_OAUTH_KEYRING if sign_in.oauth
                          else NO_KEYRING_PASSWORD if sign_in.password else NO_KEYRING)

    @staticmethod
    def _checked(given: SignIn, spec: Kind, kind: str) -> SignIn:
        """`given`, trimmed, and refused (one line) if it cannot sign in to `kind`."""
        token = (given.token or "").strip() or None
        password = given.password.rstrip("\r\n") if given.password else None
        client_secret = (given.client_secret or "").strip() or None
        username, oauth, credential = given.username, given.oauth, given.credential
        if oauth:
            if not spec.browser_sign_in:
                raise UsageError(f"{kind} has no browser sign-in: give a token or a password")
            if token or password:
                raise UsageError("--oauth signs in in the browser: give no token or password with it")
            if credential != KEYRING:
                raise UsageError("--oauth keeps the sign-in in the OS keyring; an environment "
                                 "variable cannot hold its refreshed tokens")
        elif token is None and not password:
            raise UsageError("the token is empty" if username is None else "the password is empty")
        for value in (token, password, client_secret):
            if value:
                register_secret(value)
        return SignIn(token, username or None, password or None, oauth, client_secret, credential)

    @staticmethod
    def _options(spec: Kind, kind: str, options: Mapping[str, Any] | None, allow_insecure: bool,
                 sign_in: SignIn) -> dict[str, Any]:
        opts = {k: v for k, v in (options or {}).items() if v not in (None, "")}
        if "activity" in opts:  # --option activity=9 reads better than activity_id
            opts["activity_id"] = opts.pop("activity")
        unknown = sorted(set(opts) - spec.options - {"activity", "ca_file"})
        if unknown:
            allowed = ", ".join(sorted(spec.options)) or "none"
            raise UsageError(f"{kind} has no option {', '.join(unknown)} (options: {allowed})")
        if sign_in.username and "username" in spec.options:
            opts["username"] = sign_in.username  # not secret; a password in an env var needs it
        if allow_insecure:
            opts["allow_insecure"] = True
        return opts

    def _secret(self, spec: Kind, sign_in: SignIn, wiring: Wiring) -> str:
        if sign_in.credential.startswith("env:"):
            # The env var is read at each use: what it holds is the secret.
            return resolve(sign_in.credential, "new account", self.secrets, self.env)
        return spec.secret(sign_in, wiring)

    @staticmethod
    def _with(wiring: Wiring, secret: str) -> Wiring:
        from dataclasses import replace

        register_secret(secret)
        return replace(wiring, secret=secret)

    @staticmethod
    def _redacted(message: str, sign_in: SignIn) -> str:
        for value in (sign_in.token, sign_in.password, sign_in.client_secret):
            if value:
                message = message.replace(value, "***")
        return message

    def remove(self, name: str) -> Removed:
        with transaction(self.engine) as s:
            account = s.scalar(select(Account).where(Account.name == name))
            if account is None:
                raise NotFound(f"no account named {name!r}")
            task_ids = select(Task.id).where(Task.account_id == account.id).scalar_subquery()
            entries = s.scalar(select(func.count()).select_from(Entry).where(Entry.task_id.in_(task_ids))) or 0
            tasks = s.scalar(select(func.count()).select_from(Task).where(Task.account_id == account.id)) or 0
            ops = s.scalar(select(func.count()).select_from(Op).where(Op.account_id == account.id)) or 0
            # Explicit, child first: does not depend on PRAGMA foreign_keys.
            s.execute(delete(Op).where(Op.account_id == account.id))
            s.execute(delete(Entry).where(Entry.task_id.in_(task_ids)))
            s.execute(delete(Task).where(Task.account_id == account.id))
            s.execute(delete(Status).where(Status.account_id == account.id))
            s.delete(account)
            credential = account.credential
        if credential == KEYRING:
            self.secrets.delete(name)
        with self._lock:
            for key in [k for k in self._cache if k[0] == name]:
                self._close(self._cache.pop(key))
        return Removed(name, tasks, entries, ops)

    def test(self, name: str) -> str:
        """Sign in to an account's server as the sync would: who we are there, or
        Refused with one line, worded like `add`'s ("this is not a Redmine server")."""
        info = self.get(name)
        try:
            return str(self.backend_for(info).check())
        except BackendError as exc:
            raise Refused(_not_the_server(exc, self._kind(info.kind).label)) from None

    def token_for(self, account: AccountInfo) -> str:
        return resolve(account.credential, account.name, self.secrets, self.env)

    def backend_for(self, account: AccountInfo) -> Backend:
        """The sync engine's backend factory. One backend (and HTTP client, so its
        connections are reused) per account and credential, until `close()`."""
        token = self.token_for(account)
        if account.kind not in self.kinds:
            raise Refused(f"account {account.name}: this version cannot sync {account.kind!r} servers")
        # The key holds a hash, not the token, so the cache never shows it in a repr.
        key = (account.name, account.base_url, str(hash(token)))
        with self._lock:
            backend = self._cache.get(key)
            if backend is None:
                for stale in [k for k in self._cache if k[0] == account.name]:
                    self._close(self._cache.pop(stale))
                keep = self._keeper(account)
                backend = self.kinds[account.kind].make(Wiring(
                    account.base_url, token, account.options, self.clock, self.transport, self.tz, keep))
                self._cache[key] = backend
            return backend

    def _keeper(self, account: AccountInfo):  # type: ignore[no-untyped-def]
        """Where a renewed credential goes: back to the keyring (an env var cannot
        be written; the renewal is then kept in memory by the backend)."""
        if account.credential != KEYRING:
            return lambda _secret: None
        return lambda secret: self.secrets.set(account.name, secret)

    def close(self) -> None:
        with self._lock:
            for backend in self._cache.values():
                self._close(backend)
            self._cache.clear()

    @staticmethod
    def _close(backend: Backend) -> None:
        client = getattr(backend, "_client", None)
        if client is not None:
            client.close()


def _not_the_server(exc: BackendError, label: str) -> str:
    """What to tell when a sign-in's first requests fail. An address that answers,
    but not in the kind's own way (JSON it cannot read, no such API path), is most
    likely not that server: say so, rather than "not valid JSON"."""
    from .backends.base import BadResponse, Gone, NotTheServer, Rejected

    if isinstance(exc, NotTheServer):
        return exc.message
    if isinstance(exc, BadResponse):
        return f"this is not a {label} server, or not one Stint can read ({exc.message})"
    if isinstance(exc, Rejected) and not isinstance(exc, Gone) and exc.status in (404, 405):
        return f"this is not a {label} server, or not its API address ({exc.message})"
    return exc.message
