"""Fixtures for the main-window tests: a fresh database and Services per test, a
FixedClock, and helpers that fill the store through the Tracker (the real path).

Imported explicitly by the test modules (tests/ui/conftest.py belongs to the shell)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from stint.config import Settings  # noqa: E402
from stint.domain.clock import FixedClock  # noqa: E402
from stint.store.db import open_engine, transaction  # noqa: E402
from stint.store.models import Account, Op, Status, Task  # noqa: E402
from stint.services import Services  # noqa: E402
from stint.ui.bridge import Bridge  # noqa: E402

# Monday 2 March 2026, 10:00 in Madrid (09:00 UTC).
TZ = ZoneInfo("Europe/Madrid")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def make_services(home: Path, clock: FixedClock | None = None, settings: Settings | None = None) -> Services:
    home.mkdir(parents=True, exist_ok=True)
    engine = open_engine(home / "stint.sqlite3")
    return Services(env={"STINT_HOME": str(home), "TZ": "Europe/Madrid"}, settings=settings or Settings(),
                    engine=engine, clock=clock or FixedClock(T0), bridge=Bridge())


@pytest.fixture
def services(tmp_path: Path, qapp) -> Iterator[Services]:  # noqa: ANN001 - pytest-qt's fixture
    svc = make_services(tmp_path / "home")
    yield svc
    svc.close()


def add_account(services: Services, name: str = "work", statuses: tuple[tuple[str, str, str, bool], ...] = (
    ("OPEN", "Open", "#2255aa", False), ("IN_PROGRESS", "Doing", "#ffdd00", False), ("CLOSED", "Closed", "#222222", True),
)) -> int:
    with transaction(services.engine) as s:
        account = Account(name=name, kind="wapify", base_url=f"https://{name}.example", credential="keyring",
                          created_at=T0)
        s.add(account)
        s.flush()
        for position, (sname, label, color, done) in enumerate(statuses):
            s.add(Status(account_id=account.id, name=sname, label=label, color=color, position=position,
                         is_done=done))
        return account.id


def bulk_tasks(services: Services, count: int) -> None:
    """`count` local tasks in one insert: every 10th done, every 7th in project "Gamma"."""
    with transaction(services.engine) as s:
        statuses = {st.name: st.id for st in s.query(Status).filter(Status.account_id.is_(None))}
        s.execute(insert(Task), [
            {
                "title": f"Task {i:05d}", "project": "Gamma" if i % 7 == 0 else "Alpha",
                "status_id": statuses["DONE"] if i % 10 == 0 else statuses["TO_DO"],
                "created_at": T0, "updated_at": T0,
            }
            for i in range(count)
        ])


def fail_op(services: Services, kind: str, message: str) -> int:
    with transaction(services.engine) as s:
        op = s.query(Op).filter(Op.kind == kind, Op.state == "pending").order_by(Op.seq).first()
        op.state, op.last_error, op.attempts = "failed", message, 1
        return op.seq


def on_next(kind: type, act: "object") -> None:
    """Call `act(widget)` on the next visible top-level `kind` (a modal dialog runs
    its own event loop, so this polls from a timer until the dialog is on screen)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timer = QTimer(QApplication.instance(), interval=10)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                timer.stop()
                timer.deleteLater()
                act(widget)  # type: ignore[operator]
                return

    timer.timeout.connect(poll)
    timer.start()


def answer_box(button: "object", seen: list[str] | None = None) -> None:
    """Click `button` on the next QMessageBox; its text goes to `seen`."""
    from PySide6.QtWidgets import QMessageBox

    def act(box: QMessageBox) -> None:
        if seen is not None:
            seen.append(box.text())
        box.button(button).click()

    on_next(QMessageBox, act)
