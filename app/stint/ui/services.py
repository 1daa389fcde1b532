"""What the windows and the tray work with, wired once at start-up.

`Services` holds the Qt-free collaborators (store, tracker, settings, clock); the
`Bridge` is the one QObject through which everything outside the GUI thread — the
sync job, the CLI hand-off, another process changing the database — tells widgets
that something changed. Widgets connect to its signals; nothing else touches them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..config import Paths, Settings, save_settings
from ..domain.clock import Clock

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..accounts import Accounts
    from ..store.actions import Tracker
    from ..store.snapshot import StoreSnapshot


class Bridge(QObject):
    # What changed: "tasks", "timer", "entries", "sync", "settings", or "all".
    changed = Signal(str)
    # A message for the user: (level "info" | "warning" | "error", text).
    message = Signal(str, str)
    # Sync finished or failed: the report object from stint.sync (or None).
    sync_finished = Signal(object)
    # Ask the app to show its main window (second instance, tray click, ...).
    show_window = Signal()


class Services:
    """The store is opened lazily: the idle tray reads through `snapshot()` (stdlib
    sqlite3), and SQLAlchemy is imported only when something needs the ORM — the
    window, a dialog, a handed-off command, a sync cycle, a start from the tray menu.

    `engine` is an open engine, or None: then `open_engine()` (when given) or
    `store.db.open_engine(paths.database)` makes it on first use."""

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        engine: "Engine | None",
        clock: Clock,
        tz: tzinfo,
        bridge: Bridge,
        *,
        open_engine: "Callable[[], Engine] | None" = None,
        request_sync: Callable[[], None] | None = None,
        accounts_factory: Callable[[], "Accounts"] | None = None,
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.clock = clock
        self.tz = tz
        self.bridge = bridge
        self._engine = engine
        self._open_engine = open_engine
        # Runs one sync cycle off the GUI thread when accounts exist; set by the app.
        self.request_sync = request_sync
        # The desktop around the app (stint.ui.desktop.Desktop), for what Settings shows
        # and registers; set by the app, None in a bare window.
        self.desktop: Any = None
        # Makes the Accounts service the settings dialog works with (one per use); None:
        # the real one (OS keyring, the network). Tests pass fakes and a memory keyring.
        self.accounts_factory = accounts_factory

    @property
    def engine_opened(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> "Engine":
        if self._engine is None:
            if self._open_engine is not None:
                self._engine = self._open_engine()
            else:
                from ..store.db import open_engine

                self._engine = open_engine(self.paths.database)
        return self._engine

    @cached_property
    def tracker(self) -> "Tracker":
        from ..store.actions import Tracker

        return Tracker(self.engine, self.clock, self.tz, on_change=self.bridge.changed.emit)

    @property
    def database(self) -> Path:
        """The SQLite file the store lives in (the engine's, once one is open)."""
        if self._engine is not None and self._engine.url.database:
            return Path(self._engine.url.database)
        return self.paths.database

    def snapshot(self) -> "StoreSnapshot":
        """The tray's view of the store, read without SQLAlchemy."""
        from ..store.snapshot import read

        return read(self.database)

    def close(self) -> None:
        """Dispose of the engine, if one was opened."""
        if self._engine is not None:
            self._engine.dispose()

    def update_settings(self, settings: Settings) -> None:
        save_settings(self.paths.settings, settings)
        self.settings = settings
        self.bridge.changed.emit("settings")
