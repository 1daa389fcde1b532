"""The Tasks tab: search, filters, the task table, start/stop, status, new task."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QMenu, QPushButton,
    QStackedWidget, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..store import lookup
from .colors import contrast_text
from .empty_state import EmptyState
from .notice import Notice
from ..services import Services
from .task_model import STATUS, STATUS_COLOR_ROLE, TaskFilterProxy, TaskTableModel, load_task_rows

RELOAD_ON = {"all", "tasks", "timer", "entries", "sync"}


class StatusPillDelegate(QStyledItemDelegate):
    """The status in the server's colour, as a rounded pill with readable text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        color = index.data(STATUS_COLOR_ROLE)
        if not isinstance(color, QColor) or not color.isValid():
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection background and focus, without the text
            text, option.text = option.text, ""
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
            option.text = text
        metrics = option.fontMetrics
        width = min(option.rect.width() - 6, metrics.horizontalAdvance(option.text) + 16)
        pill = QRect(option.rect.x() + 3, option.rect.y() + 3, width, option.rect.height() - 6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(contrast_text(color))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(option.text, Qt.TextElideMode.ElideRight, width - 8))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 16, hint.height())


class TasksView(QWidget):
    message = Signal(str)  # a short result for the status bar

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText=self.tr("Search title or project"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filters(search=text))
        self.status_filter = QComboBox()
        self.status_filter.currentIndexChanged.connect(self._status_filter_changed)
        self.pending_only = QCheckBox(self.tr("Pending only"))
        self.pending_only.toggled.connect(lambda on: self.proxy.set_filters(pending=on))

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the model's order: recent first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(STATUS, StatusPillDelegate(self.table))
        self.table.doubleClicked.connect(lambda index: self.start_task(self.proxy.task_id(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(lambda pos: self._status_menu().exec(self.table.viewport().mapToGlobal(pos)))

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start_stop)
        self.status_button = QPushButton(self.tr("Status"))
        self.status_button.clicked.connect(
            lambda: self._status_menu().exec(self.status_button.mapToGlobal(self.status_button.rect().bottomLeft()))
        )
        self.new_button = QPushButton(self.tr("New task…"))
        self.new_button.clicked.connect(self.new_task)
        self.notice = Notice()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.pending_only)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.status_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        tasks_page = QWidget()
        layout = QVBoxLayout(tasks_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.empty = EmptyState(services)
        self.empty.new_task.connect(self.new_task)
        self.pages = QStackedWidget()
        self.pages.addWidget(tasks_page)
        self.pages.addWidget(self.empty)  # before the first task: what to do
        QVBoxLayout(self).addWidget(self.pages)
        services.bridge.changed.connect(self.on_changed)
        self.refresh()

    # -- refreshing --------------------------------------------------------------

    def on_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_task_id()
        rows, running = load_task_rows(self.services.db)
        self.model.set_rows(rows, running, self.services.clock.now())
        self._fill_status_filter()
        self.pages.setCurrentWidget(self.empty if self.model.rowCount() == 0 else self.pages.widget(0))
        if selected is not None:
            self.select_task(selected)
        self._update_buttons()

    def tick(self, now: datetime) -> None:
        self.model.tick(now)

    def _fill_status_filter(self) -> None:
        labels = self.model.status_labels()
        current = self.status_filter.currentData() or ""
        if self.status_filter.count() and \
                [self.status_filter.itemData(i) for i in range(1, self.status_filter.count())] == labels:
            return
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All statuses"), "")
        for label in labels:
            self.status_filter.addItem(label, label)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current)))
        self.status_filter.blockSignals(False)

    def _status_filter_changed(self) -> None:
        self.proxy.set_filters(status=self.status_filter.currentData() or "")

    # -- selection ---------------------------------------------------------------

    def selected_task_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.task_id(rows[0].row()) if rows else None

    def select_task(self, task_id: int) -> bool:
        source_row = self.model.row_of(task_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        task_id = self.selected_task_id()
        running = task_id is not None and task_id == self.model.running_task_id
        stop_only = task_id is None and self.model.running_task_id is not None
        self.start_button.setText(self.tr("Stop") if running or stop_only else self.tr("Start"))
        self.start_button.setEnabled(task_id is not None or stop_only)
        self.status_button.setEnabled(task_id is not None)

    # -- actions -----------------------------------------------------------------

    def start_stop(self, *, selected_only: bool = False) -> None:
        """Stop the selected task's timer if it runs, else start the selected task.
        With nothing selected the Stop button (which says Stop) stops the running
        timer; a key (`selected_only`) never does that unseen: it says what to do."""
        task_id = self.selected_task_id()
        if task_id is None and selected_only:
            self.notice.show_info(self.tr("Select a task to start or stop its timer."))
            return
        if task_id is None or task_id == self.model.running_task_id:
            self.stop_running()
            return
        self.start_task(task_id)

    def stop_running(self) -> None:
        if self.model.running_task_id is not None:
            self._act(self.services.tracker.stop, self.tr("Timer stopped"))
        else:
            self.message.emit(self.tr("No timer is running"))

    def start_task(self, task_id: int) -> None:
        self._act(lambda: self.services.tracker.start(str(task_id)), self.tr("Timer started"))

    def status_choices(self, task_id: int) -> list[tuple[str, str]]:
        """(name, label) of the statuses the task's account offers."""
        row = self.model.row_at(self.model.row_of(task_id))  # type: ignore[arg-type]
        with self.services.db.read() as conn:
            return [(st.name, st.label) for st in lookup.list_statuses(conn, row.account_id)]

    def set_status(self, task_id: int, status_name: str) -> None:
        try:
            change = self.services.tracker.set_status(str(task_id), status_name)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self.notice.clear_message()
        # A done or cancelled status stops the task's timer with it: say so.
        self.message.emit(self.tr("Status changed; its timer stopped") if change.stopped is not None
                          else self.tr("Status changed"))

    def new_task(self) -> None:
        from .new_task import NewTaskDialog

        NewTaskDialog(self.services, self).exec()  # the Tracker's change signal refreshes the table

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _status_menu(self) -> QMenu:
        menu = QMenu(self)
        task_id = self.selected_task_id()
        if task_id is None:
            return menu
        current = self.model.row_at(self.model.row_of(task_id)).status  # type: ignore[arg-type]
        for name, label in self.status_choices(task_id):
            action = QAction(label, menu, checkable=True, checked=name == current)
            action.triggered.connect(lambda _=False, n=name: self.set_status(task_id, n))
            menu.addAction(action)
        return menu

    def _act(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self.notice.clear_message()
        self.message.emit(done)  # the Tracker's change signal refreshes the table
