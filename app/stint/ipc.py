"""The hand-off protocol between `stint` and a running desktop app. Stdlib only, light:
it runs before every hot command, so it imports nothing of ours and nothing heavy.

While the app runs it listens on a local socket, one per data directory. Hot
commands are sent there so they answer from the app's warm process:

    request  (one JSON line)  {"v": 1, "argv": [...], "cwd": "...", "env": {"TZ": "...", "COLUMNS": ...}}
                         or   {"v": 1, "activate": true}   (a second `stint` with no command)
    reply    (one JSON line)  {"exit": n, "stdout": "...", "stderr": "..."}

Where the socket lives, and who may talk on it (DESIGN invariant 7): in the user's
runtime folder (`$XDG_RUNTIME_DIR`, private by the XDG spec), else in a per-user folder
`stint-<uid>` under the temp folder that must be ours and 0700. Before anything is
sent, the client checks that the socket file is the user's own, and after connecting
that the process listening runs as the user (SO_PEERCRED / LOCAL_PEERCRED); the app
checks the same of each client (`peer_uid`). A socket that is not the user's is
refused with one line (`NotOurs`) and the command runs on the database directly.
On Windows the named pipe carries the user's name and the app creates it for the
user only (QLocalServer.UserAccessOption).

Errors:
    IpcError         anything that keeps a request from being handed off
      NotOurs        the socket (or its folder, or the process behind it) is not the user's
"""

from __future__ import annotations

import os
import stat
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)
if TYPE_CHECKING:
    import socket
    from collections.abc import Mapping, Sequence

# json and socket are imported where they are needed: when no app runs there is no
# socket file, and a hot command pays for neither before running on the database.

VERSION = 1
HOT_COMMANDS = frozenset({"start", "stop", "toggle", "pick", "status", "new", "set-status"})
CONNECT_TIMEOUT_S = 0.25
# The app answers in milliseconds, unless another process holds the database's
# write lock (busy timeout 15 s); wait a little longer than that.
REPLY_TIMEOUT_S = 20.0
MAX_REPLY_BYTES = 16 * 1024 * 1024
# Environment variables that change what a command prints.
FORWARDED_ENV = ("TZ", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")
SUN_PATH_MAX = 100  # sun_path holds 104-108 bytes, with the terminating NUL


class IpcError(Exception):
    """A request could not be handed to the app; `str()` is one line for the user."""


class NotOurs(IpcError):
    pass


class Reply:
    __slots__ = ("exit", "stdout", "stderr")

    def __init__(self, exit: int, stdout: str = "", stderr: str = "") -> None:  # noqa: A002 - the protocol's word
        self.exit, self.stdout, self.stderr = exit, stdout, stderr

    def as_json(self) -> dict[str, object]:
        return {"exit": self.exit, "stdout": self.stdout, "stderr": self.stderr}

    def __repr__(self) -> str:
        return f"Reply({self.exit}, {self.stdout!r}, {self.stderr!r})"


# -- where -------------------------------------------------------------------------


def data_dir(env: Mapping[str, str]) -> str:
    """The data directory `config.paths(env).data` names, without importing config."""
    home = env.get("STINT_HOME")
    if home:
        return os.path.expanduser(home)
    from .dirs import user_data_dir

    return user_data_dir(env)


def app_id(data: str) -> str:
    """The app's name for a data directory: one app per directory."""
    try:
        from _sha1 import sha1  # CPython's own: hashlib would load OpenSSL (~2 ms) on every command
    except ImportError:
        from hashlib import sha1

    return sha1(os.path.realpath(data).encode()).hexdigest()[:12]


def address(data: str, env: Mapping[str, str] | None = None) -> str:
    """Where the app for data directory `data` listens (a path, or a pipe name)."""
    env = os.environ if env is None else env
    digest = app_id(data)
    if sys.platform == "win32":
        user = env.get("USERNAME", "user").replace("\\", "_")
        return rf"\\.\pipe\stint-{user}-{digest}"
    return os.path.join(socket_dir(env), f"stint-{digest}.sock")


def socket_dir(env: Mapping[str, str]) -> str:
    """The user's runtime folder when it is usable, else `<tmp>/stint-<uid>`. Not made
    or checked here (the client must not create folders): see `private_dir`."""
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and _is_private_dir(runtime) and \
            len(os.path.join(runtime, "stint-123456789012.sock").encode()) <= SUN_PATH_MAX:
        return runtime
    folder = os.path.join(_temp_dir(env), f"stint-{os.getuid()}")
    if len(os.path.join(folder, "stint-123456789012.sock").encode()) > SUN_PATH_MAX:
        folder = os.path.join("/tmp", f"stint-{os.getuid()}")
    return folder


def private_dir(where: str) -> None:
    """Make (or check) the folder of socket path `where` for the app: it must be the
    user's own, a real folder, and closed to others. Raises NotOurs if it is not."""
    folder = os.path.dirname(where)
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise IpcError(f"cannot make the folder for the app's socket {folder}: {exc.strerror}") from None
    if not _is_private_dir(folder):
        raise NotOurs(f"the folder {folder} for the app's socket is not yours alone; "
                      "not listening for commands (remove it, or set XDG_RUNTIME_DIR)")


def _is_private_dir(folder: str) -> bool:
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def _temp_dir(env: Mapping[str, str]) -> str:
    # tempfile.gettempdir() without importing tempfile (random, shutil, ...).
    for name in ("TMPDIR", "TEMP", "TMP"):
        candidate = env.get(name)
        if candidate and os.path.isabs(candidate) and os.path.isdir(candidate):
            return candidate
    return "/tmp"


# -- the client ----------------------------------------------------------------------


def wants_handoff(argv: Sequence[str]) -> bool:
    """Only hot commands, and never `--help` (argparse prints that to the real stdout)."""
    return bool(argv) and argv[0] in HOT_COMMANDS and not any(a in ("-h", "--help") for a in argv)


def forward(argv: Sequence[str], where: str, env: Mapping[str, str] | None = None) -> Reply | None:
    """Run `argv` in the app listening at `where`; None when no app listens there.
    Raises NotOurs when something not the user's listens there."""
    env = os.environ if env is None else env
    request = {
        "v": VERSION,
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
    """Ask the app at `where` to show its window. False when no app of the user's
    listens there."""
    try:
        reply = _exchange(where, {"v": VERSION, "activate": True})
    except IpcError:
        return False
    return reply is not None and reply.exit == 0


def _exchange(where: str, request: dict[str, object]) -> Reply | None:
    if sys.platform == "win32":
        return _exchange_pipe(where, _line(request))
    if not _socket_file_is_ours(where):
        return None
    import socket

    if not hasattr(socket, "AF_UNIX"):
        return None
    line = _line(request)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(CONNECT_TIMEOUT_S)
        try:
            sock.connect(where)
        except OSError:
            return None  # no app (or a stale socket file): run the command here
        uid = peer_uid(sock)
        if uid is not None and uid != os.getuid():
            raise NotOurs(f"the process listening on {where} runs as user {uid}, not you; "
                          "not handing the command to it")
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


def _line(request: dict[str, object]) -> bytes:
    import json

    return (json.dumps(request) + "\n").encode()


def _socket_file_is_ours(where: str) -> bool:
    """False when nothing is there; raises NotOurs when what is there (or its folder)
    belongs to someone else or is not a socket."""
    try:
        st = os.lstat(where)
    except OSError:
        return False
    folder = os.path.dirname(where)
    if not stat.S_ISSOCK(st.st_mode) or st.st_uid != os.getuid() or not _is_private_dir(folder):
        owner = st.st_uid if st.st_uid != os.getuid() else None
        who = f"user {owner}" if owner is not None else "something that is not a socket of yours"
        raise NotOurs(f"{where} belongs to {who} (or its folder is open to others); "
                      "not handing the command to it")
    return True


def peer_uid(sock: "socket.socket") -> int | None:
    """The user id of the process at the other end of a connected Unix socket, or None
    where the platform cannot tell."""
    import socket

    if hasattr(socket, "SO_PEERCRED"):  # Linux: struct ucred {pid, uid, gid}
        import struct

        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        return struct.unpack("3i", creds)[1]
    if hasattr(socket, "LOCAL_PEERCRED"):  # macOS/BSD: struct xucred {version, uid, ...}
        import struct

        creds = sock.getsockopt(0, socket.LOCAL_PEERCRED, struct.calcsize("2I"))
        return struct.unpack("2I", creds[:8])[1]
    return None


def peer_uid_of_fd(fd: int) -> int | None:
    """`peer_uid` for a connected socket given by descriptor (the app's side, where Qt
    owns the socket). The descriptor is duplicated, so Qt's stays open."""
    import socket

    if fd < 0 or not hasattr(socket, "AF_UNIX"):
        return None
    sock = socket.socket(fileno=os.dup(fd))
    try:
        return peer_uid(sock)
    except OSError:
        return None
    finally:
        sock.close()


def _read_line(sock: "socket.socket") -> bytes:
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
    import json

    try:
        raw = json.loads(data.decode("utf-8"))
        return Reply(int(raw["exit"]), str(raw.get("stdout", "")), str(raw.get("stderr", "")))
    except (ValueError, KeyError, TypeError):
        return Reply(1, "", "stint: the running app gave an answer this version cannot read\n")


# -- the server's side of the protocol (the transport is Qt's, in ui/) ---------------


class Request:
    __slots__ = ("activate", "argv", "env")

    def __init__(self, activate: bool, argv: list[str], env: dict[str, str]) -> None:
        self.activate, self.argv, self.env = activate, argv, env


def parse_request(line: bytes) -> Request:
    """A request line, checked; raises IpcError with a line for the client."""
    import json

    try:
        raw = json.loads(line.decode("utf-8"))
    except ValueError:
        raise IpcError("the app could not read this request") from None
    if not isinstance(raw, dict):
        raise IpcError("the app could not read this request")
    if raw.get("v", VERSION) != VERSION:
        raise IpcError(f"this `stint` speaks hand-off version {raw.get('v')}, the app {VERSION}; "
                       "restart the app after an upgrade")
    if raw.get("activate"):
        return Request(True, [], {})
    argv = raw.get("argv")
    if not isinstance(argv, list) or not wants_handoff([str(a) for a in argv]):
        raise IpcError(f"the app only runs {', '.join(sorted(HOT_COMMANDS))}")
    env = raw.get("env")
    forwarded = {k: str(v) for k, v in env.items() if k in FORWARDED_ENV} if isinstance(env, dict) else {}
    return Request(False, [str(a) for a in argv], forwarded)
