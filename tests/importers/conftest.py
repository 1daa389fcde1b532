"""Helpers for the importer tests: the real trackers' programs run in a temporary
home, and each import is checked through Stint's own timesheet (seconds per task
and local day, so entries across midnight and DST changes are split as Stint
splits them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLI

MADRID_ENV = {"TZ": "Europe/Madrid", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def tool(name: str) -> str:
    """The program `name`, from the test environment's bin folder or PATH; the test
    is skipped, with how to install it, where it is missing."""
    found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        hints = {"watson": "pip install -e '.[test]' (td-watson)",
                 "timew": "apt-get install timewarrior (packaging/dev-env.sh --test)"}
        pytest.skip(f"{name} is not installed here: {hints.get(name, name)}")
    return found


def run(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env={**os.environ, **MADRID_ENV, **env}, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"{' '.join(argv)} failed: {done.stderr or done.stdout}"
    return done.stdout


def day_totals(cli: CLI, week: str) -> dict[tuple[str, str], int]:
    """{(task title, local date): seconds} from `stint timesheet --format json`."""
    sheet = cli.ok("timesheet", "--week", week, "--format", "json").json()
    return {(row["task"], day): seconds
            for row in sheet["rows"] for day, seconds in zip(sheet["days"], row["days"]) if seconds}


def projects(cli: CLI) -> dict[str, str | None]:
    return {t["title"]: t["project"] for t in cli.ok("tasks", "--json").json()}
