"""`stint import` of a Stint full export.

Into a new (empty) database, without --account, the export is restored exactly:
accounts, statuses, tasks and entries with their ids, import keys, the changes
still waiting for a server, and the settings. Anywhere else its finished entries
are imported like any other tracker's, onto tasks of the same title and project.
"""

from __future__ import annotations

import argparse
from datetime import tzinfo

from ..importers import FullExport
from ..services import Services
from .import_report import report, restore_plan
from .progress import Bar


def restore(ctx: Services, args: argparse.Namespace, name: str, export: FullExport, tz: tzinfo) -> int | None:
    """Restore `export` when the database is new and no account is named; else None
    (the caller imports its entries)."""
    from ..config import save_settings, settings_from
    from ..store import full_export
    from ..store.db import transaction

    if args.account:
        return None
    with transaction(ctx.engine) as s:
        if not full_export.is_empty(s):
            return None
    settings = settings_from(export.settings, f"{name}: settings")
    parsed = export.as_parsed()
    if not args.dry_run:
        bar = Bar(ctx.err, "Restoring")
        try:
            with transaction(ctx.engine) as s:
                full_export.restore(s, export, bar)
        finally:
            bar.done()
        save_settings(ctx.paths.settings, settings)
    counts = {"accounts": len(export.accounts), "tasks": len(export.tasks), "entries": len(export.entries),
              "outbox": len(export.outbox)}
    report(ctx, args, name, "stint", parsed, restore_plan(parsed, tz), restored=counts)
    keyring = [a.name for a in export.accounts if a.credential == "keyring"]
    if keyring and not args.dry_run and not args.json:
        ctx.print(f"\nSign in again on this machine: stint account signin NAME ({', '.join(keyring)}); "
                  "secrets are never exported.")
    return 0
