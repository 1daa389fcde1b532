"""Fixtures for the tray/app tests: a StintApp started in the test's QApplication
against a fresh STINT_HOME, with the suite's FixedClock and injected collaborators.

Imported by name in the test modules (not a conftest, so it cannot clash with the
window tests' fixtures)."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from stint import ipc
from stint.config import Settings, save_settings
from stint.__main__ import run_handed_off
from stint.domain.clock import FixedClock
from stint.services import Services
from stint.ui.app import FIRST_START_DONE, StintApp
from stint.ui.bridge import Bridge

TZ = "Europe/Madrid"


class PlaceholderWindow(QWidget):
    """Stands in for stint.ui.window.MainWindow in these tests."""

    def __init__(self, services: Any) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle("Stint (test window)")


class FakeIdle:
    name = "fake"

    def __init__(self) -> None:
        self.seconds: float | None = 0.0

    def seconds_idle(self) -> float | None:
        return self.seconds


@dataclass
class Running:
    app: StintApp
    quits: list[bool] = field(default_factory=list)
    stopped: bool = False  # shut down by the test itself
    syncs: list[bool] = field(default_factory=list)  # `force` of each sync cycle run

    gate: threading.Event | None = None  # set: a cycle waits for it before it ends

    def fake_sync(self, force: bool) -> Any:
        from stint.sync.report import SyncReport

        self.syncs.append(force)
        if self.gate is not None:
            assert self.gate.wait(30)
        return SyncReport()

    @property
    def services(self) -> Any:
        return self.app.services

    @property
    def tracker(self) -> Any:
        return self.app.services.tracker


def app_env(home: Path) -> dict[str, str]:
    return {**os.environ, "STINT_HOME": str(home), "TZ": TZ}


@pytest.fixture
def start_app(qtbot: Any, home: Path, clock: FixedClock, request: pytest.FixtureRequest,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Running]]:
    started: list[Running] = []
    if "dbus_address" not in request.fixturenames:
        # Never the machine's own buses (a real logind, a real notification daemon).
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home}/no-session-bus")
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={home}/no-system-bus")

    def start(*, tray: bool = True, idle_source: Any = None, network: str | None = None,
              settings: Settings | None = None, first_start: bool = False,
              window: Callable[[Any], QWidget] = PlaceholderWindow) -> Running:
        if not first_start:  # the window opens by itself only on the first start: not one of these
            settings = settings or Settings()
            settings = settings._replace(extra={FIRST_START_DONE: True, **settings.extra})
        if settings is not None:
            save_settings(home / "settings.json", settings)
        env = app_env(home)
        services = Services(out=io.StringIO(), err=io.StringIO(), env=env, clock=clock, bridge=Bridge())
        running = Running(None)  # type: ignore[arg-type]
        running.app = StintApp(
            services, ipc.address(str(home), env), run_command=lambda argv, env: run_handed_off(services, argv, env),
            tray_available=tray, window_factory=window,
            idle_source=idle_source, network=network, quit=lambda: running.quits.append(True),
            sync_run_once=running.fake_sync,
            intervals_ms={"dbwatch": 50, "notify": 3_600_000, "idle": 3_600_000, "heartbeat": 3_600_000},
        )
        assert running.app.start()
        started.append(running)
        return running

    yield start
    for running in started:
        app = running.app
        if not running.stopped:
            app.shutdown()
        for widget in [app.window, *app.dialogs.values()]:
            if widget is not None:
                widget.close()
                widget.deleteLater()
        if app.idle_prompt.dialog is not None:
            app.idle_prompt.dialog.close()
        app.services.close()
        app.deleteLater()


def add_account(engine: Any, name: str = "work", state: str = "ok", error: str | None = None) -> int:
    """An account row with its statuses, as `stint account add` + a first sync leave it."""
    from datetime import timezone

    from stint.domain.model import LOCAL_STATUSES
    from stint.store.db import transaction
    from stint.store.models import Account, Status

    with transaction(engine) as s:
        account = Account(name=name, kind="wapify", base_url="http://127.0.0.1:9", options={},
                          credential="env:NONE", state=state, cursors={}, last_error=error,
                          created_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
        s.add(account)
        s.flush()
        for spec in LOCAL_STATUSES:
            s.add(Status(account_id=account.id, name=spec.name, label=spec.label, color=spec.color,
                         position=spec.position, is_done=spec.is_done))
        return account.id


def entries(engine: Any) -> list[tuple[int, datetime, datetime | None]]:
    """(task id, start, end) of every live entry, oldest first."""
    from sqlalchemy import select

    from stint.store.db import transaction
    from stint.store.models import Entry

    with transaction(engine) as s:
        rows = s.scalars(select(Entry).where(Entry.deleted.is_(False)).order_by(Entry.started_at))
        return [(e.task_id, e.started_at, e.ended_at) for e in rows]


def answer_quit(choice: str, seen: list[str] | None = None) -> None:
    """Click `choice` ("&Keep it running", "&Stop it and quit", "Cancel" — the button's
    text) on the next quit question (a modal box runs its own event loop, so a timer
    polls for it); its text goes to `seen`."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    timer = QTimer(QApplication.instance(), interval=10)

    def poll() -> None:
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.objectName() == "quit-question" and box.isVisible():
                timer.stop()
                timer.deleteLater()
                if seen is not None:
                    seen.append(box.text())
                cancel = box.button(QMessageBox.StandardButton.Cancel)  # its text follows Qt's language
                wanted = [b for b in box.buttons() if b.text() == choice or (choice == "Cancel" and b is cancel)]
                if not wanted and seen is not None:
                    seen.append(f"no button {choice!r} in {[b.text() for b in box.buttons()]}")
                (wanted[0] if wanted else cancel).click()  # never left open: the test would hang

    timer.timeout.connect(poll)
    timer.start()
