"""The terminal progress bar: only on a terminal, only for large work, at most ten
draws a second, cleared at the end."""

from __future__ import annotations

import io

from stint.cli.progress import Bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_drawn_on_a_terminal_throttled_and_cleared() -> None:
    stream, ticks = Terminal(), Ticks()
    bar = Bar(stream, "Reading", minimum=10, clock=ticks)
    bar(5, 20)
    bar(6, 20)          # within 0.1 s of the last draw: skipped
    ticks.now = 0.5
    bar(10, 20)
    bar(20, 20)         # the last step is always drawn
    bar.done()
    draws = stream.getvalue().split("\r")[1:]
    assert draws == [
        "Reading [#######.......................]  25% 5/20",
        "Reading [###############...............]  50% 10/20",
        "Reading [##############################] 100% 20/20",
        " " * len("Reading [##############################] 100% 20/20"),
        "",
    ]


def test_nothing_for_small_work_or_off_a_terminal() -> None:
    small, piped = Terminal(), io.StringIO()
    Bar(small, "Reading", minimum=1000)(10, 999)
    bar = Bar(piped, "Reading", minimum=1)
    bar(1, 2)
    bar.done()
    assert small.getvalue() == "" and piped.getvalue() == ""
