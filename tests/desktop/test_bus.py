"""The non-blocking D-Bus connection against a real dbus-daemon."""

from __future__ import annotations

from typing import Any

from jeepney import DBusAddress

from stint.desktop.bus import BusError, method

from .dbus_services import TestService
from .fixtures import Loop, dbus_address, loop, open_test_bus  # noqa: F401

ECHO = DBusAddress("/echo", "test.Echo", "test.Echo")


def test_a_call_answers_through_its_callback(dbus_address: str, loop: Loop) -> None:
    service = TestService(dbus_address, "test.Echo")
    service.method("/echo", "test.Echo", "Echo", lambda m: ("s", (m.body[0].upper(),)))
    service.start()
    bus = open_test_bus(loop)
    try:
        got: list[Any] = []
        bus.call(method(ECHO, "Echo", "s", ("hello",)), got.append, got.append)
        loop.run_until(bus, lambda: bool(got))
        assert got == [("HELLO",)]
        bus.call(method(ECHO, "Missing"), got.append, got.append)
        loop.run_until(bus, lambda: len(got) == 2)
        assert isinstance(got[1], BusError) and got[1].name == "org.freedesktop.DBus.Error.UnknownMethod"
    finally:
        bus.close()
        service.stop()


def test_a_call_to_nobody_fails_without_blocking(dbus_address: str, loop: Loop) -> None:
    bus = open_test_bus(loop)
    try:
        errors: list[BusError] = []
        bus.call(method(ECHO, "Echo", "s", ("x",)), lambda _b: None, errors.append)
        loop.run_until(bus, lambda: bool(errors))
        assert errors[0].name == "org.freedesktop.DBus.Error.ServiceUnknown"
    finally:
        bus.close()


def test_a_call_nobody_answers_times_out(dbus_address: str, loop: Loop) -> None:
    service = TestService(dbus_address, "test.Echo")
    service.method("/echo", "test.Echo", "Echo", lambda m: ("s", ("late",)))
    # Owned but never served: the service thread is not started.
    service._request_name()
    bus = open_test_bus(loop)
    try:
        errors: list[BusError] = []
        bus.call(method(ECHO, "Echo", "s", ("x",)), lambda _b: None, errors.append, timeout=0.2)
        loop.run_until(bus, lambda: bool(errors))
        assert errors[0].name == "stint.Timeout"
    finally:
        bus.close()
        service.conn.close()


def test_signals_are_taken_only_from_the_names_owner(dbus_address: str, loop: Loop) -> None:
    real = TestService(dbus_address, "test.Echo").start()
    impostor = TestService(dbus_address, "test.Other").start()
    bus = open_test_bus(loop)
    try:
        seen: list[tuple[Any, ...]] = []
        markers: list[tuple[Any, ...]] = []
        bus.subscribe(lambda m: seen.append(m.body), sender="test.Echo", interface="test.Echo", member="Ping")
        bus.subscribe(lambda m: markers.append(m.body), sender=None, interface="test.Echo", member="Marker")
        # Subscribed once the bus has answered the AddMatch and GetNameOwner calls.
        loop.run_until(bus, lambda: bus.owner("test.Echo") is not None)
        impostor.emit("/echo", "test.Echo", "Ping", "s", ("forged",), destination=bus.unique_name)
        # One connection's messages arrive in order: once the marker is here, so was the forgery.
        impostor.emit("/echo", "test.Echo", "Marker", "s", ("after",), destination=bus.unique_name)
        loop.run_until(bus, lambda: bool(markers))
        real.emit("/echo", "test.Echo", "Ping", "s", ("real",))
        loop.run_until(bus, lambda: bool(seen))
        assert seen == [("real",)]
    finally:
        bus.close()
        real.stop()
        impostor.stop()
