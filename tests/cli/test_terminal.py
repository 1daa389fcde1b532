"""The output guard, colour and width decisions, and the CLI's words for states."""

from __future__ import annotations

import io
import json

import pytest

from stint.cli import render
from stint.cli.terminal import RESET, STYLES, SafeOutput, Terminal, guarded, terminal_for


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def written(text: str, colour: bool = False) -> str:
    out = io.StringIO()
    SafeOutput(out, Terminal(colour=colour)).write(text)
    return out.getvalue()


@pytest.mark.parametrize(
    "text,shown",
    [
        ("clear\x1b[2J", "clear\\u001b[2J"),
        ("title\x1b]0;owned\x07", "title\\u001b]0;owned\\u0007"),
        ("csi\x9b2J", "csi\\u009b2J"),
        ("over\rwrite", "over\\u000dwrite"),
        ("bidi \u202etxt.exe", "bidi \\u202etxt.exe"),
        ("line\nand\ttab", "line\nand\ttab"),
        ("csv\r\n", "csv\r\n"),
    ],
)
def test_controls_are_made_visible_and_inert(text: str, shown: str) -> None:
    assert written(text) == shown


def test_only_our_colour_codes_pass_and_only_with_colour() -> None:
    ours = f"{STYLES['warn']}late{RESET}"
    assert written(ours, colour=True) == ours
    assert written(ours, colour=False) == "\\u001b[33mlate\\u001b[0m"
    assert written("\x1b[2J", colour=True) == "\\u001b[2J"  # not one of ours


def test_json_through_the_guard_stays_valid_and_exact() -> None:
    value = {"title": "a\x1b[2Jb\x9bc\u202ed"}
    out = io.StringIO()
    json.dump(value, SafeOutput(out), ensure_ascii=False)
    assert "\x9b" not in out.getvalue() and "\u202e" not in out.getvalue()
    assert json.loads(out.getvalue()) == value


@pytest.mark.parametrize(
    "tty,env,colour,width",
    [
        (False, {}, False, None),
        (True, {"COLUMNS": "100"}, True, 100),
        (True, {"NO_COLOR": "1", "COLUMNS": "100"}, False, 100),
        (True, {"TERM": "dumb", "COLUMNS": "100"}, False, 100),
        (False, {"FORCE_COLOR": "1", "COLUMNS": "72"}, True, 72),
        (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, None),
        (False, {"COLUMNS": "wide"}, False, None),
    ],
)
def test_colour_and_width(tty: bool, env: dict[str, str], colour: bool, width: int | None) -> None:
    stream = FakeTTY() if tty else io.StringIO()
    assert terminal_for(stream, env) == Terminal(colour, width)


def test_guarding_twice_is_guarding_once() -> None:
    once = guarded(io.StringIO(), {})
    assert guarded(once, {}) is once  # type: ignore[arg-type]


def test_the_cli_names_states_as_the_app_does() -> None:
    assert render.account_state("needs_signin") == "sign in again"
    assert render.account_state("error") == "sync error"
    assert render.op_kind("create_entry") == "add entry" and render.op_kind("set_status") == "change status"
    assert render.sync_state("pending") == "waiting to sync" and render.sync_state("local-only") == "local only"
    assert render.plural(1, "change") == "1 change" and render.plural(0, "change") == "0 changes"
    assert render.plural(2, "entry", "entries") == "2 entries"
    assert render.clean_line("  failed: x\nFAKE\x1b[2J") == "  failed: x FAKE[2J"
