"""The idle tray app keeps SQLAlchemy (and httpx, APScheduler, Alembic) out of its
process: it reads the store with stdlib sqlite3 until something needs the ORM.

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
from stint.store.migrations import HEAD
from stint.store.snapshot import current_revision

HEAVY = ("sqlalchemy", "httpx", "apscheduler", "alembic")

SCRIPT = textwrap.dedent("""
    import io, json, os, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget
    from stint import ipc
    from stint.__main__ import run_handed_off
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
    stint = StintApp(services, ipc.address(str(services.paths.data)), tray_available=True, idle_source=Away(),
                     run_command=lambda argv, env: run_handed_off(services, argv, env),
                     window_factory=lambda services: QWidget(), quit=lambda: None)
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
    }}
    if {command!r}:
        reply = stint.server.handle(json.dumps({{"argv": {command!r}, "env": {{}}}}).encode())
        out["reply"] = reply
        out["after_command"] = heavy()
    stint.shutdown()
    print("RESULT " + json.dumps(out))
""")


def _run_app(home: Path, command: list[str] | None = None) -> dict[str, Any]:
    env = {**os.environ, "STINT_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Madrid"}
    script = SCRIPT.format(heavy=HEAVY, command=command)
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
    assert "Tracking: Write the report" in got["tooltip"]
    assert {"running", "stop", "recent-1", "recent-2", "sync", "quit"} <= set(got["menu"])
    assert got["away"] == [first.id, "Write the report"]


def test_a_handed_off_command_opens_the_store_then(tracker: Any, home: Path) -> None:
    tracker.create_task("Write the report", local=True)
    got = _run_app(home, ["start", "1"])
    assert got["idle_heavy"] == []
    assert got["reply"]["exit"] == 0, got["reply"]
    assert "Write the report" in got["reply"]["stdout"]
    assert "sqlalchemy" in got["after_command"]
    assert tracker.engine is not None
    from stint.store.db import transaction
    from stint.store.queries import overview

    with transaction(tracker.engine) as s:
        running = overview(s).running
        assert running is not None and running.task_id == 1


def test_an_old_or_missing_schema_is_migrated_before_the_first_read(home: Path) -> None:
    assert current_revision(home / "stint.sqlite3") is None  # no database yet
    got = _run_app(home)
    assert current_revision(home / "stint.sqlite3") == HEAD
    assert got["engine_opened"] is True  # the migration needed the engine: acceptable once
    assert "Not tracking" in got["tooltip"]
