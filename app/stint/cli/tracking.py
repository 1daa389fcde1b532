"""Tasks and the timer: new, tasks, start, stop, toggle, pick, status, set-status."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.errors import Refused, UsageError
from ..services import Services
from . import render


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="create a task")
    p.add_argument("title")
    p.add_argument("--description", default=None)
    p.add_argument("--project", default=None)
    p.add_argument("--start", action="store_true", help="start its timer at once")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--account", default=None, help="create it on this account's server")
    where.add_argument("--local", action="store_true", help="a local-only task")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("tasks", help="list tasks")
    p.add_argument("--status", default=None)
    p.add_argument("--pending", action="store_true", help="only tasks not done or cancelled")
    p.add_argument("--search", default=None)
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_tasks)

    p = sub.add_parser("start", help="start the timer on a task (stops the running one)")
    p.add_argument("task", nargs="?", help="the task (or --last)")
    p.add_argument("--last", action="store_true",
                   help="start again the task tracked most recently before the running one")
    p.set_defaults(handler=cmd_start)

    p = sub.add_parser("stop", help="stop the running timer")
    p.set_defaults(handler=cmd_stop)

    p = sub.add_parser("toggle", help="stop the running timer, or start the last task again (for a hotkey)")
    p.set_defaults(handler=cmd_toggle)

    p = sub.add_parser("pick", help="open the desktop app's task search to start a timer (for a hotkey)")
    p.set_defaults(handler=cmd_pick)

    p = sub.add_parser("status", help="what is running, today's and this week's totals, and what waits to sync")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("set-status", help="change a task's status")
    p.add_argument("task")
    p.add_argument("status")
    p.set_defaults(handler=cmd_set_status)


def task_label(task: Any) -> str:
    return f"{task.id}: {render.clean(task.title)}"


def task_json(task: Any) -> dict[str, Any]:
    return {
        "id": task.id,
        "account": task.account.name if task.account else None,
        "remote_id": task.remote_id,
        "title": task.title,
        "status": task.status.name,
        "status_label": task.status.label,
        "project": task.project,
        "description": task.description,
    }


def cmd_new(ctx: Services, args: argparse.Namespace) -> int:
    from ..store.actions import StartResult

    result = ctx.tracker.create_task(
        args.title, description=args.description, project=args.project,
        account=args.account, local=args.local, start=args.start,
    )
    task = result.task if isinstance(result, StartResult) else result
    where = f" on {task.account.name} (queued for sync)" if task.account else ""
    ctx.print(f"Created task {task_label(task)}{where}")
    if isinstance(result, StartResult):
        report_start(ctx, result)
    return 0


def cmd_tasks(ctx: Services, args: argparse.Namespace) -> int:
    from ..store.queries import tasks

    with ctx.db.read() as conn:
        found = tasks(conn, status=args.status, pending=args.pending, search=args.search)
    if args.json:
        render.dump_json([task_json(t) for t in found], ctx.out)
        return 0
    if not found:
        ctx.print("No tasks." if not (args.status or args.pending or args.search) else "No matching tasks.")
        return 0
    rows = [
        (t.id, t.status.label, t.title, t.project or "", f"{t.account.name}:{t.remote_id or '…'}" if t.account else "local")
        for t in found
    ]
    render.table(("ID", "STATUS", "TITLE", "PROJECT", "WHERE"), rows, ctx.out)
    return 0


def cmd_start(ctx: Services, args: argparse.Namespace) -> int:
    if args.last == (args.task is not None):
        raise UsageError("give a TASK or --last (not both)")
    report_start(ctx, ctx.tracker.start_last() if args.last else ctx.tracker.start(args.task))
    return 0


def cmd_toggle(ctx: Services, args: argparse.Namespace) -> int:
    from ..store.actions import StartResult

    result = ctx.tracker.toggle()
    if isinstance(result, StartResult):
        report_start(ctx, result)
    else:
        _report_stop(ctx, result)
    return 0


def cmd_pick(ctx: Services, args: argparse.Namespace) -> int:
    """The running app answers `stint pick` itself, and the entry point starts the app
    for it when none runs (stint.__main__); this is reached only where neither can."""
    raise Refused("the task search is in the desktop app, which is not running here; start it with `stint`")


def report_start(ctx: Services, result: Any) -> None:
    if result.already_running:
        ctx.print(f"Already tracking {task_label(result.task)} since {render.clock_time(result.entry.started_at, ctx.tz)}")
        return
    if result.stopped is not None:
        _report_stop(ctx, result.stopped)
    ctx.print(f"Started {task_label(result.task)} at {render.clock_time(result.entry.started_at, ctx.tz)}")


def _report_stop(ctx: Services, entry: Any) -> None:
    if entry.deleted:
        ctx.print(f"Stopped {task_label(entry.task)} after less than a second; no entry kept")
        return
    seconds = (entry.ended_at - entry.started_at).total_seconds()
    span = render.clock_span(entry.started_at, entry.ended_at, ctx.tz)
    ctx.print(f"Stopped {task_label(entry.task)} after {render.span_length(seconds)} ({span})")


def cmd_stop(ctx: Services, args: argparse.Namespace) -> int:
    _report_stop(ctx, ctx.tracker.stop())
    return 0


def cmd_status(ctx: Services, args: argparse.Namespace) -> int:
    from ..store.queries import account_syncs, overview
    from ..timesheet.build import tracked_today_and_week

    now = ctx.clock.now()
    with ctx.db.read() as conn:
        view = overview(conn)
        running = None
        if view.running is not None:
            entry = view.running
            running = {
                "task_id": entry.task_id,
                "title": entry.task.title,
                "entry_id": entry.id,
                "started_at": render.local(entry.started_at, ctx.tz),
                "elapsed_seconds": max(0, int((now - entry.started_at).total_seconds())),
                "account": entry.task.account.name if entry.task.account else None,
            }
        failed = _failed_ops(conn, ctx) if view.failed_ops else []
        syncs = account_syncs(conn) if view.accounts else ()
        skipped = _skipped(conn) if view.accounts else {}
        week, today_seconds, week_seconds = tracked_today_and_week(conn, ctx.tz, now, ctx.settings.week_start)
    if args.json:
        health = {a.name: a.health.value for a in syncs}
        accounts = [{**a, "health": health[str(a["name"])], "skipped": skipped.get(str(a["name"]), [])}
                    for a in view.accounts]
        render.dump_json(
            {"running": running, "today_seconds": today_seconds, "week": week, "week_seconds": week_seconds,
             "pending_ops": view.pending_ops, "failed_ops": view.failed_ops, "accounts": accounts,
             "failed": failed},
            ctx.out,
        )
        return 0
    paint = lambda style, text: render.paint(ctx.out, style, text)  # noqa: E731
    if running:
        since = render.clock_time(view.running.started_at, ctx.tz)
        ctx.print(f"{paint('running', 'Tracking')} {running['task_id']}: {render.clean(running['title'])} for "
                  f"{paint('total', render.span_length(running['elapsed_seconds']))} (since {since})")
    else:
        ctx.print("Not tracking")
    ctx.print(f"Today {paint('total', render.duration(today_seconds))} · "
              f"this week ({week}) {paint('total', render.duration(week_seconds))}")
    if syncs:
        _print_accounts(ctx, syncs, view.pending_ops, now, paint)
    for op in failed:
        ctx.print(f"{paint('error', 'Failed')} #{op['seq']}: {render.op_kind(op['kind'])} {op['target']} — "
                  f"{render.clean(op['error'])}")
    if failed:
        ctx.print("See `stint changes` to retry, discard, or use a server task for a lost creation")
    if skipped:
        from ..sync.unreadable import summary

        for name, items in skipped.items():
            ctx.print(paint("warn", render.clean(summary(name, items))))
    return 0


def _print_accounts(ctx: Services, syncs: Any, pending: int, now: Any, paint: Any) -> None:
    """Each account in the words the tray and the window use (domain/sync_state.py)."""
    from ..domain.sync_state import Health, describe, describe_refused, waiting

    if pending and not any(a.health is Health.WAITING for a in syncs):
        ctx.print(waiting(pending).english())
    for account in syncs:
        line = render.clean(describe(account, ctx.tz, now).english())
        if account.health.needs_person:
            line += f"; sign in again: {_signin_advice(ctx, account.name)}"
        ctx.print(paint("warn", line) if account.health not in (Health.UP_TO_DATE, Health.WAITING) else line)
        refused = describe_refused(account)
        if refused is not None:
            ctx.print(paint("error", render.clean(refused.english())))


def _skipped(conn: Any) -> dict[str, list[dict[str, Any]]]:
    """Per account, the records its server sent that could not be read (and were
    skipped by the sync, until the server drops or fixes them)."""
    import json

    found: dict[str, list[dict[str, Any]]] = {}
    for name, cursors in conn.execute("SELECT name, cursors FROM account ORDER BY name"):
        if not cursors or "unreadable" not in cursors:  # the usual case, without json's import
            continue
        held = json.loads(cursors).get("unreadable") or {}
        items = [item for source in held.values() for item in source]
        if items:
            found[name] = list({(i.get("what"), i.get("id"), i.get("title")): i for i in items}.values())
    return found


def _signin_advice(ctx: Services, name: str) -> str:
    from .advice import signin_advice

    service = ctx.accounts()
    try:
        info = service.get(name)
    finally:
        service.close()
    return render.clean(signin_advice(info.name, info.credential, info.options))


def _failed_ops(conn: Any, ctx: Services) -> list[dict[str, Any]]:
    from ..store import lookup, queries

    result = []
    for op in queries.failed_ops(conn):
        task = lookup.task_by_id(conn, op.task_id) if op.task_id else None
        result.append({
            "seq": op.seq, "kind": op.kind, "account_id": op.account_id,
            "target": task_label(task) if task else (op.entry_id or ""),
            "error": op.last_error, "created_at": render.local(op.created_at, ctx.tz),
        })
    return result


def cmd_set_status(ctx: Services, args: argparse.Namespace) -> int:
    change = ctx.tracker.set_status(args.task, args.status)
    if change.stopped is not None:  # done or cancelled: its timer stops with it
        _report_stop(ctx, change.stopped)
    ctx.print(f"{task_label(change.task)} is now {change.task.status.label}")
    return 0

