"""How long the person has been away from the keyboard, where the platform says.

`IdleSource.seconds_idle()` answers from the X11 screensaver extension (libXss),
Windows' GetLastInputInfo or macOS' HIDIdleTime. Elsewhere — Wayland, offscreen,
a missing library — `detect()` returns None and idle detection is reported as
unavailable rather than guessed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import re
import subprocess
import sys
from typing import Protocol

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
    name = "macOS HIDIdleTime"
    _pattern = re.compile(rb'"HIDIdleTime" = (\d+)')

    def seconds_idle(self) -> float | None:
        try:
            out = subprocess.run(["ioreg", "-c", "IOHIDSystem", "-d", "4"], capture_output=True,
                                 timeout=2, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
        match = self._pattern.search(out)
        return int(match.group(1)) / 1e9 if match else None


def detect(platform_name: str) -> IdleSource | None:
    """The idle source for this session, given QGuiApplication.platformName()."""
    try:
        if sys.platform == "win32":
            return WindowsIdle()
        if sys.platform == "darwin":
            return MacIdle()
        if platform_name == "xcb" and os.environ.get("DISPLAY"):
            return X11Idle()
    except (OSError, AttributeError) as exc:
        log.info("idle detection unavailable: %s", exc)
        return None
    log.info("idle detection unavailable on the %r platform", platform_name)
    return None
