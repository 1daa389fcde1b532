"""The parser: an everyday command builds only its module's part, the same as the
whole parser would parse it."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from stint.cli.main import COMMAND_MODULE, COMMAND_MODULES, build_parser
from stint.store.actions import Tracker
from tests.conftest import CLI


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    group = parser._subparsers  # noqa: SLF001 - argparse keeps them there
    assert group is not None
    choices = group._group_actions[0].choices  # noqa: SLF001
    assert choices is not None
    return set(choices)


def test_each_command_is_built_by_the_module_named_for_it() -> None:
    everything = _commands(build_parser())
    assert set(COMMAND_MODULE) <= everything
    assert set(COMMAND_MODULE.values()) <= set(COMMAND_MODULES)
    for command in COMMAND_MODULE:
        assert command in _commands(build_parser(command)), command


@pytest.mark.parametrize("argv", [
    ["start", "Write"], ["status", "--json"], ["log", "1", "--start", "9:00", "--end", "10:00", "--note", "x"],
    ["timesheet", "--week", "last", "--format", "csv"], ["edit", "abcd", "--note", "n"],
])
def test_a_partial_parser_parses_as_the_whole_one(argv: list[str]) -> None:
    whole, part = build_parser().parse_args(argv), build_parser(argv[0]).parse_args(argv)
    assert vars(part) == vars(whole)


def test_usage_errors_and_help_still_name_every_command(cli: CLI) -> None:
    wrong = cli("strat")
    assert wrong.code == 2 and "timesheet" in wrong.err and "account" in wrong.err
    assert "timesheet" in cli.ok("--help").out


def test_a_hot_command_imports_no_other_command_module(tracker: Tracker, home: Path) -> None:
    tracker.create_task("T", local=True)
    # (cli.backup is imported after every command that opened the store: the daily backup)
    others = [f"stint.cli.{name}" for name in COMMAND_MODULES if name not in ("tracking", "backup")]
    others += ["logging", "shutil", "dataclasses"]
    code = ("import sys; from stint.cli.main import main; main(['start', '1']); "
            f"print([m for m in {others!r} if m in sys.modules], 'stint.cli.tracking' in sys.modules)")
    env = {"STINT_HOME": str(home), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.splitlines()[-1] == "[] True"
