"""The hand-off protocol and where its socket lives, and who may talk on it (DESIGN
invariant 7): another local user who binds the socket first gets nothing, and the
person's command runs on the database directly.

The attacks need a second user: as root (CI), a child process runs as `nobody`;
elsewhere those tests are skipped."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from stint import ipc

NOBODY = 65534
# The other user's programs run with the system's Python: ours may live in a folder
# only root can enter.
SYSTEM_PYTHON = "/usr/bin/python3"
as_root = pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0 or not os.path.exists(SYSTEM_PYTHON),
                             reason="needs root (to act as another local user) and /usr/bin/python3")
STINT = str(Path(sys.executable).with_name("stint"))


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short name (a socket path holds ~100 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="stint-t", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def shared_tmp(short_tmp: Path) -> Path:
    """A folder like /tmp: everyone may create in it (sticky)."""
    short_tmp.chmod(0o1777)
    return short_tmp


def env_for(home: Path, tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"}
    return {**env, "STINT_HOME": str(home), "TMPDIR": str(tmp), "TZ": "Europe/Madrid"}


def test_the_socket_is_in_the_runtime_folder_one_per_data_directory(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    a, b = ipc.address(str(tmp_path / "a"), env), ipc.address(str(tmp_path / "b"), env)
    assert a != b and len(a.encode()) <= ipc.SUN_PATH_MAX
    assert Path(a).parent == runtime
    # The same directory spelt differently is the same app.
    assert ipc.address(str(tmp_path / "a") + "/", env) == a


def test_a_runtime_folder_open_to_others_is_not_used(tmp_path: Path, short_tmp: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o755)
    runtime.chmod(0o755)
    where = ipc.address(str(tmp_path / "a"), {"XDG_RUNTIME_DIR": str(runtime), "TMPDIR": str(short_tmp)})
    assert Path(where).parent == short_tmp / f"stint-{os.getuid()}"


def test_the_app_makes_its_folder_private(tmp_path: Path, short_tmp: Path) -> None:
    where = ipc.address(str(tmp_path / "a"), {"TMPDIR": str(short_tmp)})
    ipc.private_dir(where)
    mode = Path(where).parent.stat().st_mode & 0o777
    assert mode == 0o700


def test_the_client_imports_nothing_heavy() -> None:
    code = ("import sys, stint.ipc, stint.__main__; heavy = [m for m in ('PySide6', 'sqlalchemy', 'httpx', "
            "'argparse', 'typing', 'collections', 'stint.cli', 'stint.config') if m in sys.modules]; print(heavy)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_only_hot_commands_are_handed_off() -> None:
    assert ipc.wants_handoff(["start", "x"]) and ipc.wants_handoff(["set-status", "1", "done"])
    assert not ipc.wants_handoff(["tasks"]) and not ipc.wants_handoff([])
    assert not ipc.wants_handoff(["status", "--help"])


def test_no_app_means_the_cli_runs_the_command(tmp_path: Path) -> None:
    assert ipc.forward(["status"], str(tmp_path / "nobody.sock")) is None
    assert ipc.activate(str(tmp_path / "nobody.sock")) is False


def test_requests_are_checked() -> None:
    request = ipc.parse_request(b'{"v": 1, "argv": ["start", 12], "env": {"TZ": "UTC", "HOME": "/x"}}')
    assert (request.activate, request.argv, request.env) == (False, ["start", "12"], {"TZ": "UTC"})
    assert ipc.parse_request(b'{"activate": true}').activate
    for bad in (b"[1]", b"{", b'{"argv": ["tasks"]}', b'{"v": 2, "argv": ["status"]}'):
        with pytest.raises(ipc.IpcError):
            ipc.parse_request(bad)


# -- another user on the same machine ------------------------------------------------

SQUATTER = textwrap.dedent("""
    import os, socket, sys
    where = sys.argv[1]
    os.makedirs(os.path.dirname(where), mode=0o755, exist_ok=True)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(where)
    os.chmod(where, 0o777)
    s.listen(5)
    print("ready", flush=True)
    while True:  # until killed: say what each connection sends, answer like the app
        conn, _ = s.accept()
        print("connection", flush=True)
        print("got", conn.recv(65536).decode(errors="replace").strip(), flush=True)
        conn.sendall(b'{"exit": 0, "stdout": "Started 1: fake at 10:00\\n", "stderr": ""}\\n')
        conn.close()
""")


def _squat(where: str, *, user: int | None = NOBODY, seteuid: int | None = None) -> subprocess.Popen[str]:
    """A process that binds `where` first, answers like the app and tells what it got.
    `seteuid`: bind as root, then listen as that user (a socket file that is ours with
    someone else behind it)."""
    code = SQUATTER if seteuid is None else SQUATTER.replace("s.listen(5)", f"os.seteuid({seteuid}); s.listen(5)")
    proc = subprocess.Popen([SYSTEM_PYTHON, "-c", code, where], stdout=subprocess.PIPE, text=True, user=user)
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    return proc


def _what_it_got(proc: subprocess.Popen[str]) -> str:
    proc.kill()
    out, _ = proc.communicate(timeout=10)
    return out


@as_root
def test_a_socket_bound_by_another_user_is_refused_and_the_command_runs_here(
        tmp_path: Path, shared_tmp: Path) -> None:
    home = tmp_path / "home"
    env = env_for(home, shared_tmp)
    where = ipc.address(str(home), env)
    squatter = _squat(where)
    try:
        with pytest.raises(ipc.NotOurs):
            ipc.forward(["status"], where, env)
        assert ipc.activate(where) is False
        subprocess.run([STINT, "new", "Report", "--local"], env=env, check=True, capture_output=True)
        run = subprocess.run([STINT, "start", "Report"], env=env, capture_output=True, text=True)
    finally:
        got = _what_it_got(squatter)
    assert run.returncode == 0 and run.stdout.startswith("Started 1: Report"), run
    [line] = run.stderr.splitlines()
    assert "not handing the command to it" in line and str(NOBODY) in line
    assert got == ""  # it never heard from us
    status = subprocess.run([STINT, "status", "--json"], env=env, capture_output=True, text=True)
    assert json.loads(status.stdout)["running"]["title"] == "Report"


@as_root
def test_a_socket_file_of_ours_with_another_user_listening_is_refused(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    where = ipc.address(str(tmp_path / "home"), env)
    squatter = _squat(where, user=None, seteuid=NOBODY)
    try:
        assert os.lstat(where).st_uid == os.getuid()
        with pytest.raises(ipc.NotOurs, match="runs as user 65534"):
            ipc.forward(["start", "x"], where, env)
        # We connected (to ask who listens), then sent nothing: it read an empty request.
        assert squatter.stdout is not None
        assert [squatter.stdout.readline(), squatter.stdout.readline()] == ["connection\n", "got \n"]
    finally:
        _what_it_got(squatter)


@as_root
def test_the_app_does_not_listen_in_a_folder_another_user_made(tmp_path: Path, shared_tmp: Path) -> None:
    where = ipc.address(str(tmp_path / "home"), {"TMPDIR": str(shared_tmp)})
    subprocess.run([SYSTEM_PYTHON, "-c", f"import os; os.mkdir({os.path.dirname(where)!r}, 0o777)"],
                   check=True, user=NOBODY)
    with pytest.raises(ipc.NotOurs, match="not yours alone"):
        ipc.private_dir(where)


def test_peer_uid_is_the_other_ends_user() -> None:
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with a, b:
        assert ipc.peer_uid(a) == os.getuid()
        assert ipc.peer_uid_of_fd(b.fileno()) == os.getuid()
        b.sendall(b"x")  # the descriptor was duplicated, not closed
        assert a.recv(1) == b"x"


@pytest.mark.skipif(sys.platform == "win32", reason="Unix domain sockets")
def test_terminal_settings_travel_with_the_command(tmp_path: Path) -> None:
    where = str(tmp_path / "app.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(where)
    server.listen(1)
    got: dict[str, object] = {}

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            got.update(json.loads(conn.makefile("rb").readline()))
            conn.sendall(b'{"exit": 0, "stdout": "ok\\n", "stderr": ""}\n')

    thread = threading.Thread(target=answer)
    thread.start()
    env = {"TZ": "Europe/Madrid", "NO_COLOR": "1", "COLUMNS": "72", "TERM": "xterm", "HOME": "/secret"}
    reply = ipc.forward(["status"], where, env)
    thread.join(timeout=10)
    server.close()
    assert reply is not None and (reply.exit, reply.stdout, reply.stderr) == (0, "ok\n", "")
    assert got["env"] == {"TZ": "Europe/Madrid", "NO_COLOR": "1", "COLUMNS": "72", "TERM": "xterm"}
