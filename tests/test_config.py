"""The person_name setting that exported reports show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stint.config import load_settings
from stint.domain.errors import UsageError


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
