"""The one QObject through which everything outside the GUI thread — the sync job,
the CLI hand-off, another process changing the database — tells widgets that
something changed, and through which widgets ask the app for what they cannot do
themselves (a sync). Widgets connect to its signals; nothing else touches them.

The Qt-free services (stint.services.Services) carry it as `services.bridge`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class Bridge(QObject):
    # What changed: "tasks", "timer", "entries", "sync", "settings", or "all".
    changed = Signal(str)
    # A message for the user: (level "info" | "warning" | "error", text).
    message = Signal(str, str)
    # Sync finished or failed: the report object from stint.sync (or None).
    sync_finished = Signal(object)
    # Ask the app to show its main window (second instance, tray click, ...).
    show_window = Signal()
    # Ask the app for a sync cycle now ("Sync now", a retried change, a new sign-in).
    sync_requested = Signal()
    # Ask the app for one of its windows: the sign-in of an account (its name), the
    # changes the server refused, Settings; and to quit as the person asked.
    sign_in_requested = Signal(str)
    failed_changes_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    # The desktop around the app (stint.ui.desktop.Desktop): what Settings shows about
    # idle, lock and sleep, and where it registers global shortcuts. Set by the app;
    # None in a bare window.
    desktop: Any = None
