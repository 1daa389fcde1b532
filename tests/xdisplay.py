"""A virtual X display with a freedesktop tray host, for the tests that need a real
tray: Xvfb picks a free display and reports it on a pipe, then trayer docks at the
top right and owns the tray selection."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest

BASE_TOOLS = ("Xvfb", "trayer", "xdotool")


@contextmanager
def tray_display(
    tools: Sequence[str] = BASE_TOOLS, hint: str = "bash packaging/dev-env.sh --test"
) -> Iterator[dict[str, str]]:
    """Yield the environment additions (DISPLAY, QT_QPA_PLATFORM) of a fresh display
    with a tray host; skip the test, saying why, when a tool is missing."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} ({hint})")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    trayer = None
    try:
        ready, _, _ = select.select([read_fd], [], [], 15)
        number = os.read(read_fd, 32).decode().strip() if ready else ""
        if not number:
            pytest.fail("Xvfb did not report a display")
        display = {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
        env = {**os.environ, **display}
        env.pop("WAYLAND_DISPLAY", None)
        trayer = subprocess.Popen(["trayer", "--SetDockType", "true", "--edge", "top", "--align", "right",
                                   "--widthtype", "request", "--height", "32"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        yield display
    finally:
        os.close(read_fd)
        for proc in (trayer, xvfb):
            if proc is not None:
                proc.terminate()
                proc.wait(10)
