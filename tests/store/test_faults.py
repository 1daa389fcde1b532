"""Which errors are storage faults, and the one line each becomes. The full disk, the
read-only home and the lock are met for real in tests/cli/test_storage_faults.py."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from stint.store.db import open_engine
from stint.store.faults import DatabaseDamaged, StorageFault, translate, translating


def test_a_write_on_a_read_only_connection(home: Path) -> None:
    path = home / "stint.sqlite3"
    open_engine(path).dispose()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(StorageFault) as raised, translating(path):
            conn.execute("DELETE FROM status")
    finally:
        conn.close()
    assert str(raised.value).startswith(f"cannot write {path}: ")
    assert str(raised.value).endswith("(nothing was saved)")


def test_a_file_that_is_not_a_database(home: Path) -> None:
    path = home / "notes.sqlite3"
    path.write_bytes(b"x" * 4096)
    conn = sqlite3.connect(path)
    with pytest.raises(DatabaseDamaged) as raised, translating(path):
        conn.execute("SELECT * FROM sqlite_master")
    conn.close()
    assert raised.value.database == path and "file is not a database" in raised.value.problem


@pytest.mark.parametrize("code, expected", [
    (errno.ENOSPC, "the disk is full: cannot write /x/week.pdf (nothing was saved; free some space and try again)"),
    (errno.EDQUOT, "the disk is full: cannot write /x/week.pdf (nothing was saved; free some space and try again)"),
    (errno.EROFS, "cannot write /x/week.pdf: the file system is read-only"),
    (errno.EACCES, "cannot write /x/week.pdf: permission denied"),
    (errno.EIO, "input/output error on /x/week.pdf: the disk may be failing"),
])
def test_storage_oserrors(code: int, expected: str) -> None:
    fault = translate(OSError(code, "whatever the C library says", "/x/week.pdf"), None)
    assert str(fault) == expected


def test_what_is_not_a_storage_fault_is_left_alone(home: Path) -> None:
    assert translate(OSError(errno.ENOSPC, "No space left on device"), None) is None  # no file to name
    assert translate(FileNotFoundError(errno.ENOENT, "No such file", "/x/y"), None) is None
    assert translate(ValueError("a bug"), home) is None
    path = home / "stint.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError), translating(path):  # a rule the code relies on
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
