"""Argument parsing and dispatch for `stint`.

The console script enters through `stint.__main__`, which gives the hot commands to a
running desktop app, starts the app for a bare `stint`, and only imports this module
for a command the CLI itself must run.

Each command module exposes `register(subparsers)`, which adds its sub-commands and
sets `handler(ctx, args) -> int` on them. Errors the user can act on are one line on
stderr: exit 1 when an action fails, 2 for bad usage. Nothing else is imported until
a command needs it.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from .. import __version__
from ..domain.errors import StintError
from ..domain.text import one_line
from ..services import Services
from .terminal import guarded

COMMAND_MODULES = ("tracking", "entries", "report", "accounts", "changes", "imports", "exports", "backup", "doctor")
WHEN_OPTIONS = ("--start", "--end", "--at")
RELATIVE_TIME = re.compile(r"-\s*\d+\s*[hm]")
# Where the everyday commands are defined: their runs build the parser from that
# module alone, and skip the others' imports (logging, the account kinds...). A
# command missing here gets the whole parser, as `--help` and a mistyped command do.
COMMAND_MODULE = {
    "new": "tracking", "tasks": "tracking", "start": "tracking", "stop": "tracking", "status": "tracking",
    "toggle": "tracking", "pick": "tracking", "set-status": "tracking",
    "log": "entries", "entries": "entries", "edit": "entries", "delete": "entries", "split": "entries",
    "continue": "entries",
    "timesheet": "report", "changes": "changes",
}


class UsageExit(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)


class Formatter(argparse.HelpFormatter):
    """argparse's, finding the terminal's width as shutil.get_terminal_size does but
    without importing shutil (and the compression modules it loads) on every command:
    argparse makes a formatter for each argument it adds."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
                except (AttributeError, ValueError, OSError):
                    width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and never exit by themselves, and
    whose help and version go to the command's own output stream."""

    out: TextIO | None = None

    def __init__(self, *args: Any, formatter_class: type[argparse.HelpFormatter] = Formatter, **kwargs: Any) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageExit(f"{self.prog}: {message} (see `{self.prog} --help`)")

    def _print_message(self, message: str, file: TextIO | None = None) -> None:  # noqa: ARG002
        if message:
            (Parser.out or sys.stdout).write(message)


def build_parser(command: str | None = None) -> Parser:
    """The parser of every command; for a command of COMMAND_MODULE, of the commands
    of its module only."""
    parser = Parser(prog="stint", description="Offline-first time tracking for your task server.")
    parser.add_argument("--version", action="version", version=f"stint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in (COMMAND_MODULE[command],) if command in COMMAND_MODULE else COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(sub)
    return parser


def run(argv: Sequence[str], ctx: Services) -> int:
    """Run one command line against `ctx`; returns the exit status. Everything the
    command prints passes the output guard (cli/terminal.py)."""
    ctx.out, ctx.err = guarded(ctx.out, ctx.env), guarded(ctx.err, ctx.env)
    Parser.out = ctx.out
    try:
        parser = build_parser(argv[0] if argv else None)
        args = parser.parse_args(_relative_times_attached(argv))
        if args.command is None:
            parser.print_usage(ctx.out)
            return 2
        code = int(args.handler(ctx, args) or 0)
        if ctx.store_opened and ctx.bridge is None:  # the app takes its own (ui/daily_backup.py)
            from .backup import daily_backup

            daily_backup(ctx)  # cheap unless the last backup is a day old
        return code
    except SystemExit as exc:  # --help and --version have printed
        return int(exc.code or 0)
    except UsageExit as exc:
        print(one_line(str(exc)), file=ctx.err)
        return 2
    except StintError as exc:
        # One line, whatever a server put in its message.
        print(f"stint: {one_line(str(exc))}", file=ctx.err)
        return exc.exit_code
    except BrokenPipeError:
        return 0  # the reader (e.g. `head`) has what it wanted
    except KeyboardInterrupt:
        print("stint: interrupted", file=ctx.err)
        return 130
    except Exception as exc:  # noqa: BLE001 - only the storage's faults are handled here
        # The environment, not a bug: disk full, read-only, permission denied, a busy or
        # damaged database — one line saying what and where (store.faults).
        from ..store.faults import translate

        fault = translate(exc, ctx.database)
        if fault is not None:
            print(one_line(f"stint: {fault}"), file=ctx.err)
            return 1
        if isinstance(exc, OSError):  # e.g. a path that is a folder
            print(one_line(f"stint: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")), file=ctx.err)
            return 1
        raise


def _relative_times_attached(argv: Sequence[str]) -> list[str]:
    """`--end -15m` as `--end=-15m`: argparse would take "-15m" for an option."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] in WHEN_OPTIONS and RELATIVE_TIME.match(arg):
            out[-1] = f"{out[-1]}={arg}"
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str], *, runner: Callable[[Sequence[str], Services], int] = run) -> int:
    """`stint COMMAND ...` run here (no app took it): one Services for the command."""
    # A command lives a fraction of a second and makes few cycles: the cyclic garbage
    # collector's passes during the imports and at exit cost ~100 ms of a ~350 ms run.
    gc.disable()
    ctx = Services()
    try:
        return runner(argv, ctx)
    except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, details in the log
        from ..logs import log_crash

        where = log_crash(ctx.paths.logs, exc)
        print(one_line(f"stint: internal error: {type(exc).__name__}: {exc} (details in {where})"), file=sys.stderr)
        return 1
    finally:
        ctx.close()
        gc.freeze()  # nothing left to collect before exit
