"""Entries by hand: log, entries, edit, delete."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.when import parse_week, parse_when
from ..services import Services
from . import render
from .tracking import task_label


def register(sub: Any) -> None:
    p = sub.add_parser("log", help="add a finished entry by hand")
    p.add_argument("task")
    p.add_argument("--start", required=True, metavar="WHEN")
    p.add_argument("--end", required=True, metavar="WHEN")
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("entries", help="list a week's entries")
    p.add_argument("--week", default=None, metavar="WEEK", help="2026-W47, this or last (default: this)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_entries)

    p = sub.add_parser("edit", help="change an entry's start, end or note")
    p.add_argument("entry")
    p.add_argument("--start", default=None, metavar="WHEN")
    p.add_argument("--end", default=None, metavar="WHEN")
    p.add_argument("--note", default=None)
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("delete", help="delete an entry")
    p.add_argument("entry")
    p.set_defaults(handler=cmd_delete)


def _when(ctx: Services, text: str | None):  # type: ignore[no-untyped-def]
    return None if text is None else parse_when(text, ctx.tz, ctx.clock.now())


def _span(ctx: Services, entry: Any) -> str:
    end = render.clock_time(entry.ended_at, ctx.tz) if entry.ended_at else "running"
    return f"{render.day_and_time(entry.started_at, ctx.tz)}–{end}"


def cmd_log(ctx: Services, args: argparse.Namespace) -> int:
    start, end = _when(ctx, args.start), _when(ctx, args.end)
    entry = ctx.tracker.log(args.task, start, end, args.note)
    seconds = (entry.ended_at - entry.started_at).total_seconds()
    ctx.print(f"Logged {render.duration(seconds)} on {task_label(entry.task)} ({_span(ctx, entry)}), entry {entry.id[:8]}")
    return 0


def cmd_edit(ctx: Services, args: argparse.Namespace) -> int:
    entry = ctx.tracker.edit_entry(args.entry, start=_when(ctx, args.start), end=_when(ctx, args.end), note=args.note)
    ctx.print(f"Entry {entry.id[:8]} is now {_span(ctx, entry)} on {task_label(entry.task)}")
    return 0


def cmd_delete(ctx: Services, args: argparse.Namespace) -> int:
    entry = ctx.tracker.delete_entry(args.entry)
    ctx.print(f"Deleted entry {entry.id[:8]} ({_span(ctx, entry)}, {task_label(entry.task)})")
    return 0


def cmd_entries(ctx: Services, args: argparse.Namespace) -> int:
    from ..domain.weeks import make_week
    from ..store.db import transaction
    from ..store.queries import entries_between

    now = ctx.clock.now()
    year, number = parse_week(args.week, ctx.tz, now)
    week = make_week(year, number, ctx.tz, ctx.settings.week_start)
    with transaction(ctx.engine) as s:
        found = entries_between(s, week.start, week.end)
        rows = []
        for e in found:
            seconds = int(((e.ended_at or max(now, e.started_at)) - e.started_at).total_seconds())
            rows.append({
                "id": e.id, "task_id": e.task_id, "task": e.task.title,
                "start": render.local(e.started_at, ctx.tz), "end": render.local(e.ended_at, ctx.tz),
                "seconds": seconds, "note": e.note, "sync": e.sync, "project": e.task.project,
            })
    if args.json:
        render.dump_json(rows, ctx.out)
        return 0
    if not rows:
        ctx.print(f"No entries in {week.label}.")
        return 0
    table = [
        (r["id"][:8], _span(ctx, e), render.duration(r["seconds"]), f"{r['task_id']}: {r['task']}", r["note"], r["sync"])
        for r, e in zip(rows, found)
    ]
    render.table(("ENTRY", "WHEN", "TIME", "TASK", "NOTE", "SYNC"), table, ctx.out, max_width=40)
    return 0
