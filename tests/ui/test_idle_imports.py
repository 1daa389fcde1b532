"""An app with no account keeps SQLAlchemy (and httpx, APScheduler, Alembic) out of
its process — idle in the tray, with the window and its dialogs open, and running
handed-off commands: every user action and every read goes through stdlib sqlite3.

Each case runs the real StintApp offscreen in a fresh interpreter, since the test
process itself has long imported all of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from stint.config import Settings, save_settings
from stint.store.database import current_revision
from stint.store.migrations import HEAD

HEAVY = ("sqlalchemy", "httpx", "apscheduler", "alembic")

SCRIPT = textwrap.dedent("""
    import io, json, os, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget
    from stint import ipc
    from stint.__main__ import prepare_handed_off, run_handed_off
    from stint.services import Services
    from stint.ui.app import StintApp
    from stint.ui.bridge import Bridge

    HEAVY = {heavy!r}

    def heavy():
        return sorted({{m.split(".")[0] for m in sys.modules if m.split(".")[0] in HEAVY}})

    class Away:  # an idle source: away for an hour
        name = "test"
        def seconds_idle(self):
            return 3600.0

    app = QApplication(sys.argv[:1])
    services = Services(out=io.StringIO(), err=io.StringIO(), bridge=Bridge())
    window = {window!r}
    stint = StintApp(services, ipc.address(str(services.paths.data)), tray_available=True, idle_source=Away(),
                     run_command=lambda argv, env: run_handed_off(services, argv, env),
                     prepare_commands=prepare_handed_off, intervals_ms={{"prepare_commands": 100}},
                     window_factory=None if window else (lambda services: QWidget()), quit=lambda: None)
    assert stint.start()
    stint.live.refresh()
    stint.tray.rebuild_menu()  # as when the person opens the menu
    stint.notifier.check()
    stint.idle.poll()          # away: reads the running entry
    QTimer.singleShot(300, app.quit)  # a few turns of the event loop: watchers, sync timer
    app.exec()
    out = {{
        "idle_heavy": heavy(),
        "tooltip": stint.tray.tooltip_text(),
        "menu": [a.objectName() for a in stint.tray.menu.actions() if a.objectName()],
        "away": None if stint.idle.away is None else [stint.idle.away.task_id, stint.idle.away.title],
        "engine_opened": stint.services.engine_opened,
        "network_watch": stint.network is not None,
        "prepared": "stint.cli.tracking" in sys.modules,
    }}
    if {command!r}:
        reply = stint.server.handle(json.dumps({{"argv": {command!r}, "env": {{}}}}).encode())
        out["reply"] = reply
        out["after_command"] = heavy()
    if window:
        from stint.ui.entry_dialog import EntryDialog
        from stint.ui.ops_dialog import OpsDialog
        from stint.ui.settings_dialog import SettingsDialog

        stint.show_window()
        stint.show_quick_start()
        stint.show_new_task()
        w = stint.window
        for tab in range(w.tabs.count()):
            w.tabs.setCurrentIndex(tab)
        dialogs = [EntryDialog(stint.services), OpsDialog(stint.services), SettingsDialog(stint.services)]
        for d in dialogs:
            d.show()
        w.tasks.start_task(1)          # a start from the window
        stint.services.bridge.changed.emit("all")  # every view reloads
        w.day.refresh()
        out["window_rows"] = [w.tasks.model.rowCount(), w.day.model.rowCount(), w.week.grid_model.rowCount()]
        out["after_window"] = heavy()
        for d in dialogs:
            d.close()
    stint.shutdown()
    print("RESULT " + json.dumps(out))
""")


def _run_app(home: Path, command: list[str] | None = None, window: bool = False) -> dict[str, Any]:
    env = {**os.environ, "STINT_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Madrid"}
    script = SCRIPT.format(heavy=HEAVY, command=command, window=window)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_the_idle_tray_app_imports_no_sqlalchemy(tracker: Any, home: Path) -> None:
    save_settings(home / "settings.json", Settings(idle_minutes=5))  # idle detection on
    first = tracker.create_task("Write the report", project="Docs", local=True)
    tracker.create_task("Review the budget", local=True)
    tracker.start(str(first.id))
    got = _run_app(home)
    assert got["idle_heavy"] == []
    assert got["engine_opened"] is False
    assert got["network_watch"] is False  # the network backend waits for an account to sync
    assert got["prepared"] is True  # the hand-off's imports, done once the start-up is
    assert "Tracking: Write the report" in got["tooltip"]
    assert {"running", "stop", "recent-1", "recent-2", "sync", "quit"} <= set(got["menu"])
    assert got["away"] == [first.id, "Write the report"]


def test_a_handed_off_command_imports_no_sqlalchemy(tracker: Any, db: Any, home: Path) -> None:
    tracker.create_task("Write the report", local=True)
    got = _run_app(home, ["start", "1"])
    assert got["idle_heavy"] == []
    assert got["reply"]["exit"] == 0, got["reply"]
    assert "Write the report" in got["reply"]["stdout"]
    assert got["after_command"] == []
    from stint.store import lookup

    with db.read() as conn:
        running = lookup.running_entry(conn)
        assert running is not None and running.task_id == 1


def test_the_window_and_its_dialogs_import_no_sqlalchemy(tracker: Any, db: Any, home: Path) -> None:
    tracker.create_task("Write the report", local=True)
    got = _run_app(home, window=True)
    # (httpx: the settings dialog's account form reads the server kinds from backends/.)
    assert not {"sqlalchemy", "alembic"} & set(got["after_window"]), got["after_window"]
    # The task; the timer started from the window (the app runs on the real clock); the
    # week's task row and its total.
    assert got["window_rows"] == [1, 1, 2]
    assert got["engine_opened"] is False


def test_an_old_or_missing_schema_is_migrated_before_the_first_read(home: Path) -> None:
    assert current_revision(home / "stint.sqlite3") is None  # no database yet
    got = _run_app(home)
    assert current_revision(home / "stint.sqlite3") == HEAD
    assert got["engine_opened"] is False  # migrated through Alembic, no engine kept
    assert "Not tracking" in got["tooltip"]
