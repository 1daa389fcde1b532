"""The Day view's rows: the part of each entry that falls on the day shown.

The parts come from the same maths as every report (`domain.timesheet.build` on a
one-day Period): an entry from 22:30 Thursday to 01:15 Friday is 22:30–24:00 on
Thursday and 00:00–01:15 on Friday, each marked as going on, so the rows of a day
add up to its total. Durations are shown to the second (H:MM:SS) so that they add up
exactly, and a running entry's row counts live.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon

from ..domain.periods import Period
from ..domain.text import one_line
from ..domain.timesheet import Part, Span, build, format_elapsed
from ..timesheet.export_common import account_name, day_short, marked_end, marked_start
from ..timesheet.labels import Labels
from .list_model import Index, ListModel
from .report_labels import report_labels

TASK, START, END, DURATION, NOTE, SYNC = range(6)
ENTRY_ROLE = Qt.ItemDataRole.UserRole  # the entry's id
PART_ROLE = Qt.ItemDataRole.UserRole + 1  # the Part itself


def task_label(span: Span) -> str:
    """'Project · Task', or the task alone."""
    return f"{span.project} · {span.task}" if span.project else span.task


class DayModel(ListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.period: Period | None = None
        self.spans: list[Span] = []
        self.parts: list[Part] = []
        self.flag_icon: QIcon | None = None  # beside a sync state that needs a look (the view's style's)
        self.labels: Labels = report_labels()
        self.headers = [self.tr("Project · task"), self.tr("Start"), self.tr("End"), self.tr("Duration"),
                        self.tr("Note"), self.tr("Sync")]

    @property
    def day(self) -> date | None:
        return self.period.first if self.period is not None else None

    def load(self, period: Period, spans: list[Span], now: datetime) -> None:
        """Show `spans` (the entries that touch `period`, a single day) as of `now`."""
        self.beginResetModel()
        self.period, self.spans = period, list(spans)
        self.parts = self._parts(now)
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        """A running entry moves on: recount its part (and nothing else)."""
        if self.period is None or not any(span.end is None for span in self.spans):
            return
        parts = self._parts(now)
        if [p.span.entry_id for p in parts] != [p.span.entry_id for p in self.parts]:
            self.load(self.period, self.spans, now)  # the timer just reached this day
            return
        self.parts = parts
        for i, part in enumerate(parts):
            if part.span.end is None:
                self.dataChanged.emit(self.index(i, END), self.index(i, DURATION))

    def _parts(self, now: datetime) -> list[Part]:
        period = self.period
        assert period is not None
        parts = build(self.spans, period, now).parts
        shown = {part.span.entry_id for part in parts}
        for span in self.spans:
            # A timer started this very second has no time yet, so no part; it shows
            # all the same — the running clock is visible in every state.
            if span.end is None and span.entry_id not in shown and period.contains(span.start):
                parts.append(Part(span, 0, span.start, span.start, 0, 0, continued=False, continues=False))
        return parts

    @property
    def total(self) -> int:
        return sum(part.tracked for part in self.parts)

    def row_of(self, entry_id: str) -> int | None:
        return next((i for i, p in enumerate(self.parts) if p.span.entry_id == entry_id), None)

    # -- Qt's model interface --------------------------------------------------------

    def items(self) -> list[Part]:
        return self.parts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        part, col = self.parts[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(part, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(part, col)
        if role == Qt.ItemDataRole.DecorationRole and col == SYNC and part.span.sync in self.labels.flag_marks():
            return self.flag_icon
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (START, END, DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ROLE:
            return part.span.entry_id
        if role == PART_ROLE:
            return part
        return None

    def _display(self, part: Part, col: int) -> str:
        assert self.period is not None
        if col == TASK:
            return one_line(task_label(part.span))
        if col == START:
            return marked_start(part, self.period, self.labels)
        if col == END:
            return marked_end(part, self.period, self.labels)
        if col == DURATION:
            return format_elapsed(part.tracked)
        if col == NOTE:
            return one_line(part.span.note)
        return self.labels.sync_label(part.span.sync)

    def _tooltip(self, part: Part, col: int) -> str | None:
        assert self.period is not None
        span, tz = part.span, self.period.tz
        if col == TASK:
            account = self.tr("Account: %1").replace("%1", account_name(span.account, self.labels))
            return f"{task_label(span)}\n{account}"
        if col == START and part.continued:
            began = span.start.astimezone(tz)
            return self.tr("Began on %1 at %2").replace("%1", day_short(began.date(), self.labels)).replace(
                "%2", f"{began:%H:%M}")
        if col == END and part.continues:
            if span.end is None:
                return self.tr("Still running")
            ends = span.end.astimezone(tz)
            return self.tr("Goes on until %1 at %2").replace("%1", day_short(ends.date(), self.labels)).replace(
                "%2", f"{ends:%H:%M}")
        if col == NOTE and span.note:
            return span.note
        if col == SYNC and span.sync in self.labels.flag_marks():
            return self.labels.flag_marks()[span.sync][1]  # what local only or failed means
        return None
