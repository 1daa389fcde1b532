"""Sleep, shutdown and the screen lock, as the desktop announces them.

logind (org.freedesktop.login1, on the system bus) says PrepareForSleep(true) before
the computer sleeps and (false) after it wakes, PrepareForShutdown(true) before it
powers off, and the session's Lock/Unlock signals and LockedHint property say when the
screen locks (GNOME sets LockedHint; `loginctl lock-session` sends Lock). Screen
savers (org.freedesktop.ScreenSaver — KDE, Xfce; org.gnome.ScreenSaver) send
ActiveChanged on the session bus.

Sleep arrives only moments before the machine stops, so Stint takes a logind *delay*
inhibitor: logind waits (up to its InhibitDelayMaxSec, 5 s by default) until the
handler has run and the inhibitor is released, then takes a new one after waking.
Every event reaches `on_event(kind, active)` with kind "sleep", "shutdown" or "lock".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message

from .bus import Bus, BusError, method

log = logging.getLogger("stint.desktop.session")

OnEvent = Callable[[str, bool], None]
LOGIND = "org.freedesktop.login1"
MANAGER = DBusAddress("/org/freedesktop/login1", LOGIND, "org.freedesktop.login1.Manager")
SESSION_IFACE = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SCREEN_SAVERS = (("org.freedesktop.ScreenSaver", "org.freedesktop.ScreenSaver"),
                 ("org.gnome.ScreenSaver", "org.gnome.ScreenSaver"))
INHIBIT_WHY = "Stint notes when the computer sleeps, so the time away is not counted unasked"


class SessionWatcher:
    def __init__(self, system: Bus | None, session: Bus | None, on_event: OnEvent, *,
                 pid: int | None = None, session_id: str | None = None) -> None:
        self.system = system
        self.session = session
        self.on_event = on_event
        self.pid = os.getpid() if pid is None else pid
        self.session_id = os.environ.get("XDG_SESSION_ID") if session_id is None else session_id
        self.session_path: str | None = None
        self.logind = False          # logind answered: sleep and shutdown are watched
        self._inhibitor: Any = None  # jeepney FileDescriptor while we hold one

    @property
    def watching(self) -> list[str]:
        """What is watched, for Settings and the log."""
        seen = []
        if self.logind:
            seen.append("sleep")
        savers = self.session is not None and any(self.session.owner(name) for name, _iface in SCREEN_SAVERS)
        if self.session_path or savers:
            seen.append("lock")
        return seen

    def start(self) -> None:
        if self.system is not None:
            self._watch_logind(self.system)
        if self.session is not None:
            for name, iface in SCREEN_SAVERS:
                self.session.subscribe(self._screen_saver, sender=name, interface=iface, member="ActiveChanged")

    def close(self) -> None:
        self._release()

    # -- logind ---------------------------------------------------------------------

    def _watch_logind(self, bus: Bus) -> None:
        for member in ("PrepareForSleep", "PrepareForShutdown"):
            bus.subscribe(self._prepare, sender=LOGIND, interface=MANAGER.interface, member=member,
                          path=MANAGER.object_path)
        self._inhibit()
        if self.session_id:
            ask = method(MANAGER, "GetSession", "s", (self.session_id,))
        else:
            ask = method(MANAGER, "GetSessionByPID", "u", (self.pid,))
        bus.call(ask, lambda body: self._watch_session(bus, body[0]),
                 lambda e: log.info("no logind session to watch for the lock: %s", e))

    def _inhibit(self) -> None:
        assert self.system is not None

        def got(body: tuple[Any, ...]) -> None:
            self.logind = True
            self._release()
            self._inhibitor = body[0]

        def refused(error: BusError) -> None:
            log.info("logind gave no sleep inhibitor (%s); sleep is noticed on waking only", error)

        if self.system.enable_fds:
            self.system.call(method(MANAGER, "Inhibit", "ssss", ("sleep:shutdown", "Stint", INHIBIT_WHY, "delay")),
                             got, refused)

    def _release(self) -> None:
        fd, self._inhibitor = self._inhibitor, None
        if fd is not None:
            fd.close()

    def _watch_session(self, bus: Bus, path: str) -> None:
        self.session_path = path
        for member in ("Lock", "Unlock"):
            bus.subscribe(self._lock_signal, sender=LOGIND, interface=SESSION_IFACE, member=member, path=path)
        bus.subscribe(self._properties, sender=LOGIND, interface=PROPERTIES, member="PropertiesChanged", path=path)

    def _prepare(self, msg: Message) -> None:
        going = bool(msg.body[0])
        kind = "sleep" if msg.header.fields.get(HeaderFields.member) == "PrepareForSleep" else "shutdown"
        self.logind = True
        try:
            self.on_event(kind, going)
        finally:
            if going:
                self._release()  # done: logind may go on
            elif kind == "sleep":
                self._inhibit()  # awake again: hold the next sleep until we have seen it

    def _lock_signal(self, msg: Message) -> None:
        self.on_event("lock", msg.header.fields.get(HeaderFields.member) == "Lock")

    def _properties(self, msg: Message) -> None:
        iface, changed, _invalidated = msg.body
        if iface == SESSION_IFACE and "LockedHint" in changed:
            self.on_event("lock", bool(changed["LockedHint"][1]))

    # -- screen savers --------------------------------------------------------------

    def _screen_saver(self, msg: Message) -> None:
        self.on_event("lock", bool(msg.body[0]))
