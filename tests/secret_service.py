"""A real Secret Service for the tests that keep a secret in the OS keyring: Debian's
gnome-keyring-daemon on a private session bus, with a login keyring of its own
(under the test's temporary home) created and unlocked by a password on its stdin.

    with secret_service(tmp_path) as env:   # the variables a process needs to reach it
        subprocess.run([...], env={**os.environ, **env})

Processes reach it through `keyring` → SecretStorage → D-Bus, as on a desktop. The
test process itself never opens it (the `keyring` library picks its backend once per
process), so the steps that use it run as processes of their own — which is also what
"the app restarts" means. Skipped, saying why, without gnome-keyring-daemon.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .desktop.dbus_services import private_bus

NAME = "org.freedesktop.secrets"
READY_SECONDS = 15.0


def _wait_for_owner(address: str, name: str, timeout: float) -> bool:
    """Whether `name` gets an owner on the bus at `address` within `timeout` seconds:
    the bus's NameOwnerChanged signal is listened for before the name is asked about,
    so an owner that comes in between is not missed."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.bus_messages import MatchRule, message_bus
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
    rule = MatchRule(type="signal", sender="org.freedesktop.DBus", interface="org.freedesktop.DBus",
                     member="NameOwnerChanged", path="/org/freedesktop/DBus")
    rule.add_arg_condition(0, name)
    with open_dbus_connection(address) as conn, conn.filter(rule) as changes:
        conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)
        if conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)), timeout=5).body[0]:
            return True
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                change = conn.recv_until_filtered(changes, timeout=left)
            except TimeoutError:
                return False
            if change.body[2]:  # (name, old owner, new owner)
                return True
        return False


@contextmanager
def secret_service(tmp: Path, password: str = "test keyring password") -> Iterator[dict[str, str]]:
    daemon = shutil.which("gnome-keyring-daemon")
    if daemon is None:
        pytest.skip("needs gnome-keyring-daemon (apt: gnome-keyring; bash packaging/dev-env.sh --test)")
    home, runtime = tmp / "keyring-home", tmp / "keyring-run"
    home.mkdir(parents=True)
    runtime.mkdir(mode=0o700)
    with private_bus(tmp / "keyring-bus") as address:
        env = {"DBUS_SESSION_BUS_ADDRESS": address, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
               "XDG_RUNTIME_DIR": str(runtime)}
        proc = subprocess.Popen([daemon, "--foreground", "--unlock", "--components=secrets"],
                                env={**os.environ, **env}, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            assert proc.stdin is not None
            proc.stdin.write(password.encode())  # --unlock reads the login keyring's password to EOF
            proc.stdin.close()
            if not _wait_for_owner(address, NAME, READY_SECONDS):
                err = proc.stderr.read().decode() if proc.stderr and proc.poll() is not None else ""
                pytest.fail(f"gnome-keyring-daemon did not come up on the test bus: {err}")
            yield env
        finally:
            proc.terminate()
            proc.wait(10)


def keyring_get(env: dict[str, str], user: str, service: str = "stint") -> str | None:
    """What the OS keyring holds for (service, user), read by a process of its own."""
    code = ("import keyring, sys\n"
            f"value = keyring.get_password({service!r}, {user!r})\n"
            "print('NONE' if value is None else 'VALUE ' + value)\n"
            "print(type(keyring.get_keyring()).__module__, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "SecretService" in result.stderr, result.stderr  # the real Secret Service, not another backend
    line = result.stdout.strip()
    return None if line == "NONE" else line.removeprefix("VALUE ")
