"""A progress bar on the terminal, for work on large files.

Drawn on stderr, and only when stderr is a terminal (a pipe or a log file gets
nothing), only for work of at least `minimum` steps, at most ten times a second;
`done()` clears the line so the summary that follows starts clean.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30


class Bar:
    def __init__(self, stream: TextIO, label: str, *, minimum: int = 1000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.label, self.minimum, self.clock = stream, label, minimum, clock
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._last = float("-inf")
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        now = self.clock()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = WIDTH * done // total if total else WIDTH
        percent = 100 * done // total if total else 100
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {percent:3d}% "
                          f"{done:,}/{total:,}")
        self.stream.flush()
        self._drawn = True

    def relabel(self, label: str) -> None:
        self.label = label

    def done(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
