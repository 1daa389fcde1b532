"""A damaged database found at start: the app says so and offers the last good backup.

`check_database` runs SQLite's quick_check before the app opens the store for
anything (about 0.5 s per million entries; a year of timesheets takes milliseconds).
When the file is damaged, nothing is written to it: the app shows `DamagedDialog`,
which restores the newest backup that passes the same check (the damaged file is
kept in the backups folder) and then lets the app start — or quits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..services import Services
    from ..store.backup import Backup, Restored

log = logging.getLogger(__name__)

OnRestored = Callable[["Restored"], object]


def check_database(services: "Services", on_restored: OnRestored,
                   on_quit: Callable[[], None]) -> "DamagedDialog | None":
    """None when the database is sound (or not there yet); else the dialog, shown."""
    from ..domain.errors import StintError
    from ..store import backup, integrity
    from ..store.faults import DatabaseDamaged

    database = services.database
    try:
        integrity.assert_sound(database)
        return None
    except DatabaseDamaged as exc:
        log.error("the database is damaged: %s", exc)
        dialog = DamagedDialog(services, exc.problem, backup.last_good(database), on_restored, on_quit)
    except StintError as exc:  # busy, unreadable: not damage; told when something uses it
        log.warning("could not check the database: %s", exc)
        return None
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


class DamagedDialog(QDialog):
    def __init__(self, services: "Services", problem: str, candidate: "Backup | None", on_restored: OnRestored,
                 on_quit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stint-damaged")
        self.setWindowTitle(self.tr("The database is damaged"))
        self.services = services
        self.candidate = candidate
        self._on_restored = on_restored
        self._on_quit = on_quit
        self.text = QLabel(self._explain(services.database, problem), self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.restore_button: QPushButton | None = None
        if candidate is not None:
            self.restore_button = buttons.addButton(self.tr("Restore this backup"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(self.restore)
            self.restore_button.setDefault(True)
        self.quit_button = buttons.addButton(self.tr("Quit Stint"), QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.quit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _explain(self, database: Path, problem: str) -> str:
        head = self.tr("Stint's database {path} is damaged ({problem}), so Stint has not opened it "
                       "and has written nothing to it.").format(path=database, problem=problem)
        if self.candidate is None:
            return head + "\n\n" + self.tr(
                "There is no sound backup to restore. Run `stint doctor` in a terminal for details; "
                "`stint restore FILE` puts a copy you have elsewhere in its place.")
        when = self.candidate.taken_at.astimezone(self.services.tz).strftime("%Y-%m-%d %H:%M")
        return head + "\n\n" + self.tr(
            "The last good backup is from {when} ({name}). Restore it? What was recorded after it is "
            "not in it. The damaged database is kept in the backups folder.").format(
                when=when, name=self.candidate.path.name)

    def restore(self) -> None:
        from ..domain.errors import StintError
        from ..store import backup

        assert self.candidate is not None
        from ..store.faults import translate

        database = self.services.database
        try:
            restored = backup.restore(database, self.candidate.path, self.services.clock.now())
        except (StintError, OSError) as exc:
            error = translate(exc, database) or exc
            log.error("restoring %s failed: %s", self.candidate.path, error)
            self.text.setText(self.tr("The backup could not be restored: {error}").format(error=error))
            if self.restore_button is not None:
                self.restore_button.setEnabled(False)
            return
        log.info("restored %s; the damaged database is kept as %s", self.candidate.path, restored.aside)
        self.accept()
        self._on_restored(restored)

    def quit(self) -> None:
        self.reject()
        self._on_quit()
