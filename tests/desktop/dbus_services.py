"""Test implementations of the desktop's D-Bus services, on a private dbus-daemon.

`private_bus()` starts Debian's dbus-daemon with a minimal configuration (no service
activation, so nothing real is ever started on it) and yields its address. Each
service is a `TestService`: a well-known name, a table of methods, properties, and
`emit()` for its signals; it answers from its own thread with jeepney's thread-safe
connection, and records every call it received. The interfaces follow their
specifications (Mutter's IdleMonitor, the freedesktop ScreenSaver, logind's Manager
and Session, the Desktop Notifications spec 1.2, the XDG portal's GlobalShortcuts
and Request, KDE's StatusNotifierWatcher).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusConnection, ReceiveStopped, open_dbus_connection

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

Handler = Callable[[Message], tuple[str, tuple[Any, ...]] | None]


@contextmanager
def private_bus(tmp: Path) -> Iterator[str]:
    """A dbus-daemon of our own; yields its address. Skips (saying why) without one."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("needs dbus-daemon (apt: dbus; bash packaging/dev-env.sh --test)")
    tmp.mkdir(parents=True, exist_ok=True)
    config = tmp / "bus.conf"
    config.write_text(CONFIG.format(dir=tmp))
    proc = subprocess.Popen([daemon, f"--config-file={config}", "--nofork", "--print-address=1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 15)
        address = proc.stdout.readline().decode().strip() if ready else ""
        if not address:
            pytest.fail(f"dbus-daemon gave no address: {proc.stderr.read().decode() if proc.stderr else ''}")
        yield address
    finally:
        proc.terminate()
        proc.wait(10)


class ServiceError(Exception):
    def __init__(self, name: str, text: str) -> None:
        super().__init__(text)
        self.name = name


class TestService:
    __test__ = False  # not a pytest test class

    def __init__(self, address: str, name: str, *, enable_fds: bool = False) -> None:
        self.address = address
        self.name = name
        self.conn: DBusConnection = open_dbus_connection(address, enable_fds=enable_fds)
        self.methods: dict[tuple[str, str, str], Handler] = {}
        self.properties: dict[tuple[str, str], dict[str, tuple[str, Any]]] = {}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        # Run once the current call's reply is sent (a Response signal that must follow
        # its handle, closing our copy of a descriptor handed out).
        self.after_reply: list[Callable[[], None]] = []
        self.called = threading.Condition()
        self._thread = threading.Thread(target=self._serve, name=f"test-service {name}", daemon=True)

    def method(self, path: str, interface: str, member: str, handler: Handler) -> None:
        self.methods[(path, interface, member)] = handler

    def start(self) -> "TestService":
        self._request_name()
        self._thread.start()
        return self

    def _request_name(self) -> None:
        serial = next(self.conn.outgoing_serial)
        self.conn.send(message_bus.RequestName(self.name, 4), serial=serial)  # 4: do not queue
        while True:
            msg = self.conn.receive(timeout=10)
            if msg.header.fields.get(HeaderFields.reply_serial) == serial:
                assert msg.body == (1,), f"could not own {self.name}: {msg.body}"
                return

    def stop(self) -> None:
        self.conn.interrupt()
        self._thread.join(10)
        self.conn.close()

    def emit(self, path: str, interface: str, member: str, signature: str | None, body: tuple[Any, ...],
             destination: str | None = None) -> None:
        msg = new_signal(DBusAddress(path, interface=interface), member, signature, body)
        if destination is not None:
            msg.header.fields[HeaderFields.destination] = destination
        self.conn.send(msg)

    def wait_for_call(self, member: str, count: int = 1, timeout: float = 10) -> list[tuple[Any, ...]]:
        """The bodies of the calls to `member`, once there are `count` of them."""
        with self.called:
            ok = self.called.wait_for(lambda: len(self.bodies(member)) >= count, timeout)
        assert ok, f"{self.name}.{member} was called {len(self.bodies(member))} times, expected {count}"
        return self.bodies(member)

    def bodies(self, member: str) -> list[tuple[Any, ...]]:
        return [body for name, body in list(self.calls) if name == member]

    # -- the service's thread -------------------------------------------------------

    def _serve(self) -> None:
        while True:
            try:
                msg = self.conn.receive()
            except (ReceiveStopped, OSError, ValueError):
                return
            if msg.header.message_type is MessageType.method_call:
                self._answer(msg)

    def _answer(self, msg: Message) -> None:
        fields = msg.header.fields
        path, interface, member = fields.get(HeaderFields.path), fields.get(HeaderFields.interface), fields[HeaderFields.member]
        try:
            if interface == "org.freedesktop.DBus.Properties":
                reply = self._property_call(path, member, msg.body)
            else:
                handler = self.methods.get((path, interface, member))
                if handler is None:
                    raise ServiceError("org.freedesktop.DBus.Error.UnknownMethod", f"no {interface}.{member} at {path}")
                reply = handler(msg)
            signature, body = reply if reply is not None else (None, ())
            self.conn.send(new_method_return(msg, signature, body))
        except ServiceError as exc:
            self.conn.send(new_error(msg, exc.name, "s", (str(exc),)))
        after, self.after_reply = self.after_reply, []
        for step in after:
            step()
        with self.called:
            self.calls.append((member, msg.body))
            self.called.notify_all()

    def _property_call(self, path: str, member: str, body: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
        props = self.properties.get((path, body[0]))
        if props is None:
            raise ServiceError("org.freedesktop.DBus.Error.UnknownInterface", f"no {body[0]} at {path}")
        if member == "Get":
            if body[1] not in props:
                raise ServiceError("org.freedesktop.DBus.Error.UnknownProperty", body[1])
            return "v", (props[body[1]],)
        if member == "GetAll":
            return "a{sv}", (dict(props),)
        raise ServiceError("org.freedesktop.DBus.Error.PropertyReadOnly", member)


@contextmanager
def serving(service: "TestService") -> Iterator["TestService"]:
    """The service, started for the block and stopped after it."""
    service.start()
    try:
        yield service
    finally:
        service.stop()


def sender_of(msg: Message) -> str:
    return msg.header.fields[HeaderFields.sender]


def unused_fd_pair() -> tuple[int, int]:
    """A pipe: the write end is handed out as an inhibitor; the read end tells when
    every copy of it is closed (select says readable, read gives b"")."""
    return os.pipe()
