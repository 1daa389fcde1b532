"""One app per data directory, and hot CLI commands answered by the running app (the
protocol and the socket's safety are tested in tests/test_ipc.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QProcess, QProcessEnvironment

from stint import ipc
from stint.__main__ import run_handed_off
from stint.ui.instance import CommandServer

from .app_fixtures import TZ, app_env, entries, start_app  # noqa: F401

__all__ = ["start_app"]
STINT = str(Path(sys.executable).with_name("stint"))


def _run_stint(qtbot: Any, home: Path, *argv: str) -> tuple[int, str, str]:
    """Run the real `stint` in a subprocess while the Qt loop keeps serving."""
    proc = QProcess()
    env = QProcessEnvironment()
    for key, value in app_env(home).items():
        env.insert(key, value)
    proc.setProcessEnvironment(env)
    proc.start(STINT, list(argv))
    qtbot.waitUntil(lambda: proc.state() == QProcess.ProcessState.NotRunning, timeout=15_000)
    out = bytes(proc.readAllStandardOutput().data()).decode()
    err = bytes(proc.readAllStandardError().data()).decode()
    return proc.exitCode(), out, err


def test_cli_status_and_start_are_answered_by_the_app(start_app: Any, qtbot: Any, home: Path, clock: Any) -> None:
    running = start_app()
    task = running.tracker.create_task("Write report", local=True)
    code, out, err = _run_stint(qtbot, home, "status")
    assert (code, out, err) == (0, "Not tracking\nToday 0:00 · this week (2026-W48) 0:00\n", "")
    code, out, err = _run_stint(qtbot, home, "start", "report")
    assert code == 0 and out == f"Started {task.id}: Write report at 10:00\n", err
    # Run in the app, with the app's (test) clock, and shown by the tray.
    assert entries(running.services.engine) == [(task.id, clock.now(), None)]
    qtbot.waitUntil(lambda: "Tracking: Write report" in running.app.tray.icon.toolTip())
    code, out, err = _run_stint(qtbot, home, "start", "nothing like it")
    assert code == 1 and err == "stint: no task matches 'nothing like it'\n"
    code, _out, err = _run_stint(qtbot, home, "stop", "--bogus")
    assert code == 2 and "unrecognized arguments" in err


def test_the_lean_entry_point_hands_off_too(start_app: Any, qtbot: Any, home: Path) -> None:
    start_app()
    proc = QProcess()
    env = QProcessEnvironment()
    for key, value in app_env(home).items():
        env.insert(key, value)
    proc.setProcessEnvironment(env)
    proc.start(sys.executable, ["-c", "import sys; from stint.__main__ import main; sys.exit(main())", "status"])
    qtbot.waitUntil(lambda: proc.state() == QProcess.ProcessState.NotRunning, timeout=15_000)
    out = bytes(proc.readAllStandardOutput().data()).decode()
    assert out.startswith("Not tracking\nToday 0:00 · this week (") and out.count("\n") == 2


def test_a_second_stint_brings_the_first_to_the_front(start_app: Any, qtbot: Any, home: Path) -> None:
    running = start_app()
    assert running.app.window is None
    with qtbot.waitSignal(running.app.server.activated, timeout=15_000):
        code, out, _err = _run_stint(qtbot, home)
    assert code == 0 and "already running" in out
    assert running.app.window is not None and running.app.window.isVisible()


def test_the_second_stint_asks_before_importing_qt(start_app: Any, qtbot: Any, home: Path) -> None:
    running = start_app()
    proc = QProcess()
    env = QProcessEnvironment()
    for key, value in app_env(home).items():
        env.insert(key, value)
    proc.setProcessEnvironment(env)
    code = ("import sys; from stint.__main__ import main; sys.argv = ['stint']; rc = main(); "
            "print(rc, 'PySide6' in sys.modules)")
    with qtbot.waitSignal(running.app.server.activated, timeout=15_000):
        proc.start(sys.executable, ["-c", code])
        qtbot.waitUntil(lambda: proc.state() == QProcess.ProcessState.NotRunning, timeout=15_000)
    assert bytes(proc.readAllStandardOutput().data()).decode().splitlines()[-1] == "0 False"


def test_activation_from_a_thread(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    answers: list[bool] = []
    worker = threading.Thread(target=lambda: answers.append(ipc.activate(running.app.where)))
    with qtbot.waitSignal(running.app.server.activated):
        worker.start()
    qtbot.waitUntil(lambda: answers == [True])
    worker.join()


def test_a_stale_socket_is_replaced(tmp_path: Path, qtbot: Any) -> None:
    where = str(tmp_path / "stale.sock")
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(where)  # bound, never listening, file left behind: like after kill -9
    dead.close()
    server = CommandServer(where)
    try:
        assert server.listen()
        answers: list[bool] = []
        worker = threading.Thread(target=lambda: answers.append(ipc.activate(where)))
        with qtbot.waitSignal(server.activated):
            worker.start()
        qtbot.waitUntil(lambda: answers == [True])
        worker.join()
    finally:
        server.close()
        server.deleteLater()  # by Qt, not by Python's GC, once its sockets are gone
        with qtbot.waitSignal(server.destroyed):
            pass


def test_bad_requests_get_an_answer(qtbot: Any, tmp_path: Path) -> None:
    server = CommandServer(str(tmp_path / "s.sock"))
    assert server.handle(b"not json")["exit"] == 2
    assert server.handle(b'{"argv": ["tasks"]}')["exit"] == 2
    assert "version 9" in server.handle(b'{"v": 9, "argv": ["status"]}')["stderr"]
    assert "still starting" in server.handle(b'{"argv": ["status"]}')["stderr"]


def test_the_client_tz_is_used(start_app: Any, qtbot: Any, home: Path) -> None:
    running = start_app()
    task = running.tracker.create_task("Zoned", local=True)
    reply = run_handed_off(running.services, ["start", str(task.id)], {"TZ": "UTC"})
    assert reply.stdout.endswith("at 09:00\n")
    assert TZ == "Europe/Madrid"


NOBODY = 65534
SYSTEM_PYTHON = "/usr/bin/python3"  # the other user's: ours may be in a folder only root enters
as_root = pytest.mark.skipif(os.getuid() != 0 or not os.path.exists(SYSTEM_PYTHON),
                             reason="needs root (to act as another local user) and /usr/bin/python3")
INTRUDER = textwrap.dedent("""
    import socket, sys
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    try:
        s.sendall(b'{"v": 1, "argv": ["start", "1"], "env": {}}\\n')
        print("answered" if s.recv(65536) else "hung up", flush=True)
    except OSError:
        print("hung up", flush=True)
""")


@as_root
@pytest.mark.log_allowed(r"refused a hand-off from user 65534")
def test_the_app_turns_away_a_client_of_another_user(qtbot: Any) -> None:
    folder = Path(tempfile.mkdtemp(prefix="stint-t", dir="/tmp"))
    server = CommandServer(str(folder / "app.sock"))
    ran: list[list[str]] = []
    server.handler = lambda argv, env: ran.append(list(argv)) or ipc.Reply(0, "Started\n")
    try:
        assert server.listen()
        # Open the way in, as a careless folder would; the credentials still decide.
        folder.chmod(0o755)
        (folder / "app.sock").chmod(0o777)
        intruder = subprocess.Popen([SYSTEM_PYTHON, "-c", INTRUDER, str(folder / "app.sock")],
                                    stdout=subprocess.PIPE, text=True, user=NOBODY)
        qtbot.waitUntil(lambda: intruder.poll() is not None, timeout=15_000)
        assert intruder.stdout is not None and intruder.stdout.read() == "hung up\n"
        assert ran == []
    finally:
        server.close()
        server.deleteLater()
        shutil.rmtree(folder, ignore_errors=True)


@as_root
@pytest.mark.log_allowed(r"stint.ui.app: no hand-off: .* not yours alone")
def test_the_app_starts_without_the_hand_off_when_its_socket_folder_is_not_the_users(
        qtbot: Any, tmp_path: Path, home: Path, clock: Any) -> None:
    from stint.services import Services
    from stint.ui.app import StintApp
    from stint.ui.bridge import Bridge

    shared = Path(tempfile.mkdtemp(prefix="stint-t", dir="/tmp"))
    shared.chmod(0o1777)
    env = {**app_env(home), "TMPDIR": str(shared)}
    env.pop("XDG_RUNTIME_DIR", None)
    where = ipc.address(str(home), env)
    subprocess.run([SYSTEM_PYTHON, "-c", f"import os; os.mkdir({os.path.dirname(where)!r}, 0o777)"],
                   check=True, user=NOBODY)
    services = Services(env=env, clock=clock, bridge=Bridge())
    said: list[tuple[str, str]] = []
    services.bridge.message.connect(lambda level, text: said.append((level, text)))
    app = StintApp(services, where, tray_available=True, window_factory=lambda s: None, idle_source=None,
                   network=None, quit=lambda: pytest.fail("the app must not quit"))
    try:
        assert app.start() and app.started
        assert said and said[0][0] == "warning" and "not yours alone" in said[0][1]
        assert app.tray is not None  # it runs: the tray, the store, the timer
        task = services.tracker.create_task("Still works", local=True)
        assert services.tracker.start(str(task.id)).entry.ended_at is None
    finally:
        app.shutdown()
        services.close()
        app.deleteLater()
        shutil.rmtree(shared, ignore_errors=True)


def test_the_hotkey_commands_are_answered_by_the_app(start_app: Any, qtbot: Any, home: Path, clock: Any) -> None:
    assert ipc.wants_handoff(["toggle"]) and ipc.wants_handoff(["pick"])
    running = start_app()
    task = running.tracker.create_task("Write report", local=True)
    running.tracker.start(str(task.id))
    clock.advance(minutes=20)
    code, out, err = _run_stint(qtbot, home, "toggle")
    assert (code, err) == (0, "") and out == "Stopped 1: Write report after 0:20 (10:00–10:20)\n"
    code, out, err = _run_stint(qtbot, home, "start", "--last")
    assert (code, err) == (0, "") and out == "Started 1: Write report at 10:20\n"
    # `stint pick` opens the running app's task search, and says nothing.
    assert "quick_start" not in running.app.dialogs
    code, out, err = _run_stint(qtbot, home, "pick")
    assert (code, out, err) == (0, "", "")
    qtbot.waitUntil(lambda: "quick_start" in running.app.dialogs and running.app.dialogs["quick_start"].isVisible())
