"""Help ▸ About Stint: the version, and where this person's data, settings and logs
are (each a link that opens the folder), for a bug report or a backup."""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .. import __version__

if TYPE_CHECKING:
    from ..services import Services


class AboutDialog(QDialog):
    def __init__(self, services: "Services", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Stint"))
        paths = services.paths
        rows = "".join(
            f"<tr><td>{html.escape(label)}</td><td><a href='{QUrl.fromLocalFile(str(folder)).toString()}'>"
            f"{html.escape(str(folder))}</a></td></tr>"
            for label, folder in ((self.tr("Data:"), paths.data), (self.tr("Settings:"), paths.config),
                                  (self.tr("Logs:"), paths.logs)))
        self.text = QLabel(objectName="about")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        what = self.tr("A time tracker for your tasks on your own servers; it keeps working offline.")
        self.text.setText(
            f"<h3>Stint {html.escape(__version__)}</h3><p>{html.escape(what)}</p>"
            f"<table cellspacing='4'>{rows}</table>"
            f"<p><small>Python {sys.version.split()[0]} · Qt {qVersion()}</small></p>")
        self.text.setOpenExternalLinks(False)
        self.text.linkActivated.connect(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def open_folder(self, link: str) -> None:
        folder = Path(QUrl(link).toLocalFile())
        while not folder.exists() and folder != folder.parent:  # the logs folder comes with the first log
            folder = folder.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
