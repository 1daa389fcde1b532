"""`stint export`: everything as Stint's full export (JSON), or a period's entries as
an iCalendar file. Files are written to a temporary name and moved into place."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.errors import UsageError
from ..services import Services


def register(sub: Any) -> None:
    from .report import add_period_options

    p = sub.add_parser("export", help="everything as JSON (--all), or a period's entries as iCalendar (--ics)",
                       description="--all: every task, entry, project and setting (never a secret) in Stint's "
                                   "documented JSON format, which `stint import` reads back. --ics: the entries "
                                   "of a week, a month or any days, one calendar event each.")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--all", action="store_true", help="the full export (JSON)")
    what.add_argument("--ics", action="store_true", help="an iCalendar file (implied by -o FILE.ics)")
    add_period_options(p, "the calendar (--ics)")
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="write to FILE (a regular file; - is stdout)")
    p.set_defaults(handler=cmd_export)


def cmd_export(ctx: Services, args: argparse.Namespace) -> int:
    from ..timesheet.export import check_target

    path = None if args.output in (None, "-") else Path(args.output)
    calendar = args.ics or (not args.all and path is not None and path.suffix.lower() == ".ics")
    if not args.all and not calendar:
        raise UsageError("say what to export: --all (everything, JSON) or --ics (a period's entries)")
    if args.all and (args.week or args.month or args.start or args.end):
        raise UsageError("--all exports everything; --week, --month, --from and --to are for --ics")
    if path is not None:
        check_target(path)   # before any database work
    return _calendar(ctx, args, path) if calendar else _everything(ctx, path)


def _everything(ctx: Services, path: Path | None) -> int:
    import json

    from .. import __version__
    from ..config import settings_json
    from ..importers.stint_export import to_document
    from ..store.db import transaction
    from ..store.full_export import snapshot

    with transaction(ctx.engine) as s:
        export = snapshot(s, settings=settings_json(ctx.settings), now=ctx.clock.now(), app=f"stint {__version__}")
    text = json.dumps(to_document(export), ensure_ascii=False, indent=2) + "\n"
    _write(ctx, path, text)
    if path is not None:
        from ..domain.text import plural

        held = ", ".join([plural(len(export.accounts), "account"), plural(len(export.tasks), "task"),
                          plural(len(export.entries), "entry", "entries")])
        print(f"Wrote everything ({held}) to {path}", file=ctx.err)
    return 0


def _calendar(ctx: Services, args: argparse.Namespace, path: Path | None) -> int:
    import io

    from ..store.queries import entries_between
    from ..timesheet.export_ics import CalendarEvent, write_ics
    from .report import period_of

    period = period_of(ctx, args)
    with ctx.db.read() as conn:
        found = entries_between(conn, period.start, period.end)
    events = [CalendarEvent(e.id, e.task.title, e.task.project, e.note, e.started_at, e.ended_at)
              for e in found if e.ended_at is not None]
    running = len(found) - len(events)
    buffer = io.StringIO(newline="")
    count = write_ics(events, buffer, now=ctx.clock.now())
    _write(ctx, path, buffer.getvalue())
    if path is not None:
        left = " (the running timer is left out until it stops)" if running else ""
        from ..domain.text import plural

        print(f"Wrote {plural(count, 'event')} for {period.label} to {path}{left}", file=ctx.err)
    return 0


def _write(ctx: Services, path: Path | None, text: str) -> None:
    if path is None:
        ctx.out.write(text)
        return
    from ..fileio import atomic_open

    with atomic_open(path, "w", encoding="utf-8", newline="", create_folder=False) as handle:
        handle.write(text)
