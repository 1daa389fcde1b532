"""Quitting with a timer running: keep it running, stop it now, or do not quit.

A timer lives in the database, not in the app: kept running, it goes on counting
while Stint is closed (the next start shows it still running, with no gap to ask
about). Stopping it is one Tracker action, like Stop in the tray.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.durations import format_elapsed

if TYPE_CHECKING:
    from ..services import Services


def ask_before_quitting(services: "Services", parent: QWidget | None = None) -> bool:
    """True when the app may quit: no timer runs, or the person kept or stopped it."""
    from ..domain.errors import StintError

    snapshot = services.snapshot()
    if snapshot.running is None or snapshot.running_since is None:
        return True
    elapsed = format_elapsed((services.clock.now() - snapshot.running_since).total_seconds())
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("QuitQuestion", "Quit Stint"),
                      QCoreApplication.translate("QuitQuestion", "“{title}” is running ({elapsed}).")
                      .format(title=snapshot.running.title, elapsed=elapsed), QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("quit-question")
    box.setInformativeText(QCoreApplication.translate(
        "QuitQuestion", "Kept running, it goes on counting while Stint is closed, and shows again at the next "
                        "start. Stopped, its time ends now."))
    keep = box.addButton(QCoreApplication.translate("QuitQuestion", "&Keep it running"),
                         QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton(QCoreApplication.translate("QuitQuestion", "&Stop it and quit"),
                         QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is stop:
        try:
            services.tracker.stop()
        except StintError as exc:  # stopped meanwhile elsewhere: say so, and stay
            QMessageBox.warning(parent, box.windowTitle(), str(exc))
            return False
        return True
    return clicked is keep
