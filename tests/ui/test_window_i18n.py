"""The Spanish catalogue loads and translates the window's texts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from stint.ui.i18n import available_languages, install_translator, remove_translators  # noqa: E402
from stint.ui.window import MainWindow  # noqa: E402

from .window_fixtures import services  # noqa: E402,F401


def test_spanish_translates_known_strings(qapp):
    translator = install_translator(qapp, "es_ES")
    try:
        assert translator is not None
        assert QCoreApplication.translate("TasksView", "Pending only") == "Solo pendientes"
        assert QCoreApplication.translate("StatusLine", "%n refused", "", 3) == "3 rechazados"
        assert QCoreApplication.translate("StatusLine", "%n refused", "", 1) == "1 rechazado"
    finally:
        remove_translators(qapp)
    assert QCoreApplication.translate("TasksView", "Pending only") == "Pending only"


def test_window_comes_up_in_spanish(qapp, services, qtbot):
    translator = install_translator(qapp, "es")
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert [window.tabs.tabText(i) for i in range(3)] == ["&Tareas", "&Día", "&Semana"]
        assert window.tasks.pending_only.text() == "Solo pendientes"
        assert window.status.timer_label.text() == "Ningún temporizador en marcha · hoy 0:00"
    finally:
        remove_translators(qapp)


def test_unknown_language_installs_nothing(qapp):
    assert install_translator(qapp, "xx_XX") is None
    assert "es" in available_languages()


def test_the_away_question_and_desktop_texts_in_spanish(qapp):
    translator = install_translator(qapp, "es")
    try:
        assert QCoreApplication.translate("AwayQuestion", "What should happen to that time?") == \
            "¿Qué hacemos con ese tiempo?"
        assert QCoreApplication.translate("IdlePrompt", "Discard and stop") == "Descartar y detener"
        assert QCoreApplication.translate("Desktop", "Idle time from {name}") == "Inactividad según {name}"
        assert QCoreApplication.translate("Notifier", "Sign in…") == "Iniciar sesión…"
    finally:
        remove_translators(qapp)
