"""How the CLI shows things: local times, durations, and simple text tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, TextIO

from ..domain.timesheet import format_duration


def local(moment: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 with the local offset, for --json."""
    return None if moment is None else moment.astimezone(tz).isoformat()


def clock_time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def day_and_time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %Y-%m-%d %H:%M")


def duration(seconds: float) -> str:
    return format_duration(int(seconds))


def dump_json(value: Any, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], out: TextIO, *, max_width: int = 48) -> None:
    """Columns padded to their widest cell; long cells end in an ellipsis."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), file=out)
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip(), file=out)
