"""What the windows and the tray work with, wired once at start-up.

`Services` holds the Qt-free collaborators (store, tracker, settings, clock); the
`Bridge` is the one QObject through which everything outside the GUI thread — the
sync job, the CLI hand-off, another process changing the database — tells widgets
that something changed. Widgets connect to its signals; nothing else touches them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from ..config import Paths, Settings, save_settings
from ..domain.clock import Clock
from ..store.actions import Tracker

if TYPE_CHECKING:
    from ..accounts import Accounts


class Bridge(QObject):
    # What changed: "tasks", "timer", "entries", "sync", "settings", or "all".
    changed = Signal(str)
    # A message for the user: (level "info" | "warning" | "error", text).
    message = Signal(str, str)
    # Sync finished or failed: the report object from stint.sync (or None).
    sync_finished = Signal(object)
    # Ask the app to show its main window (second instance, tray click, ...).
    show_window = Signal()


@dataclass
class Services:
    paths: Paths
    settings: Settings
    engine: Engine
    clock: Clock
    tz: tzinfo
    bridge: Bridge
    tracker: Tracker = field(init=False)
    # Runs one sync cycle off the GUI thread when accounts exist; set by the app.
    request_sync: Callable[[], None] | None = None
    # Makes the Accounts service the settings dialog works with (one per use); None:
    # the real one (OS keyring, the network). Tests pass fakes and a memory keyring.
    accounts_factory: Callable[[], "Accounts"] | None = None

    def __post_init__(self) -> None:
        self.tracker = Tracker(self.engine, self.clock, self.tz, on_change=self.bridge.changed.emit)

    def update_settings(self, settings: Settings) -> None:
        save_settings(self.paths.settings, settings)
        self.settings = settings
        self.bridge.changed.emit("settings")
