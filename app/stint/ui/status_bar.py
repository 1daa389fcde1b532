"""The window's status line: the running timer, connection state, queued and failed
changes, and the last sync. Reads `queries.overview` on every store change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from ..domain.timesheet import format_elapsed
from ..store.queries import overview
from ..services import Services

RELOAD_ON = {"all", "timer", "entries", "tasks", "sync", "settings"}


@dataclass(frozen=True)
class Summary:
    running_task: str | None
    running_since: datetime | None
    pending: int
    failed: int
    accounts: int
    troubled: list[str]  # "name: state (error)" for each account not ok
    last_sync: str | None


def load_summary(services: Services) -> Summary:
    with services.db.read() as conn:
        view = overview(conn)
    running = (view.running.task.title, view.running.started_at) if view.running else (None, None)
    troubled = [
        f"{a['name']}: {a['state']}" + (f" ({a['last_error']})" if a["last_error"] else "")
        for a in view.accounts if a["state"] != "ok"
    ]
    syncs = [str(a["last_sync"]) for a in view.accounts if a["last_sync"]]
    return Summary(running[0], running[1], view.pending_ops, view.failed_ops, len(view.accounts), troubled,
                   max(syncs) if syncs else None)


class StatusLine(QStatusBar):
    failed_clicked = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.summary: Summary | None = None
        self.timer_label = QLabel()
        self.connection_label = QLabel()
        self.pending_label = QLabel()
        self.sync_label = QLabel()
        self.failed_button = QPushButton()
        self.failed_button.setFlat(True)
        self.failed_button.clicked.connect(self.failed_clicked)
        self.addWidget(self.timer_label, 1)
        for w in (self.connection_label, self.pending_label, self.sync_label, self.failed_button):
            self.addPermanentWidget(w)
        services.bridge.changed.connect(self.on_changed)
        self.refresh()

    def on_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.refresh()

    def refresh(self) -> None:
        self.summary = summary = load_summary(self.services)
        if summary.accounts == 0:
            self.connection_label.setText(self.tr("Local only"))
            self.connection_label.setToolTip(self.tr("No server account is configured."))
        elif summary.troubled:
            self.connection_label.setText(self.tr("Offline"))
            self.connection_label.setToolTip("\n".join(summary.troubled))
        else:
            self.connection_label.setText(self.tr("Online"))
            self.connection_label.setToolTip("")
        self.pending_label.setText(self.tr("%n change(s) waiting", "", summary.pending))
        self.pending_label.setVisible(summary.pending > 0)
        if summary.last_sync:
            local = datetime.fromisoformat(summary.last_sync).astimezone(self.services.tz)
            self.sync_label.setText(self.tr("Last sync %1").replace("%1", f"{local:%Y-%m-%d %H:%M}"))
        else:
            self.sync_label.setText(self.tr("Never synced") if summary.accounts else "")
        self.failed_button.setText(self.tr("%n failed", "", summary.failed))
        self.failed_button.setToolTip(self.tr("Show the changes the server refused"))
        self.failed_button.setVisible(summary.failed > 0)
        self.tick(self.services.clock.now())

    def tick(self, now: datetime) -> None:
        summary = self.summary
        if summary is None or summary.running_since is None:
            self.timer_label.setText(self.tr("No timer running"))
            return
        clock = format_elapsed((now - summary.running_since).total_seconds())
        self.timer_label.setText(self.tr("▶ %1 — %2").replace("%1", summary.running_task or "").replace("%2", clock))
