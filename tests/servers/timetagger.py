"""The real TimeTagger server (PyPI: timetagger) on a free loopback port, for tests.

`timetagger_session(tmp_path_factory)` is the body of the session fixture
`timetagger_server` (tests/servers/fixtures.py, registered for the whole suite, so
every test folder shares one server; take a user of your own with `.user()`).

It starts `python -m timetagger` bound to 127.0.0.1 with its data in a temporary
directory and a pool of users (TIMETAGGER_CREDENTIALS, bcrypt-hashed), waits until
GET /timetagger/status answers, and stops the server at the end of the session.
If timetagger is not installed or does not start, the tests that use it are
skipped with the reason (and the server's log) in the skip message.

The helpers here speak to the server with plain httpx, not with Stint's adapter,
so a test can act "as the web app" (PUT records with its own keys and mt) and
check what the server holds independently of the code under test.
"""

from __future__ import annotations

import base64
import importlib.util
import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

PASSWORD = "correct horse battery"
USERS = 48              # one per test that wants its own database, with room to spare
START_DEADLINE = 60.0   # seconds; it compiles its web assets before it answers (~3 s)
API = "/api/v2"


class Unavailable(Exception):
    """TimeTagger cannot run here; the message says why."""


@dataclass
class TimeTaggerServer:
    root: str                   # http://127.0.0.1:PORT/timetagger, the account URL
    log_path: Path
    usernames: list[str]
    http: httpx.Client = field(repr=False)
    _taken: Iterator[int] = field(default_factory=itertools.count, repr=False)

    def user(self) -> str:
        """A user no other test has had: an empty database of its own."""
        index = next(self._taken)
        if index >= len(self.usernames):
            raise RuntimeError(f"more than {USERS} users asked for: raise USERS")
        return self.usernames[index]

    # --- as TimeTagger's own web app does it ---------------------------------------

    def web_token(self, username: str, password: str = PASSWORD) -> str:
        body = base64.b64encode(json.dumps(
            {"method": "usernamepassword", "username": username, "password": password}
        ).encode())
        reply = self.http.post(self.root + API + "/bootstrap_authentication", content=body)
        reply.raise_for_status()
        return str(reply.json()["token"])

    def api_token(self, username: str, *, reset: bool = False) -> str:
        reply = self.http.get(self.root + API + "/apitoken",
                              params={"reset": "1"} if reset else {},
                              headers={"authtoken": self.web_token(username)})
        reply.raise_for_status()
        return str(reply.json()["token"])

    def put_records(self, token: str, records: list[dict[str, Any]]) -> dict[str, Any]:
        reply = self.http.put(self.root + API + "/records", json=records,
                              headers={"authtoken": token})
        reply.raise_for_status()
        result: dict[str, Any] = reply.json()
        return result

    def all_records(self, token: str) -> list[dict[str, Any]]:
        reply = self.http.get(self.root + API + "/updates", params={"since": "0"},
                              headers={"authtoken": token})
        reply.raise_for_status()
        records: list[dict[str, Any]] = reply.json()["records"]
        return records

    def record(self, token: str, key: str) -> dict[str, Any] | None:
        return next((r for r in self.all_records(token) if r["key"] == key), None)

    def force_reset(self, token: str) -> None:
        """What the server's maintainer does after restoring a backup: every client
        must drop its cache, and writes made before now are refused."""
        self.http.put(self.root + API + "/forcereset", headers={"authtoken": token}
                      ).raise_for_status()


def unavailable_reason() -> str | None:
    for module in ("timetagger", "bcrypt"):
        if importlib.util.find_spec(module) is None:
            return (f"the real TimeTagger server is not installed ({module} missing): "
                    "pip install -e '.[test]'")
    return None


def timetagger_session(factory: pytest.TempPathFactory) -> Iterator[TimeTaggerServer]:
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    try:
        with running_timetagger(factory.mktemp("timetagger")) as server:
            yield server
    except Unavailable as exc:
        pytest.skip(f"the real TimeTagger server did not start: {exc}")


def running_timetagger(datadir: Path) -> _Running:
    return _Running(datadir)


class _Running:
    """Context manager: start, wait until ready, stop (a port lost to another
    process between choosing and binding is retried on a new one)."""

    def __init__(self, datadir: Path) -> None:
        self.datadir = datadir
        self.process: subprocess.Popen[bytes] | None = None
        self.http = httpx.Client(timeout=5.0)

    def __enter__(self) -> TimeTaggerServer:
        import bcrypt

        names = [f"tester{i:02d}" for i in range(USERS)]
        # Four rounds (the minimum) keep hashing and every sign-in fast; the
        # strength of a test password does not matter.
        salt = bcrypt.gensalt(rounds=4)
        hashed = bcrypt.hashpw(PASSWORD.encode(), salt).decode()
        credentials = ",".join(f"{name}:{hashed}" for name in names)
        log_path = self.datadir / "server.log"
        for _attempt in range(3):
            port = free_port()
            root = f"http://127.0.0.1:{port}/timetagger"
            self._start(port, credentials, log_path)
            if self._wait_ready(root, log_path):
                return TimeTaggerServer(root, log_path, names, self.http)
        self._stop()
        raise Unavailable(f"no port could be bound; log:\n{_tail(log_path)}")

    def __exit__(self, *exc: object) -> None:
        self._stop()
        self.http.close()

    def _start(self, port: int, credentials: str, log_path: Path) -> None:
        env = {
            **os.environ,
            "TIMETAGGER_BIND": f"127.0.0.1:{port}",
            "TIMETAGGER_DATADIR": str(self.datadir / "data"),
            "TIMETAGGER_CREDENTIALS": credentials,
            "TIMETAGGER_LOG_LEVEL": "warning",
        }
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "timetagger"], env=env, cwd=self.datadir,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )

    def _wait_ready(self, root: str, log_path: Path) -> bool:
        """True once /status answers; False if the port was taken; Unavailable else."""
        assert self.process is not None
        deadline = time.monotonic() + START_DEADLINE
        pause = threading.Event()
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                log = _tail(log_path)
                self.process = None
                if "address already in use" in log.lower():
                    return False
                raise Unavailable(f"python -m timetagger exited with {code}; log:\n{log}")
            try:
                if self.http.get(root + "/status").status_code == 200:
                    return True
            except httpx.TransportError:
                pass  # not listening yet
            pause.wait(0.1)
        self._stop()
        raise Unavailable(f"no answer on {root}/status within {START_DEADLINE:.0f} s; "
                          f"log:\n{_tail(log_path)}")

    def _stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"
