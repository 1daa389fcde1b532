"""The report a person asks for in the window — a week, a month or any dates; the
task × day grid or every entry; one project, one account or local tasks — as the
same Qt-free `ReportOptions` the CLI's flags make (`timesheet/report.py`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ..domain.errors import StintError
from ..domain.periods import Period, month_period, week_period
from ..domain.timesheet import Filters, Rounding
from ..services import Services
from ..timesheet.report import ReportOptions

LOCAL = "\0local"  # the account choice "local tasks" (no account name can hold a NUL)


class ReportChoices(QWidget):
    changed = Signal()
    refused = Signal(str)  # a choice that makes no period (e.g. an end before the start)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.period: Period = week_period(self.today(), services.tz, services.settings.week_start)
        self.kind = QComboBox()
        for text, kind in ((self.tr("Week"), "week"), (self.tr("Month"), "month"), (self.tr("Dates"), "range")):
            self.kind.addItem(text, kind)
        self.first, self.last = (QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd") for _ in range(2))
        self.layout_choice = QComboBox()
        self.layout_choice.addItem(self.tr("Grid: tasks × days"), "grid")
        self.layout_choice.addItem(self.tr("Detail: every entry"), "detail")
        self.project, self.account = QComboBox(), QComboBox()
        for combo in (self.project, self.account):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(220)
        self.set_names([], [])
        self.to_label = QLabel(self.tr("to"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.first, self.to_label, self.last, self.layout_choice, self.project,
                       self.account):
            row.addWidget(widget)
        row.addStretch(1)
        self._show_period()
        self.kind.currentIndexChanged.connect(lambda _i: self.set_kind(self.kind.currentData()))
        self.first.dateChanged.connect(lambda _d: self._dates_typed())
        self.last.dateChanged.connect(lambda _d: self._dates_typed())
        for combo in (self.layout_choice, self.project, self.account):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def today(self) -> date:
        return self.services.clock.now().astimezone(self.services.tz).date()

    # -- what is asked -----------------------------------------------------------

    def options(self) -> ReportOptions:
        settings = self.services.settings
        rounding = Rounding(settings.rounding_minutes, settings.rounding_mode) if settings.rounding_minutes else None
        account = self.account.currentData()
        filters = Filters.of(projects=[self.project.currentData()] if self.project.currentData() else [],
                             accounts=[account] if account and account != LOCAL else [], local=account == LOCAL)
        return ReportOptions(self.period, detail=self.layout_choice.currentData() == "detail", filters=filters,
                             rounding=rounding, person=settings.person_name)

    def set_names(self, projects: list[str], accounts: list[str]) -> None:
        """The projects and accounts to choose from; the current choice stays when it
        still exists. Quiet: called while refreshing, which reads the choice next."""
        for combo, everything, names, extra in (
            (self.project, self.tr("All projects"), projects, []),
            (self.account, self.tr("All accounts"), accounts, [(self.tr("Local tasks"), LOCAL)]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in [*extra, *((name, name) for name in names)]:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)  # a chosen name that is gone falls back to "all"

    def set_layout(self, layout: str) -> None:
        self.layout_choice.setCurrentIndex(self.layout_choice.findData(layout))

    # -- the period --------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        """Another kind of period around the day the current one is about: today when
        it holds today, else its first day."""
        today = self.today()
        anchor = today if self.period.first <= today <= self.period.last else self.period.first
        self.period = self._period(kind, anchor)
        self._show_period()
        self.changed.emit()

    def _period(self, kind: str, anchor: date) -> Period:
        tz, week_start = self.services.tz, self.services.settings.week_start
        if kind == "month":
            return month_period(anchor.year, anchor.month, tz, week_start)
        if kind == "range":  # as many days as now shown, up to today or from the anchor
            length = timedelta(days=(self.period.last - self.period.first).days)
            first = anchor - length if anchor == self.today() else anchor
            return Period(first, first + length, tz, "range", week_start)
        return week_period(anchor, tz, week_start)

    def shift(self, steps: int) -> None:
        try:
            self.period = self.period.shifted(steps)
        except StintError as exc:  # beyond the dates Stint takes
            self.refused.emit(str(exc))
            return
        self._show_period()
        self.changed.emit()

    def go_current(self) -> None:
        """This week, this month, or the same number of days ending today."""
        today = self.today()
        kind = self.period.kind
        if kind == "range":
            length = (self.period.last - self.period.first).days
            self.period = Period(today - timedelta(days=length), today, self.services.tz, "range",
                                 self.services.settings.week_start)
        else:
            self.period = self._period(kind, today)
        self._show_period()
        self.changed.emit()

    def settings_changed(self) -> None:
        """A new week start cuts weeks elsewhere: keep the week around the same days."""
        week_start = self.services.settings.week_start
        if self.period.week_start != week_start:
            middle = self.period.first + timedelta(days=(self.period.last - self.period.first).days // 2)
            self.period = replace(self.period, week_start=week_start) if self.period.kind != "week" else \
                week_period(middle, self.services.tz, week_start)
            self._show_period()

    def _dates_typed(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        if (first, last) == (self.period.first, self.period.last):
            return
        try:
            self.period = Period(first, last, self.services.tz, "range", self.services.settings.week_start)
        except StintError as exc:
            self.refused.emit(str(exc))
            return
        self._show_period(dates=False)
        self.changed.emit()

    def _show_period(self, dates: bool = True) -> None:
        period = self.period
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self.kind.blockSignals(False)
        for edit in (self.first, self.last):
            edit.setVisible(period.kind == "range")
        self.to_label.setVisible(period.kind == "range")
        if dates:
            for edit, day in ((self.first, period.first), (self.last, period.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
