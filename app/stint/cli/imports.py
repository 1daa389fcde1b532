"""`stint import FILE`: time from another tracker's file, or a Stint full export.

Prints what was (with --dry-run: would be) created per task and per week, what was
skipped and why, and names each record that could not be read (one line each on
stderr; the exit status is then 1, though the readable records were imported).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import UsageError
from ..importers import FORMATS
from ..services import Services
from .progress import Bar

if TYPE_CHECKING:
    from ..domain.imports import Parsed

def register(sub: Any) -> None:
    formats = "; ".join(f"{name}: {what}" for name, what in FORMATS.items())
    p = sub.add_parser("import", help="bring in time from another tracker's file (or a Stint export)",
                       description=f"Formats (found from the content unless --from says): {formats}.")
    p.add_argument("file", metavar="FILE", help="the file to import (- reads standard input)")
    p.add_argument("--from", dest="fmt", choices=list(FORMATS), metavar="FORMAT",
                   help=f"the file's format: {', '.join(FORMATS)}")
    p.add_argument("--account", default=None, metavar="NAME",
                   help="put the time on this account's tasks and push it (default: local tasks)")
    p.add_argument("--tz", default=None, metavar="ZONE",
                   help="the zone of the file's local times, e.g. Europe/Madrid (default: yours)")
    p.add_argument("--day-first", action="store_true", help="dates like 03/04/2026 are day/month/year")
    p.add_argument("--on-overlap", choices=("skip", "keep"), default="skip",
                   help="entries that overlap others: skip them (default) or import them anyway")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported; change nothing")
    p.add_argument("--json", action="store_true", help="the summary as JSON")
    p.set_defaults(handler=cmd_import)


def cmd_import(ctx: Services, args: argparse.Namespace) -> int:
    from ..config import resolve_tz
    from ..importers import FullExport, Malformed, detect, read

    name = "standard input" if args.file == "-" else Path(args.file).name
    data = sys.stdin.buffer.read() if args.file == "-" else _read_file(Path(args.file))
    tz = resolve_tz(args.tz) if args.tz else ctx.tz
    bar = Bar(ctx.err, "Reading  ")
    try:
        fmt = args.fmt or detect(data)
        result = read(data, fmt, tz=tz, day_first=True if args.day_first else None, progress=bar)
    except Malformed as exc:
        raise Malformed(f"{name}: {exc}") from None
    finally:
        bar.done()
    if isinstance(result, FullExport):
        from .restore import restore

        restored = restore(ctx, args, name, result, tz)
        if restored is not None:
            return restored
        result = result.as_parsed()
    return import_parsed(ctx, args, name, fmt, result, tz)


def import_parsed(ctx: Services, args: argparse.Namespace, name: str, fmt: str, parsed: Parsed, tz: Any) -> int:
    from ..store.imports import run_import
    from .import_report import report

    bar = Bar(ctx.err, "Importing")
    try:
        made = run_import(ctx.engine, parsed.entries, tz=tz, now=ctx.clock.now(), account=args.account,
                          keep_overlaps=args.on_overlap == "keep", dry_run=args.dry_run, progress=bar)
    finally:
        bar.done()
    report(ctx, args, name, fmt, parsed, made)
    return 1 if parsed.problems else 0


def _read_file(path: Path) -> bytes:
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file")
    return path.read_bytes()
