"""The failed changes dialog's "Use a server task…": for a task creation whose reply
was lost, the person picks the server's task it made, among that account's tasks
the server has, and the local task becomes it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stint.services import Services  # noqa: E402
from stint.store.db import transaction  # noqa: E402
from stint.store.models import Entry, Op, Status, Task  # noqa: E402
from stint.ui.ops_dialog import OpsDialog, ServerTaskDialog  # noqa: E402

from .window_fixtures import T0, add_account, fail_op, on_next, services  # noqa: E402,F401


def pulled(services: Services, account_id: int, remote_id: str, title: str) -> int:
    with transaction(services.engine) as s:
        status = s.query(Status).filter(Status.account_id == account_id).first()
        task = Task(account_id=account_id, remote_id=remote_id, title=title, status_id=status.id,
                    created_at=T0, updated_at=T0)
        s.add(task)
        s.flush()
        return task.id


def test_use_a_server_task_for_a_lost_creation(services, qtbot) -> None:
    work = add_account(services)
    home = add_account(services, "home")
    local = services.tracker.create_task("Report", account="work")
    services.tracker.start(str(local.id))
    services.clock.advance(minutes=20)
    services.tracker.stop()
    create = fail_op(services, "create_task", "the reply to creating “Report” was lost")
    on_server = pulled(services, work, "41", "Report")
    pulled(services, work, "40", "Report")  # a colleague's, of the same title: told apart by its id
    pulled(services, home, "41", "Report at home")  # another account's: not offered
    services.tracker.create_task("Report draft", account="work")  # not on the server yet: not offered
    synced: list[int] = []
    services.bridge.sync_requested.connect(lambda: synced.append(1))
    dialog = OpsDialog(services)
    qtbot.addWidget(dialog)
    dialog.select_seq(create)
    assert dialog.use_button.isVisibleTo(dialog) and dialog.use_button.isEnabled()
    offered: list[list[str]] = []

    def pick(picker: ServerTaskDialog) -> None:
        offered.append([picker.picker.itemText(i) for i in range(picker.picker.count())])
        ok = picker.buttons.button(picker.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # nothing picked yet
        picker.picker.set_task(on_server)
        assert ok.isEnabled()
        ok.click()

    on_next(ServerTaskDialog, pick)
    with qtbot.waitSignal(services.bridge.changed):
        dialog.use_button.click()
    assert sorted(offered[0]) == ["Report (40)", "Report (41)"]
    with transaction(services.engine) as s:
        assert s.get(Task, local.id) is None
        assert [e.task_id for e in s.query(Entry)] == [on_server]
        assert s.get(Op, create).state == "done"
        assert {op.task_id for op in s.query(Op).filter(Op.kind.in_(("start", "stop")))} == {on_server}
    assert dialog.ops == [] and synced == [1]
    assert dialog.notice.plain() == ""


def test_the_button_is_only_for_a_task_creation(services, qtbot) -> None:
    add_account(services)
    task = services.tracker.create_task("Report", account="work")
    services.tracker.set_status(str(task.id), "Closed")
    create = fail_op(services, "create_task", "422: no")
    status = fail_op(services, "set_status", "422: not allowed")
    dialog = OpsDialog(services)
    qtbot.addWidget(dialog)
    dialog.select_seq(status)
    assert not dialog.use_button.isEnabled()
    dialog.select_seq(create)
    assert dialog.use_button.isEnabled()


def test_a_refusal_shows_in_the_dialog(services, qtbot) -> None:
    work = add_account(services)
    services.tracker.create_task("Report", account="work")
    create = fail_op(services, "create_task", "lost")
    on_server = pulled(services, work, "41", "Report")
    dialog = OpsDialog(services)
    qtbot.addWidget(dialog)
    dialog.select_seq(create)
    services.tracker.retry_changes([create])  # meanwhile, from the command line

    def pick(picker: ServerTaskDialog) -> None:
        picker.picker.set_task(on_server)
        picker.accept()

    on_next(ServerTaskDialog, pick)
    dialog.use_button.click()
    assert dialog.notice.plain() == f"change #{create} is pending, not failed"
    with transaction(services.engine) as s:
        assert s.get(Op, create).state == "pending"
