"""The CLI side of the hand-off to a running desktop app. Qt-free, and light.

While the app runs it listens on a local socket (a Unix domain socket path, or a
named pipe on Windows) unique to the data directory. The hot commands — start, stop,
status, new, set-status — are sent there so they answer from the app's warm process
instead of importing SQLAlchemy and opening the database:

    request  (one JSON line)  {"argv": [...], "cwd": "...", "env": {"TZ": "..."}}
                         or   {"activate": true}      (a second `stint` with no command)
    reply    (one JSON line)  {"exit": n, "stdout": "...", "stderr": "..."}

If nothing listens, `forward` returns None and the CLI runs the command itself. This
module must import nothing heavy: it runs before every hot command. `main` is a
console-script entry that tries the hand-off before importing the CLI at all
(argparse, dataclasses, json decoding of settings...), which keeps a handed-off
command at interpreter start-up plus a few milliseconds.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple

HOT_COMMANDS = frozenset({"start", "stop", "status", "new", "set-status"})
CONNECT_TIMEOUT_S = 0.25
# The app answers in milliseconds, unless another process holds the database's
# write lock (busy timeout 15 s); wait a little longer than that.
REPLY_TIMEOUT_S = 20.0
MAX_REPLY_BYTES = 16 * 1024 * 1024
# Environment variables that change what a command prints.
FORWARDED_ENV = ("TZ", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")


class Reply(NamedTuple):
    exit: int
    stdout: str = ""
    stderr: str = ""


def main() -> int:
    """`stint`: hand a hot command to the running app, else run the full CLI."""
    argv = sys.argv[1:]
    if wants_handoff(argv):
        reply = forward(argv, address(socket_name(os.environ)))
        if reply is not None:
            sys.stdout.write(reply.stdout)
            sys.stderr.write(reply.stderr)
            return reply.exit
    if not argv:
        return _desktop_app()
    from .cli.main import main as cli_main

    return cli_main(argv)


def _desktop_app() -> int:
    """`stint` alone: straight to the app, so the tray's first paint waits only for Qt
    (not for the CLI's parser, command modules, Context or settings)."""
    try:
        from .ui.app import run_app
    except ImportError:
        from .cli.app import launch
        from .cli.main import main as cli_main

        return cli_main([], runner=lambda _argv, ctx: launch(ctx))  # says why, exit 1
    try:
        return run_app()
    except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, details in the log
        from .config import paths
        from .logs import log_crash

        where = log_crash(paths().logs, exc)
        print(f"stint: internal error: {type(exc).__name__}: {exc} (details in {where})", file=sys.stderr)
        return 1


def socket_name(env: Mapping[str, str]) -> str:
    """config.paths(env).socket_name, computed without importing config."""
    home = env.get("STINT_HOME")
    if home:
        data = os.path.expanduser(home)
    else:
        import platformdirs

        data = platformdirs.user_data_dir("stint", appauthor=False)
    return socket_name_for(data)


def socket_name_for(data_dir: str) -> str:
    """The app's socket name for a data directory: one app per directory."""
    import hashlib

    digest = hashlib.sha1(os.path.realpath(data_dir).encode()).hexdigest()[:12]
    return f"stint-{digest}"


def address(socket_name: str) -> str:
    """Where the app listens, given `config.Paths.socket_name` ("stint-<digest>").

    A path under the temp directory (short: sun_path holds ~104 bytes) with the user's
    id in it, so two users on one machine never meet; a named pipe on Windows."""
    if sys.platform == "win32":
        return rf"\\.\pipe\{socket_name}"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    digest = socket_name.removeprefix("stint-")
    path = os.path.join(_temp_dir(), f"stint-{uid}-{digest}.sock")
    if len(path.encode()) > 100:
        path = os.path.join("/tmp", f"stint-{uid}-{digest}.sock")
    return path


def _temp_dir() -> str:
    # tempfile.gettempdir() without importing tempfile (random, shutil, ...).
    for name in ("TMPDIR", "TEMP", "TMP"):
        candidate = os.environ.get(name)
        if candidate and os.path.isdir(candidate):
            return candidate
    return "/tmp"


def wants_handoff(argv: Sequence[str]) -> bool:
    """Only hot commands, and never `--help` (argparse prints that to the real stdout)."""
    return bool(argv) and argv[0] in HOT_COMMANDS and not any(a in ("-h", "--help") for a in argv)


def forward(argv: Sequence[str], where: str, env: Mapping[str, str] | None = None) -> Reply | None:
    """Run `argv` in the app listening at `where`; None when no app listens there."""
    env = os.environ if env is None else env
    request = {
        "argv": list(argv),
        "cwd": os.getcwd(),
        "env": {k: env[k] for k in FORWARDED_ENV if k in env} | _terminal(env),
    }
    return _exchange(where, request)


def _terminal(env: Mapping[str, str]) -> dict[str, str]:
    """The app prints into a buffer: tell it that our output is a terminal (colour,
    unless NO_COLOR) and how wide it is (cli/terminal.py reads these)."""
    try:
        if not sys.stdout.isatty():
            return {}
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return {}
    return {"FORCE_COLOR": "1", "COLUMNS": env.get("COLUMNS") or str(columns)}


def activate(where: str) -> bool:
    """Ask the app at `where` to show its window. False when no app listens there."""
    reply = _exchange(where, {"activate": True})
    return reply is not None and reply.exit == 0


def _exchange(where: str, request: dict[str, object]) -> Reply | None:
    line = (json.dumps(request) + "\n").encode()
    if sys.platform == "win32":
        return _exchange_pipe(where, line)
    if not hasattr(socket, "AF_UNIX"):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(CONNECT_TIMEOUT_S)
        try:
            sock.connect(where)
        except OSError:
            return None  # no app (or a stale socket file): run the command here
        sock.settimeout(REPLY_TIMEOUT_S)
        try:
            sock.sendall(line)
            return _parse(_read_line(sock))
        except OSError as exc:
            # The request may have been carried out: never run it a second time.
            return Reply(1, "", f"stint: lost the connection to the running app ({exc}); "
                                "check the result with `stint status`\n")
    finally:
        sock.close()


def _read_line(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n") or size > MAX_REPLY_BYTES:
            break
    return b"".join(chunks)


def _exchange_pipe(where: str, line: bytes) -> Reply | None:
    try:
        pipe = open(where, "r+b", buffering=0)  # noqa: SIM115 - closed below
    except OSError:
        return None
    try:
        pipe.write(line)
        data = b""
        while not data.endswith(b"\n"):
            chunk = pipe.read(65536)
            if not chunk:
                break
            data += chunk
        return _parse(data)
    except OSError as exc:
        return Reply(1, "", f"stint: lost the connection to the running app ({exc})\n")
    finally:
        pipe.close()


def _parse(data: bytes) -> Reply:
    try:
        raw = json.loads(data.decode("utf-8"))
        return Reply(int(raw["exit"]), str(raw.get("stdout", "")), str(raw.get("stderr", "")))
    except (ValueError, KeyError, TypeError):
        return Reply(1, "", "stint: the running app gave an answer this version cannot read\n")
