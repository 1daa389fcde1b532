"""The desktop services Stint talks to, as small test services (see dbus_services)."""

from __future__ import annotations

import os
import select
from typing import Any

from jeepney import Message

from .dbus_services import ServiceError, TestService, sender_of

LOGIN1_PATH = "/org/freedesktop/login1"
SESSION_PATH = "/org/freedesktop/login1/session/_32"
PORTAL_PATH = "/org/freedesktop/portal/desktop"


class MutterIdle(TestService):
    """org.gnome.Mutter.IdleMonitor: GetIdletime() -> t, in milliseconds."""

    def __init__(self, address: str) -> None:
        super().__init__(address, "org.gnome.Mutter.IdleMonitor")
        self.idle_ms = 0
        self.method("/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", "GetIdletime",
                    lambda _m: ("t", (self.idle_ms,)))


class ScreenSaver(TestService):
    """org.freedesktop.ScreenSaver as KDE serves it: GetSessionIdleTime() -> u (ms),
    GetActive() -> b, and the ActiveChanged(b) signal."""

    PATH = "/org/freedesktop/ScreenSaver"
    IFACE = "org.freedesktop.ScreenSaver"

    def __init__(self, address: str) -> None:
        super().__init__(address, self.IFACE)
        self.idle_ms = 0
        self.active = False
        self.method(self.PATH, self.IFACE, "GetSessionIdleTime", lambda _m: ("u", (self.idle_ms,)))
        self.method(self.PATH, self.IFACE, "GetActive", lambda _m: ("b", (self.active,)))

    def set_active(self, active: bool) -> None:
        self.active = active
        self.emit(self.PATH, self.IFACE, "ActiveChanged", "b", (active,))


class Login1(TestService):
    """logind's Manager (Inhibit with a real file descriptor, GetSessionByPID,
    PrepareForSleep/PrepareForShutdown) and one Session (Lock/Unlock, LockedHint)."""

    MANAGER = "org.freedesktop.login1.Manager"
    SESSION = "org.freedesktop.login1.Session"

    def __init__(self, address: str) -> None:
        super().__init__(address, "org.freedesktop.login1", enable_fds=True)
        self.inhibitors: list[tuple[tuple[Any, ...], int]] = []  # (what, who, why, mode), read end
        self.method(LOGIN1_PATH, self.MANAGER, "Inhibit", self._inhibit)
        self.method(LOGIN1_PATH, self.MANAGER, "GetSessionByPID", lambda _m: ("o", (SESSION_PATH,)))
        self.method(LOGIN1_PATH, self.MANAGER, "GetSession", lambda _m: ("o", (SESSION_PATH,)))
        self.properties[(SESSION_PATH, self.SESSION)] = {"LockedHint": ("b", False)}

    def _inhibit(self, msg: Message) -> tuple[str, tuple[Any, ...]]:
        read_end, write_end = os.pipe()
        self.inhibitors.append((msg.body, read_end))
        self.after_reply.append(lambda: os.close(write_end))  # the client holds the only copy
        return "h", (write_end,)

    def held(self) -> int:
        """How many inhibitors the client still holds open."""
        return sum(1 for _what, fd in self.inhibitors if not _closed(fd))

    def prepare_for_sleep(self, going: bool) -> None:
        self.emit(LOGIN1_PATH, self.MANAGER, "PrepareForSleep", "b", (going,))

    def prepare_for_shutdown(self, going: bool) -> None:
        self.emit(LOGIN1_PATH, self.MANAGER, "PrepareForShutdown", "b", (going,))

    def lock(self) -> None:
        self.emit(SESSION_PATH, self.SESSION, "Lock", None, ())

    def unlock(self) -> None:
        self.emit(SESSION_PATH, self.SESSION, "Unlock", None, ())

    def locked_hint(self, locked: bool) -> None:
        self.properties[(SESSION_PATH, self.SESSION)]["LockedHint"] = ("b", locked)
        self.emit(SESSION_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged", "sa{sv}as",
                  (self.SESSION, {"LockedHint": ("b", locked)}, []))


def _closed(read_end: int) -> bool:
    ready, _, _ = select.select([read_end], [], [], 0)
    return bool(ready) and os.read(read_end, 1) == b""


class Notifications(TestService):
    """org.freedesktop.Notifications 1.2: Notify, CloseNotification, GetCapabilities,
    GetServerInformation; the ActionInvoked and NotificationClosed signals."""

    PATH = "/org/freedesktop/Notifications"
    IFACE = "org.freedesktop.Notifications"

    def __init__(self, address: str, *, actions: bool = True) -> None:
        super().__init__(address, self.IFACE)
        self.capabilities = ["body", "actions", "persistence"] if actions else ["body"]
        self.shown: dict[int, dict[str, Any]] = {}
        self.next_id = 1
        self.method(self.PATH, self.IFACE, "GetCapabilities", lambda _m: ("as", (self.capabilities,)))
        self.method(self.PATH, self.IFACE, "GetServerInformation",
                    lambda _m: ("ssss", ("test", "stint-tests", "1", "1.2")))
        self.method(self.PATH, self.IFACE, "Notify", self._notify)
        self.method(self.PATH, self.IFACE, "CloseNotification", self._close)

    def _notify(self, msg: Message) -> tuple[str, tuple[Any, ...]]:
        app, replaces, icon, summary, body, actions, hints, timeout = msg.body
        nid = replaces if replaces and replaces in self.shown else self.next_id
        if nid == self.next_id:
            self.next_id += 1
        self.shown[nid] = {"app": app, "icon": icon, "summary": summary, "body": body,
                           "actions": dict(zip(actions[::2], actions[1::2])), "hints": hints,
                           "timeout": timeout, "client": sender_of(msg)}
        return "u", (nid,)

    def _close(self, msg: Message) -> None:
        nid = msg.body[0]
        if nid not in self.shown:
            raise ServiceError("org.freedesktop.Notifications.Error.NotFound", str(nid))
        self.shown.pop(nid)
        self.emit(self.PATH, self.IFACE, "NotificationClosed", "uu", (nid, 3))
        return None

    def latest(self, summary_part: str = "") -> tuple[int, dict[str, Any]]:
        for nid in sorted(self.shown, reverse=True):
            if summary_part in self.shown[nid]["summary"]:
                return nid, self.shown[nid]
        raise AssertionError(f"no notification with {summary_part!r}: {self.shown}")

    def invoke(self, nid: int, action: str) -> None:
        """What the server does when the person clicks a button: the action, then closed."""
        client = self.shown[nid]["client"]
        self.emit(self.PATH, self.IFACE, "ActionInvoked", "us", (nid, action), destination=client)
        self.shown.pop(nid, None)
        self.emit(self.PATH, self.IFACE, "NotificationClosed", "uu", (nid, 2), destination=client)


class Portal(TestService):
    """org.freedesktop.portal.Desktop with GlobalShortcuts (version 1): CreateSession and
    BindShortcuts answer through org.freedesktop.portal.Request::Response on the
    request path the caller predicted from its handle_token; Activated(session, id)."""

    IFACE = "org.freedesktop.portal.GlobalShortcuts"
    REQUEST = "org.freedesktop.portal.Request"

    def __init__(self, address: str, *, refuse_bind: bool = False) -> None:
        super().__init__(address, "org.freedesktop.portal.Desktop")
        self.refuse_bind = refuse_bind
        self.session: str | None = None
        self.client: str | None = None
        self.bound: list[tuple[str, dict[str, Any]]] = []
        self.properties[(PORTAL_PATH, self.IFACE)] = {"version": ("u", 1)}
        self.method(PORTAL_PATH, self.IFACE, "CreateSession", self._create_session)
        self.method(PORTAL_PATH, self.IFACE, "BindShortcuts", self._bind)

    @staticmethod
    def _request_path(msg: Message, token: str) -> str:
        sender = sender_of(msg)[1:].replace(".", "_")
        return f"{PORTAL_PATH}/request/{sender}/{token}"

    def _create_session(self, msg: Message) -> tuple[str, tuple[Any, ...]]:
        options = msg.body[0]
        request = self._request_path(msg, options["handle_token"][1])
        self.client = sender_of(msg)
        self.session = f"{PORTAL_PATH}/session/{self.client[1:].replace('.', '_')}/{options['session_handle_token'][1]}"
        self._respond_later(request, 0, {"session_handle": ("s", self.session)})
        return "o", (request,)

    def _bind(self, msg: Message) -> tuple[str, tuple[Any, ...]]:
        session, shortcuts, _parent, options = msg.body
        request = self._request_path(msg, options["handle_token"][1])
        if self.refuse_bind or session != self.session:
            self._respond_later(request, 1, {})  # 1: the person cancelled
        else:
            self.bound = [(sid, {k: v[1] for k, v in props.items()}) for sid, props in shortcuts]
            answer = [(sid, {"description": ("s", p["description"]),
                             "trigger_description": ("s", p.get("preferred_trigger", ""))})
                      for sid, p in self.bound]
            self._respond_later(request, 0, {"shortcuts": ("a(sa{sv})", answer)})
        return "o", (request,)

    def _respond_later(self, request: str, code: int, results: dict[str, Any]) -> None:
        # After the method's reply, as the real portal does (the Response follows the handle).
        self.after_reply.append(
            lambda: self.emit(request, self.REQUEST, "Response", "ua{sv}", (code, results), destination=self.client))

    def activate(self, shortcut: str) -> None:
        assert self.session is not None, "no session was created"
        self.emit(PORTAL_PATH, self.IFACE, "Activated", "osta{sv}", (self.session, shortcut, 0, {}),
                  destination=self.client)


class StatusNotifierWatcher(TestService):
    """org.kde.StatusNotifierWatcher with a host registered: items register with it."""

    PATH = "/StatusNotifierWatcher"
    IFACE = "org.kde.StatusNotifierWatcher"

    def __init__(self, address: str) -> None:
        super().__init__(address, self.IFACE)
        self.items: list[tuple[str, str]] = []  # (sender, service or path)
        self.properties[(self.PATH, self.IFACE)] = {
            "IsStatusNotifierHostRegistered": ("b", True), "ProtocolVersion": ("i", 0),
            "RegisteredStatusNotifierItems": ("as", []),
        }
        self.method(self.PATH, self.IFACE, "RegisterStatusNotifierItem", self._register)
        self.method(self.PATH, self.IFACE, "RegisterStatusNotifierHost", lambda _m: None)

    def _register(self, msg: Message) -> None:
        self.items.append((sender_of(msg), msg.body[0]))
        self.emit(self.PATH, self.IFACE, "StatusNotifierItemRegistered", "s", (msg.body[0],))
        return None


__all__ = ["Login1", "MutterIdle", "Notifications", "Portal", "ScreenSaver",
           "StatusNotifierWatcher"]
