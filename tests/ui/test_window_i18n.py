"""The Spanish catalogue loads and translates the window's texts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

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
        assert [window.tabs.tabText(i) for i in range(3)] == ["&Tareas", "&Día", "&Informes"]
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


def test_the_day_and_reports_views_and_their_exports_in_spanish(qapp, services, qtbot, tmp_path):
    from datetime import datetime, timezone

    from .window_fixtures import TZ

    def at(hour: int) -> datetime:
        return datetime(2026, 3, 2, hour, tzinfo=TZ).astimezone(timezone.utc)

    services.tracker.create_task("Escribir", local=True)
    services.tracker.log("Escribir", at(8), at(9), "borrador")
    install_translator(qapp, "es")
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        day, reports = window.day, window.week
        headers = [day.model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
        assert headers == ["Proyecto · tarea", "Inicio", "Fin", "Duración"]  # a column's start, not "to start"
        assert day.model.index(0, 5).data() == "tarea local"
        assert reports.title.text() == "Hoja de horas 2026-W10 · 2–8 mar 2026"
        assert reports.grid_model.headerData(1, Qt.Orientation.Horizontal) == "lun 2"
        assert [s.name for s in reports.chart.series] == ["(sin proyecto)"]
        reports.choices.set_layout("detail")
        assert reports.detail_total.text() == "Total: 1:00"
        with qtbot.waitSignal(reports.export_finished, timeout=20_000):
            reports.export_to("csv", tmp_path / "registros.csv")
        head = (tmp_path / "registros.csv").read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("Fecha,Inicio,Fin,Duración (H:MM),Duración (horas),Proyecto,Tarea,Nota,Cuenta")
    finally:
        remove_translators(qapp)
