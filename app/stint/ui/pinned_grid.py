"""A table whose first column (the names), last column and last row (the totals)
stay in view while the rest scrolls — a timesheet's totals are never below the fold.

Six views of the same model, each showing one region (the others' rows and columns
hidden), laid out as

    names | days        | total |  ▲
    ------+-------------+-------+  ▼
    Total | day totals  | total |
          | ◀        ▶  |

with one vertical and one horizontal scroll bar outside them that the regions
follow. One model, so every region always shows the same numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHeaderView, QScrollBar, QSizePolicy, QSpacerItem, QTableView, QWidget,
)

ROWS = ("body", "foot")
COLUMNS = ("head", "body", "tail")
MIN_DAY_WIDTH = 58
NAME_SHARE = 0.4  # the names column takes at most this share of the width


class PinnedGrid(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # below the rows reads as the table's own space
        self.setAutoFillBackground(True)
        self.model: QAbstractItemModel | None = None
        self._wanted: int | None = None  # the day column to keep in view until the person scrolls
        self.views: dict[tuple[str, str], QTableView] = {}
        self.vbar = QScrollBar(Qt.Orientation.Vertical)
        self.hbar = QScrollBar(Qt.Orientation.Horizontal)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for r, row in enumerate(ROWS):
            for c, column in enumerate(COLUMNS):
                view = self.views[row, column] = self._make_view(header=row == "body")
                if row == "foot":
                    view.setStyleSheet("QTableView { border: none; border-top: 1px solid palette(dark); }")
                layout.addWidget(view, r, c)
        layout.addWidget(self.vbar, 0, 3)
        layout.addWidget(self.hbar, 2, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(0, 1)
        # Below everything, what the rows do not fill: the totals follow the last row.
        layout.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding), 3, 0)
        self._link([v.verticalScrollBar() for (row, _), v in self.views.items() if row == "body"], self.vbar)
        self._link([v.horizontalScrollBar() for (_, column), v in self.views.items() if column == "body"], self.hbar)
        for bar in (self.hbar, self.views["body", "body"].horizontalScrollBar()):
            bar.actionTriggered.connect(self._scrolled_by_hand)  # a drag, a click or the wheel; not setValue
        # Slots are this object's methods, so no signal reaches them while the grid is torn down.
        self.views["body", "body"].verticalScrollBar().rangeChanged.connect(self._vertical_range)
        self.views["body", "body"].horizontalScrollBar().rangeChanged.connect(self._horizontal_range)
        self._vertical_range(0, self.views["body", "body"].verticalScrollBar().maximum())
        self._horizontal_range(0, self.views["body", "body"].horizontalScrollBar().maximum())

    def _make_view(self, header: bool) -> QTableView:
        view = QTableView()
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setVisible(header)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return view

    def _vertical_range(self, low: int, high: int) -> None:
        self._follow(self.views["body", "body"].verticalScrollBar(), self.vbar, low, high)
        self._size_columns()  # the vertical bar coming or going changes the room the days share

    def _horizontal_range(self, low: int, high: int) -> None:
        self._follow(self.views["body", "body"].horizontalScrollBar(), self.hbar, low, high)
        self._scroll_to_wanted()

    def keep_in_view(self, column: int) -> None:
        """Scroll the days so that `column` (today's, in a month) is in view — now and
        as the layout settles, until the person scrolls."""
        self._wanted = column
        self._scroll_to_wanted()

    def _scrolled_by_hand(self, _action: int) -> None:
        self._wanted = None

    def _scroll_to_wanted(self) -> None:
        if self._wanted is None or self.model is None or not 0 < self._wanted < self.model.columnCount() - 1:
            return
        body = self.views["body", "body"]
        header = body.horizontalHeader()
        middle = header.sectionPosition(self._wanted) + header.sectionSize(self._wanted) // 2
        self.hbar.setValue(max(0, min(middle - body.viewport().width() // 2, self.hbar.maximum())))

    @staticmethod
    def _follow(lead: QScrollBar, outer: QScrollBar, low: int, high: int) -> None:
        """The outer bar takes the body's range (a new QScrollBar holds 0..99 until told)."""
        outer.setRange(low, high)
        outer.setPageStep(lead.pageStep())
        outer.setVisible(high > low)

    @staticmethod
    def _link(bars: list[QScrollBar], outer: QScrollBar) -> None:
        """The regions and the outer bar move together."""
        for bar in [*bars, outer]:
            for other in [*bars, outer]:
                if other is not bar:
                    bar.valueChanged.connect(other.setValue)

    def setModel(self, model: QAbstractItemModel) -> None:
        self.model = model
        for view in self.views.values():
            view.setModel(model)
        model.modelReset.connect(self.arrange)
        self.arrange()

    def view(self, row: str, column: str) -> QTableView:
        return self.views[row, column]

    # -- layout ------------------------------------------------------------------

    def arrange(self) -> None:
        """Show each region its rows and columns, and size the pinned ones."""
        model = self.model
        if model is None:
            return
        rows, columns = model.rowCount(), model.columnCount()
        for (row, column), view in self.views.items():
            for r in range(rows):
                view.setRowHidden(r, (r == rows - 1) != (row == "foot"))
            for c in range(columns):
                region = "head" if c == 0 else "tail" if c == columns - 1 else "body"
                view.setColumnHidden(c, region != column)
        body = self.views["body", "body"]
        height = body.verticalHeader().defaultSectionSize()
        content = body.horizontalHeader().sizeHint().height() + body.verticalHeader().length() + 1
        for column in COLUMNS:
            self.views["foot", column].setFixedHeight(height + 1)
            self.views["body", column].setMaximumHeight(content)
        self._size_columns()

    def _natural(self, column: int) -> int:
        view = self.views["body", "body"]
        return max(view.sizeHintForColumn(column), self.views["foot", "body"].sizeHintForColumn(column),
                   view.horizontalHeader().sectionSizeHint(column)) + 8

    def _size_columns(self) -> None:
        model = self.model
        if model is None or model.columnCount() < 2:
            return
        last = model.columnCount() - 1
        days = range(1, last)
        tail = self._natural(last)
        # isHidden, not isVisible: before the window shows, every widget is invisible.
        scroll = 0 if self.vbar.isHidden() else self.vbar.sizeHint().width()
        name = min(self._natural(0) + 16, int(self.width() * NAME_SHARE))
        name = max(name, min(120, self._natural(0)))
        room = self.width() - name - tail - scroll - 2 * self.frameWidth()
        widths = {c: max(MIN_DAY_WIDTH, self._natural(c)) for c in days}
        if widths and sum(widths.values()) < room:  # it fits: the days share the room
            share = room // len(widths)
            widths = dict.fromkeys(days, share)
        for view in self.views.values():
            view.setColumnWidth(0, name)
            view.setColumnWidth(last, tail)
            for c, width in widths.items():
                view.setColumnWidth(c, width)
        for row in ROWS:
            self.views[row, "head"].setFixedWidth(name)
            self.views[row, "tail"].setFixedWidth(tail)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_columns()

    def sizeHint(self) -> QSize:
        return QSize(640, 260)
