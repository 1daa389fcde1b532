"""The heartbeat: a start after a kill offers the gap no beat covered; a quit the
person chose, a timer started while the app was away, or a restart right away offer
nothing; an unanswered question survives a restart; a beat that comes far too late
means the machine slept unseen."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton

from stint.config import Settings
from stint.store import heartbeat

from .app_fixtures import add_account, answer_quit, entries, start_app  # noqa: F401

STINT = str(Path(sys.executable).with_name("stint"))
WAIT_MS = 30_000


def _ops(engine: Any) -> list[tuple[str, dict[str, Any]]]:
    from sqlalchemy import select

    from stint.store.db import transaction
    from stint.store.models import Op

    with transaction(engine) as s:
        return [(op.kind, dict(op.payload)) for op in s.scalars(select(Op).order_by(Op.seq))]


def test_a_start_after_a_kill_offers_the_gap(start_app: Any, tracker: Any, engine: Any, home: Path, qtbot: Any,
                                             clock: Any) -> None:
    add_account(engine)
    clock.set(datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=10))
    task = tracker.create_task("Report", account="work")
    start = clock.now()
    tracker.start(str(task.id))
    env = {**os.environ, "STINT_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Madrid",
           "DBUS_SESSION_BUS_ADDRESS": f"unix:path={home}/none", "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={home}/none"}
    app = subprocess.Popen([STINT], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: heartbeat.read(home / "stint.sqlite3") is not None, timeout=WAIT_MS)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(10)
    last = heartbeat.read(home / "stint.sqlite3")
    assert last is not None and not last.closed and last.at >= start

    clock.set(last.at + timedelta(minutes=30))
    running = start_app(settings=Settings())
    dialog = running.app.idle_prompt.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Stint was not running for 30 min" in dialog.label.text()
    with qtbot.waitSignal(running.app.idle_prompt.resolved):
        dialog.findChild(QPushButton, "stop").click()
    assert entries(engine) == [(task.id, start, last.at)]
    # One transaction with its outbox op: the server hears the stop at the gap's start.
    assert _ops(engine)[-1] == ("stop", {"at": last.at.isoformat()})


def test_keeping_the_gap_asks_no_more(start_app: Any, tracker: Any, home: Path, qtbot: Any, clock: Any) -> None:
    task = tracker.create_task("Report", local=True)
    start = clock.now()
    tracker.start(str(task.id))
    clock.advance(minutes=5)
    heartbeat.beat(home / "stint.sqlite3", clock.now())  # then a kill
    clock.advance(hours=2)
    running = start_app()
    dialog = running.app.idle_prompt.dialog
    assert "Stint was not running for 2 h 00 min" in dialog.label.text()
    with qtbot.waitSignal(running.app.idle_prompt.resolved):
        dialog.findChild(QPushButton, "keep").click()
    assert entries(running.services.engine) == [(task.id, start, None)]
    running.app.shutdown()  # SIGTERM, logout: not the person's choice
    running.stopped = True
    clock.advance(minutes=1)
    again = start_app()
    assert again.app.idle_prompt.dialog is None


def test_an_unanswered_question_is_asked_again_after_a_restart(start_app: Any, tracker: Any, home: Path,
                                                               clock: Any) -> None:
    task = tracker.create_task("Report", local=True)
    tracker.start(str(task.id))
    clock.advance(minutes=5)
    gap_start = clock.now()
    heartbeat.beat(home / "stint.sqlite3", gap_start)
    clock.advance(minutes=30)
    first = start_app()
    assert first.app.idle_prompt.current.since == gap_start
    first.app.idle_prompt.dialog.blockSignals(True)  # killed while asking: no answer
    first.app.shutdown()
    first.stopped = True
    clock.advance(minutes=10)
    second = start_app()
    assert second.app.idle_prompt.current is not None
    assert second.app.idle_prompt.current.since == gap_start
    assert "40 min" in second.app.idle_prompt.dialog.label.text()


def test_no_gap_after_a_quit_the_person_chose(start_app: Any, tracker: Any, clock: Any) -> None:
    task = tracker.create_task("Report", local=True)
    tracker.start(str(task.id))
    first = start_app()
    answer_quit("&Keep it running")
    first.app.quit_by_person()
    assert first.quits == [True]
    first.app.shutdown()
    first.stopped = True
    clock.advance(hours=3)
    assert start_app().app.idle_prompt.dialog is None


def test_no_gap_for_a_timer_started_while_the_app_was_away(start_app: Any, tracker: Any, home: Path,
                                                           clock: Any) -> None:
    heartbeat.beat(home / "stint.sqlite3", clock.now())  # then a kill
    clock.advance(hours=1)
    task = tracker.create_task("Report", local=True)
    tracker.start(str(task.id))  # `stint start` with no app running
    clock.advance(hours=1)
    assert start_app().app.idle_prompt.dialog is None


def test_a_late_beat_is_a_sleep_nobody_announced(start_app: Any, tracker: Any, qtbot: Any, clock: Any) -> None:
    running = start_app()
    task = running.tracker.create_task("Report", local=True)
    start = clock.now()
    running.tracker.start(str(task.id))
    clock.advance(minutes=1)
    running.app.desktop.heartbeat.beat()
    dozed = clock.now()
    clock.advance(minutes=45)  # no beat for 45 minutes: the machine was suspended
    running.app.desktop.heartbeat.beat()
    dialog = running.app.idle_prompt.dialog
    assert dialog is not None and "The computer was asleep for 45 min" in dialog.label.text()
    with qtbot.waitSignal(running.app.idle_prompt.resolved):
        dialog.findChild(QPushButton, "discard").click()
    assert entries(running.services.engine) == [(task.id, start, dozed), (task.id, clock.now(), None)]
