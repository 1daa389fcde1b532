"""One D-Bus connection that never blocks its caller after it is open.

`Bus.open()` connects and authenticates (a local socket: well under a millisecond,
bounded by a timeout), then everything is asynchronous: `call()` sends and returns at
once, the reply (or error, or timeout) comes back through callbacks; `subscribe()`
delivers signals. The owner of the event loop calls `read()` whenever the socket
(`fileno()`) is readable, and supplies `call_later(seconds, fn)` for timeouts.

Signals are accepted only from the current owner of the well-known name they were
subscribed from (tracked with GetNameOwner and NameOwnerChanged): the bus filters
broadcasts by sender, but a unicast signal addressed to us bypasses match rules, and
on the system bus anyone may send one.
"""

from __future__ import annotations

import logging
import selectors
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message, MessageFlag, MessageType, Parser, new_error, new_method_call
from jeepney.bus import get_bus
from jeepney.bus_messages import MatchRule, message_bus
from jeepney.fds import FileDescriptor, fds_buf_size
from jeepney.io.blocking import prep_socket

log = logging.getLogger("stint.desktop.bus")

CallLater = Callable[[float, Callable[[], None]], None]
OnReply = Callable[[tuple[Any, ...]], None]
OnError = Callable[["BusError"], None]
OnSignal = Callable[[Message], None]

CALL_TIMEOUT_S = 5.0
SEND_TIMEOUT_S = 1.0
BUS_NAME = "org.freedesktop.DBus"


class BusError(Exception):
    """A D-Bus error reply, a timeout, or a lost connection. `name` is the D-Bus
    error name (e.g. org.freedesktop.DBus.Error.ServiceUnknown)."""

    def __init__(self, name: str, text: str = "") -> None:
        super().__init__(f"{name}: {text}" if text else name)
        self.name = name
        self.text = text


@dataclass
class Subscription:
    rule: MatchRule
    handler: OnSignal
    sender: str | None
    bus: "Bus" = field(repr=False)
    active: bool = True

    def cancel(self) -> None:
        if self.active:
            self.active = False
            self.bus._unsubscribe(self)


def method(address: DBusAddress, name: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> Message:
    return new_method_call(address, name, signature, body)


class Bus:
    def __init__(self, sock: socket.socket, *, call_later: CallLater, enable_fds: bool = False) -> None:
        self.sock = sock
        self.enable_fds = enable_fds
        self.call_later = call_later
        self.unique_name = ""
        self.closed = False
        self._parser = Parser()
        self._serial = 0
        self._pending: dict[int, tuple[OnReply | None, OnError | None]] = {}
        self._subscriptions: list[Subscription] = []
        self._owners: dict[str, str | None] = {}
        self._on_lost: list[Callable[[], None]] = []

    @classmethod
    def open(cls, which: str = "SESSION", *, call_later: CallLater, enable_fds: bool = False,
             timeout: float = 1.0) -> "Bus":
        """Connect to the session or system bus (or an address). Raises OSError,
        KeyError (no session bus address), RuntimeError or TimeoutError when it cannot."""
        sock = prep_socket(get_bus(which), enable_fds, timeout=timeout)
        bus = cls(sock, call_later=call_later, enable_fds=enable_fds)
        try:
            bus._hello(timeout)
        except BaseException:
            sock.close()
            raise
        return bus

    def _hello(self, timeout: float) -> None:
        serial = self._send(message_bus.Hello())
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(self.sock, selectors.EVENT_READ)
            while True:
                msg = self._parser.get_next_message()
                if msg is not None:
                    if msg.header.fields.get(HeaderFields.reply_serial) == serial:
                        self.unique_name = msg.body[0]
                        break
                    continue
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    raise TimeoutError("the bus did not answer Hello")
                self._receive_some()
        self.sock.setblocking(False)

    # -- the event loop's side ---------------------------------------------------

    def fileno(self) -> int:
        return self.sock.fileno()

    def on_lost(self, callback: Callable[[], None]) -> None:
        self._on_lost.append(callback)

    def read(self) -> None:
        """Read whatever the socket holds and dispatch every complete message."""
        while not self.closed:
            try:
                if not self._receive_some():
                    return
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                self._lose(f"read failed: {exc}")
                return
            while not self.closed:
                msg = self._parser.get_next_message()
                if msg is None:
                    break
                self._dispatch(msg)

    def _receive_some(self) -> bool:
        if self.enable_fds:
            data, ancdata, _flags, _addr = self.sock.recvmsg(max(self._parser.bytes_desired(), 16), fds_buf_size())
            fds = FileDescriptor.from_ancdata(ancdata)
        else:
            data, fds = self.sock.recv(65536), []
        if not data:
            self._lose("the bus closed the connection")
            return False
        self._parser.add_data(data, fds=fds)
        return True

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.sock.close()
            self._fail_pending("the connection was closed")

    def _lose(self, why: str) -> None:
        log.info("D-Bus connection lost: %s", why)
        self.close()
        for callback in self._on_lost:
            callback()

    # -- calls --------------------------------------------------------------------

    def _send(self, msg: Message) -> int:
        self._serial += 1
        fds = [] if self.enable_fds else None
        data = msg.serialise(serial=self._serial, fds=fds)
        # Messages are small and the bus reads promptly: a short blocking send is
        # simpler than an output queue, and bounded.
        self.sock.settimeout(SEND_TIMEOUT_S)
        try:
            if fds:
                sent = self.sock.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, bytes(_int_array(fds)))])
                if sent < len(data):
                    self.sock.sendall(data[sent:])
            else:
                self.sock.sendall(data)
        finally:
            if not self.closed:
                self.sock.setblocking(False)
        return self._serial

    def send(self, msg: Message) -> None:
        """Send without waiting for anything (a signal, or a call whose reply we ignore)."""
        if self.closed:
            return
        try:
            self._send(msg)
        except OSError as exc:
            self._lose(f"send failed: {exc}")

    def call(self, msg: Message, on_reply: OnReply | None = None, on_error: OnError | None = None,
             timeout: float = CALL_TIMEOUT_S) -> None:
        """Send a method call; exactly one of `on_reply(body)` / `on_error(BusError)`
        runs later (an unhandled error is logged)."""
        if self.closed:
            self._deliver_error(on_error, BusError("stint.Disconnected", "no connection to the bus"))
            return
        try:
            serial = self._send(msg)
        except OSError as exc:
            self._lose(f"send failed: {exc}")
            self._deliver_error(on_error, BusError("stint.Disconnected", str(exc)))
            return
        self._pending[serial] = (on_reply, on_error)
        self.call_later(timeout, lambda: self._expire(serial))

    def _expire(self, serial: int) -> None:
        handlers = self._pending.pop(serial, None)
        if handlers is not None:
            self._deliver_error(handlers[1], BusError("stint.Timeout", "no answer in time"))

    def _fail_pending(self, why: str) -> None:
        pending, self._pending = self._pending, {}
        for _reply, on_error in pending.values():
            self._deliver_error(on_error, BusError("stint.Disconnected", why))

    @staticmethod
    def _deliver_error(on_error: OnError | None, error: BusError) -> None:
        if on_error is not None:
            on_error(error)
        else:
            log.info("D-Bus call failed: %s", error)

    # -- signals --------------------------------------------------------------------

    def subscribe(self, handler: OnSignal, *, sender: str | None, interface: str, member: str,
                  path: str | None = None, path_namespace: str | None = None) -> Subscription:
        rule = MatchRule(type="signal", sender=sender, interface=interface, member=member, path=path,
                         path_namespace=path_namespace)
        sub = Subscription(rule, handler, sender, self)
        if sender is not None and not sender.startswith(":") and sender != BUS_NAME:
            self._track_owner(sender)
        self._subscriptions.append(sub)
        self.call(message_bus.AddMatch(rule), on_error=lambda e: log.info("AddMatch %s failed: %s", member, e))
        return sub

    def _unsubscribe(self, sub: Subscription) -> None:
        if sub in self._subscriptions:
            self._subscriptions.remove(sub)
            self.call(message_bus.RemoveMatch(sub.rule), on_error=lambda _e: None)

    def _track_owner(self, name: str) -> None:
        if name in self._owners:
            return
        self._owners[name] = None
        # The owner's changes first, then its current value: the bus answers in order,
        # so no signal matched later can arrive before we know who may send it.
        rule = MatchRule(type="signal", sender=BUS_NAME, interface=BUS_NAME, member="NameOwnerChanged")
        rule.add_arg_condition(0, name)
        self.call(message_bus.AddMatch(rule), on_error=lambda _e: None)

        def found(body: tuple[Any, ...]) -> None:
            self._owners[name] = body[0]

        self.call(message_bus.GetNameOwner(name), found, lambda _e: None)

    def owner(self, name: str) -> str | None:
        return self._owners.get(name)

    # -- incoming -------------------------------------------------------------------

    def _dispatch(self, msg: Message) -> None:
        kind = msg.header.message_type
        fields = msg.header.fields
        if kind in (MessageType.method_return, MessageType.error):
            handlers = self._pending.pop(fields.get(HeaderFields.reply_serial, -1), None)
            if handlers is None:
                return
            on_reply, on_error = handlers
            if kind is MessageType.error:
                text = msg.body[0] if msg.body and isinstance(msg.body[0], str) else ""
                self._deliver_error(on_error, BusError(fields.get(HeaderFields.error_name, "?"), text))
            elif on_reply is not None:
                self._run(on_reply, msg.body)
        elif kind is MessageType.signal:
            self._signal(msg)
        elif kind is MessageType.method_call and not msg.header.flags & MessageFlag.no_reply_expected:
            # We export no objects (Qt serves its own tray item on its own connection).
            self.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("Stint exports nothing here",)))

    def _signal(self, msg: Message) -> None:
        fields = msg.header.fields
        sender = fields.get(HeaderFields.sender)
        if sender == BUS_NAME and fields.get(HeaderFields.member) == "NameOwnerChanged":
            name, _old, new = msg.body
            if name in self._owners:
                self._owners[name] = new or None
        for sub in list(self._subscriptions):
            if not sub.active or not _matches(sub.rule, msg):
                continue
            expected = sub.sender
            if expected is not None and expected != BUS_NAME and not expected.startswith(":"):
                expected = self._owners.get(expected)
            if sub.sender is not None and sender != expected:
                continue
            self._run(sub.handler, msg)

    @staticmethod
    def _run(handler: Callable[[Any], None], arg: Any) -> None:
        try:
            handler(arg)
        except Exception:  # noqa: BLE001 - one bad handler must not stop the connection
            log.exception("D-Bus handler failed")


def _matches(rule: MatchRule, msg: Message) -> bool:
    """The rule, without its sender (checked against the name's owner instead)."""
    fields = msg.header.fields
    for key, header in (("interface", HeaderFields.interface), ("member", HeaderFields.member),
                        ("path", HeaderFields.path)):
        wanted = rule.header_fields.get(key)
        if wanted is not None and fields.get(header) != wanted:
            return False
    if rule.path_namespace:
        path = fields.get(HeaderFields.path, "")
        if path != rule.path_namespace and not path.startswith(rule.path_namespace.rstrip("/") + "/"):
            return False
    return True


def _int_array(fds: list[int]) -> Any:
    import array

    return array.array("i", fds)
