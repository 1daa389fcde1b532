"""What `stint import` says it did (or, with --dry-run, would do): per task and per
week, what was skipped and why, what was not time to import; the records that could
not be read go to stderr, one line each. As JSON with --json."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..domain.text import plural
from ..domain.timesheet import format_elapsed
from ..services import Services
from . import render

if TYPE_CHECKING:
    from ..domain.imports import ImportPlan, Parsed, TaskTarget

SHOWN = 20   # skipped records listed one by one; the rest are counted


def report(ctx: Services, args: argparse.Namespace, name: str, fmt: str, parsed: Parsed, made: ImportPlan,
           restored: dict[str, int] | None = None) -> None:
    week_start = ctx.settings.week_start
    if args.json:
        render.dump_json(summary_json(fmt, parsed, made, args, ctx.tz, week_start, restored), ctx.out)
    else:
        _print_summary(ctx, args, name, parsed, made, week_start, restored)
    for problem in parsed.problems:
        print(f"stint: {name}: {problem}", file=ctx.err)


def summary_json(fmt: str, parsed: Parsed, made: ImportPlan, args: argparse.Namespace, tz: Any,
                 week_start: int, restored: dict[str, int] | None) -> dict[str, Any]:
    return {
        "format": fmt, "source": parsed.source, "dry_run": bool(args.dry_run),
        "mode": "restore" if restored is not None else "import", "account": args.account,
        "restored": restored, "entries": len(made.create), "seconds": made.seconds,
        "tasks": [{"title": t.task.title, "project": t.task.project, "new": t.task.task_id is None,
                   "task_id": t.task.task_id, "entries": t.entries, "seconds": t.seconds}
                  for t in made.per_task() if t.task is not None],
        "weeks": [{"week": w.label, "entries": w.entries, "seconds": w.seconds} for w in made.per_week(tz, week_start)],
        "skipped": [{"where": s.entry.where, "reason": s.reason, "why": s.why} for s in made.skipped],
        "ignored": [{"where": p.where, "why": p.message} for p in parsed.ignored],
        "problems": [{"where": p.where, "message": p.message} for p in parsed.problems],
        "assumptions": parsed.assumptions,
    }


def _print_summary(ctx: Services, args: argparse.Namespace, name: str, parsed: Parsed, made: ImportPlan,
                   week_start: int, restored: dict[str, int] | None) -> None:
    ctx.print(_headline(args, name, parsed, made, restored))
    if args.dry_run:
        ctx.print("Dry run: nothing was changed.")
    for assumption in parsed.assumptions:
        ctx.print(f"Note: {assumption}.")
    if made.create:
        ctx.print("")
        render.table(("TASK", "", "ENTRIES", "TIME"),
                     [(t.label, _task_mark(t.task), t.entries, format_elapsed(t.seconds)) for t in made.per_task()],
                     ctx.out, max_width=60)
        ctx.print("")
        render.table(("WEEK", "ENTRIES", "TIME"),
                     [(w.label, w.entries, format_elapsed(w.seconds)) for w in made.per_week(ctx.tz, week_start)],
                     ctx.out)
    if made.skipped:
        reasons = {"imported": "imported before", "duplicate": "repeated in the file", "overlap": "overlap others"}
        counts = ", ".join(f"{made.count(r)} {text}" for r, text in reasons.items() if made.count(r))
        named = [s for s in made.skipped if s.reason != "imported"]   # the rest need no explaining
        ctx.print(f"\nSkipped {len(made.skipped)} ({counts}){':' if named else '.'}")
        for skip in named[:SHOWN]:
            ctx.print(f"  {skip.entry.where}: {skip.why}")
        if len(named) > SHOWN:
            ctx.print(f"  … and {len(named) - SHOWN} more (--json lists them all)")
        if made.count("overlap") and args.on_overlap == "skip":
            ctx.print("  (--on-overlap keep imports overlapping entries too)")
    if parsed.ignored:
        ctx.print(f"\nNot imported ({len(parsed.ignored)}, not time to import):")
        for item in parsed.ignored[:SHOWN]:
            ctx.print(f"  {item}")
        if len(parsed.ignored) > SHOWN:
            ctx.print(f"  … and {len(parsed.ignored) - SHOWN} more")
    if parsed.problems:
        ctx.print(f"\n{plural(len(parsed.problems), 'record')} could not be read (listed on stderr).")


def _headline(args: argparse.Namespace, name: str, parsed: Parsed, made: ImportPlan,
              restored: dict[str, int] | None) -> str:
    source = f"{name} ({parsed.source})"
    if restored is not None:
        parts = [plural(restored["accounts"], "account"), plural(restored["tasks"], "task"),
                 plural(restored["entries"], "entry", "entries"),
                 plural(restored["outbox"], "change") + " waiting to sync"]
        return f"{'Would restore' if args.dry_run else 'Restored'} from {source}: {', '.join(parts)}, and the settings."
    if not made.create:
        return f"Nothing {'would be' if args.dry_run else 'was'} imported from {source}."
    where = f"account {args.account}'s tasks" if args.account else "local tasks"
    return (f"{'Would import' if args.dry_run else 'Imported'} {plural(len(made.create), 'entry', 'entries')} "
            f"({format_elapsed(made.seconds)}) from {source} onto {where}.")


def _task_mark(task: TaskTarget | None) -> str:
    if task is None:
        return ""
    return "new" if task.task_id is None else f"#{task.task_id}"


def restore_plan(parsed: Parsed, tz: Any) -> ImportPlan:
    """What a restore brings, in the shape of an import plan (for the summary)."""
    from ..domain.imports import StoreView, plan

    return plan(parsed.entries, StoreView(), tz, keep_overlaps=True)
