"""Import… in the main window: the preview table before anything is written, then
the import off the GUI thread, reported through the bridge."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from stint.store.db import transaction  # noqa: E402
from stint.ui.import_dialog import ImportDialog  # noqa: E402
from stint.ui.window import MainWindow  # noqa: E402
from tests.conftest import db_snapshot  # noqa: E402

from .window_fixtures import add_account, on_next, services  # noqa: E402,F401

TOGGL = """User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags
Ana,a@x,Kestrel,Website,,Homepage copy,Yes,2026-02-27,23:00:00,2026-02-28,01:30:00,02:30:00,"writing, review"
Ana,a@x,,Internal,,Admin,No,2026-02-28,09:00:05,2026-02-28,10:00:00,00:59:55,
Ana,a@x,,Internal,,Admin,No,2026-02-28,09:30:00,2026-02-28,09:45:00,00:15:00,
Ana,a@x,,Internal,,Admin,No,2026-03-01,09:00:00,,,,
Ana,a@x,,Internal,,Broken,No,2026-13-01,09:00:00,2026-13-01,10:00:00,01:00:00,
"""


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "toggl.csv"
    path.write_text(TOGGL)
    return path


def _column(dialog: ImportDialog, column: int) -> list[str]:
    return [dialog.model.text(row, column) for row in range(dialog.model.rowCount())]


def test_the_preview_shows_every_row_and_writes_nothing(qtbot, services, tmp_path: Path) -> None:  # noqa: F811
    services.tracker.create_task("Admin", project="Internal")
    before = db_snapshot(services.database)
    dialog = ImportDialog(services)
    qtbot.addWidget(dialog)
    dialog.open_file(_file(tmp_path))
    assert db_snapshot(services.database) == before
    assert _column(dialog, 0) == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert _column(dialog, 1)[:3] == ["2026-02-27 23:00:00", "2026-02-28 09:00:05", "2026-02-28 09:30:00"]
    assert _column(dialog, 3)[:3] == ["2:30:00", "0:59:55", "0:15:00"]
    assert _column(dialog, 4)[:3] == ["Homepage copy", "Admin", "Admin"]
    assert _column(dialog, 7) == [
        "Import (new task)", "Import", "Skip: overlaps line 3 (Admin, 2026-02-28 09:00–10:00)",
        "Not imported: still running (no end)", "Cannot read: not a date: '2026-13-01'"]
    assert dialog.summary.text() == ("Toggl Track CSV: 2 entries (3:29:55) to import onto 2 tasks, 1 of them new. "
                                     "1 skipped. 1 not time to import. 1 could not be read.")
    assert dialog.go.isEnabled() and dialog.go.text() == "Import"


def test_options_change_the_preview(qtbot, services, tmp_path: Path) -> None:  # noqa: F811
    dialog = ImportDialog(services)
    qtbot.addWidget(dialog)
    dialog.open_file(_file(tmp_path))
    dialog.keep.setChecked(True)
    assert _column(dialog, 7)[:3] == ["Import (new task)", "Import (new task)", "Import (new task)"]
    dialog.zone.setCurrentText("UTC")
    assert _column(dialog, 1)[0] == "2026-02-28 00:00:00"   # read as UTC, shown in Madrid: an hour later
    assert dialog.model.rows[0].start.isoformat() == "2026-02-27T23:00:00+00:00"


def test_import_writes_and_tells_the_window(qtbot, services, tmp_path: Path) -> None:  # noqa: F811
    dialog = ImportDialog(services)
    qtbot.addWidget(dialog)
    dialog.open_file(_file(tmp_path))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done, \
            qtbot.waitSignal(services.bridge.changed, timeout=10_000):
        dialog.go.click()
    assert done.args == ["Imported 2 entries (3:29:55)."]
    assert dialog.result() == QDialog.DialogCode.Accepted
    from sqlalchemy import select

    from stint.store.models import Entry, Task

    with transaction(services.engine) as s:
        rows = s.execute(select(Task.title, Task.project, Entry.note).join(Entry.task).order_by(Entry.started_at)).all()
    assert rows == [("Homepage copy", "Website", "[writing, review]"), ("Admin", "Internal", "")]
    again = ImportDialog(services)
    qtbot.addWidget(again)
    again.open_file(_file(tmp_path))
    assert _column(again, 7)[:2] == ["Skip: imported before", "Skip: imported before"]
    assert not again.go.isEnabled()


def test_onto_an_accounts_tasks(qtbot, services, tmp_path: Path) -> None:  # noqa: F811
    add_account(services, "work")
    dialog = ImportDialog(services)
    qtbot.addWidget(dialog)
    dialog.open_file(_file(tmp_path))
    dialog.target.setCurrentIndex(1)
    assert dialog.target.currentText() == "Tasks of account work, pushed to its server"
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.go.click()
    from sqlalchemy import select

    from stint.store.models import Op

    with transaction(services.engine) as s:
        kinds = list(s.scalars(select(Op.kind).order_by(Op.seq)))
    assert kinds == ["create_task", "create_task", "create_entry", "create_entry"]


def test_an_unreadable_file_is_said_in_one_line(qtbot, services, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "frames"
    path.write_text('[[1, 2, "a"')
    dialog = ImportDialog(services)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    assert dialog.notice.plain() == "frames: line 1: not valid JSON (Expecting ',' delimiter)"
    assert dialog.model.rowCount() == 0 and not dialog.go.isEnabled()


def test_the_window_menu_opens_it(qtbot, services) -> None:  # noqa: F811
    window = MainWindow(services)
    qtbot.addWidget(window)
    seen: list[str] = []
    on_next(ImportDialog, lambda d: (seen.append(d.windowTitle()), d.reject()))
    window.actions_by_name["import"].trigger()
    assert seen == ["Import time"]
    assert window.actions_by_name["import"].shortcut().toString() == "Ctrl+I"


def test_it_speaks_spanish(qtbot, qapp, services) -> None:  # noqa: F811
    from stint.ui.i18n import install_translator

    translator = install_translator(qapp, "es")
    try:
        dialog = ImportDialog(services)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Importar tiempo"
        assert [dialog.model.headerData(i, Qt.Orientation.Horizontal) for i in (0, 7)] == ["Dónde", "Qué pasa"]
        assert dialog.go.text() == "Importar"
    finally:
        qapp.removeTranslator(translator)


def test_a_stint_export_restores_into_a_new_database(qtbot, services, tmp_path: Path) -> None:  # noqa: F811
    import json

    from stint.config import Settings
    from stint.importers.stint_export import to_document
    from stint.store.full_export import snapshot

    from .window_fixtures import make_services

    services.tracker.create_task("Kept", project="Ops")
    with transaction(services.engine) as s:
        export = snapshot(s, settings={"week_start": 6, "rounding_minutes": 15}, now=services.clock.now(),
                          app="stint test")
    path = tmp_path / "all.json"
    path.write_text(json.dumps(to_document(export)))
    fresh = make_services(tmp_path / "fresh")
    try:
        dialog = ImportDialog(fresh)
        qtbot.addWidget(dialog)
        dialog.open_file(path)
        assert dialog.go.text() == "Restore" and dialog.go.isEnabled()
        assert dialog.summary.text().startswith("A Stint export into an empty database: restore 1 tasks and 0 entries")
        with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
            dialog.go.click()
        assert done.args == ["Restored 1 tasks and 0 entries."]
        assert fresh.settings == Settings(week_start=6, rounding_minutes=15)
        assert json.loads((tmp_path / "fresh" / "settings.json").read_text())["week_start"] == 6
        with transaction(fresh.engine) as s:
            again = snapshot(s, settings={"week_start": 6, "rounding_minutes": 15}, now=services.clock.now(),
                             app="stint test")
        assert again == export
    finally:
        fresh.engine.dispose()
