"""Where Stint keeps its files, and the user's settings.

`STINT_HOME=<dir>` puts everything (database, settings, logs) in one directory;
otherwise the per-user locations of stint.dirs (XDG on Linux, platformdirs elsewhere). Settings are a small JSON file
of typed values with defaults; secrets never go here (see stint.secrets).

Paths and Settings are NamedTuples (`_replace`, `_fields`, `_asdict`): every command
reads them, and dataclasses would import `inspect` (and `ast`, `dis`, `tokenize`)
into each run for nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import tzinfo
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .dirs import user_dirs
from .domain.errors import UsageError


class Paths(NamedTuple):
    data: Path
    config: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "stint.sqlite3"

    @property
    def settings(self) -> Path:
        return self.config / "settings.json"


def paths(env: dict[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env
    home = env.get("STINT_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(root, root, root / "logs")
    data, config, logs = user_dirs(env)
    return Paths(Path(data), Path(config), Path(logs))


class Settings(NamedTuple):
    week_start: int = 0                 # 0 = Monday … 6 = Sunday
    rounding_minutes: int = 0           # 0 = off
    rounding_mode: str = "up"           # up | nearest
    sync_interval_seconds: int = 60
    sync_debounce_seconds: int = 3
    timezone: str = ""                  # empty: the system's
    long_timer_hours: float = 8.0       # notify when a timer runs longer
    remind_untracked: bool = False
    working_hours: tuple[str, str] = ("09:00", "17:00")
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    idle_minutes: int = 0               # 0 = idle detection off
    on_lock_sleep: str = "ask"          # a timer running at lock or sleep: ask | stop | keep
    global_shortcuts: bool = False      # bind toggle / pick / start-last through the desktop portal
    start_on_login: bool = False
    person_name: str = ""               # shown on exported reports (HTML, PDF, XLSX) when set
    # Anything else the app keeps (e.g. a notice shown once); read-only, replaced whole.
    extra: Mapping[str, object] = MappingProxyType({})

    def validate(self) -> "Settings":
        if not 0 <= self.week_start <= 6:
            raise UsageError("week_start must be 0 (Monday) to 6 (Sunday)")
        if not 0 <= self.rounding_minutes <= 1440:
            raise UsageError("rounding_minutes must be 0 to 1440")
        if self.rounding_mode not in ("up", "nearest"):
            raise UsageError("rounding_mode must be 'up' or 'nearest'")
        if not 10 <= self.sync_interval_seconds <= 86400:
            raise UsageError("sync_interval_seconds must be 10 to 86400")
        if self.on_lock_sleep not in ("ask", "stop", "keep"):
            raise UsageError("on_lock_sleep must be 'ask', 'stop' or 'keep'")
        if self.idle_minutes < 0 or self.long_timer_hours < 0:
            raise UsageError("idle_minutes and long_timer_hours cannot be negative")
        if not isinstance(self.person_name, str) or len(self.person_name) > 200 or \
                any(ch < " " for ch in self.person_name):
            raise UsageError("person_name must be one line of at most 200 characters")
        return self

    def tz(self, env_tz: str | None = None) -> tzinfo:
        return resolve_tz(self.timezone, env_tz)


def load_settings(path: Path) -> Settings:
    """The settings at `path`; defaults for anything missing. A damaged file is an
    error the user is told about, never silently replaced."""
    if not path.exists():
        return Settings()
    import json

    from .private import tighten

    tighten(path.parent)  # an install from before settings were kept private
    tighten(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read settings file {path}: {exc}") from None
    return settings_from(raw, f"settings file {path}")


def settings_from(raw: object, where: str) -> Settings:
    """Settings from a JSON object (a settings file, or a full export's "settings");
    `where` names it in errors. Unknown keys are ignored, missing ones default."""
    if not isinstance(raw, dict):
        raise UsageError(f"{where} does not hold a JSON object")
    defaults = Settings._field_defaults
    values: dict[str, object] = {}
    for key, value in raw.items():
        if key not in defaults:
            continue
        default = defaults[key]
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(value)
        if isinstance(default, bool) != isinstance(value, bool) or (
            not isinstance(default, (tuple, Mapping)) and not isinstance(value, (type(default), int))
        ):
            raise UsageError(f"{where}: {key} has the wrong type")
        values[key] = value
    return Settings(**values).validate()  # type: ignore[arg-type]


def settings_json(settings: Settings) -> dict[str, object]:
    """The settings as the JSON object a settings file (or a full export) holds."""
    return {**settings._asdict(), "extra": dict(settings.extra)}


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` atomically, readable by the user only (in a 0700 folder)."""
    import json

    from .fileio import atomic_write_text
    from .private import private_dir

    settings.validate()
    private_dir(path.parent)
    atomic_write_text(path, json.dumps(settings_json(settings), indent=2, sort_keys=True) + "\n", private=True)


def resolve_tz(name: str = "", env_tz: str | None = None) -> tzinfo:
    """The named zone, else $TZ, else the system's zone (as a ZoneInfo when it can be
    found, so DST transitions in other weeks come out right)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    env_tz = os.environ.get("TZ", "") if env_tz is None else env_tz
    for candidate in (name, env_tz.lstrip(":")):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                if candidate is name:
                    raise UsageError(f"unknown time zone: {name!r}") from None
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    from datetime import datetime

    return datetime.now().astimezone().tzinfo  # type: ignore[return-value]
