"""How lengths of time are written: the timesheet's H:MM and a running timer's H:MM:SS.

Apart from domain.timesheet (which re-exports them) so that printing a length does
not load the timesheet's types: `stint stop` and `stint status` print one each.
"""

from __future__ import annotations


def format_duration(seconds: int) -> str:
    """H:MM, the way timesheets show it."""
    minutes = int(seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def format_elapsed(seconds: float) -> str:
    """H:MM:SS, the way a running timer shows it."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
