"""Blocking work (exports, a sync cycle) on a thread pool, reported back by signals.

    job = Job(lambda: export_file(sheet, "pdf", path), "export")
    job.succeeded.connect(...)   # the function's return value
    job.failed.connect(...)      # a message fit for the user
    job.finished.connect(...)    # always, after succeeded or failed
    job.start()                  # connect first: a quick job may end before you do

or `run_in_background(fn, on_success=..., on_failure=..., on_finished=...)`.

The function must not touch widgets or share a Session with the GUI thread; it gets
nothing from Qt and returns a plain value. The returned `Job` is kept alive by
`ACTIVE` until it has finished, so callers may drop their reference.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..domain.errors import StintError

log = logging.getLogger(__name__)
ACTIVE: set["Job"] = set()


class Job(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, fn: Callable[[], Any], description: str = "") -> None:
        super().__init__()
        self.fn = fn
        self.description = description or getattr(fn, "__name__", "job")
        self.result: Any = None
        self.error: str | None = None
        # Delivered on the GUI thread (where this object lives) after the worker emits.
        self.finished.connect(lambda: ACTIVE.discard(self))

    def start(self, pool: QThreadPool | None = None) -> "Job":
        ACTIVE.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        job = self.job
        try:
            job.result = job.fn()
        except StintError as exc:
            job.error = str(exc)
        except OSError as exc:
            from ..store.faults import translate

            fault = translate(exc, None)  # disk full, read-only: said the same way as the CLI says it
            job.error = str(fault) if fault else f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"
        except Exception as exc:  # noqa: BLE001 - a bug, but the user still needs to hear of it
            log.exception("%s failed", job.description)
            job.error = f"{type(exc).__name__}: {exc}"
        try:
            if job.error is None:
                job.succeeded.emit(job.result)
            else:
                job.failed.emit(job.error)
            job.finished.emit()
        except RuntimeError:  # "Signal source has been deleted": the app quit meanwhile
            log.info("%s ended after the app quit", job.description)


def run_in_background(
    fn: Callable[[], Any],
    description: str = "",
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Run `fn()` on `pool` (the global one by default) with the callbacks connected."""
    job = Job(fn, description)
    if on_success is not None:
        job.succeeded.connect(on_success)
    if on_failure is not None:
        job.failed.connect(on_failure)
    if on_finished is not None:
        job.finished.connect(on_finished)
    return job.start(pool)
