"""How long the person has been away from the keyboard, where the platform says.

The sources, in the order they are tried (`candidates()`):
- the desktop over D-Bus: GNOME's Mutter IdleMonitor (X11 and Wayland), then — after
  X11, which is exact where it applies — the freedesktop/KDE ScreenSaver
  (stint.desktop.idle_monitor; they answer asynchronously through `query(answer)`);
- the X11 screensaver extension (libXss), only in an X11 session: under XWayland it
  would see only X clients' input;
- Windows' GetLastInputInfo; macOS' HID idle time through CoreGraphics (no process
  spawned per poll).
The first that answers with a number is used (`first_answering`), and Settings names
it; when none does, idle detection is reported as unavailable rather than guessed.
Synchronous sources have `seconds_idle()`; `ask()` calls either kind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..desktop.bus import Bus

log = logging.getLogger("stint.ui.idle")


class IdleSource(Protocol):
    name: str

    def seconds_idle(self) -> float | None:
        """Seconds since the last keyboard or mouse input; None if it cannot be told now."""


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong), ("state", ctypes.c_int), ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong), ("idle", ctypes.c_ulong), ("eventMask", ctypes.c_ulong),
    ]


class X11Idle:
    name = "X11 screensaver extension"

    def __init__(self) -> None:
        xlib = ctypes.util.find_library("X11")
        xss = ctypes.util.find_library("Xss")
        if not (xlib and xss):
            raise OSError("libX11 or libXss is not installed")
        self._x = ctypes.cdll.LoadLibrary(xlib)
        self._xss = ctypes.cdll.LoadLibrary(xss)
        self._x.XOpenDisplay.restype = ctypes.c_void_p
        self._x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x.XDefaultRootWindow.restype = ctypes.c_ulong
        self._x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self._xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        self._xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XScreenSaverInfo)]
        self._xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        self._display = self._x.XOpenDisplay(None)
        if not self._display:
            raise OSError("cannot open the X display")
        event, error = ctypes.c_int(), ctypes.c_int()
        if not self._xss.XScreenSaverQueryExtension(self._display, ctypes.byref(event), ctypes.byref(error)):
            raise OSError("the X server has no screensaver extension")
        self._root = self._x.XDefaultRootWindow(self._display)
        self._info = self._xss.XScreenSaverAllocInfo()

    def seconds_idle(self) -> float | None:
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return self._info.contents.idle / 1000.0


class WindowsIdle:
    name = "Windows GetLastInputInfo"

    def __init__(self) -> None:
        class LastInputInfo(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        self._info = LastInputInfo()
        self._info.cbSize = ctypes.sizeof(LastInputInfo)
        self._user32 = ctypes.windll.user32  # type: ignore[attr-defined]
        self._kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        self._kernel32.GetTickCount.restype = ctypes.c_uint

    def seconds_idle(self) -> float | None:
        if not self._user32.GetLastInputInfo(ctypes.byref(self._info)):
            return None
        # Both are 32-bit millisecond tick counts; the subtraction wraps like them.
        return ((self._kernel32.GetTickCount() - self._info.dwTime) & 0xFFFFFFFF) / 1000.0


class MacIdle:
    """CGEventSourceSecondsSinceLastEventType(HID system state, any input event): the
    HID idle time `ioreg` shows, read in-process. `library` is CoreGraphics' path."""

    name = "macOS HID idle time"
    HID_SYSTEM_STATE = 1
    ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType, ~0

    def __init__(self, library: str | None = None) -> None:
        path = library or ctypes.util.find_library("CoreGraphics") or \
            "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
        self._cg = ctypes.cdll.LoadLibrary(path)
        self._since = self._cg.CGEventSourceSecondsSinceLastEventType
        self._since.restype = ctypes.c_double
        self._since.argtypes = [ctypes.c_int32, ctypes.c_uint32]

    def seconds_idle(self) -> float | None:
        seconds = float(self._since(self.HID_SYSTEM_STATE, self.ANY_INPUT_EVENT))
        return seconds if seconds >= 0 else None


def ask(source: Any, answer: Callable[[float | None], None]) -> None:
    """Ask `source` for the idle seconds; `answer` gets them now or later."""
    query = getattr(source, "query", None)
    if query is not None:
        query(answer)
    else:
        answer(source.seconds_idle())


class _Asked:
    """A synchronous source in the asynchronous shape (for first_answering)."""

    def __init__(self, source: IdleSource) -> None:
        self.source = source
        self.name = source.name

    def query(self, answer: Callable[[float | None], None]) -> None:
        answer(self.source.seconds_idle())


def candidates(platform_name: str, session_bus: "Bus | None",
               env: Mapping[str, str] | None = None) -> list[Any]:
    """The sources worth trying on this session, best first (see the module's doc)."""
    env = os.environ if env is None else env
    found: list[Any] = []
    dbus: dict[str, Any] = {}
    if session_bus is not None:
        from ..desktop.idle_monitor import MUTTER, SCREENSAVER, DBusIdle

        dbus = {"mutter": DBusIdle(session_bus, MUTTER), "screensaver": DBusIdle(session_bus, SCREENSAVER)}
        found.append(dbus["mutter"])
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    make = _native(platform_name, bool(env.get("DISPLAY")), wayland)
    if make is not None:
        try:
            found.append(_Asked(make()))
        except (OSError, AttributeError) as exc:
            log.info("idle detection: %s", exc)
    if "screensaver" in dbus:
        found.append(dbus["screensaver"])
    return found


def first_answering(candidates: Sequence[Any], done: Callable[[Any | None], None]) -> None:
    """Try each source in order (anything with `query(answer)`); `done` gets the first
    that answers with a number, or None when none does."""
    remaining = list(candidates)

    def next_one() -> None:
        if not remaining:
            done(None)
            return
        source = remaining.pop(0)

        def answered(seconds: float | None) -> None:
            if seconds is None:
                next_one()
            else:
                done(source)

        source.query(answered)

    next_one()


def _native(platform_name: str, display: bool, wayland: bool) -> Callable[[], IdleSource] | None:
    if sys.platform == "win32":
        return WindowsIdle
    if sys.platform == "darwin":
        return MacIdle
    if platform_name == "xcb" and display and not wayland:
        return X11Idle
    return None


def detect(platform_name: str) -> IdleSource | None:
    """The synchronous source for this session (no D-Bus), or None."""
    make = _native(platform_name, bool(os.environ.get("DISPLAY")), os.environ.get("XDG_SESSION_TYPE") == "wayland")
    if make is None:
        log.info("no native idle source on the %r platform", platform_name)
        return None
    try:
        return make()
    except (OSError, AttributeError) as exc:
        log.info("idle detection unavailable: %s", exc)
        return None
