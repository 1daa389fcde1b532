"""The weekly timesheet: on the terminal or exported to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import UsageError
from ..domain.when import parse_week
from ..services import Services

FORMATS = ("table", "csv", "json", "html", "xlsx", "pdf")


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of minutes: {text!r}") from None
    if not 0 <= value <= 1440:
        raise argparse.ArgumentTypeError("rounding must be 0 to 1440 minutes")
    return value


def register(sub: Any) -> None:
    p = sub.add_parser("timesheet", help="the weekly timesheet")
    p.add_argument("--week", default=None, metavar="WEEK", help="2026-W47, this or last (default: this)")
    p.add_argument("--format", choices=FORMATS, default=None, help="default: table, or from -o's extension")
    p.add_argument("-o", "--output", default=None, metavar="FILE")
    p.add_argument("--round", type=_minutes, default=None, metavar="MINUTES",
                   help="round each entry to N minutes (0: no rounding)")
    p.add_argument("--round-mode", choices=("up", "nearest"), default=None)
    p.set_defaults(handler=cmd_timesheet)


def cmd_timesheet(ctx: Services, args: argparse.Namespace) -> int:
    from ..domain.timesheet import Rounding
    from ..timesheet import export
    from ..timesheet.build import weekly

    fmt = args.format or _format_from_path(args.output) or "table"
    if export.is_binary(fmt) and args.output is None and sys.stdout.isatty() and ctx.out is sys.stdout:
        raise UsageError(f"{fmt} is a binary format: give -o FILE")
    minutes = ctx.settings.rounding_minutes if args.round is None else args.round
    mode = args.round_mode or ctx.settings.rounding_mode
    rounding = Rounding(minutes, mode) if minutes else None
    now = ctx.clock.now()
    year, number = parse_week(args.week, ctx.tz, now)
    sheet = weekly(ctx.engine, year, number, tz=ctx.tz, now=now, week_start=ctx.settings.week_start, rounding=rounding)
    if args.output:
        path = Path(args.output)
        if path.is_dir():
            raise UsageError(f"{path} is a folder; give a file name")
        export.export_file(sheet, fmt, path)
        print(f"Wrote {fmt.upper()} timesheet for {sheet.week.label} to {path}", file=ctx.err)
    elif export.is_binary(fmt):
        stream = getattr(ctx.out, "buffer", None)
        if stream is None:
            raise UsageError(f"{fmt} is a binary format: give -o FILE")
        export.write(sheet, fmt, stream)
        stream.flush()
    else:
        export.write(sheet, fmt, ctx.out)
    return 0


def _format_from_path(output: str | None) -> str | None:
    if not output:
        return None
    suffix = Path(output).suffix.lower().lstrip(".")
    aliases = {"htm": "html", "txt": "table"}
    suffix = aliases.get(suffix, suffix)
    return suffix if suffix in FORMATS else None
