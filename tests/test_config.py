"""Settings: saved and read back as typed values, defaults for what is missing, a
damaged or mistyped file refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stint.config import Settings, load_settings, paths, save_settings
from stint.domain.errors import UsageError


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    got = load_settings(tmp_path / "settings.json")
    assert got == Settings() and got.week_start == 0 and dict(got.extra) == {}


def test_saved_settings_read_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings()._replace(week_start=6, rounding_minutes=15, working_hours=("08:30", "16:30"),
                                 working_days=(0, 2, 4), extra={"no_tray_notice_shown": True})
    save_settings(path, chosen)
    assert json.loads(path.read_text())["extra"] == {"no_tray_notice_shown": True}
    assert load_settings(path) == chosen


def test_unknown_keys_are_ignored_and_missing_ones_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"idle_minutes": 5, "from_a_later_version": 1}))
    assert load_settings(path) == Settings(idle_minutes=5)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "cannot read settings file"),
    ("[1, 2]", "does not hold a JSON object"),
    ('{"week_start": "monday"}', "week_start has the wrong type"),
    ('{"remind_untracked": 1}', "remind_untracked has the wrong type"),
    ('{"rounding_mode": "down"}', "rounding_mode must be"),
])
def test_a_bad_file_is_refused_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    with pytest.raises(UsageError, match=message):
        load_settings(path)


def test_the_default_extra_cannot_be_changed_in_place() -> None:
    with pytest.raises(TypeError):
        Settings().extra["x"] = 1  # type: ignore[index]


def test_stint_home_holds_everything(tmp_path: Path) -> None:
    got = paths({"STINT_HOME": str(tmp_path)})
    assert (got.data, got.config, got.logs) == (tmp_path, tmp_path, tmp_path / "logs")
    assert got.database == tmp_path / "stint.sqlite3" and got.settings == tmp_path / "settings.json"


def test_person_name_is_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"person_name": "Ana García"}))
    assert load_settings(path).person_name == "Ana García"
    assert load_settings(tmp_path / "none.json").person_name == ""


@pytest.mark.parametrize("bad", ["Ana\nEvil", "x" * 201, 42])
def test_a_bad_person_name_is_refused(tmp_path: Path, bad: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"person_name": bad}))
    with pytest.raises(UsageError):
        load_settings(path)
