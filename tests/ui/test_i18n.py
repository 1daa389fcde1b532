"""Which language the app speaks (the system's, or the Language setting), loading it
before the tray icon, and the exports the window writes in that language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from stint.config import Settings, paths
from stint.ui.i18n import (
    apply_language, chosen_locale, language_setting, remove_translators, settings_file, system_locale,
)

from .window_fixtures import services  # noqa: F401


@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "es_ES.UTF-8"}, "es_ES"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "es_MX.UTF-8"}, "es_MX"),
    ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "es_ES.UTF-8", "LC_ALL": "POSIX"}, "en"),  # LC_ALL wins
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "es"}, "es"),  # LANGUAGE before the locale
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:es_AR:en"}, "es_AR"),  # its first with a catalogue
    ({"LANG": "es_ES.UTF-8", "LANGUAGE": "fr"}, "es_ES"),  # none there: the locale's
    ({"LANG": "es_ES.UTF-8@euro"}, "es_ES"),
])
def test_the_system_language_is_read_as_gettext_reads_it(env: dict[str, str], expected: str) -> None:
    assert system_locale(env) == expected


def test_the_language_setting_wins_and_keeps_the_systems_territory() -> None:
    assert chosen_locale({"LANG": "es_ES.UTF-8"}, "en") == "en"
    assert chosen_locale({"LANG": "es_MX.UTF-8"}, "es") == "es_MX"
    assert chosen_locale({"LANG": "en_US.UTF-8"}, "es") == "es"
    assert chosen_locale({"LANG": "es_MX.UTF-8"}, "") == "es_MX"


def test_the_setting_is_read_leniently_from_where_config_keeps_it(tmp_path: Path) -> None:
    assert settings_file({"STINT_HOME": str(tmp_path)}) == paths({"STINT_HOME": str(tmp_path)}).settings
    path = tmp_path / "settings.json"
    assert language_setting(path) == ""  # no file
    path.write_text(json.dumps({"language": "es", "week_start": 9}))  # the rest is checked later, not here
    assert language_setting(path) == "es"
    for damaged in ("{not json", "[]", json.dumps({"language": 3})):
        path.write_text(damaged)
        assert language_setting(path) == ""


def test_settings_file_is_configs_without_stint_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STINT_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert settings_file(os.environ) == paths(dict(os.environ)).settings


def test_apply_language_speaks_spanish_then_english(qapp: Any) -> None:
    default = QLocale()
    try:
        assert apply_language(qapp, {"LANG": "en_US.UTF-8"}, "es") == "es"
        assert QCoreApplication.translate("Tray", "Not tracking") == "Sin medir"
        assert QLocale().language() is QLocale.Language.Spanish  # dates and day names too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's own
        remove_translators(qapp)
        assert apply_language(qapp, {"LANG": "es_ES.UTF-8"}, "en") == "en"
        assert QCoreApplication.translate("Tray", "Not tracking") == "Not tracking"
        assert QLocale().language() is QLocale.Language.English
        assert apply_language(qapp, {"LANG": "fr_FR.UTF-8"}) == "en"  # no French catalogue: English
    finally:
        remove_translators(qapp)
        QLocale.setDefault(default)


def test_the_tray_is_in_the_chosen_language_from_its_first_tooltip(tmp_path: Path) -> None:
    """In a fresh process, as the app starts: the setting is read before the icon."""
    (tmp_path / "settings.json").write_text(json.dumps({"language": "es"}))
    script = ("import os, sys\nfrom PySide6.QtWidgets import QApplication\n"
              "from stint.domain.clock import SystemClock\nfrom stint.ui.app import _speak_the_chosen_language\n"
              "from stint.ui.tray import Tray\napp = QApplication(sys.argv[:1])\n_speak_the_chosen_language(app)\n"
              "tray = Tray(SystemClock())\nprint(tray.icon.toolTip())\n")
    env = {**os.environ, "STINT_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8"}
    env.pop("LANGUAGE", None)
    env.pop("LC_ALL", None)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "Stint — iniciando…", result.stderr


def test_the_language_choice_in_settings(services: Any, qtbot: Any) -> None:
    from stint.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    choices = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert choices[1:] == ["English", "Español"] and choices[0].startswith("System (")
    assert not dialog.language_note.isVisibleTo(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert dialog.language_note.isVisibleTo(dialog)
    dialog.accept()
    assert services.settings.language == "es"
    assert json.loads(services.paths.settings.read_text())["language"] == "es"


def test_a_bad_language_setting_is_refused() -> None:
    from stint.domain.errors import UsageError

    for bad in ("Spanish", "ES", "e", "es_ES", "ñu"):
        with pytest.raises(UsageError):
            Settings(language=bad).validate()
    Settings(language="es").validate()


def test_the_windows_exports_speak_the_interfaces_language(qapp: Any, tmp_path: Path) -> None:
    """HTML, PDF and XLSX headings through the same words the CLI prints, translated."""
    import io
    from datetime import date, datetime, timezone
    from zoneinfo import ZoneInfo

    from stint.domain.periods import week_period
    from stint.timesheet.build import run
    from stint.timesheet.export import write
    from stint.timesheet.report import ReportOptions
    from stint.ui.report_labels import report_labels
    from tests.timesheet.pdftext import pdf_text

    from .window_fixtures import make_services

    svc = make_services(tmp_path / "home")
    try:
        task = svc.tracker.create_task("Informe", project="Web", local=True)
        svc.tracker.log(str(task.id), datetime(2026, 3, 2, 8, tzinfo=timezone.utc),
                        datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc))
        report = run(svc.db, ReportOptions(week_period(date(2026, 3, 2), ZoneInfo("Europe/Madrid"))),
                     datetime(2026, 3, 6, tzinfo=timezone.utc))
    finally:
        svc.close()
    apply_language(qapp, {"LANG": "es_ES.UTF-8"})
    try:
        labels = report_labels()
        assert (labels.task, labels.timesheet, labels.day_names[0], labels.start) == \
            ("Tarea", "Hoja de horas", "lun", "Inicio")
        html = io.StringIO()
        write(report, "html", html, labels=labels)
        assert ">Tarea<" in html.getvalue() and "Hoja de horas" in html.getvalue() and "lun 2" in html.getvalue()
        from stint.timesheet.export_pdf import write_pdf

        pdf = io.BytesIO()
        write_pdf(report, pdf, compress=False, labels=labels)  # uncompressed, to read it back
        shown = " ".join(pdf_text(pdf.getvalue()))
        assert "Tarea" in shown and "Hoja de horas" in shown
        from openpyxl import load_workbook

        xlsx = io.BytesIO()
        write(report, "xlsx", xlsx, labels=labels)
        cells = [str(c.value) for row in load_workbook(io.BytesIO(xlsx.getvalue())).active.iter_rows() for c in row
                 if c.value is not None]
        assert "Tarea" in cells and "Proyecto" in cells
    finally:
        remove_translators(qapp)
        QLocale.setDefault(QLocale.system())
