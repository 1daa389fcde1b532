"""The login autostart entry, written into a temporary XDG_CONFIG_HOME / HOME."""

from __future__ import annotations

import configparser
import plistlib

from stint import autostart


def test_linux_entry_is_written_and_removed(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path / "home")}
    assert not autostart.is_enabled(env, "linux")

    path = autostart.set_enabled(True, command=["/opt/stint dir/stint"], env=env, platform="linux")

    assert path == tmp_path / "cfg" / "autostart" / "stint.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "'/opt/stint dir/stint'"
    assert autostart.is_enabled(env, "linux")

    autostart.set_enabled(False, env=env, platform="linux")
    assert not path.exists()
    assert not autostart.is_enabled(env, "linux")
    autostart.set_enabled(False, env=env, platform="linux")  # removing twice is fine


def test_linux_falls_back_to_home_config(tmp_path):
    env = {"HOME": str(tmp_path)}
    path = autostart.set_enabled(True, command=["stint"], env=env, platform="linux")
    assert path == tmp_path / ".config" / "autostart" / "stint.desktop"
    assert path.read_text().count("Exec=stint\n") == 1


def test_macos_launch_agent(tmp_path):
    env = {"HOME": str(tmp_path)}
    path = autostart.set_enabled(True, command=["/Applications/Stint.app/Contents/MacOS/Stint"], env=env,
                                 platform="darwin")
    plist = plistlib.loads(path.read_bytes())
    assert plist["ProgramArguments"] == ["/Applications/Stint.app/Contents/MacOS/Stint"]
    assert plist["RunAtLoad"] is True
    autostart.set_enabled(False, env=env, platform="darwin")
    assert not path.exists()


def test_launch_command_is_runnable():
    command = autostart.launch_command()
    assert command and command[0]
