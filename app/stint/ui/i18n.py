"""Loading the interface translations.

The catalogues live in stint/resources/translations (stint_<lang>.ts is the source
a translator edits; the .qm beside it is what the app loads). To update them after
changing texts in ui/ or those the server-kind registry marks
(backends/kinds.py):

    .venv/bin/pyside6-lupdate app/stint/ui/*.py app/stint/backends/kinds.py \
        -ts app/stint/resources/translations/stint_es.ts
    (translate the new entries, e.g. in pyside6-linguist)
    .venv/bin/pyside6-lrelease app/stint/resources/translations/stint_es.ts \
        -qm app/stint/resources/translations/stint_es.qm
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def install_translator(app: QCoreApplication, locale: QLocale | str | None = None) -> QTranslator | None:
    """Install Stint's translation for `locale` (default: the system's), plus Qt's own
    for the standard buttons. Returns Stint's translator, or None when there is no
    catalogue for that language (English, the source language, needs none). The
    translators are parented to `app`, so they live as long as it does."""
    if isinstance(locale, str):
        locale = QLocale(locale)
    locale = locale or QLocale.system()
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    ours = QTranslator(app)
    if not ours.load(locale, "stint", "_", str(TRANSLATIONS)):
        log.debug("no Stint translation for %s", locale.name())
        ours.deleteLater()
        return None
    app.installTranslator(ours)
    return ours


def available_languages() -> list[str]:
    """Language codes with a compiled catalogue, e.g. ["es"]."""
    return sorted(p.stem.removeprefix("stint_") for p in TRANSLATIONS.glob("stint_*.qm"))
