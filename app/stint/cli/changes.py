"""`stint changes`: the changes a server refused, and the person's answers —
retry, discard, or (for a task creation whose reply was lost) use the server's task.
The same moves as the desktop app's changes dialog (Tracker, store/changes.py)."""

from __future__ import annotations

import argparse
from typing import Any

from ..services import Services
from . import render

HINT = ("answer with `stint changes retry SEQ`, `stint changes discard SEQ`, or for a task creation "
        "`stint changes use SEQ TASK` (the server's task)")


def register(sub: Any) -> None:
    p = sub.add_parser("changes", help="changes the server refused (retry, discard, use a server task) "
                                       "and those waiting to be sent")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_list)
    act = p.add_subparsers(dest="changes_command", metavar="ACTION", parser_class=type(p))
    a = act.add_parser("retry", help="send refused changes again with the next sync")
    a.add_argument("seqs", metavar="SEQ", nargs="+", type=_seq, help="a change's number, as listed (#3 or 3)")
    a.set_defaults(handler=cmd_retry)
    a = act.add_parser("discard", help="stop sending refused changes (what you did here stays)")
    a.add_argument("seqs", metavar="SEQ", nargs="+", type=_seq, help="a change's number, as listed (#3 or 3)")
    a.set_defaults(handler=cmd_discard)
    a = act.add_parser("use", help="a task creation whose reply was lost made TASK on the server: "
                                   "this task becomes that one")
    a.add_argument("seq", metavar="SEQ", type=_seq, help="the refused task creation's number")
    a.add_argument("task", metavar="TASK", help="the server's task: its id, ACCOUNT:REMOTE_ID, or title")
    a.set_defaults(handler=cmd_use)


def _seq(text: str) -> int:
    digits = text.strip().removeprefix("#")
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(f"not a change number: {text!r}")
    return int(digits)


def cmd_list(ctx: Services, args: argparse.Namespace) -> int:
    from ..store import changes

    with ctx.db.read() as conn:
        refused, held = changes.failed(conn), changes.waiting(conn)
    if args.json:
        render.dump_json({"failed": [_json(c, ctx) for c in refused], "waiting": [_json(c, ctx) for c in held]},
                         ctx.out)
        return 0
    if not refused and not held:
        ctx.print("No refused or waiting changes.")
        return 0
    paint = lambda style, text: render.paint(ctx.out, style, text)  # noqa: E731
    if refused:
        ctx.print(paint("error", f"Refused by the server ({len(refused)}):"))
        for c in refused:
            ctx.print(f"  #{c.seq}  {_line(c)}  {render.day_and_time(c.created_at, ctx.tz)}")
            ctx.print(f"      {render.clean(c.error)}")
    if held:
        ctx.print(f"Waiting to be sent ({len(held)}): the server could not take these yet; "
                  "stint tries again by itself.")
        for c in held:
            when = f"  next try {render.day_and_time(c.next_try, ctx.tz)}" if c.next_try else ""
            ctx.print(f"  #{c.seq}  {_line(c)}{when}")
            if c.error:
                ctx.print(f"      {render.clean(c.error)}")
    if refused:
        ctx.print(HINT[0].upper() + HINT[1:] + ".")
    return 0


def _line(c: Any) -> str:
    task = f"  {c.task_id}: {render.clean(c.task)}" if c.task_id is not None else ""
    return f"{render.clean(c.account)}  {render.op_kind(c.kind)}{task}"


def _json(c: Any, ctx: Services) -> dict[str, Any]:
    return {"seq": c.seq, "account": c.account, "kind": c.kind, "task_id": c.task_id, "task": c.task,
            "created_at": render.local(c.created_at, ctx.tz), "message": c.error or None,
            "next_try": render.local(c.next_try, ctx.tz)}


def _numbers(seqs: list[int]) -> str:
    return ", ".join(f"#{seq}" for seq in dict.fromkeys(seqs))


def cmd_retry(ctx: Services, args: argparse.Namespace) -> int:
    ctx.tracker.retry_changes(list(dict.fromkeys(args.seqs)))
    ctx.print(f"{_numbers(args.seqs)} will be sent again with the next sync (`stint sync` sends now)")
    return 0


def cmd_discard(ctx: Services, args: argparse.Namespace) -> int:
    ctx.tracker.discard_changes(list(dict.fromkeys(args.seqs)))
    ctx.print(f"{_numbers(args.seqs)} discarded: not sent to the server; what you did here stays")
    return 0


def cmd_use(ctx: Services, args: argparse.Namespace) -> int:
    used = ctx.tracker.use_server_task(args.seq, args.task)
    server = used.server
    where = f"{server.account.name}:{server.remote_id}" if server.account else str(server.remote_id)
    ctx.print(f"Task {used.local.id}: {render.clean(used.local.title)} is now {server.id}: "
              f"{render.clean(server.title)} ({render.clean(where)}); its time and waiting changes go to that "
              "task with the next sync")
    return 0
