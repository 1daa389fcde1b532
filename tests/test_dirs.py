"""stint.dirs gives the folders platformdirs gives, without importing it on Linux."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from stint import dirs, ipc
from stint.config import paths

CASES = [
    {},
    {"XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "/srv/conf", "XDG_STATE_HOME": "/srv/state"},
    {"XDG_DATA_HOME": "relative/is/ignored", "XDG_CONFIG_HOME": "", "XDG_STATE_HOME": " "},
]


@pytest.mark.parametrize("xdg", CASES)
def test_the_same_folders_as_platformdirs(xdg: dict[str, str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in xdg.items():
        monkeypatch.setenv(name, value)
    expected = (platformdirs.user_data_dir("stint", appauthor=False),
                platformdirs.user_config_dir("stint", appauthor=False),
                platformdirs.user_log_dir("stint", appauthor=False))
    assert dirs.user_dirs(os.environ) == expected
    got = paths(dict(os.environ))
    assert (str(got.data), str(got.config), str(got.logs)) == expected
    assert ipc.data_dir(os.environ) == expected[0]


def test_a_relative_home_falls_back_to_the_accounts_home(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    monkeypatch.setenv("HOME", "not/absolute")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert dirs.user_data_dir(os.environ) == os.path.join(pwd.getpwuid(os.getuid()).pw_dir, ".local/share/stint")


@pytest.mark.skipif(sys.platform != "linux", reason="platformdirs decides elsewhere")
def test_a_command_without_stint_home_does_not_import_platformdirs(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    code = "import sys; from stint.__main__ import main; sys.argv = ['stint', 'status']; main(); print('platformdirs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False"
    assert (tmp_path / ".local/share/stint/stint.sqlite3").exists()
