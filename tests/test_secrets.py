"""The OS keyring for real: `stint account add --token-stdin` keeps the token in a
running Secret Service (gnome-keyring on a private bus) and nowhere else, and a new
process — the next command — syncs with it. The unit tests keep the memory keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fakes.wapify import FakeWapify
from tests.secret_service import keyring_get, secret_service

STINT = str(Path(sys.executable).with_name("stint"))


def every_file(home: Path) -> bytes:
    """Every byte Stint wrote under its home: the database and its WAL, settings, logs."""
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_token_stdin_keeps_the_token_in_the_real_keyring_only(tmp_path: Path) -> None:
    fake = FakeWapify()
    fake.web_create_task("Website")
    home = tmp_path / "home"
    with secret_service(tmp_path) as keyring_env, fake.serve() as url:
        env = {**os.environ, **keyring_env, "STINT_HOME": str(home), "TZ": "Europe/Madrid"}
        env.pop("WAPIFY_TOKEN", None)

        def stint(*argv: str, given: str | None = None) -> subprocess.CompletedProcess[str]:
            done = subprocess.run([STINT, *argv], env=env, input=given, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, (argv, done.stderr)
            assert fake.token not in done.stdout + done.stderr
            return done

        stint("account", "add", "work", "--kind", "wapify", "--url", url, "--token-stdin", given=fake.token + "\n")
        assert keyring_get(keyring_env, "work") == fake.token
        assert fake.token.encode() not in every_file(home)
        assert '"credential": "keyring"' in stint("account", "list", "--json").stdout
        # Each command is a new process: the token comes back from the keyring.
        stint("new", "Written from the shell", "--account", "work")
        stint("sync")
        assert "Written from the shell" in [t.title for t in fake.tasks.values()]
        assert fake.token.encode() not in every_file(home)
        stint("account", "remove", "work")
        assert keyring_get(keyring_env, "work") is None  # removed with the account
