"""What the CLI tells a running app about its terminal, over a real Unix socket."""

from __future__ import annotations

import json
import socket
import sys
import threading
from pathlib import Path

import pytest

from stint import handoff


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
    reply = handoff.forward(["status"], where, env)
    thread.join(timeout=10)
    server.close()
    assert reply == handoff.Reply(0, "ok\n", "")
    assert got["env"] == {"TZ": "Europe/Madrid", "NO_COLOR": "1", "COLUMNS": "72", "TERM": "xterm"}
