"""`stint export`: everything as Stint's full export (JSON), or a period's entries as
an iCalendar file. Files are written to a temporary name and moved into place."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from ..domain.errors import UsageError
from ..services import Services


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="everything as JSON (--all), or a period's entries as iCalendar (--ics)",
                       description="--all: every task, entry, project and setting (never a secret) in Stint's "
                                   "documented JSON format, which `stint import` reads back. --ics: the entries "
                                   "of a week or of dates, one calendar event each.")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--all", action="store_true", help="the full export (JSON)")
    what.add_argument("--ics", action="store_true", help="an iCalendar file (implied by -o FILE.ics)")
    p.add_argument("--week", default=None, metavar="WEEK", help="--ics: 2026-W47, this or last (default: this)")
    p.add_argument("--from", dest="first", default=None, metavar="DATE", help="--ics: the first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", default=None, metavar="DATE", help="--ics: the last day (YYYY-MM-DD)")
    p.add_argument("-o", "--output", default=None, metavar="FILE")
    p.set_defaults(handler=cmd_export)


def cmd_export(ctx: Services, args: argparse.Namespace) -> int:
    path = Path(args.output) if args.output else None
    if path is not None and path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    calendar = args.ics or (not args.all and path is not None and path.suffix.lower() == ".ics")
    if not args.all and not calendar:
        raise UsageError("say what to export: --all (everything, JSON) or --ics (a period's entries)")
    if args.all and (args.week or args.first or args.last):
        raise UsageError("--all exports everything; --week, --from and --to are for --ics")
    return _calendar(ctx, args, path) if calendar else _everything(ctx, path)


def _everything(ctx: Services, path: Path | None) -> int:
    import json
    from dataclasses import asdict

    from .. import __version__
    from ..importers.stint_export import to_document
    from ..store.db import transaction
    from ..store.full_export import snapshot

    with transaction(ctx.engine) as s:
        export = snapshot(s, settings=asdict(ctx.settings), now=ctx.clock.now(), app=f"stint {__version__}")
    text = json.dumps(to_document(export), ensure_ascii=False, indent=2) + "\n"
    _write(ctx, path, text)
    if path is not None:
        from .import_report import count_of

        held = ", ".join([count_of(len(export.accounts), "account"), count_of(len(export.tasks), "task"),
                          count_of(len(export.entries), "entry", "entries")])
        print(f"Wrote everything ({held}) to {path}", file=ctx.err)
    return 0


def _calendar(ctx: Services, args: argparse.Namespace, path: Path | None) -> int:
    import io

    from ..store.db import transaction
    from ..store.queries import entries_between
    from ..timesheet.export_ics import CalendarEvent, write_ics

    start, end, label = _period(args, ctx.tz, ctx.clock.now(), ctx.settings.week_start)
    with transaction(ctx.engine) as s:
        found = entries_between(s, start, end)
        events = [CalendarEvent(e.id, e.task.title, e.task.project, e.note, e.started_at, e.ended_at)
                  for e in found if e.ended_at is not None]
    running = len(found) - len(events)
    buffer = io.StringIO(newline="")
    count = write_ics(events, buffer, now=ctx.clock.now())
    _write(ctx, path, buffer.getvalue())
    if path is not None:
        left = " (the running timer is left out until it stops)" if running else ""
        print(f"Wrote {count} {'event' if count == 1 else 'events'} for {label} to {path}{left}", file=ctx.err)
    return 0


def _period(args: argparse.Namespace, tz: tzinfo, now: datetime, week_start: int) -> tuple[datetime, datetime, str]:
    from ..domain.weeks import local_midnight, make_week
    from ..domain.when import parse_week

    if args.first or args.last:
        if args.week:
            raise UsageError("give --week or --from/--to, not both")
        if not (args.first and args.last):
            raise UsageError("--from and --to go together")
        first, last = _day(args.first), _day(args.last)
        if last < first:
            raise UsageError("--to is before --from")
        return local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz), f"{first} to {last}"
    year, number = parse_week(args.week, tz, now)
    week = make_week(year, number, tz, week_start)
    return week.start, week.end, week.label


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _write(ctx: Services, path: Path | None, text: str) -> None:
    if path is None:
        ctx.out.write(text)
        return
    from ..fileio import atomic_write_text

    atomic_write_text(path, text)
