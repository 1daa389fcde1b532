"""Session fixtures for the real servers, registered once for the whole suite
(tests/conftest.py names this module in `pytest_plugins`), so tests/backends and
tests/sync share ONE server of each kind per session instead of starting their own.

- `timetagger_server`: the real TimeTagger (see tests/servers/timetagger.py); each
  test takes a user of its own with `timetagger_server.user()`.
- `redmine_server`: the real Redmine (see tests/servers/redmine.py).

Either is skipped, with the reason, where it cannot run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers.redmine import redmine_server_fixture  # noqa: F401  (registers `redmine_server`)
from tests.servers.timetagger import TimeTaggerServer, timetagger_session


@pytest.fixture(scope="session")
def timetagger_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimeTaggerServer]:
    yield from timetagger_session(tmp_path_factory)
