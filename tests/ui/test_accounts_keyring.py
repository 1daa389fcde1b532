"""Adding an account in the window with a real Secret Service (gnome-keyring on a
private bus): the token goes to the keyring and nowhere else; the app, started again
as a new process, syncs with it. Each step is a process of its own (see
tests/secret_service.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.fakes.wapify import FakeWapify
from tests.secret_service import keyring_get, secret_service
from tests.test_secrets import every_file

STINT = str(Path(sys.executable).with_name("stint"))
APP_SYNC_SECONDS = 30.0

ADD_IN_THE_DIALOG = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from stint.services import Services
    from stint.ui.accounts_panel import AccountsPanel
    from stint.ui.bridge import Bridge

    url, token = sys.stdin.read().split()
    app = QApplication(sys.argv[:1])
    services = Services(bridge=Bridge())  # the real keyring, the real network
    panel = AccountsPanel(services)
    panel.show()
    panel.add_button.click()
    dialog = panel.dialog
    loop = QEventLoop()
    dialog.form.name.setText("work")
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("wapify"))
    dialog.form.url.setText(url)
    dialog.form.token.setText(token)
    dialog.accepted.connect(loop.quit)
    failed = QTimer(interval=50)
    failed.timeout.connect(lambda: dialog.job is None and dialog.notice.level == "error" and loop.quit())
    failed.start()
    QTimer.singleShot(30_000, loop.quit)
    dialog.ok_button.click()
    loop.exec()
    print("KEPT IN", dialog.form.keep.currentData())
    print("NOTICE", panel.notice.plain() or dialog.notice.plain())
    services.tracker.create_task("Written in the window", account="work")
    services.close()
""")


def test_an_account_added_in_the_dialog_keeps_its_token_in_the_keyring_and_syncs_after_a_restart(
        tmp_path: Path) -> None:
    fake = FakeWapify()
    fake.web_create_task("Website")
    home = tmp_path / "home"
    with secret_service(tmp_path) as keyring_env, fake.serve() as url:
        env = {**os.environ, **keyring_env, "STINT_HOME": str(home), "TZ": "Europe/Madrid",
               "QT_QPA_PLATFORM": "offscreen"}
        added = subprocess.run([sys.executable, "-c", ADD_IN_THE_DIALOG], env=env, input=f"{url} {fake.token}",
                               capture_output=True, text=True, timeout=120)
        assert added.returncode == 0, added.stderr
        assert "KEPT IN keyring" in added.stdout and "NOTICE Added work (signed in as " in added.stdout, added.stdout
        assert keyring_get(keyring_env, "work") == fake.token
        assert fake.token.encode() not in every_file(home)

        # The app starts again (no tray offscreen: its window is the app) and syncs at once.
        app = subprocess.Popen([STINT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            def synced() -> bool:
                return "Written in the window" in [t.title for t in fake.tasks.values()]

            fake.wait_for(lambda: synced() or app.poll() is not None, APP_SYNC_SECONDS)  # woken by each request
            if not synced():
                pytest.fail("the restarted app did not sync the queued task")
        finally:
            app.terminate()
            _out, err = app.communicate(timeout=20)
        assert "Traceback" not in err, err
        assert fake.token.encode() not in every_file(home)  # nor in the app's logs
