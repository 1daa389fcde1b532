"""Writing files so that a crash leaves either the old file or the new one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_open(path: Path | str, mode: str = "w", *, create_folder: bool = True, private: bool = False,
                **kwargs: object) -> Iterator[IO]:
    """Open a temporary file beside `path`; on success it replaces `path`. With
    `create_folder`, missing folders above `path` are made first.

    The file ends with the mode the old one had; a new one gets the usual mode for
    the person's umask (the kernel applies it: the process umask is never changed,
    which would race with other threads creating files), or 0600 when `private`."""
    path = Path(path)
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = _create_temp(path, 0o600 if private else 0o666)
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        try:
            old = path.stat().st_mode & 0o777
        except FileNotFoundError:
            old = None
        if old is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, old & 0o700 if private else old)
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.filename in (None, tmp) and exc.errno is not None:
            # A writer's failure (disk full) names no file, or the temporary one:
            # say which file it was.
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _create_temp(path: Path, perms: int) -> tuple[int, str]:
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = str(path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp"))
        try:
            return os.open(tmp, flags, perms), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def atomic_write_text(path: Path | str, text: str, *, private: bool = False) -> None:
    with atomic_open(path, "w", private=private, encoding="utf-8", newline="") as handle:
        handle.write(text)
