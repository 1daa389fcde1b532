"""Reading a length of time as people type it: `1:30`, `90m`, `1h30m`, `1.5h`, `45`.

    1:30  0:45  1:30:15    hours and minutes (and seconds)
    90m  90 min  2h  1h30  1h30m   hours and/or minutes
    1.5h  1,5h  1.5        decimal hours (a comma too: the way much of Europe writes)
    45                     a bare whole number is minutes (what a person means by "45")
"""

from __future__ import annotations

import re

from .errors import UsageError

_CLOCK = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
_UNITS = re.compile(r"(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,5})\s*(?:m(?:in(?:utes?)?)?)?)?")
_DECIMAL = re.compile(r"(\d{1,3})[.,](\d{1,2})\s*(?:h(?:ours?|rs?)?)?")
EXAMPLES = "e.g. 1:30, 90m, 1h30m or 1.5h"


def parse_duration(text: str) -> int:
    """Seconds in `text` (forms in the module docstring); longer than zero."""
    raw = text.strip().lower()
    seconds = _read(raw)
    if seconds is None:
        raise UsageError(f"not a duration: {text.strip()!r} ({EXAMPLES})")
    if seconds <= 0:
        raise UsageError("a duration must be longer than zero")
    return seconds


def _read(raw: str) -> int | None:
    if match := _CLOCK.fullmatch(raw):
        return int(match.group(1)) * 3600 + int(match.group(2)) * 60 + int(match.group(3) or 0)
    if match := _DECIMAL.fullmatch(raw):
        return round(float(f"{match.group(1)}.{match.group(2)}") * 3600)
    match = _UNITS.fullmatch(raw)
    if not raw or match is None or not (match.group(1) or match.group(2)):
        return None
    return int(match.group(1) or 0) * 3600 + int(match.group(2) or 0) * 60

