"""Reports: the timesheet grid or the detailed list of entries, on the terminal or
exported to a file, for any period."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.errors import UsageError
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


def add_period_options(p: Any, what: str) -> None:
    """--week / --month / --from and --to, shared by every command that reads a period."""
    p.add_argument("--week", default=None, metavar="WEEK",
                   help=f"the week of {what}: 2026-W48, 2026-48, W48, this, last, next or a day in it (default: this)")
    p.add_argument("--month", default=None, metavar="MONTH", help="a month instead: 2026-11, nov, this, last")
    p.add_argument("--from", dest="start", default=None, metavar="DAY",
                   help="any run of days instead: from DAY (2026-11-02, yesterday, mon)")
    p.add_argument("--to", dest="end", default=None, metavar="DAY", help="… to DAY, included (default: today)")


def period_of(ctx: Services, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..domain.periods import parse_period

    return parse_period(ctx.tz, ctx.clock.now(), week=args.week, month=args.month, start=args.start, end=args.end,
                        week_start=ctx.settings.week_start)


def register(sub: Any) -> None:
    p = sub.add_parser("timesheet", help="the timesheet (task × day) or a detailed list of entries, for any period")
    add_period_options(p, "the report")
    p.add_argument("--detail", action="store_true",
                   help="one line per entry and day (date, times, duration, task, note, account, sync)")
    p.add_argument("--project", action="append", default=[], metavar="NAME",
                   help="only this project (repeat for several)")
    p.add_argument("--account", action="append", default=[], metavar="NAME",
                   help="only this account's tasks (repeat for several)")
    p.add_argument("--local", action="store_true", help="only local tasks (with --account: those too)")
    p.add_argument("--format", choices=FORMATS, default=None, help="default: table, or from -o's extension")
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="write to FILE (a regular file; - is stdout)")
    p.add_argument("--round", type=_minutes, default=None, metavar="MINUTES",
                   help="round each entry's time on each day to N minutes (0: no rounding)")
    p.add_argument("--round-mode", choices=("up", "nearest"), default=None)
    p.set_defaults(handler=cmd_timesheet)


def cmd_timesheet(ctx: Services, args: argparse.Namespace) -> int:
    from ..domain.timesheet import Filters, Rounding
    from ..timesheet import build, export
    from ..timesheet.report import ReportOptions

    output = None if args.output in (None, "-") else Path(args.output)
    fmt = args.format or _format_from_path(output) or "table"
    if output is not None:
        export.check_target(output)  # before any database work
    elif export.is_binary(fmt) and _isatty(ctx.out):
        raise UsageError(f"{fmt} is a binary format: give -o FILE (or pipe it)")
    minutes = ctx.settings.rounding_minutes if args.round is None else args.round
    mode = args.round_mode or ctx.settings.rounding_mode
    options = ReportOptions(
        period_of(ctx, args), detail=args.detail, filters=Filters.of(args.project, args.account, args.local),
        rounding=Rounding(minutes, mode) if minutes else None, person=ctx.settings.person_name,
    )
    build.check_names(ctx.db, args.project, args.account)
    report = build.run(ctx.db, options, ctx.clock.now())
    if output is not None:
        export.export_file(report, fmt, output)
        layout = "detailed report" if args.detail else "timesheet"
        print(f"Wrote {fmt.upper()} {layout} for {report.period.label} to {output}", file=ctx.err)
    elif fmt == "table":
        from ..timesheet.export_table import write_table
        from .terminal import terminal_of

        term = terminal_of(ctx.out)
        write_table(report, ctx.out, width=term.width, paint=term.paint)
    elif export.is_binary(fmt):
        stream = getattr(ctx.out, "buffer", None)
        if stream is None:
            raise UsageError(f"{fmt} is a binary format: give -o FILE")
        export.write(report, fmt, stream)
        stream.flush()
    else:
        export.write(report, fmt, ctx.out)
    return 0


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _format_from_path(output: Path | None) -> str | None:
    if output is None:
        return None
    suffix = output.suffix.lower().lstrip(".")
    aliases = {"htm": "html", "txt": "table"}
    suffix = aliases.get(suffix, suffix)
    return suffix if suffix in FORMATS else None
