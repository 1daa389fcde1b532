"""The Week tab: the timesheet grid (task × day), a bar chart of the day totals,
week navigation, and export to every format on a worker thread."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QStyle, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..domain.model import SYNC_FAILED, SYNC_LOCAL_ONLY
from ..domain.timesheet import Rounding, Timesheet, format_duration
from ..domain.weeks import Week, local_midnight, week_of
from ..timesheet.build import weekly
from ..timesheet.export import FORMATS, export_file, suggested_name
from ..timesheet.report import Report
from .bar_chart import BarChart
from .notice import Notice
from ..services import Services
from .workers import Job

RELOAD_ON = {"all", "timer", "entries", "tasks", "sync", "settings"}
RUNNING_REFRESH_SECONDS = 30


def rounding_of(services: Services) -> Rounding | None:
    settings = services.settings
    return Rounding(settings.rounding_minutes, settings.rounding_mode) if settings.rounding_minutes else None


class WeekView(QWidget):
    message = Signal(str)
    export_finished = Signal(bool, str)  # ok, the path written or the error

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.week: Week = self._this_week()
        self.timesheet: Timesheet | None = None
        self._refreshed_at: datetime | None = None
        self._flag_help = {
            SYNC_LOCAL_ONLY: self.tr("Some of this time is local only: the server cannot hold it."),
            SYNC_FAILED: self.tr("The server rejected a change to some of this time; see the failed changes."),
        }
        self.title = QLabel()
        self.rounding_label = QLabel()
        prev_button, this_button, next_button = (QPushButton(self.tr("◀ Previous")), QPushButton(self.tr("This week")),
                                                 QPushButton(self.tr("Next ▶")))
        prev_button.clicked.connect(lambda: self.shift(-1))
        next_button.clicked.connect(lambda: self.shift(1))
        this_button.clicked.connect(self.go_this_week)
        self.export_button = QPushButton(self.tr("Export…"))
        menu = QMenu(self.export_button)
        for fmt in FORMATS:
            action = QAction(fmt.upper(), menu)
            action.triggered.connect(lambda _=False, f=fmt: self.ask_export(f))
            menu.addAction(action)
        self.export_button.setMenu(menu)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.verticalHeader().hide()
        self.chart = BarChart()
        self.notice = Notice()

        top = QHBoxLayout()
        for w in (prev_button, self.title, next_button, this_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.rounding_label)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.grid, 3)
        layout.addWidget(self.chart, 1)
        services.bridge.changed.connect(self.on_changed)
        self.refresh()

    # -- navigation --------------------------------------------------------------

    def _this_week(self) -> Week:
        return week_of(self.services.clock.now(), self.services.tz, self.services.settings.week_start)

    def shift(self, weeks: int) -> None:
        day = self.week.days[0] + timedelta(days=7 * weeks)
        self.week = week_of(local_midnight(day, self.services.tz), self.services.tz, self.services.settings.week_start)
        self.refresh()

    def go_this_week(self) -> None:
        self.week = self._this_week()
        self.refresh()

    def on_changed(self, what: str) -> None:
        if what == "settings" and self.week.days[0].weekday() != self.services.settings.week_start:
            middle = local_midnight(self.week.days[3], self.services.tz)
            self.week = week_of(middle, self.services.tz, self.services.settings.week_start)
        if what in RELOAD_ON:
            self.refresh()

    def tick(self, now: datetime) -> None:
        """A running timer moves the totals; redraw now and then, not every second."""
        sheet = self.timesheet
        if sheet is None or self._refreshed_at is None or not self.isVisible():
            return
        if now - self._refreshed_at >= timedelta(seconds=RUNNING_REFRESH_SECONDS) and self.week.start <= now < self.week.end:
            self.refresh()

    # -- showing -----------------------------------------------------------------

    def refresh(self) -> None:
        now = self.services.clock.now()
        rounding = rounding_of(self.services)
        self.timesheet = sheet = weekly(
            self.services.db, self.week.year, self.week.number, tz=self.services.tz, now=now,
            week_start=self.services.settings.week_start, rounding=rounding,
        )
        self._refreshed_at = now
        first, last = sheet.days[0], sheet.days[-1]
        self.title.setText(self.tr("Week %1: %2 – %3").replace("%1", sheet.period.label)
                           .replace("%2", first.isoformat()).replace("%3", last.isoformat()))
        if rounding is None:
            self.rounding_label.setText(self.tr("Not rounded"))
        else:
            mode = self.tr("up") if rounding.mode == "up" else self.tr("to the nearest")
            self.rounding_label.setText(self.tr("Each entry rounded %1 to %2 min per day")
                                        .replace("%1", mode).replace("%2", str(rounding.minutes)))
        self._fill_grid(sheet)
        locale = QLocale()
        day_names = [locale.dayName(d.isoweekday(), QLocale.FormatType.ShortFormat) for d in sheet.days]
        self.chart.set_values(day_names, sheet.day_totals)

    def _fill_grid(self, sheet: Timesheet) -> None:
        locale = QLocale()
        headers = [self.tr("Task")]
        headers += [f"{locale.dayName(d.isoweekday(), QLocale.FormatType.ShortFormat)} {d:%m-%d}" for d in sheet.days]
        headers.append(self.tr("Total"))
        self.grid.clear()
        self.grid.setColumnCount(len(headers))
        self.grid.setHorizontalHeaderLabels(headers)
        self.grid.setRowCount(len(sheet.rows) + 1)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for r, row in enumerate(sheet.rows):
            name = f"{row.project} · {row.task}" if row.project else row.task
            item = QTableWidgetItem(name)
            if row.flags:
                item.setIcon(warning)
                item.setToolTip("\n".join(self._flag_help.get(f, f) for f in sorted(row.flags)))
                item.setData(Qt.ItemDataRole.UserRole, sorted(row.flags))
            self.grid.setItem(r, 0, item)
            for c, seconds in enumerate([*row.days, row.total], start=1):
                self.grid.setItem(r, c, _duration_item(seconds, bold=c == 8))
        totals = len(sheet.rows)
        label = QTableWidgetItem(self.tr("Total"))
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self.grid.setItem(totals, 0, label)
        for c, seconds in enumerate([*sheet.day_totals, sheet.total], start=1):
            self.grid.setItem(totals, c, _duration_item(seconds, bold=True, zero="0:00"))
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(headers)):
            self.grid.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)

    def cell_text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text() if item is not None else ""

    # -- export ------------------------------------------------------------------

    def ask_export(self, fmt: str) -> None:
        if self.timesheet is None:
            return
        start = str(Path.home() / suggested_name(self._report(), fmt))
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export timesheet"), start,
                                                    f"{fmt.upper()} (*{Path(start).suffix})")
        if path:
            self.export_to(fmt, Path(path))

    def export_to(self, fmt: str, path: Path) -> Job:
        """Write the shown week as `fmt` to `path` on a worker thread; the result shows
        in the notice line and comes out of `export_finished`."""
        report = self._report()
        job = Job(lambda: export_file(report, fmt, path), f"export {fmt}")
        job.succeeded.connect(lambda written: self._exported(True, str(written)))
        job.failed.connect(lambda error: self._exported(False, error))
        self.notice.show_info(self.tr("Exporting %1…").replace("%1", fmt.upper()))
        return job.start()

    def _report(self) -> Report:
        assert self.timesheet is not None and self._refreshed_at is not None
        return Report.of(self.timesheet, self._refreshed_at, person=self.services.settings.person_name)

    def _exported(self, ok: bool, detail: str) -> None:
        if ok:
            self.notice.show_info(self.tr("Timesheet saved to %1").replace("%1", detail))
            self.message.emit(self.tr("Timesheet exported"))
        else:
            self.notice.show_error(self.tr("Export failed: %1").replace("%1", detail))
        self.export_finished.emit(ok, detail)


def _duration_item(seconds: int, *, bold: bool = False, zero: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(format_duration(seconds) if seconds else zero)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item
