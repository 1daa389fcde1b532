"""Alembic migrations, applied automatically when the database is opened.

HEAD names the newest revision so that opening an up-to-date database never has to
import Alembic (a test keeps it equal to the scripts' head).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HEAD = "0005"

_HERE = Path(__file__).resolve().parent


def alembic_config(path: Path):  # -> alembic.config.Config, imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database at `path` up to `revision`, in one transaction per step.

    Two processes starting at once (the app and a CLI command) must not both run the
    same migration, so the upgrade holds an exclusive lock on a file beside the
    database; whoever comes second finds the work done."""
    from alembic import command
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    path.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(path.with_name(path.name + ".migrate-lock")):
        if revision == "head":
            engine = create_engine(f"sqlite:///{path}")
            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
            engine.dispose()
            if current == HEAD:
                return
        command.upgrade(alembic_config(path), revision)


@contextmanager
def _file_lock(lock_path: Path) -> Iterator[None]:
    from ... import private

    with open(lock_path, "a+b", opener=private.opener) as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after ~10 s; keep waiting
                    continue
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
