"""A real Redmine for tests: `redmine_server`, a session fixture.

It runs tests/servers/redmine.sh (install once, start thin on loopback, make the
test user, keys, project and issues) and reads the facts the script prints. Where
Redmine cannot be had — not root, no apt, not Debian, or the install fails — the
tests that use it are skipped with the reason, which is also printed at once.

Environment:
  STINT_REDMINE_FACTS=FILE   attach to a server described by FILE (redmine.sh's facts
                             JSON) instead of running the script
  STINT_REDMINE_PORT=N       port for the script's server (default 3300)
  STINT_REDMINE=0            do not try: skip these tests
  STINT_REDMINE_REQUIRED=1   a Redmine that cannot be had is an error, not a skip (CI)
  STINT_REDMINE_KEEP=1       leave a server this session started running afterwards

Import it into a test module to use it there (it is registered under its name,
`redmine_server`): `from tests.servers.redmine import redmine_server_fixture`.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest

SCRIPT = Path(__file__).with_name("redmine.sh")
# A cold install from a slow mirror takes minutes; the script says why if it fails.
SCRIPT_TIMEOUT = 420
RUNNER_TIMEOUT = 90
REDMINE_ENV = {"REDMINE_INSTANCE": "default", "RAILS_ENV": "production",
               "BUNDLER_VERSION": "2.3.15", "HOME": "/var/cache/redmine/default"}


@dataclass(frozen=True)
class RedmineServer:
    facts: dict[str, Any]

    @property
    def url(self) -> str:
        return str(self.facts["url"])

    @property
    def api_key(self) -> str:
        return str(self.facts["api_key"])

    @property
    def admin_key(self) -> str:
        return str(self.facts["admin_api_key"])

    @property
    def user_id(self) -> int:
        return int(self.facts["user_id"])

    @property
    def project(self) -> str:
        return str(self.facts["project_identifier"])

    def request(self, method: str, path: str, *, key: str | None = None,
                json_body: Any = None, params: dict[str, str] | None = None) -> httpx.Response:
        """Straight to the REST API, as the test user, or as the admin (key=admin_key):
        what a person on the web would do behind Stint's back."""
        headers = {"X-Redmine-API-Key": key or self.api_key,
                   "Content-Type": "application/json"}
        return httpx.request(method, self.url + path, headers=headers, json=json_body,
                             params=params, timeout=10.0)

    def admin(self, method: str, path: str, json_body: Any = None,
              params: dict[str, str] | None = None) -> httpx.Response:
        return self.request(method, path, key=self.admin_key, json_body=json_body,
                            params=params)

    def regenerate_key(self, login: str) -> tuple[str, str]:
        """Revoke `login`'s API key and make a new one, as an admin would on the web:
        returns (old, new). Needs this machine's Redmine and root (rails runner)."""
        if os.geteuid() != 0 or not Path(str(self.facts.get("redmine_dir", ""))).is_dir():
            pytest.skip("regenerating a key needs root and the Redmine on this machine")
        with tempfile.TemporaryDirectory() as work:
            script = Path(work, "regenerate.rb")
            script.write_text(
                'require "json"\n'
                'user = User.find_by_login(ARGV[0]) or raise "no user #{ARGV[0]}"\n'
                "old = user.api_key\n"
                'Token.where(user_id: user.id, action: "api").delete_all\n'
                "user.reload\n"
                "File.write(ARGV[1], JSON.generate(old: old, new: user.api_key))\n"
            )
            os.chmod(work, 0o777)
            out = Path(work, "out.json")
            command = ["runuser", "-u", "www-data", "--", "env",
                       *(f"{k}={v}" for k, v in REDMINE_ENV.items()),
                       "bundle", "exec", "rails", "runner", "-e", "production",
                       str(script), login, str(out)]
            done = subprocess.run(command, cwd=self.facts["redmine_dir"], capture_output=True,
                                  text=True, timeout=RUNNER_TIMEOUT, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"rails runner failed: {done.stderr[-2000:]}")
            keys = json.loads(out.read_text())
        return str(keys["old"]), str(keys["new"])


def _answers(url: str, key: str) -> bool:
    try:
        reply = httpx.get(url + "/users/current.json", headers={"X-Redmine-API-Key": key},
                          timeout=5.0)
    except httpx.HTTPError:
        return False
    return reply.status_code == 200


def _unavailable(reason: str) -> NoReturn:
    """Skip (or fail, where Redmine is required) and say why, uncaptured."""
    print(f"\nredmine: {reason}", file=sys.__stderr__, flush=True)
    if os.environ.get("STINT_REDMINE_REQUIRED") == "1":
        pytest.fail(f"Redmine is required (STINT_REDMINE_REQUIRED=1): {reason}", pytrace=False)
    pytest.skip(f"no real Redmine: {reason}")


def _attach(path: str) -> RedmineServer:
    try:
        facts = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        _unavailable(f"cannot read STINT_REDMINE_FACTS={path}: {exc}")
    server = RedmineServer(facts)
    if not _answers(server.url, server.api_key):
        _unavailable(f"the server in {path} ({server.url}) does not take its key")
    return server


def _start(port: str) -> tuple[RedmineServer, bool]:
    """Run the script; returns the server and whether this call started it."""
    if sys.platform != "linux":
        _unavailable(f"redmine.sh needs Debian Linux, this is {sys.platform}")
    if os.geteuid() != 0:
        _unavailable("redmine.sh needs root (apt-get, www-data); run it with sudo and "
                     "set STINT_REDMINE_FACTS to its facts file")
    if shutil.which("apt-get") is None:
        _unavailable("no apt-get: redmine.sh installs Debian's redmine package")
    running = _running_on(port)
    started = time.monotonic()
    try:
        done = subprocess.run(["bash", str(SCRIPT), port], capture_output=True, text=True,
                              timeout=SCRIPT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        _unavailable(f"redmine.sh took more than {SCRIPT_TIMEOUT} s")
    said = done.stderr.strip().splitlines()
    if done.returncode != 0:
        _unavailable(f"redmine.sh exited {done.returncode}: " + " | ".join(said[-6:]))
    print(f"\nredmine: ready in {time.monotonic() - started:.1f} s ({said[-1] if said else ''})",
          file=sys.__stderr__, flush=True)
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    return RedmineServer(facts), not running


def _running_on(port: str) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="session", name="redmine_server")
def redmine_server_fixture() -> Iterator[RedmineServer]:
    if os.environ.get("STINT_REDMINE") == "0":
        _unavailable("disabled by STINT_REDMINE=0")
    facts_path = os.environ.get("STINT_REDMINE_FACTS")
    if facts_path:
        yield _attach(facts_path)
        return
    port = os.environ.get("STINT_REDMINE_PORT", "3300")
    server, started_here = _start(port)
    # Every session using the server holds this lock shared; the one that started
    # the server stops it only if it can then hold it alone.
    with open(Path(str(server.facts["pidfile"])).with_suffix(".users"), "a") as users:
        fcntl.flock(users, fcntl.LOCK_SH)
        yield server
        if not started_here or os.environ.get("STINT_REDMINE_KEEP") == "1":
            return
        try:
            fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("\nredmine: left running for another test session", file=sys.__stderr__)
            return
        subprocess.run(["bash", str(SCRIPT), "--stop", port], capture_output=True,
                       timeout=60, check=False)
        _wait_until_down(port)


def _wait_until_down(port: str, deadline_s: float = 10.0) -> None:
    # The next session may start its own server on this port at once.
    wait = threading.Event()
    end = time.monotonic() + deadline_s
    while _running_on(port) and time.monotonic() < end:
        wait.wait(0.2)
