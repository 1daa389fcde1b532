"""A private session bus per test, and a Qt-free way to drive a stint.desktop.bus.Bus.

Imported by name in the test modules (as tests/ui/app_fixtures.py is)."""

from __future__ import annotations

import selectors
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stint.desktop.bus import Bus

from .dbus_services import private_bus


@pytest.fixture
def dbus_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A dbus-daemon of the test's own, as both the session and the system bus."""
    with private_bus(tmp_path / "bus") as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        yield address


class Loop:
    """The event loop's part, for a Bus outside Qt: timers run when due, reads when readable."""

    def __init__(self) -> None:
        self.timers: list[tuple[float, Callable[[], None]]] = []

    def call_later(self, seconds: float, fn: Callable[[], None]) -> None:
        self.timers.append((time.monotonic() + seconds, fn))

    def run_until(self, bus: Bus, done: Callable[[], bool], timeout: float = 10) -> None:
        """Dispatch the bus's messages until `done()`; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(bus.fileno(), selectors.EVENT_READ)
            while not done():
                now = time.monotonic()
                due = [t for t in self.timers if t[0] <= now]
                for timer in due:
                    self.timers.remove(timer)
                    timer[1]()
                if done():
                    return
                left = deadline - now
                if left <= 0:
                    raise AssertionError("the bus did not deliver in time")
                if sel.select(min(left, 0.05) if self.timers else left):
                    bus.read()


@pytest.fixture
def loop() -> Loop:
    return Loop()


def open_test_bus(loop: Loop, *, enable_fds: bool = False) -> Bus:
    return Bus.open("SESSION", call_later=loop.call_later, enable_fds=enable_fds)
