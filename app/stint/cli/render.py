"""How the CLI shows things: local times, spans, durations, counts, and text tables
that fit the terminal.

Text from people and servers (titles, notes, messages) goes through `clean` before it
is put in a line: one line, no control characters. The output stream's guard
(terminal.SafeOutput) catches whatever a command forgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, TextIO

from ..domain.durations import format_duration
from ..domain.text import one_line, plural
from .terminal import terminal_of

__all__ = ["clean", "plural"]

# The words the tray and the window use for an account's state and an op's kind.
ACCOUNT_STATES = {"ok": "ok", "needs_signin": "sign in again", "error": "sync error"}
OP_KINDS = {
    "create_task": "create task", "start": "start timer", "stop": "stop timer", "set_status": "change status",
    "create_entry": "add entry", "update_entry": "edit entry", "delete_entry": "delete entry",
}


def clean(text: object) -> str:
    """A value from people or servers, fit for one line of a terminal."""
    return one_line("" if text is None else str(text))


def clean_line(line: str) -> str:
    """A line built elsewhere (a sync report's) made one line, its indentation kept:
    a server's message inside it cannot forge another."""
    body = line.lstrip(" ")
    return " " * (len(line) - len(body)) + one_line(body)


def local(moment: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 with the local offset, for --json."""
    return None if moment is None else moment.astimezone(tz).isoformat()


def clock_time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def day_and_time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %Y-%m-%d %H:%M")


def later_days(start: datetime, end: datetime, tz: tzinfo) -> str:
    """' +1' when `end` falls on the next local day of `start` (' +2' two days on…)."""
    days = (end.astimezone(tz).date() - start.astimezone(tz).date()).days
    return f" +{days}" if days > 0 else ""


def clock_span(start: datetime, end: datetime | None, tz: tzinfo) -> str:
    """'09:00–10:30', '23:00–01:15 +1', '09:00–running'."""
    if end is None:
        return f"{clock_time(start, tz)}–running"
    return f"{clock_time(start, tz)}–{clock_time(end, tz)}{later_days(start, end, tz)}"


def span(start: datetime, end: datetime | None, tz: tzinfo) -> str:
    """'Mon 2026-11-16 09:00–11:30', 'Wed 2026-11-18 23:00–01:00 +1'."""
    return f"{start.astimezone(tz):%a %Y-%m-%d} {clock_span(start, end, tz)}"


def duration(seconds: float) -> str:
    return format_duration(int(seconds))


def span_length(seconds: float) -> str:
    """How long one timer ran: under a minute in seconds ("42 s", where h:mm would
    say 0:00 and look like nothing was kept), else h:mm."""
    return f"{int(seconds)} s" if seconds < 60 else duration(seconds)


def account_state(state: str) -> str:
    return ACCOUNT_STATES.get(state, state.replace("_", " "))


def op_kind(kind: str) -> str:
    return OP_KINDS.get(kind, kind.replace("_", " "))


def sync_state(state: str) -> str:
    """'waiting to sync' for 'pending': the Day view's words, and the exports'."""
    from ..timesheet.labels import ENGLISH

    return ENGLISH.sync_label(state)


def paint(out: TextIO, style: str, text: str) -> str:
    """`text` in `style` when `out` is a colour terminal."""
    return terminal_of(out).paint(style, text)


def dump_json(value: Any, out: TextIO) -> None:
    import json  # only `--json` needs it

    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], out: TextIO, *, max_width: int = 48,
          shrink: Sequence[int] | None = None) -> None:
    """Columns padded to their widest cell, each at most `max_width` columns, the whole
    line fitted to the terminal's width (the columns with the highest `shrink` give
    way first); cut cells end in an ellipsis. Wide characters count double."""
    from ..textcols import Column, draw, fit

    term = terminal_of(out)
    shrink = shrink or [1] * len(headers)
    columns = [Column(h, shrink=s, least=8) for h, s in zip(headers, shrink)]
    cells = [[fit(clean(v), max_width) for v in row] for row in rows]
    for line in draw(columns, cells, term.width, term.paint, rule=False):
        print(line, file=out)
