"""Where the user's files go when STINT_HOME does not say: data, settings, logs.

On Linux these are the XDG base directories, computed here as platformdirs computes
them (tests/test_dirs.py holds the two equal) because importing platformdirs costs
a hot command more than the rest of its start-up; elsewhere platformdirs decides.
Standard library only: stint.config and stint.ipc both use it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

APP_NAME = "stint"


def user_dirs(env: Mapping[str, str]) -> tuple[str, str, str]:
    """(data, config, logs) folders of the user's Stint files."""
    if sys.platform == "linux" and not (env.get("ANDROID_DATA") == "/data" and env.get("ANDROID_ROOT") == "/system"):
        return (
            os.path.join(_xdg(env, "XDG_DATA_HOME", ".local/share"), APP_NAME),
            os.path.join(_xdg(env, "XDG_CONFIG_HOME", ".config"), APP_NAME),
            os.path.join(_xdg(env, "XDG_STATE_HOME", ".local/state"), APP_NAME, "log"),
        )
    import platformdirs

    return (
        platformdirs.user_data_dir(APP_NAME, appauthor=False),
        platformdirs.user_config_dir(APP_NAME, appauthor=False),
        platformdirs.user_log_dir(APP_NAME, appauthor=False),
    )


def user_data_dir(env: Mapping[str, str]) -> str:
    return user_dirs(env)[0]


def _xdg(env: Mapping[str, str], variable: str, under_home: str) -> str:
    """$variable when it is an absolute path (the spec ignores a relative one), else
    the default under the home folder."""
    value = env.get(variable, "")
    if value.startswith("/"):
        return value
    home = env.get("HOME", "")
    if not home.startswith("/"):
        import pwd  # no usable $HOME: the account's own home, as os.path.expanduser does

        home = pwd.getpwuid(os.getuid()).pw_dir
    return os.path.join(home, under_home)
