"""Starting Stint when the user logs in: the platform's own autostart entry.

    Linux    $XDG_CONFIG_HOME/autostart/stint.desktop  (~/.config when unset)
    Windows  HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run, value "Stint"
    macOS    ~/Library/LaunchAgents/dev.stint.Stint.plist

Qt-free, so the CLI can switch it too. `env` and `platform` are parameters so tests
point the entry into a temporary directory instead of the real session.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .fileio import atomic_write_text

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "Stint"
MAC_LABEL = "dev.stint.Stint"


def launch_command() -> list[str]:
    """How this installation starts the desktop app."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the app
        return [sys.executable]
    script = shutil.which("stint")
    if script:
        return [script]
    return [sys.executable, "-m", "stint"]


def entry_path(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path | None:
    """Where the autostart file lives (None on Windows, where it is a registry value)."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform.startswith("win"):
        return None
    home = Path(env.get("HOME") or Path.home())
    if platform == "darwin":
        return home / "Library" / "LaunchAgents" / f"{MAC_LABEL}.plist"
    config = env.get("XDG_CONFIG_HOME") or str(home / ".config")
    return Path(config) / "autostart" / "stint.desktop"


def desktop_entry(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Stint\n"
        "Comment=Time tracker in the system tray\n"
        f"Exec={shlex.join(command)}\n"
        "Icon=dev.stint.Stint\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def is_enabled(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return _windows_value() is not None
    path = entry_path(env, platform)
    return path is not None and path.exists()


def set_enabled(
    enabled: bool,
    *,
    command: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> Path | None:
    """Write (or remove) the autostart entry. Returns the file written or removed
    (None on Windows). Raises OSError when the entry cannot be written."""
    platform = platform or sys.platform
    command = list(command or launch_command())
    if platform.startswith("win"):
        _windows_set(subprocess_line(command) if enabled else None)
        return None
    path = entry_path(env, platform)
    assert path is not None
    if not enabled:
        path.unlink(missing_ok=True)
        return path
    if platform == "darwin":
        import plistlib

        body = plistlib.dumps({"Label": MAC_LABEL, "ProgramArguments": command, "RunAtLoad": True})
        atomic_write_text(path, body.decode("utf-8"))
    else:
        atomic_write_text(path, desktop_entry(command))
    return path


def subprocess_line(command: Sequence[str]) -> str:
    """A Windows command line (each part quoted as CreateProcess expects)."""
    import subprocess

    return subprocess.list2cmdline(list(command))


def _windows_value() -> str | None:
    import winreg  # type: ignore[import-not-found]

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, VALUE_NAME)
            return str(value)
    except FileNotFoundError:
        return None


def _windows_set(line: str | None) -> None:
    import winreg  # type: ignore[import-not-found]

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
        if line is None:
            try:
                winreg.DeleteValue(key, VALUE_NAME)
            except FileNotFoundError:
                pass
        else:
            winreg.SetValueEx(key, VALUE_NAME, 0, winreg.REG_SZ, line)
