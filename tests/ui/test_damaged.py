"""The app and storage faults: a damaged database found at start (the dialog that
offers the last good backup), the daily backup, and a fault met while running told
in a visible message."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from stint import ipc
from stint.__main__ import run_handed_off
from stint.domain.clock import FixedClock
from stint.services import Services
from stint.store import backup
from stint.store.database import open_database
from stint.store.db import open_engine
from stint.ui.app import StintApp
from stint.ui.bridge import Bridge
from stint.ui.damaged import DamagedDialog

from ..store.test_integrity import damage, fill
from .app_fixtures import PlaceholderWindow, app_env
from .test_instance import _run_stint


def new_app(home: Path, clock: FixedClock, *, engine: Any = None, db: Any = None,
            tray: bool = False) -> tuple[StintApp, list[bool]]:
    env = app_env(home)
    services = Services(out=io.StringIO(), err=io.StringIO(), env=env, clock=clock, bridge=Bridge(), engine=engine,
                        db=db)
    quits: list[bool] = []
    app = StintApp(services, ipc.address(str(home), env),
                   run_command=lambda argv, env: run_handed_off(services, argv, env),
                   tray_available=tray, window_factory=PlaceholderWindow, idle_source=None, network=None,
                   quit=lambda: quits.append(True), sync_run_once=lambda force: None,
                   intervals_ms={"dbwatch": 50, "notify": 3_600_000, "idle": 3_600_000})
    return app, quits


def close(app: StintApp) -> None:
    app.shutdown()
    for widget in [app.window, app.damaged, app.fatal, *app.dialogs.values()]:
        if widget is not None:
            widget.close()
            widget.deleteLater()
    app.services.close()
    app.deleteLater()


@pytest.fixture
def make_app(qtbot: Any, home: Path, clock: FixedClock) -> Iterator[Callable[..., tuple[StintApp, list[bool]]]]:
    made: list[StintApp] = []

    def make(*, engine: Any = None, db: Any = None, tray: bool = False) -> tuple[StintApp, list[bool]]:
        app, quits = new_app(home, clock, engine=engine, db=db, tray=tray)
        made.append(app)
        return app, quits

    yield make
    for app in made:
        close(app)


@pytest.mark.log_allowed(r"stint.ui.damaged: the database is damaged: ")
def test_a_damaged_database_offers_the_last_good_backup(make_app: Any, qtbot: Any, home: Path, clock: Any) -> None:
    db = home / "stint.sqlite3"
    fill(db)
    good = backup.ensure_daily(db, clock.now())
    assert good is not None
    clock.advance(days=2)
    damage(db)
    damaged_bytes = db.read_bytes()

    app, quits = make_app()
    assert app.start() is False  # nothing else started: the database is not opened
    dialog = app.damaged
    assert isinstance(dialog, DamagedDialog) and dialog.isVisible()
    assert not app.started
    text = dialog.findChild(QLabel).text()
    assert f"Stint's database {db} is damaged" in text
    assert "The last good backup is from 2026-11-23 10:00 (stint-20261123-090000.sqlite3)" in text
    assert db.read_bytes() == damaged_bytes  # nothing was written into it

    with qtbot.waitSignal(dialog.finished, timeout=3000):
        dialog.restore_button.click()

    assert app.started and app.damaged is None and quits == []
    kept = [b for b in backup.list_backups(db) if b.kind == backup.REPLACED]
    assert len(kept) == 1 and kept[0].path.read_bytes() == damaged_bytes
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM task").fetchone() == (300,)
    conn.close()
    assert app.live.snapshot is not None


@pytest.mark.log_allowed(r"stint.ui.damaged: the database is damaged: ")
def test_a_damaged_database_without_a_backup_can_only_quit(make_app: Any, qtbot: Any, home: Path) -> None:
    db = home / "stint.sqlite3"
    db.write_bytes(b"")
    app, quits = make_app()
    assert app.start() is False
    dialog = app.damaged
    assert isinstance(dialog, DamagedDialog) and dialog.restore_button is None
    assert "the file is empty: 0 bytes" in dialog.findChild(QLabel).text()
    assert "There is no sound backup to restore" in dialog.findChild(QLabel).text()
    # A command handed to the app meanwhile is told why it is not run.
    code, out, err = _run_stint(qtbot, home, "start", "report")
    assert (code, out) == (1, "") and err == (f"stint: the database {db} is damaged; the Stint app's window "
                                              "offers to restore a backup\n")
    dialog.quit_button.click()
    assert quits == [True] and not dialog.isVisible()
    assert db.read_bytes() == b""


def test_the_app_takes_the_daily_backup(make_app: Any, qtbot: Any, home: Path, clock: Any) -> None:
    db = home / "stint.sqlite3"
    open_engine(db).dispose()
    app, _ = make_app()
    assert app.start()  # looks at once whether one is due: none was ever taken
    qtbot.waitUntil(lambda: app.backups.job is None, timeout=5000)
    assert [b.path.name for b in backup.list_backups(db)] == ["stint-20261123-090000.sqlite3"]
    clock.advance(hours=23)
    app.backups.check()
    assert app.backups.job is None  # not due: nothing started
    clock.advance(hours=1, minutes=1)
    with qtbot.waitSignal(app.backups.finished, timeout=5000) as blocker:
        app.backups.check()
    assert blocker.args[0].path.name == "stint-20261124-090100.sqlite3"


def test_a_storage_fault_while_running_is_a_visible_message(make_app: Any, qtbot: Any, home: Path) -> None:
    db = home / "stint.sqlite3"
    store = open_database(db, busy_timeout_ms=200)  # what the app's actions go through
    app, _ = make_app(db=store, tray=True)
    assert app.start()
    task = app.services.tracker.create_task("Write report", local=True)
    app.tray.menu.aboutToShow.emit()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program keeps the write lock
    try:
        with qtbot.waitSignal(app.notifier.notified, timeout=3000) as told:
            app.tray.action(f"recent-{task.id}").trigger()  # start it from the tray menu
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert told.args == ["warning", "Stint", f"the database {db} is busy: another program has kept it locked "
                                             "for over 0.2 s (nothing was saved; try again)"]
    assert app.services.tracker.db is store
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM entry").fetchone() == (0,)
    conn.close()


def test_a_storage_fault_in_a_dialog_is_shown_in_it(make_app: Any, qtbot: Any, home: Path) -> None:
    db = home / "stint.sqlite3"
    app, _ = make_app(db=open_database(db, busy_timeout_ms=200))
    assert app.start()
    app.services.tracker.create_task("Write report", local=True)
    app.show_quick_start()
    dialog = app.dialogs["quick_start"]
    qtbot.waitUntil(lambda: dialog.selected_task() is not None)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        dialog.start_selected()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.plain() == (f"the database {db} is busy: another program has kept it locked for over "
                                    "0.2 s (nothing was saved; try again)")


def test_the_dialog_speaks_spanish(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from stint.ui.i18n import install_translator

    translator = install_translator(qapp, "es")
    try:
        assert QCoreApplication.translate("DamagedDialog", "Restore this backup") == "Restaurar esta copia"
        assert QCoreApplication.translate("DailyBackup", "The daily backup failed: {error}") == (
            "La copia de seguridad diaria ha fallado: {error}")
    finally:
        qapp.removeTranslator(translator)


@pytest.mark.log_allowed(r"stint.ui.app: cannot start: ")
def test_storage_that_refuses_at_start_is_told_and_the_app_quits(qtbot: Any, tmp_path: Path, clock: Any) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("STINT_HOME points at a file")
    app, quits = new_app(home, clock)
    try:
        assert app.start() is False
        box = app.fatal
        assert box is not None and box.isVisible() and not app.started
        assert box.text().startswith("Stint cannot use its data: ") and str(home) in box.text()
        assert quits == []
        box.accept()
        assert quits == [True]
    finally:
        close(app)


def test_a_background_job_on_a_full_disk_says_so(qtbot: Any, tmp_path: Path) -> None:
    import errno

    from stint.ui.workers import run_in_background

    def export() -> None:  # what the week view's export meets on a full disk
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "week.pdf"))

    failures: list[str] = []
    job = run_in_background(export, "export", on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert job.error == failures[0] == (f"the disk is full: cannot write {tmp_path / 'week.pdf'} "
                                        "(nothing was saved; free some space and try again)")
