"""`stint doctor`: is everything in order here? One line per check, each "ok",
"warning" or "problem"; exit 1 when there is a problem.

It reads the database with the standard library only and never migrates or writes
to it, so it also works on a damaged database or one from a newer Stint. Folders and
files that others could read are made private on the way (and said so).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__, private
from ..services import Services
from . import render
from .backup import app_is_running, file_size

OK, WARNING, PROBLEM = "ok", "warning", "problem"


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


def register(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check the database, backups, file permissions, the app and the keyring")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_doctor)


def cmd_doctor(ctx: Services, args: argparse.Namespace) -> int:
    database = ctx.paths.database
    now = ctx.clock.now()
    accounts = _accounts(database)
    checks = [
        _versions(database),
        _database(database),
        _outbox(database, now),
        _backups(database, now),
        _permissions(ctx),
        _app(ctx),
        _keyring(accounts),
        *_env_credentials(accounts, ctx.env),
    ]
    problems = sum(c.status == PROBLEM for c in checks)
    if args.json:
        render.dump_json({"checks": [asdict(c) for c in checks], "problems": problems}, ctx.out)
    else:
        for c in checks:
            ctx.print(f"{c.status:<8} {c.name:<12} {c.detail}")
        ctx.print("No problems found." if not problems else f"{problems} problem(s) found.")
    return 1 if problems else 0


def _versions(database: Path) -> Check:
    from ..store.migrations import HEAD

    parts = [f"Stint {__version__}", f"Python {sys.version.split()[0]}", f"SQLite {sqlite3.sqlite_version}",
             *_dependencies()]
    revision = _revision(database)
    if revision is None:
        return Check("versions", OK, ", ".join(parts) + f"; schema {HEAD}")
    parts.append(f"schema {revision}" + (" (current)" if revision == HEAD else f" (this Stint: {HEAD})"))
    newer = revision > HEAD
    return Check("versions", PROBLEM if newer else OK,
                 ", ".join(parts) + ("; the database was made by a newer Stint: update Stint" if newer else ""))


def _dependencies() -> list[str]:
    """"name version" of each library Stint's package metadata requires here (none in
    a bundle, which carries no metadata for Stint itself)."""
    import re
    from importlib.metadata import PackageNotFoundError, requires, version

    try:
        wanted = [r for r in requires("stint") or [] if "extra ==" not in r]
    except PackageNotFoundError:
        return []
    found = []
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        if name is None:
            continue
        try:
            found.append(f"{name[0]} {version(name[0])}")
        except PackageNotFoundError:
            if ";" not in requirement:  # one for another platform is not missing
                found.append(f"{name[0]} missing")
    return found


def _database(database: Path) -> Check:
    from ..domain.errors import StintError
    from ..store import integrity
    from ..store.faults import DatabaseDamaged

    if not database.exists():
        return Check("database", OK, f"none yet at {database} (made on first use)")
    try:
        problems = integrity.integrity_check(database)
    except DatabaseDamaged as exc:
        problems = [exc.problem]
    except StintError as exc:  # busy, unreadable
        return Check("database", PROBLEM, str(exc))
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        return Check("database", PROBLEM, f"{database} is damaged: {problems[0]}{more}; "
                                          "`stint restore` a backup (see backups)")
    return Check("database", OK, f"{database} ({file_size(database)}): passes SQLite's integrity_check")


def _outbox(database: Path, now: datetime) -> Check:
    if not database.exists():
        return Check("outbox", OK, "nothing waiting to sync")
    rows = _query(database, "SELECT state, count(*), min(created_at) FROM outbox GROUP BY state")
    if rows is None:
        return Check("outbox", WARNING, "cannot be read (see database)")
    by_state = {state: (n, oldest) for state, n, oldest in rows}
    open_n = sum(by_state.get(s, (0, None))[0] for s in ("pending", "in_flight"))
    oldest = min((v[1] for s, v in by_state.items() if s in ("pending", "in_flight") and v[1]), default=None)
    failed = by_state.get("failed", (0, None))[0]
    done = by_state.get("done", (0, None))[0]
    parts = [f"{open_n} waiting to sync"
             + (f" (oldest {_ago(now, datetime.fromtimestamp(oldest, timezone.utc))})" if oldest else ""),
             f"{failed} refused by a server", f"{done} done"]
    status = WARNING if failed else OK
    detail = ", ".join(parts) + ("; see `stint status`" if failed else "")
    troubled = _query(database, "SELECT name, state FROM account WHERE state != 'ok' ORDER BY name") or []
    if troubled:
        status = WARNING
        detail += "; " + ", ".join(f"account {name}: {state.replace('_', ' ')}" for name, state in troubled)
    return Check("outbox", status, detail)


def _backups(database: Path, now: datetime) -> Check:
    from ..store import backup

    found = backup.restorable(database)
    folder = backup.backup_dir(database)
    if not found:
        status = WARNING if database.exists() else OK
        return Check("backups", status, f"none yet in {folder} (one is made each day the database is used)")
    newest = found[0]
    status = WARNING if now - newest.taken_at > 2 * backup.DAY else OK
    return Check("backups", status, f"{len(found)} in {folder}; newest {newest.path.name} "
                                    f"({_ago(now, newest.taken_at)})")


def _permissions(ctx: Services) -> Check:
    """Tighten what Stint keeps, then report what was changed and what is still open."""
    from ..logs import LOG_FILES
    from ..store import backup, integrity

    paths = ctx.paths
    database = paths.database
    folders = [paths.data, paths.config, paths.logs, backup.backup_dir(database)]
    files = [database, *(database.with_name(database.name + s) for s in integrity.COMPANIONS), paths.settings]
    for folder in (paths.logs, backup.backup_dir(database)):
        try:
            files += [p for p in folder.iterdir() if p.is_file() and
                      (p.name.startswith(LOG_FILES) or p.name.startswith("stint-"))]
        except OSError:
            pass
    fixed, still = [], []
    for path in dict.fromkeys([*folders, *files]):  # STINT_HOME: data and config are one folder
        was = private.loose(path)
        if was is None:
            continue
        private.tighten(path)
        (fixed if private.loose(path) is None else still).append(f"{path} ({oct(was)[2:]})")
    if still:
        return Check("permissions", PROBLEM, "others can read " + ", ".join(still)
                     + " (not yours, or on a read-only disk: change them by hand)")
    if fixed:
        return Check("permissions", OK, "made private: " + ", ".join(fixed))
    return Check("permissions", OK, "folders and files are readable by you only")


def _app(ctx: Services) -> Check:
    from .. import ipc

    where = ipc.address(str(ctx.paths.data), ctx.env)
    if hasattr(os, "getuid") and os.path.exists(where):
        owner = os.lstat(where).st_uid
        if owner != os.getuid():
            return Check("app", PROBLEM, f"the socket {where} belongs to another user (uid {owner})")
    if app_is_running(ctx):
        return Check("app", OK, f"running, answering on {where}")
    return Check("app", OK, f"not running (it would answer on {where})")


def _keyring(accounts: list[tuple[str, str]]) -> Check:
    users = [name for name, credential in accounts if credential == "keyring"]
    try:
        import keyring

        from ..secrets import SERVICE, KeyringStore

        if not KeyringStore().available():
            raise RuntimeError("no OS keyring is available here")
        keyring.get_password(SERVICE, "stint-doctor-probe")  # talks to it; there is no such entry
        backend = type(keyring.get_keyring()).__name__
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"; the message says which
        detail = f"not reachable: {exc}"[:200]
        if users:
            return Check("keyring", PROBLEM, f"{detail}; accounts that keep their token there: {', '.join(users)}")
        return Check("keyring", OK, f"{detail} (no account needs it; use --token-env VAR)")
    return Check("keyring", OK, f"reachable ({backend})" + (f"; holds the token of {', '.join(users)}" if users else ""))


def _env_credentials(accounts: list[tuple[str, str]], env: Any) -> list[Check]:
    from ..secrets import ENV_PREFIX

    missing = [(name, c[len(ENV_PREFIX):]) for name, c in accounts
               if c.startswith(ENV_PREFIX) and not env.get(c[len(ENV_PREFIX):])]
    return [Check("credentials", WARNING, f"account {name} reads its token from ${var}, which is not set here")
            for name, var in missing]


def _accounts(database: Path) -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, b in _query(database, "SELECT name, credential FROM account ORDER BY name") or []]


def _revision(database: Path) -> str | None:
    rows = _query(database, "SELECT version_num FROM alembic_version")
    return str(rows[0][0]) if rows else None


def _query(database: Path, sql: str) -> list[tuple[Any, ...]] | None:
    """Rows from a read-only connection; None when the file cannot be read."""
    if not database.exists():
        return None
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _ago(now: datetime, then: datetime) -> str:
    seconds = (now - then).total_seconds()
    if seconds < 0:
        return "in the future: check the clock"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 2 * 86400:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} days ago"
