"""Secrets never reach the log: not in a message, and not in a traceback or a stack
attached to a record."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from stint import logs

SECRET = "tok-7f3a9c2e5b1d"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger("stint")
    before = list(root.handlers)
    logs.register_secret(SECRET)
    logs.setup(tmp_path / "logs")
    yield tmp_path / "logs"
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def _text(log_dir: Path) -> str:
    for handler in logging.getLogger("stint").handlers:
        handler.flush()
    return (log_dir / "stint.log").read_text(encoding="utf-8")


def _fail() -> None:
    url = f"https://tasks.example.com/api?token={SECRET}"
    raise ConnectionError(f"cannot reach {url}")


@pytest.mark.log_allowed(r"^stint\.sync: token \*\*\* refused")
def test_a_message_is_redacted(log_dir: Path) -> None:
    logging.getLogger("stint.sync").warning("token %s refused", SECRET)
    text = _text(log_dir)
    assert "token *** refused" in text and SECRET not in text


@pytest.mark.log_allowed(r"^stint\.sync: sync failed")
def test_a_logged_traceback_is_redacted(log_dir: Path) -> None:
    try:
        _fail()
    except ConnectionError:
        logging.getLogger("stint.sync").exception("sync failed")
    text = _text(log_dir)
    assert "Traceback (most recent call last)" in text
    assert "ConnectionError: cannot reach https://tasks.example.com/api?token=***" in text
    assert SECRET not in text


@pytest.mark.log_allowed(r"^stint\.ui: (failed|where \w+)")
def test_a_traceback_given_as_exc_info_and_a_stack_are_redacted(log_dir: Path) -> None:
    try:
        _fail()
    except ConnectionError as exc:
        logging.getLogger("stint.ui").error("%s", "failed", exc_info=exc, stack_info=True)
    # A local variable's repr in the stack is what a stack dump could show.
    token_in_frame = SECRET  # noqa: F841
    logging.getLogger("stint.ui").warning("where %s", SECRET[:4], stack_info=True)
    text = _text(log_dir)
    assert "ConnectionError" in text and "Stack (most recent call last)" in text
    assert SECRET not in text


def test_the_crash_log_is_redacted(tmp_path: Path) -> None:
    logs.register_secret(SECRET)
    try:
        _fail()
    except ConnectionError as exc:
        where = logs.log_crash(tmp_path, exc)
    text = where.read_text(encoding="utf-8")
    assert "token=***" in text and SECRET not in text
