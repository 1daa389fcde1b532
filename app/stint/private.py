"""The person's files are theirs alone (DESIGN invariant 7).

Stint's folders (data, settings, logs, backups) are 0700 and the files in them that
hold data — the database with its -wal/-shm/-journal, settings, logs, backups — are
0600. New ones are created that way (never by changing the process umask, which
would race with other threads creating files); existing ones, from an install made
before this was enforced or copied in by hand, are tightened when Stint opens them.
Only group and other bits are removed: the owner's own bits are left as they are.

Windows and other non-POSIX systems keep per-user folders private already: there
every function here creates what is asked and changes no mode.

Standard library only: the CLI's hot path and the log set-up import this.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) and leave it 0700. Parents that already
    exist are not touched: they are the person's (e.g. ~/.local/share)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    tighten(path)
    return path


def tighten(path: Path) -> bool:
    """Remove group and other access from `path` if it is ours and has any. Returns
    True when the mode was changed. A missing path, one owned by someone else, or
    one on a read-only file system is left alone: tightening never stops Stint from
    reading what is there (`stint doctor` reports what stays open)."""
    if not _POSIX:
        return False
    try:
        st = os.stat(path)
        if st.st_uid != os.geteuid() or not st.st_mode & 0o077:
            return False
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)
    except OSError:
        return False
    return True


def loose(path: Path) -> int | None:
    """The mode of `path` when group or others can reach it, else None (also when it
    does not exist). For `stint doctor`."""
    if not _POSIX:
        return None
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    return mode if mode & 0o077 else None


def opener(path: str, flags: int) -> int:
    """For open(..., opener=private.opener): a file it creates is 0600."""
    return os.open(path, flags, PRIVATE_FILE)


def create_file(path: Path) -> None:
    """Create an empty 0600 file at `path`; FileExistsError if there is one."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
