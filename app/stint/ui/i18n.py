"""The interface's language: which one, and loading its translations.

The language is the Language setting when it names one, else the system's, read as
gettext reads it: LANGUAGE (a colon-separated list of preferences: the first one
Stint has a catalogue for wins), else LC_ALL, LC_MESSAGES, LANG ("C" and "POSIX" are
English). It is chosen once, before the tray icon is made, so the first tooltip is
already in it; loading a compiled catalogue maps one small file, so the tray's
start-up figure does not move (benchmarks/app_startup.py).

The catalogues live in stint/resources/translations (stint_<lang>.ts is the source
a translator edits; the .qm beside it is what the app loads). After changing texts
in ui/ or those marked with QT_TRANSLATE_NOOP elsewhere (the server kinds, the sync
states):

    .venv/bin/pyside6-lupdate app/stint/ui/*.py app/stint/backends/kinds.py \
        app/stint/domain/sync_state.py \
        -locations none -ts app/stint/resources/translations/stint_es.ts
    (translate the new entries, e.g. in pyside6-linguist)
    .venv/bin/pyside6-lrelease app/stint/resources/translations/stint_es.ts \
        -qm app/stint/resources/translations/stint_es.qm

`-locations none` keeps line numbers out of the catalogue, so an edit elsewhere in a
file does not rewrite it. tests/ui/test_i18n_catalogue.py fails when a text shown in
the interface has no Spanish translation.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
SOURCE_LANGUAGE = "en"
# The Language setting's choices: (setting value, the language's own name). Its own
# name, not a translation: a person who cannot read the current language finds theirs.
CHOICES = (("en", "English"), ("es", "Español"))
_INSTALLED: list[QTranslator] = []


def available_languages() -> list[str]:
    """Language codes with a compiled catalogue, e.g. ["es"]."""
    return sorted(p.stem.removeprefix("stint_") for p in TRANSLATIONS.glob("stint_*.qm"))


def _has_catalogue(language: str) -> bool:
    return language == SOURCE_LANGUAGE or (TRANSLATIONS / f"stint_{language}.qm").exists()


def _locale_name(value: str) -> str:
    """"es_ES.UTF-8@euro" → "es_ES"; "C", "POSIX" → "en"."""
    name = value.split(".", 1)[0].split("@", 1)[0].strip()
    return SOURCE_LANGUAGE if name in ("", "C", "POSIX") else name


def system_locale(env: Mapping[str, str]) -> str:
    """The locale name ("es_ES", "en") the environment asks the interface to speak."""
    for entry in env.get("LANGUAGE", "").split(":"):
        name = _locale_name(entry) if entry.strip() else ""
        if name and _has_catalogue(name.split("_", 1)[0]):
            return name
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return _locale_name(env[var])
    return SOURCE_LANGUAGE


def chosen_locale(env: Mapping[str, str], setting: str = "") -> str:
    """The Language setting's language when it names one (with the system's territory
    when that is the same language), else the system's."""
    system = system_locale(env)
    if not setting or system.split("_", 1)[0] == setting:
        return system
    return setting


def settings_file(env: Mapping[str, str]) -> Path:
    """Where `config.paths(env).settings` is, without importing config (its Settings
    class costs the tray's first paint a few milliseconds); a test holds them equal."""
    home = env.get("STINT_HOME")
    if home:
        return Path(home).expanduser() / "settings.json"
    import platformdirs  # already loaded by then: the hand-off address needs it

    return Path(platformdirs.user_config_dir("stint", appauthor=False)) / "settings.json"


def language_setting(path: Path) -> str:
    """The Language setting, read on its own and leniently: the app's first paint
    must not wait for (or fail on) the whole settings file, which is checked later."""
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("language", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def apply_language(app: QCoreApplication, env: Mapping[str, str], setting: str = "") -> str:
    """Make `app` speak the chosen language: Stint's catalogue and Qt's own (standard
    buttons, dialogs), and dates and numbers in that locale. Returns the language
    code in use ("en" when there is no catalogue for the one asked)."""
    locale = QLocale(chosen_locale(env, setting))
    QLocale.setDefault(locale)
    language = locale.name().split("_", 1)[0]
    if install_translator(app, locale) is None:
        return SOURCE_LANGUAGE
    return language


def install_translator(app: QCoreApplication, locale: QLocale | str | None = None) -> QTranslator | None:
    """Install Stint's translation for `locale` (default: the system's), plus Qt's own
    for the standard buttons. Returns Stint's translator, or None when there is no
    catalogue for that language (English, the source language, needs none). The
    translators are parented to `app`, so they live as long as it does."""
    if isinstance(locale, str):
        locale = QLocale(locale)
    locale = locale or QLocale.system()
    language = locale.name().split("_", 1)[0]
    if language == SOURCE_LANGUAGE or not _has_catalogue(language):
        log.debug("no Stint translation for %s", locale.name())
        return None
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _INSTALLED.append(qt)
    ours = QTranslator(app)
    if not ours.load(f"stint_{language}", str(TRANSLATIONS)):
        ours.deleteLater()
        return None
    app.installTranslator(ours)
    _INSTALLED.append(ours)
    return ours


def remove_translators(app: QCoreApplication) -> None:
    """Back to the source language (English): every translator installed here goes."""
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
