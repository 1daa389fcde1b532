"""The Reports tab: any period (a week by default, a month, any dates) as the task ×
day grid with its totals pinned in view, or as every entry; filtered by project or
account; a chart of each day by project; and export to every format the CLI writes,
on a worker thread.

The choices make a `ReportOptions`; `timesheet.build.run` makes the `Report`; the
grid, the detail list and every export show that one report — the same code and the
same numbers as `stint timesheet`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QStackedWidget, QStyle, QTableView,
    QVBoxLayout, QWidget,
)

from ..domain.model import SYNC_FAILED, SYNC_LOCAL_ONLY
from ..domain.timesheet import Timesheet, format_duration
from ..services import Services
from ..timesheet.build import filter_names, run
from ..timesheet.export import export_file, suggested_name
from ..timesheet.export_common import conditions, day_heading, project_name, title
from ..timesheet.report import Report
from .bar_chart import BarChart, Series
from .colors import project_colors
from .list_model import TODAY_KEY, ElideRight, read_only_table, step_keys
from .notice import Notice
from .pinned_grid import PinnedGrid
from .report_choices import ReportChoices
from .report_labels import report_labels
from .report_models import NOTE, TASK, DetailModel, GridModel
from .workers import Job

RELOAD_ON = {"all", "timer", "entries", "tasks", "sync", "settings"}
RUNNING_REFRESH_SECONDS = 30
# What the export menu offers, in the order people look for them (no plain-text table:
# that is for the terminal).
EXPORTS = (("csv", "CSV"), ("xlsx", "Excel (.xlsx)"), ("pdf", "PDF"), ("html", "HTML"), ("json", "JSON"))


class WeekView(QWidget):
    message = Signal(str)
    export_finished = Signal(bool, str)  # ok, the path written or the error
    day_requested = Signal(object)  # a date: a double click on a day's cell or an entry's line

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.labels = report_labels()
        self.report: Report | None = None
        self._refreshed_at: datetime | None = None
        self._shown_days: tuple[date, ...] = ()
        self.choices = ReportChoices(services)
        self.choices.changed.connect(self.refresh)
        self.choices.refused.connect(lambda text: self.notice.show_error(text))
        self.title = QLabel()
        self.rounding_label = QLabel()
        prev_button, self.current_button, next_button = (QPushButton(self.tr("◀ Previous")), QPushButton(),
                                                         QPushButton(self.tr("Next ▶")))
        prev_button.clicked.connect(lambda: self.shift(-1))
        next_button.clicked.connect(lambda: self.shift(1))
        step_keys(prev_button, next_button, self.current_button)
        self.current_button.clicked.connect(self.go_this_week)
        self.export_button = QPushButton(self.tr("Export…"))
        menu = QMenu(self.export_button)
        for fmt, text in EXPORTS:
            action = QAction(text, menu)
            action.setData(fmt)
            action.triggered.connect(lambda _=False, f=fmt: self.ask_export(f))
            menu.addAction(action)
        self.export_button.setMenu(menu)
        self.grid_model = GridModel(self.labels, self)
        self.grid_model.flag_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.grid_model.flag_help = {
            SYNC_LOCAL_ONLY: self.tr("Some of this time is local only: the server cannot hold it."),
            SYNC_FAILED: self.tr("The server rejected a change to some of this time; see the failed changes."),
        }
        self.grid = PinnedGrid()
        self.grid.setModel(self.grid_model)
        for region in ("body", "foot"):  # a day's column opens that day
            self.grid.view(region, "body").doubleClicked.connect(lambda index: self._open_day(index.column() - 1))
        self.detail_model = DetailModel(self.labels, self)
        self.detail = self._detail_table()
        self.detail_total = QLabel()
        detail_page = QWidget()
        detail_layout = QVBoxLayout(detail_page)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.detail_total)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.grid)
        self.pages.addWidget(detail_page)
        self.chart = BarChart()
        self.notice = Notice()

        top = QHBoxLayout()
        for w in (prev_button, self.title, next_button, self.current_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.export_button)
        second = QHBoxLayout()
        second.addWidget(self.choices, 1)
        second.addWidget(self.rounding_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 3)
        layout.addWidget(self.chart, 1)
        services.bridge.changed.connect(self.on_changed)
        self.refresh()

    def _detail_table(self) -> QTableView:
        table = read_only_table(self.detail_model)
        table.doubleClicked.connect(lambda index: self._open_day(self.detail_model.parts[index.row()].day))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (TASK, NOTE):  # share what is left: a long title must not squeeze the notes
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.setItemDelegateForColumn(NOTE, ElideRight(table))
        return table

    @property
    def timesheet(self) -> Timesheet | None:
        return self.report.sheet if self.report is not None else None

    # -- navigation --------------------------------------------------------------

    def shift(self, steps: int) -> None:
        self.choices.shift(steps)

    def go_this_week(self) -> None:
        """Back to the period holding today (this week, this month, the days to today)."""
        self.choices.go_current()

    def on_changed(self, what: str) -> None:
        if what == "settings":
            self.choices.settings_changed()
        if what in RELOAD_ON:
            self.refresh()

    def tick(self, now: datetime) -> None:
        """A running timer moves the totals; redraw now and then, not every second."""
        if self.report is None or self._refreshed_at is None or not self.isVisible():
            return
        if now - self._refreshed_at >= timedelta(seconds=RUNNING_REFRESH_SECONDS) and self.report.period.contains(now):
            self.refresh()

    # -- showing -----------------------------------------------------------------

    def refresh(self) -> None:
        now = self.services.clock.now()
        self.choices.set_names(*filter_names(self.services.db))
        self.report = report = run(self.services.db, self.choices.options(), now)
        self._refreshed_at = now
        self.title.setText(title(report, self.labels))
        self.current_button.setText({"week": self.tr("This week"), "month": self.tr("This month")}.get(
            report.period.kind, self.tr("Up to today")))
        self.current_button.setShortcut(QKeySequence(TODAY_KEY))  # setText cleared it
        rounding = report.options.rounding
        self.rounding_label.setText(conditions(report, self.labels) if rounding or report.options.filters.active
                                    else self.tr("Not rounded"))
        self.grid_model.set_report(report)
        if report.days != self._shown_days:  # another period: its first day in view, or today in it
            self._shown_days = report.days
            today = now.astimezone(report.period.tz).date()
            self.grid.keep_in_view(1 + (report.days.index(today) if today in report.days else 0))
        self.detail_model.set_report(report)
        self.detail_total.setText(self.tr("Total: %1").replace("%1", format_duration(report.sheet.total)))
        self.pages.setCurrentIndex(1 if report.detail else 0)
        self._fill_chart(report)

    def _fill_chart(self, report: Report) -> None:
        sheet = report.sheet
        colors = project_colors(row.project for row in sheet.rows)
        series = []
        for project, _seconds in sheet.project_totals():
            values = [0] * len(sheet.days)
            for row in sheet.rows:
                if row.project == project:
                    values = [a + b for a, b in zip(values, row.days)]
            series.append(Series(project_name(project, self.labels), colors[project or None], tuple(values)))
        self.chart.set_data([day_heading(d, self.labels) for d in sheet.days], series)

    def _open_day(self, day: int) -> None:
        if self.report is not None and 0 <= day < len(self.report.days):
            self.day_requested.emit(self.report.days[day])

    def cell_text(self, row: int, column: int) -> str:
        """The grid's text at (row, column); the last row and column are the totals."""
        return self.grid_model.index(row, column).data() or ""

    # -- export ------------------------------------------------------------------

    def ask_export(self, fmt: str) -> None:
        if self.report is None:
            return
        start = str(Path.home() / suggested_name(self.report, fmt))
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export report"), start,
                                                    f"{fmt.upper()} (*{Path(start).suffix})")
        if path:
            self.export_to(fmt, Path(path))

    def export_to(self, fmt: str, path: Path) -> Job:
        """Write the report shown as `fmt` to `path` on a worker thread; the result shows
        in the notice line and comes out of `export_finished`."""
        assert self.report is not None
        report, labels = self.report, self.labels
        job = Job(lambda: export_file(report, fmt, path, labels=labels), f"export {fmt}")
        job.succeeded.connect(lambda written: self._exported(True, str(written)))
        job.failed.connect(lambda error: self._exported(False, error))
        self.notice.show_info(self.tr("Exporting %1…").replace("%1", fmt.upper()))
        return job.start()

    def _exported(self, ok: bool, detail: str) -> None:
        if ok:
            self.notice.show_info(self.tr("Saved to %1").replace("%1", detail))
            self.message.emit(self.tr("Report exported"))
        else:
            self.notice.show_error(self.tr("Export failed: %1").replace("%1", detail))
        self.export_finished.emit(ok, detail)
