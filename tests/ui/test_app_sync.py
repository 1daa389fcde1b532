"""The app's background sync and `stint sync` are the same engine, built in one place
(stint.services.Services): the same time zone, so a Redmine entry across local
midnight is split at local midnight by both. Against the REAL Redmine (skipped, with
the reason, where it cannot run)."""

from __future__ import annotations

import io
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from stint.backends.kinds import SignIn  # noqa: E402
from stint import ipc  # noqa: E402
from stint.cli.main import run  # noqa: E402
from stint.domain.clock import FixedClock  # noqa: E402
from stint.services import Services  # noqa: E402
from stint.ui.app import StintApp  # noqa: E402
from stint.ui.bridge import Bridge  # noqa: E402
from tests.servers.network import Network  # noqa: E402
from tests.servers.redmine import RedmineServer  # noqa: E402
from tests.sync.kinds import MemorySecrets  # noqa: E402
from tests.sync.test_kind_redmine import make_issue  # noqa: E402

from .app_fixtures import PlaceholderWindow  # noqa: E402

pytestmark = pytest.mark.timeout(480)  # the first Redmine test may install and start it
# Monday 2026-10-19 23:30 in Madrid (UTC+2): a week no other Redmine test uses.
T0 = datetime(2026, 10, 19, 21, 30, tzinfo=timezone.utc)
ENV = {"TZ": "Europe/Madrid"}


@pytest.fixture
def issue(redmine_server: RedmineServer) -> Iterator[str]:
    made = make_issue(redmine_server, redmine_server.user_id)
    yield made
    redmine_server.admin("DELETE", f"/issues/{made}.json")  # with its time entries


def on_server(server: RedmineServer, issue: str) -> list[tuple[str, float]]:
    reply = server.admin("GET", "/time_entries.json", params={"issue_id": issue, "limit": "100"})
    return sorted((r["spent_on"], r["hours"]) for r in reply.json()["time_entries"])


def services_for(home: Path, clock: FixedClock, secrets: MemorySecrets, err: io.StringIO | None = None,
                 **kw: Any) -> Services:
    home.mkdir(exist_ok=True)
    return Services(env={**os.environ, **ENV, "STINT_HOME": str(home)}, clock=clock, secrets=secrets,
                    transport=Network(), out=io.StringIO(), err=err or io.StringIO(), **kw)


def track_across_midnight(services: Services, clock: FixedClock, server: RedmineServer, issue: str) -> None:
    services.accounts().add("rm", "redmine", server.url, SignIn(token=server.api_key),
                            options={"project": server.project, "activity": "Development"})
    services.tracker.start(f"rm:{issue}")            # 23:30 in Madrid
    clock.advance(minutes=105)
    services.tracker.stop()                          # 01:15 the next day


def test_the_apps_background_sync_splits_at_local_midnight(
        redmine_server: RedmineServer, issue: str, tmp_path: Path, qtbot: Any) -> None:
    clock = FixedClock(T0)
    services = services_for(tmp_path / "app", clock, MemorySecrets(), bridge=Bridge())
    track_across_midnight(services, clock, redmine_server, issue)
    app = StintApp(services, ipc.address(str(services.paths.data), services.env), tray_available=True,
                   window_factory=PlaceholderWindow, idle_source=None, network=None, quit=lambda: None,
                   intervals_ms={"dbwatch": 3_600_000, "notify": 3_600_000, "idle": 3_600_000})
    try:
        assert app.start()
        with qtbot.waitSignal(services.bridge.sync_finished, timeout=120_000) as finished:
            assert app.sync.request()
        assert finished.args[0].ok, finished.args[0].lines()
    finally:
        app.shutdown()
        services.close()
        app.deleteLater()
    assert on_server(redmine_server, issue) == [("2026-10-19", 0.5), ("2026-10-20", 1.25)]


def test_stint_sync_splits_at_the_same_local_midnight(
        redmine_server: RedmineServer, issue: str, tmp_path: Path) -> None:
    secrets, err = MemorySecrets(), io.StringIO()
    clock = FixedClock(T0 + timedelta(days=2))  # days of its own on the issue
    services = services_for(tmp_path / "cli", clock, secrets)
    track_across_midnight(services, clock, redmine_server, issue)
    services.close()
    command = services_for(tmp_path / "cli", clock, secrets, err)
    try:
        assert run(["sync"], command) == 0, err.getvalue()
    finally:
        command.close()
    assert on_server(redmine_server, issue) == [("2026-10-21", 0.5), ("2026-10-22", 1.25)]
