"""New task…: the project completes from existing projects (a server's too), and the
task goes where the last new task went."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from stint.config import load_settings  # noqa: E402
from stint.store.db import transaction  # noqa: E402
from stint.store.models import Status, Task  # noqa: E402
from stint.ui.new_task import NewTaskDialog  # noqa: E402

from .window_fixtures import T0, add_account, services  # noqa: E402,F401


def _completions(dialog: NewTaskDialog, typed: str) -> list[str]:
    completer = dialog.project.completer()
    completer.setCompletionPrefix(typed)
    model = completer.completionModel()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_project_completes_from_local_and_server_projects(services, qtbot) -> None:
    work = add_account(services, "work")
    services.tracker.create_task("Landing page", project="Acme Web", local=True)
    services.tracker.create_task("Copy", project="acme web", local=True)
    with transaction(services.engine) as s:  # a task a server's pull brought, with its project
        status = s.query(Status).filter(Status.account_id == work).first()
        s.add(Task(account_id=work, remote_id="88", title="API", project="Backend", status_id=status.id,
                   created_at=T0, updated_at=T0))
    dialog = NewTaskDialog(services)
    qtbot.addWidget(dialog)
    assert _completions(dialog, "") == ["Acme Web", "acme web", "Backend"]
    assert _completions(dialog, "WEB") == ["Acme Web", "acme web"]  # any part, case ignored
    assert _completions(dialog, "back") == ["Backend"]
    dialog.show()
    qtbot.keyClicks(dialog.project, "Back")
    assert dialog.project.completer().popup().isVisible()


def test_a_new_task_goes_where_the_last_one_went(services, qtbot, tmp_path) -> None:
    add_account(services, "work")
    add_account(services, "home")
    first = NewTaskDialog(services)
    qtbot.addWidget(first)
    assert first.where.currentData() == "home"  # nothing remembered: the first account listed
    qtbot.keyClicks(first.title, "Kept here")
    first.where.setCurrentIndex(first.where.findData(""))
    qtbot.mouseClick(first.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    second = NewTaskDialog(services)
    qtbot.addWidget(second)
    assert second.where.currentData() == ""  # local, as last time
    qtbot.keyClicks(second.title, "Synced")
    second.where.setCurrentIndex(second.where.findData("work"))
    qtbot.mouseClick(second.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert NewTaskDialog(services).where.currentData() == "work"
    assert load_settings(services.paths.settings).extra["new_task_destination"] == "work"  # kept across starts
    with services.db.read() as conn:
        rows = conn.execute("SELECT t.title, a.name FROM task AS t LEFT JOIN account AS a ON a.id = t.account_id"
                            " ORDER BY t.id").fetchall()
    assert rows == [("Kept here", None), ("Synced", "work")]
