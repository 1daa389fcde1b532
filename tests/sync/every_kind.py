"""A server of every kind, added as the account "work" in a KindWorld: two open
tasks ("Fix login" and "Write report", the second with a unique suffix on the
shared Redmine) and, where the kind holds time, an hour of this person's time on
the first, last Monday. Its replies pass through a `Rewriting` transport, so a
test can make the server hold a record Stint cannot understand.

The five kinds with a fake use it in-process; TimeTagger and Redmine are the real
servers of the session (tests/servers/fixtures.py), reached over the network.

    def test_x(served: Served) -> None:   # with @pytest.mark.parametrize("kind", KINDS)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from tests.fakes.gipo import FakeGipo
from tests.fakes.rewriting import Alteration, Rewriting
from tests.fakes.wapify import FakeWapify
from tests.fakes.warmdesk import FakeWarmDesk
from tests.fakes.wekan import FakeWekan
from tests.fakes.whama import FakeWhama
from tests.servers.network import Network
from tests.sync.kinds import KindWorld, make

KINDS = ("wapify", "warmdesk", "gipo", "whama", "wekan", "timetagger", "redmine")
TIMED = ("wapify", "warmdesk", "gipo", "wekan", "timetagger", "redmine")  # whama holds no time


def last_monday(hour: int = 10) -> datetime:
    """An hour of last Monday: a week that is over (a comparison's week never
    straddles the real now), and the real servers' own clocks stay near ours."""
    today = datetime.now(timezone.utc).replace(hour=hour, minute=0, second=0, microsecond=0)
    return today - timedelta(days=today.weekday() + 7)


@dataclass
class Served:
    kind: str
    world: KindWorld
    net: Rewriting
    server: Any
    tasks_path: str                        # where the task list is read (fnmatch on the path)
    records: Callable[[Any], list[Any]]    # the records of a task list's payload
    second: str                            # the second task's title, as the server has it
    cleanup: list[Callable[[], None]] = field(default_factory=list)

    def spoil(self, change: Callable[[dict[str, Any]], None], title: str | None = None) -> Alteration:
        """From now on the server sends the task titled `title` (default: the second)
        changed by `change`, wherever it lists its tasks."""
        wanted = title or self.second

        def rewrite(payload: Any) -> Any:
            for record in self.records(payload):
                if isinstance(record, dict) and wanted in (record.get("title"), record.get("subject"),
                                                           record.get("ds")):
                    change(record)
            return payload
        return self.net.alter(rewrite, method="GET", path=self.tasks_path)


@pytest.fixture
def served(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    s = serve(kind, tmp_path, request)
    yield s
    s.world.accounts.close()
    s.world.engine.dispose()
    for step in s.cleanup:
        step()


def serve(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Served:
    t0 = last_monday()
    clock = FixedClock(t0)
    hour = (t0 - timedelta(hours=2), t0 - timedelta(hours=1))
    if kind == "timetagger":
        return _timetagger(request.getfixturevalue("timetagger_server"), tmp_path, clock, hour)
    if kind == "redmine":
        return _redmine(request.getfixturevalue("redmine_server"), tmp_path, clock, hour)
    if kind == "wapify":
        clock.advance(hours=-2)  # the web's timer ran an hour, ended an hour ago
        fake: Any = FakeWapify(clock=clock)
        first = fake.web_create_task("Fix login")
        fake.web_create_task("Write report")
        fake.web_start(first)
        clock.advance(hours=1)
        fake.web_stop(first)
        clock.advance(hours=1)
        sign_in, env, path, records = SignIn(token=fake.token, credential="env:T"), {"T": fake.token}, \
            "/api/tasks", _data
    elif kind == "warmdesk":
        fake = FakeWarmDesk(clock=clock)
        web = fake.add_project("Web", "web")
        fake.add_entry(fake.add_card(web, "Fix login"), hour[0], 3600)
        fake.add_card(web, "Write report")
        sign_in, env, path, records = SignIn(token=fake.api_key), {}, "*/columns/*/cards", _array
    elif kind == "gipo":
        fake = FakeGipo(clock=clock)
        board = fake.add_board("Web")
        fake.add_entry(fake.add_task(board, "Fix login"), *hour)
        fake.add_task(board, "Write report")
        sign_in, env, path, records = SignIn(token=fake.key), {}, "*/tasks", _data
    elif kind == "whama":
        fake = FakeWhama(clock=clock)
        board = fake.add_board("Main")
        fake.add_task(board, "Fix login")
        fake.add_task(board, "Write report")
        sign_in, env, path, records = SignIn(token=fake.live_key), {}, "*/tasks", _data
    else:
        assert kind == "wekan", kind
        fake = FakeWekan(clock=clock)
        board = fake.add_board("Team")
        fake.add_card(board, "Fix login", spent_time=1.0)
        fake.add_card(board, "Write report")
        sign_in = SignIn(username=fake.user.username, password=fake.user.password)
        env, path, records = {}, "*/lists/*/cards", _array
    net = Rewriting(fake.transport())
    w = make(tmp_path, clock, net, env=env)
    w.accounts.add("work", kind, fake.base_url, sign_in)
    return Served(kind, w, net, fake, path, records, "Write report")


def _timetagger(server: Any, tmp_path: Path, clock: FixedClock, hour: tuple[datetime, datetime]) -> Served:
    token = server.api_token(server.user())
    mt = int(clock.now().timestamp())
    server.put_records(token, [
        {"key": "webFix01", "t1": int(hour[0].timestamp()), "t2": int(hour[1].timestamp()), "mt": mt,
         "ds": "#fix-login"},
        {"key": "webRep01", "t1": int(hour[0].timestamp()) - 86400, "t2": int(hour[1].timestamp()) - 86400,
         "mt": mt, "ds": "#write-report"},
    ])
    net = Rewriting(Network())
    w = make(tmp_path, clock, net)
    w.accounts.add("work", "timetagger", server.root, SignIn(token=token))
    served = Served("timetagger", w, net, server, "*/records", _records("records"), "#write-report")
    served.server_token = token  # type: ignore[attr-defined]
    return served


def _redmine(server: Any, tmp_path: Path, clock: FixedClock, hour: tuple[datetime, datetime]) -> Served:
    from tests.sync.test_kind_redmine import make_issue

    suffix = f"{datetime.now().timestamp():.6f}"
    first, second = make_issue(server, server.user_id), make_issue(server, server.user_id)
    server.admin("PUT", f"/issues/{first}.json", {"issue": {"subject": f"Fix login {suffix}"}})
    server.admin("PUT", f"/issues/{second}.json", {"issue": {"subject": f"Write report {suffix}"}})
    logged = server.request("POST", "/time_entries.json", json_body={"time_entry": {
        "issue_id": int(first), "hours": 1.0, "spent_on": hour[0].date().isoformat(), "activity_id": 9}})
    assert logged.status_code == 201, logged.text
    net = Rewriting(Network())
    w = make(tmp_path, clock, net)
    w.accounts.add("work", "redmine", server.url, SignIn(token=server.api_key),
                   options={"project": server.project, "activity": "Development"})
    served = Served("redmine", w, net, server, "*/issues.json", _records("issues"), f"Write report {suffix}")
    served.cleanup += [lambda: server.admin("DELETE", f"/issues/{first}.json"),
                       lambda: server.admin("DELETE", f"/issues/{second}.json")]
    return served


def _data(payload: Any) -> list[Any]:
    return payload.get("data", []) if isinstance(payload, dict) else []


def _array(payload: Any) -> list[Any]:
    return payload if isinstance(payload, list) else []


def _records(key: str) -> Callable[[Any], list[Any]]:
    return lambda payload: payload.get(key, []) if isinstance(payload, dict) else []
