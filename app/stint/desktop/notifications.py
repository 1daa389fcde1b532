"""Desktop notifications with buttons (org.freedesktop.Notifications, spec 1.2).

`probe()` asks GetCapabilities once: `actions` tells whether the server shows buttons
(GNOME, KDE, Xfce, mako, dunst do). `notify()` never waits: the server's id comes back
later, and ActionInvoked(id, key) reaches the handler given with the notification.
A notification sent with a `key` replaces the earlier one with the same key, so an
updated question never piles up beside the old one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from jeepney import DBusAddress, Message

from .bus import Bus, method

log = logging.getLogger("stint.desktop.notifications")

SERVICE = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications",
                      "org.freedesktop.Notifications")
DEFAULT_ACTION = "default"  # the key the spec gives a click on the notification itself
URGENCY = {"info": 1, "warning": 1, "error": 2}

OnAction = Callable[[str], None]


class Notifications:
    def __init__(self, bus: Bus, app_name: str = "Stint", desktop_entry: str = "dev.stint.Stint") -> None:
        self.bus = bus
        self.app_name = app_name
        self.desktop_entry = desktop_entry
        self.available: bool | None = None  # None until the server has answered
        self.actions = False
        self._handlers: dict[int, OnAction | None] = {}
        self._ids: dict[str, int] = {}        # key -> the server's id
        self._closing: set[str] = set()        # closed before the server told us its id
        for member, handler in (("ActionInvoked", self._invoked), ("NotificationClosed", self._closed)):
            bus.subscribe(handler, sender=SERVICE.bus_name, interface=SERVICE.interface, member=member,
                          path=SERVICE.object_path)

    def probe(self, done: Callable[[], None] | None = None) -> None:
        def answered(body: tuple[Any, ...]) -> None:
            self.available = True
            self.actions = "actions" in body[0]
            if done is not None:
                done()

        def failed(error: Exception) -> None:
            log.info("no desktop notifications: %s", error)
            self.available = False
            if done is not None:
                done()

        self.bus.call(method(SERVICE, "GetCapabilities"), answered, failed)

    def notify(self, summary: str, body: str, *, level: str = "info", actions: Sequence[tuple[str, str]] = (),
               on_action: OnAction | None = None, key: str | None = None, persistent: bool = False) -> None:
        """Show a notification; `actions` are (key, label) pairs, and `on_action(key)`
        runs when one is clicked ("default" for a click on the notification)."""
        flat: list[str] = []
        for action_key, label in actions if self.actions else ():
            flat += [action_key, label]
        hints = {"desktop-entry": ("s", self.desktop_entry), "urgency": ("y", URGENCY.get(level, 1))}
        replaces = self._ids.get(key, 0) if key else 0
        if key:
            self._closing.discard(key)
        msg = method(SERVICE, "Notify", "susssasa{sv}i",
                     (self.app_name, replaces, self.desktop_entry, summary, body, flat, hints,
                      0 if persistent else -1))

        def shown(reply: tuple[Any, ...]) -> None:
            nid = int(reply[0])
            self._handlers[nid] = on_action
            if key:
                old = self._ids.get(key)
                if old is not None and old != nid:
                    self._handlers.pop(old, None)
                self._ids[key] = nid
                if key in self._closing:
                    self.close(key)

        self.bus.call(msg, shown, lambda e: log.info("notification not shown: %s", e))

    def close(self, key: str) -> None:
        """Take back the notification sent with `key` (answered elsewhere)."""
        nid = self._ids.pop(key, None)
        if nid is None:
            self._closing.add(key)
            return
        self._closing.discard(key)
        self._handlers.pop(nid, None)
        self.bus.call(method(SERVICE, "CloseNotification", "u", (nid,)), on_error=lambda _e: None)

    def _invoked(self, msg: Message) -> None:
        nid, action_key = msg.body
        handler = self._handlers.get(nid)
        if handler is not None:
            self._forget(nid)
            handler(action_key)

    def _closed(self, msg: Message) -> None:
        self._forget(msg.body[0])

    def _forget(self, nid: int) -> None:
        self._handlers.pop(nid, None)
        for key, known in list(self._ids.items()):
            if known == nid:
                del self._ids[key]
