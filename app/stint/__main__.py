"""`stint`: the entry point, on top of everything (`python -m stint` runs it too).

A hot command goes to the running app over the hand-off socket (stint.ipc) before
anything heavy is imported; `stint` alone starts the desktop app, whose tray shows
before the CLI, the settings or the store are loaded; anything else runs in the CLI.
This module is the one place that knows both the CLI and the desktop app: it hands
the app the function that runs a handed-off command (`run_handed_off`).
"""

from __future__ import annotations

import os
import sys

from . import ipc

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (and re, enum) in every `stint`
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .domain.clock import Clock
    from .services import Services

ALREADY_RUNNING = "Stint is already running; its window was brought to the front."


def main() -> int:
    argv = sys.argv[1:]
    if ipc.wants_handoff(argv):
        try:
            reply = ipc.forward(argv, ipc.address(ipc.data_dir(os.environ)))
        except ipc.IpcError as exc:
            print(f"stint: {exc}", file=sys.stderr)  # then run it on the database here
            reply = None
        if reply is not None:
            sys.stdout.write(reply.stdout)
            sys.stderr.write(reply.stderr)
            return reply.exit
    if not argv:
        return desktop_app()
    if argv == ["pick"]:
        return desktop_app(then="pick")  # no app answered: start one, with its search open
    from .cli.main import main as cli_main

    return cli_main(argv)


def desktop_app(then: str | None = None) -> int:
    """`stint` alone: straight to the app, so the tray's first paint waits only for Qt.
    `then="pick"`: open the task search once the app is up (`stint pick`). When the
    app already runs, plain `stint` only asks it to show its window — before Qt is
    imported, which would make that second `stint` several times slower."""
    if then is None and ipc.activate(ipc.address(ipc.data_dir(os.environ))):
        print(ALREADY_RUNNING)
        return 0
    try:
        from .ui.app import run_app
    except ImportError as exc:
        print(f"stint: the desktop app cannot start here: {exc}", file=sys.stderr)
        return 1
    try:
        return run_app(make_services, run_handed_off, then=then, prepare_commands=prepare_handed_off)
    except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, details in the log
        from .config import paths
        from .logs import log_crash

        where = log_crash(paths().logs, exc)
        print(f"stint: internal error: {type(exc).__name__}: {exc} (details in {where})", file=sys.stderr)
        return 1


def make_services(clock: "Clock", bridge: object) -> "Services":
    """The app's services, made once its tray icon is on screen."""
    from .services import Services

    return Services(clock=clock, bridge=bridge)


def prepare_handed_off() -> None:
    """Import what a handed-off command runs — the CLI, and the timesheet sums that
    `status` shows — so that the first one after the app starts costs what the next do
    (~1 MB of the idle app's memory)."""
    import importlib

    for name in ("stint.cli.main", "stint.cli.tracking", "stint.timesheet.build"):
        importlib.import_module(name)
    from .cli.main import build_parser

    build_parser("status")  # argparse compiles its patterns on the first parser it builds


def run_handed_off(services: "Services", argv: Sequence[str], env: Mapping[str, str]) -> "ipc.Reply":
    """Run one handed-off command in the app, against its store, capturing what it prints."""
    import io
    import logging

    from .cli.main import run

    out, err = io.StringIO(), io.StringIO()
    try:
        code = run(list(argv), services.derive(out=out, err=err, env=env))
    except Exception as exc:  # noqa: BLE001 - a bug in one command must not take the app down
        logging.getLogger("stint.handoff").exception("hand-off of %s failed", list(argv))
        code = 1
        print(f"stint: internal error: {type(exc).__name__}: {exc}", file=err)
    return ipc.Reply(code, out.getvalue(), err.getvalue())


if __name__ == "__main__":
    sys.exit(main())
