"""Rows written straight into a test's store with sqlite3 (no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def add_account(database: Path, name: str = "work", credential: str = "env:STINT_TEST_TOKEN",
                state: str = "ok") -> int:
    """An account with a copy of the local statuses, as `account add` and a first
    sync leave it (the server is never reached in these tests)."""
    conn = sqlite3.connect(database)
    try:
        with conn:
            cur = conn.execute(
                "INSERT INTO account (name, kind, base_url, options, credential, state, cursors, created_at)"
                " VALUES (?, 'wapify', 'http://127.0.0.1:9', '{}', ?, ?, '{}', 1)", (name, credential, state))
            account_id = int(cur.lastrowid or 0)
            conn.execute("INSERT INTO status (account_id, name, label, color, position, is_done)"
                         " SELECT ?, name, label, color, position, is_done FROM status WHERE account_id IS NULL",
                         (account_id,))
        return account_id
    finally:
        conn.close()


def op_states(database: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(database)
    try:
        return [(k, s) for k, s in conn.execute("SELECT kind, state FROM outbox ORDER BY seq")]
    finally:
        conn.close()
