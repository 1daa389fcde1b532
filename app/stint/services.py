"""The composition root: what a command, the hand-off server and the desktop app work
with, built in one place.

`Services` holds the environment (variables, the clock, where a command prints), the
user's paths and settings, the time zone, and — each made on first use, so that
`stint --version` or a usage error costs no database work — the store (`db`, stdlib
sqlite3, for every user action and read; `engine`, SQLAlchemy, for the sync engine and
account set-up), the `Tracker` for user actions, the `Accounts` service and the
`SyncEngine`. The CLI gets
one per command; the desktop app one for its lifetime; the hand-off server `derive`s
one per request from the app's (the request's streams and time zone, the app's store).

Collaborators that tests replace are passed in, never patched: the clock, an open
engine, the secret store, an HTTP transport and a browser opener for sign-ins, and
`bridge` — the app's Qt signals object (opaque here: this module imports no Qt),
whose `changed` signal hears about every local change.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .config import Paths, Settings, load_settings, paths, save_settings
from .domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from .accounts import Accounts
    from .secrets import SecretStore
    from .store.actions import Tracker
    from .store.database import Database
    from .store.snapshot import StoreSnapshot
    from .sync.engine import SyncEngine


class _Store:
    """The database, opened on first use and shared by every Services derived from the
    one that made it: through stdlib sqlite3 (`db`) and, only when sync or account
    set-up needs it, through SQLAlchemy (`engine`)."""

    def __init__(self, path: Path, engine: "Engine | None", db: "Database | None" = None) -> None:
        self.path = path
        self.engine: Engine | None = engine
        self.db: Database | None = db

    @property
    def file(self) -> Path:
        """The SQLite file (the engine's, when one was given)."""
        if self.engine is not None and self.engine.url.database:
            return Path(self.engine.url.database)
        return self.path

    def open(self) -> "Engine":
        if self.engine is None:
            from .store.db import open_engine

            self.engine = open_engine(self.path)
        return self.engine

    def open_db(self) -> "Database":
        if self.db is None:
            from .store.database import open_database

            self.db = open_database(self.file)
        return self.db


class Services:
    def __init__(
        self,
        *,
        env: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
        settings: Settings | None = None,
        engine: "Engine | None" = None,
        db: "Database | None" = None,
        secrets: "SecretStore | None" = None,
        transport: Any = None,
        open_browser: Callable[[str], Any] | None = None,
        bridge: Any = None,
        _store: _Store | None = None,
    ) -> None:
        self.env: Mapping[str, str] = dict(os.environ) if env is None else env
        self.clock: Clock = clock or SystemClock()
        self.out: TextIO = out or sys.stdout
        self.err: TextIO = err or sys.stderr
        self._settings = settings
        self._secrets = secrets
        self.transport = transport          # an httpx transport (tests); None = the network
        self.open_browser = open_browser    # a browser sign-in's opener; None = webbrowser
        self.bridge = bridge                # the app's Qt signals; None outside the app
        self._store = _store or _Store(self.paths.database, engine, db)
        self._sync: tuple[SyncEngine, Accounts] | None = None

    def derive(self, *, out: TextIO, err: TextIO, env: Mapping[str, str]) -> "Services":
        """The same store, settings and collaborators for one handed-off command: its
        own streams, and the time zone of the client's `env` (unless settings name one)."""
        return Services(env={**self.env, **env}, clock=self.clock, out=out, err=err, settings=self.settings,
                        secrets=self._secrets, transport=self.transport, open_browser=self.open_browser,
                        bridge=self.bridge, _store=self._store)

    # -- the environment ---------------------------------------------------------

    @cached_property
    def paths(self) -> Paths:
        return paths(dict(self.env))

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.paths.settings)
        return self._settings

    def update_settings(self, settings: Settings) -> None:
        save_settings(self.paths.settings, settings)
        self._settings = settings
        if self.bridge is not None:
            self.bridge.changed.emit("settings")

    @cached_property
    def tz(self) -> tzinfo:
        return self.settings.tz(self.env.get("TZ", ""))

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    # -- the store ---------------------------------------------------------------

    @property
    def engine(self) -> "Engine":
        return self._store.open()

    @property
    def engine_opened(self) -> bool:
        return self._store.engine is not None

    @property
    def store_opened(self) -> bool:
        """Whether this command (or app) has opened the database, either way."""
        return self._store.db is not None or self._store.engine is not None

    @property
    def database(self) -> Path:
        """The SQLite file the store lives in (the engine's, when one was given)."""
        return self._store.file

    @property
    def db(self) -> "Database":
        """The store through stdlib sqlite3, for every user action and every read; its
        schema is migrated first when it is old (only then is Alembic imported)."""
        return self._store.open_db()

    @cached_property
    def tracker(self) -> "Tracker":
        from .store.actions import Tracker

        on_change = self.bridge.changed.emit if self.bridge is not None else None
        return Tracker(self.db, self.clock, self.tz, on_change=on_change)

    def snapshot(self) -> "StoreSnapshot":
        """The tray's view of the store."""
        from .store.snapshot import read

        return read(self.db)

    # -- servers -----------------------------------------------------------------

    @property
    def secrets(self) -> "SecretStore":
        if self._secrets is None:
            from .secrets import KeyringStore

            self._secrets = KeyringStore()
        return self._secrets

    def accounts(self, *, show_url: Callable[[str], None] | None = None) -> "Accounts":
        """An Accounts service on this store — the only place one is made. Close it
        (`.close()`) when done; the sync engine's own is closed by `close()`."""
        from .accounts import Accounts

        return Accounts(self.engine, self.clock, secrets=self.secrets, env=self.env, tz=self.tz,
                        transport=self.transport, open_browser=self.open_browser,
                        show_url=show_url or (lambda _url: None))

    def sync_engine(self) -> "SyncEngine":
        """The sync engine (and its Accounts, whose backends keep their connections),
        made once: `stint sync` and the app's background job both run this one."""
        if self._sync is None:
            from .sync.engine import SyncEngine

            accounts = self.accounts()
            self._sync = (SyncEngine(self.engine, accounts.backend_for, self.clock, tz=self.tz), accounts)
        return self._sync[0]

    def close(self) -> None:
        """Close the sync engine's connections and the store's, if opened."""
        if self._sync is not None:
            self._sync[1].close()
            self._sync = None
        if self._store.db is not None:
            self._store.db.close()
        if self._store.engine is not None:
            self._store.engine.dispose()
