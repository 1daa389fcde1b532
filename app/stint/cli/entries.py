"""Entries by hand: log, entries, edit (a move to another task too), split, continue, delete."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from ..domain.when import parse_when
from . import render
from ..services import Services
from .report import add_period_options, period_of
from .tracking import report_start, task_label

WHEN_HELP = "2026-11-20T09:30, 17:30, yesterday 17:00, mon 9:00, -15m or now"
ENTRY_HELP = "the entry's id as `stint entries` shows it (its first 4 characters or more)"


def register(sub: Any) -> None:
    p = sub.add_parser("log", help="add a finished entry by hand")
    p.add_argument("task")
    p.add_argument("--start", required=True, metavar="WHEN", help=WHEN_HELP)
    p.add_argument("--end", required=True, metavar="WHEN", help=WHEN_HELP)
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("entries", help="list the entries of a week, a month or any days")
    add_period_options(p, "the entries")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_entries)

    p = sub.add_parser("edit", help="change an entry's start, end or note, or move it to another task")
    p.add_argument("entry", help=ENTRY_HELP)
    p.add_argument("--start", default=None, metavar="WHEN", help=WHEN_HELP)
    p.add_argument("--end", default=None, metavar="WHEN", help=WHEN_HELP)
    p.add_argument("--note", default=None)
    p.add_argument("--task", default=None, help="move the entry to this task (it gets a new id)")
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("split", help="cut an entry in two at a time")
    p.add_argument("entry", help=ENTRY_HELP)
    p.add_argument("--at", required=True, metavar="WHEN", help=WHEN_HELP)
    p.set_defaults(handler=cmd_split)

    p = sub.add_parser("continue", help="start a new timer on an entry's task, with its note")
    p.add_argument("entry", help=ENTRY_HELP)
    p.set_defaults(handler=cmd_continue)

    p = sub.add_parser("delete", help="delete an entry")
    p.add_argument("entry", help=ENTRY_HELP)
    p.set_defaults(handler=cmd_delete)


def when(ctx: Services, text: str | None) -> datetime | None:
    """WHEN as the person typed it, in UTC. A time that happens twice (the hour the
    clocks go back) is read as the first, and a note on stderr says so."""
    if text is None:
        return None
    return parse_when(text, ctx.tz, ctx.clock.now(), note=lambda message: print(f"stint: note: {message}", file=ctx.err))


def _span(ctx: Services, entry: Any) -> str:
    return render.span(entry.started_at, entry.ended_at, ctx.tz)


def cmd_log(ctx: Services, args: argparse.Namespace) -> int:
    start, end = when(ctx, args.start), when(ctx, args.end)
    entry = ctx.tracker.log(args.task, start, end, args.note)  # type: ignore[arg-type]
    seconds = (entry.ended_at - entry.started_at).total_seconds()
    ctx.print(f"Logged {render.duration(seconds)} on {task_label(entry.task)} ({_span(ctx, entry)}), entry {entry.id[:8]}")
    return 0


def cmd_edit(ctx: Services, args: argparse.Namespace) -> int:
    entry = ctx.tracker.edit_entry(args.entry, start=when(ctx, args.start), end=when(ctx, args.end), note=args.note,
                                   task=args.task)
    ctx.print(f"Entry {entry.id[:8]} is now {_span(ctx, entry)} on {task_label(entry.task)}")
    return 0


def cmd_split(ctx: Services, args: argparse.Namespace) -> int:
    at = when(ctx, args.at)
    assert at is not None
    first, second = ctx.tracker.split_entry(args.entry, at)
    ctx.print(f"Split into {first.id[:8]} ({_span(ctx, first)}) and {second.id[:8]} ({_span(ctx, second)})"
              f" on {task_label(first.task)}")
    return 0


def cmd_continue(ctx: Services, args: argparse.Namespace) -> int:
    report_start(ctx, ctx.tracker.continue_entry(args.entry))
    return 0


def cmd_delete(ctx: Services, args: argparse.Namespace) -> int:
    entry = ctx.tracker.delete_entry(args.entry)
    ctx.print(f"Deleted entry {entry.id[:8]} ({_span(ctx, entry)}, {task_label(entry.task)})")
    return 0


def cmd_entries(ctx: Services, args: argparse.Namespace) -> int:
    from ..store.queries import entries_between

    now = ctx.clock.now()
    period = period_of(ctx, args)
    with ctx.db.read() as conn:
        found = entries_between(conn, period.start, period.end)
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
        ctx.print(f"No entries in {period.label}.")
        return 0
    table = [
        (r["id"][:8], _span(ctx, e), render.duration(r["seconds"]), f"{r['task_id']}: {render.clean(r['task'])}",
         r["note"], render.sync_state(r["sync"]))
        for r, e in zip(rows, found)
    ]
    render.table(("ENTRY", "WHEN", "TIME", "TASK", "NOTE", "SYNC"), table, ctx.out, max_width=40,
                 shrink=(0, 0, 0, 2, 3, 1))
    ctx.print(f"{render.plural(len(rows), 'entry', 'entries')}, {render.duration(sum(r['seconds'] for r in rows))}")
    return 0
