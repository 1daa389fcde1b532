"""A progress bar on the terminal, for work on large files.

Drawn on stderr, and only when stderr is a terminal (a pipe or a log file gets
nothing), only for work of at least `minimum` steps, at most ten times a second;
`done()` blanks the line so the summary that follows starts clean. The bar is our
own text, so it goes past the output guard (cli/terminal.py), which would show its
carriage returns instead of letting them move the cursor; it uses nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30


class Bar:
    def __init__(self, stream: TextIO, label: str, *, minimum: int = 1000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        from .terminal import SafeOutput

        self.stream = stream.stream if isinstance(stream, SafeOutput) else stream
        self.label, self.minimum, self.clock = label, minimum, clock
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._last = float("-inf")
        self._width = 0   # of the last line drawn

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        now = self.clock()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = WIDTH * done // total if total else WIDTH
        percent = 100 * done // total if total else 100
        line = f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {percent:3d}% {done:,}/{total:,}"
        self.stream.write("\r" + line)
        self.stream.flush()
        self._width = len(line)

    def done(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
