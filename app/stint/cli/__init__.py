"""The `stint` command. `main` is the console-script entry point."""

from .main import main, run

__all__ = ["main", "run"]
