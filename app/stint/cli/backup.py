"""Backups: `stint backup [-o FILE]`, `stint restore FILE`, and the daily backup
any command takes when the last one is a day old (store.backup)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import Refused, StintError, UsageError
from ..services import Services


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="back up the database now")
    p.add_argument("-o", "--output", default=None, metavar="FILE",
                   help="write the backup to FILE (default: a new file in the backups folder)")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="put a backup in place of the database (the current one is kept)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)


def cmd_backup(ctx: Services, args: argparse.Namespace) -> int:
    from ..store import backup

    database = ctx.paths.database
    if not database.exists():
        raise Refused(f"there is no database at {database} yet: nothing to back up")
    now = ctx.clock.now()
    if args.output is None:
        made = backup.take(database, now).path
    else:
        made = _output_path(args.output, database)
        backup.copy_database(database, made)
    ctx.print(f"Backed up {database} to {made} ({file_size(made)})")
    return 0


def _output_path(text: str, database: Path) -> Path:
    path = Path(text).expanduser()
    if path.exists() and not path.is_file():
        raise UsageError(f"{path} is not a regular file; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"there is no folder {path.parent}")
    if path.exists() and os.path.samefile(path, database):
        raise UsageError(f"{path} is the database itself; give another file name")
    return path


def cmd_restore(ctx: Services, args: argparse.Namespace) -> int:
    from ..store import backup
    from ..store.db import open_engine

    database = ctx.paths.database
    if app_is_running(ctx):
        raise Refused("the Stint app is running and using the database: quit it first, then restore")
    restored = backup.restore(database, Path(args.file), ctx.clock.now())
    open_engine(database).dispose()  # migrates a backup from an older Stint now, not mid-command later
    ctx.print(f"Restored {database} from {args.file} (schema {restored.revision})")
    if restored.aside is not None:
        ctx.print(f"The database it replaced is kept as {restored.aside}")
    if restored.reopened_ops:
        ctx.print(f"{restored.reopened_ops} change(s) were waiting to sync in the backup: sync will check "
                  "the server before sending each, as they may have reached it since")
    return 0


def daily_backup(ctx: Services) -> None:
    """After a command that opened the database: the daily backup, when due. A failure
    is a warning — the command itself succeeded — and is tried again next time."""
    from ..store import backup

    try:
        backup.ensure_daily(ctx.paths.database, ctx.clock.now())
    except (StintError, OSError) as exc:
        from ..store.faults import translate

        print(f"stint: warning: the daily backup failed: {translate(exc, ctx.paths.database) or exc}", file=ctx.err)


def app_is_running(ctx: Services) -> bool:
    """True when a Stint app listens on this data folder's hand-off socket."""
    import socket  # here: every command imports this module for the daily backup

    from .. import ipc

    where = ipc.address(str(ctx.paths.data), ctx.env)
    if sys.platform == "win32":
        return os.path.exists(where)
    if not hasattr(socket, "AF_UNIX") or not os.path.exists(where):
        return False
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(ipc.CONNECT_TIMEOUT_S)
        sock.connect(where)
        return True
    except OSError:
        return False  # a socket file left by a crash
    finally:
        sock.close()


def file_size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"
