"""Alembic migrations, applied automatically when the database is opened.

HEAD names the newest revision so that opening an up-to-date database never has to
import Alembic (a test keeps it equal to the scripts' head).
"""

from __future__ import annotations

from pathlib import Path

HEAD = "0001"

_HERE = Path(__file__).resolve().parent


def alembic_config(path: Path):  # -> alembic.config.Config, imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database at `path` up to `revision`, in one transaction per step."""
    from alembic import command

    command.upgrade(alembic_config(path), revision)
