"""Idle time from the desktop over D-Bus, for sessions where X11 cannot tell it
(Wayland: GNOME and KDE by default).

- GNOME (X11 and Wayland): org.gnome.Mutter.IdleMonitor, GetIdletime() -> t, in ms.
- KDE and other freedesktop screen savers: org.freedesktop.ScreenSaver,
  GetSessionIdleTime() -> u. The draft specification says seconds, but the service
  that answers it on Wayland is KDE's, which returns milliseconds (KIdleTime); Stint
  asks it only where nothing better exists, and reads milliseconds.

Each source answers asynchronously: `query(answer)` calls `answer(seconds or None)`
later, from the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress

from .bus import Bus, BusError, method

Answer = Callable[[float | None], None]


@dataclass(frozen=True)
class IdleService:
    label: str            # shown in Settings: "idle from {label}"
    bus_name: str
    path: str
    interface: str
    member: str


MUTTER = IdleService("GNOME", "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                     "org.gnome.Mutter.IdleMonitor", "GetIdletime")
SCREENSAVER = IdleService("the screen saver (KDE)", "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                          "org.freedesktop.ScreenSaver", "GetSessionIdleTime")
QUERY_TIMEOUT_S = 2.0


class DBusIdle:
    """One desktop idle service on `bus`."""

    def __init__(self, bus: Bus, service: IdleService) -> None:
        self.bus = bus
        self.service = service
        self.name = service.label
        self._address = DBusAddress(service.path, service.bus_name, service.interface)

    def query(self, answer: Answer) -> None:
        def reply(body: tuple[Any, ...]) -> None:
            value = body[0] if body else None
            answer(value / 1000.0 if isinstance(value, int) and value >= 0 else None)

        self.bus.call(method(self._address, self.service.member), reply, lambda _e: answer(None),
                      timeout=QUERY_TIMEOUT_S)


__all__ = ["MUTTER", "SCREENSAVER", "BusError", "DBusIdle", "IdleService"]
