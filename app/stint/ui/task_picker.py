"""A task chosen by typing: any part of its title or project finds it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..services import Services


def task_choices(services: Services, on_server_of: str | None = None) -> list[tuple[int, str]]:
    """(task id, 'Project · Title') for every task, the most recently tracked first. A
    name that tasks on two servers share says the server's account: 'Web · Support (work)'.
    With `on_server_of`, only account `on_server_of`'s tasks the server has, each with
    the server's id ('Support (41)'), as the server's messages name them: tasks of one
    title are told apart."""
    where = "" if on_server_of is None else " WHERE a.name = :account AND t.remote_id IS NOT NULL"
    with services.db.read() as conn:
        rows = conn.execute("SELECT t.id, t.title, t.project, a.name, t.remote_id FROM task AS t"
                            f" LEFT JOIN account AS a ON a.id = t.account_id{where}"
                            " ORDER BY t.last_started_at DESC NULLS LAST, t.title",
                            {"account": on_server_of}).fetchall()
    shown = [(task_id, (f"{project} · {title}" if project else title)
              + (f" ({remote_id})" if on_server_of is not None else ""), account)
             for task_id, title, project, account, remote_id in rows]
    accounts_of: dict[str, set[str | None]] = {}
    for _task_id, label, account in shown:
        accounts_of.setdefault(label, set()).add(account)
    return [(task_id, f"{label} ({account})" if account and len(accounts_of[label]) > 1 else label)
            for task_id, label, account in shown]


class TaskPicker(QComboBox):
    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 on_server_of: str | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for task_id, shown in task_choices(services, on_server_of):
            self.addItem(shown, task_id)
        self.lineEdit().setCursorPosition(0)
        self.lineEdit().setPlaceholderText(self.tr("Type part of a task's title or project"))
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_task(self, task_id: object) -> None:
        self.setCurrentIndex(self.findData(task_id))
        self.lineEdit().setCursorPosition(0)  # a long name shows its start

    def chosen(self) -> int | None:
        """The task picked, or None when the text names none."""
        text = self.currentText()
        if self.currentIndex() >= 0 and text == self.itemText(self.currentIndex()):
            return self.currentData()  # two tasks may read the same: the one picked wins
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index >= 0 else None
