"""The sync states' words (domain/sync_state.py) in the interface's language: the
same English template the CLI prints, translated, then filled."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from ..domain.sync_state import CONTEXT, AccountSync, Words, describe, describe_refused


def say(words: Words) -> str:
    return QCoreApplication.translate(CONTEXT, words.template).format(**words.values)


def account_lines(account: AccountSync, tz: tzinfo, now: datetime) -> list[str]:
    """How `account` syncs, and its refused changes if any."""
    lines = [say(describe(account, tz, now))]
    refused = describe_refused(account)
    if refused is not None:
        lines.append(say(refused))
    return lines
