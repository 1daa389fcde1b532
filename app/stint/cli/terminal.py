"""Where a command's output goes: colour and width for a terminal, and a guard that
keeps text from people and servers from talking to the terminal.

Colour is on when the output is a terminal, off for pipes and files, and off whenever
NO_COLOR is set (no-color.org) or TERM is "dumb"; FORCE_COLOR turns it on for a
non-terminal (the app's hand-off sets it for a CLI whose own output is a terminal).
The width is $COLUMNS, else the terminal's; a pipe has no width limit.

Every command writes through `SafeOutput`: whatever reaches it — titles, notes, a
server's error message, JSON — has its control characters made visible and inert
(ESC becomes the text "\\u001b"; in JSON that is the same string, still valid), so no
escape sequence, bell, carriage return or bidi override from data reaches the
terminal. Only the few colour codes below pass, and only when colour is on. Line ends
("\\n", and CSV's "\\r\\n") and tabs pass as they are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, NamedTuple, TextIO

RESET = "\x1b[0m"
STYLES = {
    "title": "\x1b[1m", "head": "\x1b[1m", "total": "\x1b[1m", "dim": "\x1b[2m",
    "error": "\x1b[31m", "running": "\x1b[32m", "ok": "\x1b[32m", "warn": "\x1b[33m", "name": "\x1b[36m",
}
_OURS = sorted({*STYLES.values(), RESET}, key=len, reverse=True)
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_UNSAFE = re.compile("|".join(re.escape(code) for code in _OURS) + r"|\r\n|" + _CONTROL)
_IS_CONTROL = re.compile(_CONTROL)


class Terminal(NamedTuple):  # not a dataclass: every command makes one, and dataclasses imports inspect
    colour: bool = False
    width: int | None = None

    def paint(self, style: str, text: str) -> str:
        code = STYLES.get(style)
        return f"{code}{text}{RESET}" if self.colour and code and text else text


PLAIN = Terminal()


def terminal_for(stream: TextIO, env: Mapping[str, str]) -> Terminal:
    tty = _isatty(stream)
    colour = (tty or bool(env.get("FORCE_COLOR"))) and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
    width: int | None = None
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif tty:
        try:
            width = os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            width = None
    return Terminal(colour, width)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class SafeOutput:
    """A text stream that neutralises control characters on their way out (see the
    module docstring). `terminal` says how to paint and how wide to draw."""

    def __init__(self, stream: TextIO, terminal: Terminal = PLAIN) -> None:
        self.stream = stream
        self.terminal = terminal

    def write(self, text: str) -> int:
        colour = self.terminal.colour

        def neutral(match: re.Match[str]) -> str:
            found = match.group()
            if found == "\r\n" or (colour and len(found) > 1):
                return found
            return _IS_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", found)

        return self.stream.write(_UNSAFE.sub(neutral, text))

    def flush(self) -> None:
        self.stream.flush()

    @property
    def buffer(self) -> Any:
        """The binary stream under a real stdout (XLSX and PDF go there as they are)."""
        return getattr(self.stream, "buffer", None)

    def isatty(self) -> bool:
        return _isatty(self.stream)

    def fileno(self) -> int:
        return self.stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def guarded(stream: TextIO, env: Mapping[str, str]) -> SafeOutput:
    """`stream` behind a SafeOutput that knows its terminal (an already guarded stream
    is returned as it is)."""
    if isinstance(stream, SafeOutput):
        return stream
    return SafeOutput(stream, terminal_for(stream, env))


def terminal_of(stream: Any) -> Terminal:
    return getattr(stream, "terminal", PLAIN)
