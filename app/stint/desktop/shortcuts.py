"""Global shortcuts through the XDG desktop portal (org.freedesktop.portal.GlobalShortcuts).

The portal's calls answer twice: the method returns a Request handle at once, and the
result comes later as that Request's Response(code, results) signal. The handle's path
is predictable from our unique name and a token we choose, so the Response is
subscribed to before the call (the portal documentation's advice: no race). Bindings
belong to a session that lives as long as our connection; the desktop remembers what
the person chose, so binding again at the next start asks nothing.

Outside a sandbox the portal learns our application id from the host Registry
(portal 1.19+); older portals guess it from the process, which is what they can.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, Message

from .bus import Bus, BusError, method

log = logging.getLogger("stint.desktop.shortcuts")

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
GLOBAL_SHORTCUTS = DBusAddress(PORTAL_PATH, PORTAL_NAME, "org.freedesktop.portal.GlobalShortcuts")
REGISTRY = DBusAddress("/org/freedesktop/host/portal/Registry", PORTAL_NAME, "org.freedesktop.host.portal.Registry")
PROPERTIES = DBusAddress(PORTAL_PATH, PORTAL_NAME, "org.freedesktop.DBus.Properties")
REQUEST_IFACE = "org.freedesktop.portal.Request"

Done = Callable[[bool, str], None]  # ok, what to tell the person


@dataclass(frozen=True)
class Shortcut:
    id: str
    description: str
    preferred_trigger: str  # the XDG shortcuts specification's form, e.g. "CTRL+ALT+s"


class GlobalShortcuts:
    def __init__(self, bus: Bus, shortcuts: Sequence[Shortcut], on_activated: Callable[[str], None],
                 app_id: str = "dev.stint.Stint") -> None:
        self.bus = bus
        self.shortcuts = tuple(shortcuts)
        self.on_activated = on_activated
        self.app_id = app_id
        self.version: int | None = None
        self.available: bool | None = None
        self.session: str | None = None
        self.triggers: dict[str, str] = {}  # shortcut id -> the desktop's description of its keys
        bus.subscribe(self._activated, sender=PORTAL_NAME, interface=GLOBAL_SHORTCUTS.interface,
                      member="Activated", path=PORTAL_PATH)

    def probe(self, done: Callable[[], None] | None = None) -> None:
        def answered(body: tuple[Any, ...]) -> None:
            self.version = int(body[0][1])
            self.available = True
            if done is not None:
                done()

        def failed(error: BusError) -> None:
            log.info("no GlobalShortcuts portal: %s", error)
            self.available = False
            if done is not None:
                done()

        self.bus.call(method(PROPERTIES, "Get", "ss", (GLOBAL_SHORTCUTS.interface, "version")), answered, failed)

    def bind(self, done: Done) -> None:
        """Create a session (once) and bind Stint's shortcuts to it."""
        if self.session is not None:
            self._bind(done)
            return
        self.bus.call(method(REGISTRY, "Register", "sa{sv}", (self.app_id, {})), on_error=lambda _e: None)
        token, session_token = _token(), _token()

        def created(code: int, results: dict[str, Any]) -> None:
            if code != 0 or "session_handle" not in results:
                done(False, _refusal(code))
                return
            self.session = str(results["session_handle"][1])
            self._bind(done)

        self._request("CreateSession", "a{sv}",
                      ({"handle_token": ("s", token), "session_handle_token": ("s", session_token)},),
                      token, created, done)

    def _bind(self, done: Done) -> None:
        token = _token()
        wanted = [(s.id, {"description": ("s", s.description), "preferred_trigger": ("s", s.preferred_trigger)})
                  for s in self.shortcuts]

        def bound(code: int, results: dict[str, Any]) -> None:
            if code != 0:
                done(False, _refusal(code))
                return
            self.triggers = {sid: str(props.get("trigger_description", ("s", ""))[1])
                             for sid, props in results.get("shortcuts", ("a(sa{sv})", []))[1]}
            done(True, "")

        self._request("BindShortcuts", "oa(sa{sv})sa{sv}", (self.session, wanted, "", {"handle_token": ("s", token)}),
                      token, bound, done)

    def _request(self, member: str, signature: str, body: tuple[Any, ...], token: str,
                 on_response: Callable[[int, dict[str, Any]], None], done: Done) -> None:
        expected = f"{PORTAL_PATH}/request/{self.bus.unique_name[1:].replace('.', '_')}/{token}"
        answered = False
        subs = []

        def response(msg: Message) -> None:
            nonlocal answered
            if answered:
                return
            answered = True
            for sub in subs:
                sub.cancel()
            on_response(int(msg.body[0]), dict(msg.body[1]))

        def listen(path: str) -> None:
            subs.append(self.bus.subscribe(response, sender=PORTAL_NAME, interface=REQUEST_IFACE,
                                           member="Response", path=path))

        def handle(reply: tuple[Any, ...]) -> None:
            if reply and reply[0] != expected:
                listen(str(reply[0]))  # an old portal that does not honour the token

        def failed(error: BusError) -> None:
            nonlocal answered
            if not answered:
                answered = True
                for sub in subs:
                    sub.cancel()
                done(False, f"the desktop portal refused: {error.text or error.name}")

        listen(expected)
        self.bus.call(method(GLOBAL_SHORTCUTS, member, signature, body), handle, failed)

    def _activated(self, msg: Message) -> None:
        session, shortcut_id = msg.body[0], msg.body[1]
        if self.session is not None and session == self.session:
            self.on_activated(str(shortcut_id))


def _token() -> str:
    return "stint_" + secrets.token_hex(6)


def _refusal(code: int) -> str:
    return "the shortcuts were not registered (cancelled)" if code == 1 else "the desktop could not register the shortcuts"
