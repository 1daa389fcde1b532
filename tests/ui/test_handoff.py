"""One app per data directory, and hot CLI commands answered by the running app."""

from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, QProcessEnvironment

from stint import handoff
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


def test_address_is_short_and_per_directory(tmp_path: Path) -> None:
    from stint.config import paths

    a = handoff.address(paths({"STINT_HOME": str(tmp_path / "a")}).socket_name)
    b = handoff.address(paths({"STINT_HOME": str(tmp_path / "b")}).socket_name)
    assert a != b and len(a) <= 100


def test_socket_name_matches_config(tmp_path: Path) -> None:
    from stint.config import paths

    for env in ({"STINT_HOME": str(tmp_path / "x")}, {"STINT_HOME": str(tmp_path / "x") + "/"},
                {"HOME": str(tmp_path)}):
        assert handoff.socket_name(env) == paths(env).socket_name


def test_the_client_imports_nothing_heavy() -> None:
    import subprocess

    code = ("import sys, stint.handoff; heavy = [m for m in ('PySide6', 'sqlalchemy', 'httpx', 'argparse', "
            "'stint.cli', 'stint.config') if m in sys.modules]; print(heavy)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_only_hot_commands_are_handed_off() -> None:
    assert handoff.wants_handoff(["start", "x"]) and handoff.wants_handoff(["set-status", "1", "done"])
    assert not handoff.wants_handoff(["tasks"]) and not handoff.wants_handoff([])
    assert not handoff.wants_handoff(["status", "--help"])


def test_no_app_means_the_cli_runs_the_command(tmp_path: Path) -> None:
    assert handoff.forward(["status"], str(tmp_path / "nobody.sock")) is None
    assert handoff.activate(str(tmp_path / "nobody.sock")) is False


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
    proc.start(sys.executable, ["-c", "import sys; from stint.handoff import main; sys.exit(main())", "status"])
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


def test_activation_from_a_thread(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    answers: list[bool] = []
    worker = threading.Thread(target=lambda: answers.append(handoff.activate(running.app.where)))
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
        worker = threading.Thread(target=lambda: answers.append(handoff.activate(where)))
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
    assert "still starting" in server.handle(b'{"argv": ["status"]}')["stderr"]


def test_the_client_tz_is_used(start_app: Any, qtbot: Any, home: Path) -> None:
    from stint.ui.instance import run_command

    running = start_app()
    task = running.tracker.create_task("Zoned", local=True)
    reply = run_command(["start", str(task.id)], running.services, {"TZ": "UTC"})
    assert reply["stdout"].endswith("at 09:00\n")
    assert TZ == "Europe/Madrid"
