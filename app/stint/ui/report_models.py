"""The Report view's two tables, as Qt models of one `timesheet.report.Report`:

- GridModel: tasks × days with a totals column and a totals row (the last row and
  column, which `PinnedGrid` keeps in view);
- DetailModel: one line per entry and day, the columns of the detailed export.

Every cell's words come from the same helpers and `Labels` as the exports
(`timesheet/export_common.py`), so the window shows what a file will hold.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QIcon

from ..domain.text import one_line
from ..domain.timesheet import Part, Row, format_duration
from ..timesheet.export_common import (
    account_name, day_heading, day_short, duration_or_blank, marked_end, marked_start, project_name,
)
from ..timesheet.labels import Labels
from ..timesheet.report import Report
from .list_model import Index, ListModel

FLAGS_ROLE = Qt.ItemDataRole.UserRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class GridModel(QAbstractTableModel):
    def __init__(self, labels: Labels, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.report: Report | None = None
        self.flag_icon = QIcon()
        self.flag_help: dict[str, str] = {}

    def set_report(self, report: Report) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    @property
    def rows(self) -> list[Row]:
        return self.report.rows if self.report is not None else []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.report is None else len(self.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.report is None else len(self.report.days) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.report is None:
            return None
        days = self.report.days
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.labels.task
            return self.labels.total if section == len(days) + 1 else day_heading(days[section - 1], self.labels)
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(days):
            return day_short(days[section - 1], self.labels) + f" {days[section - 1].year}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None:
            return None
        r, c, last = index.row(), index.column(), len(self.report.days) + 1
        totals = r == len(self.rows)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, c, totals)
        if role == Qt.ItemDataRole.TextAlignmentRole and c > 0:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and (totals or c == last):
            return _bold()
        if totals:
            return None
        row = self.rows[r]
        if c == 0 and role == Qt.ItemDataRole.ToolTipRole:
            lines = [self._name(row)] + [self.flag_help.get(f, f) for f in sorted(row.flags)]
            return "\n".join(lines)
        if c == 0 and role == Qt.ItemDataRole.DecorationRole and row.flags:
            return self.flag_icon
        if c == 0 and role == FLAGS_ROLE:
            return sorted(row.flags)
        return None

    def _text(self, r: int, c: int, totals: bool) -> str:
        assert self.report is not None
        last = len(self.report.days) + 1
        sheet = self.report.sheet
        if totals:
            if c == 0:
                return self.labels.total
            return format_duration(sheet.total if c == last else sheet.day_totals[c - 1])
        row = self.rows[r]
        if c == 0:
            return one_line(self._name(row))
        return format_duration(row.total) if c == last else duration_or_blank(row.days[c - 1])

    @staticmethod
    def _name(row: Row) -> str:
        return f"{row.project} · {row.task}" if row.project else row.task


DATE, START, END, DURATION, PROJECT, TASK, NOTE, ACCOUNT, SYNC = range(9)


class DetailModel(ListModel):
    def __init__(self, labels: Labels, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.report: Report | None = None
        l = labels  # noqa: E741 - short for the headings
        self.headers = [l.date, l.start, l.end, l.duration, l.project, l.task, l.note, l.account, l.sync]

    def set_report(self, report: Report) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    @property
    def parts(self) -> list[Part]:
        return self.report.parts if self.report is not None else []

    def items(self) -> list[Part]:
        return self.parts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None:
            return None
        part, c = self.parts[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(part, c)
        if role == Qt.ItemDataRole.ToolTipRole and c in (PROJECT, TASK, NOTE):
            full = {PROJECT: project_name(part.span.project, self.labels), TASK: part.span.task,
                    NOTE: part.span.note}[c]
            return full or None  # the whole text where a narrow column elides it
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (START, END, DURATION):
            return RIGHT
        return None

    def _text(self, part: Part, c: int) -> str:
        assert self.report is not None
        period, labels, span = self.report.period, self.labels, part.span
        if c == DATE:
            return day_short(self.report.days[part.day], labels)
        if c == START:
            return marked_start(part, period, labels)
        if c == END:
            return marked_end(part, period, labels)
        if c == DURATION:
            return format_duration(part.seconds)
        if c == PROJECT:
            return one_line(project_name(span.project, labels))
        if c == TASK:
            return one_line(span.task)
        if c == NOTE:
            return one_line(span.note)
        if c == ACCOUNT:
            return one_line(account_name(span.account, labels))
        return labels.sync_label(span.sync)
