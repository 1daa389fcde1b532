"""Plain values shared by every layer: statuses, tasks and entries as the user sees them."""

from __future__ import annotations

from typing import NamedTuple


class StatusSpec(NamedTuple):
    name: str
    label: str
    color: str
    is_done: bool
    position: int


# The statuses of local-only tasks. Server accounts bring their own.
LOCAL_STATUSES: tuple[StatusSpec, ...] = (
    StatusSpec("TO_DO", "To do", "#6c757d", False, 1),
    StatusSpec("IN_PROGRESS", "In progress", "#0d6efd", False, 2),
    StatusSpec("REVIEW", "Review", "#ffc107", False, 3),
    StatusSpec("DONE", "Done", "#198754", True, 4),
    StatusSpec("CANCELLED", "Cancelled", "#adb5bd", True, 5),
)

STARTED_STATUS = "IN_PROGRESS"
INITIAL_STATUS = "TO_DO"

# Entry sync states, as shown in listings.
SYNC_LOCAL = "local"            # belongs to a local-only task: nothing to push
SYNC_PENDING = "pending"        # an op for it waits in the outbox
SYNC_SYNCED = "synced"          # the server holds it
SYNC_LOCAL_ONLY = "local-only"  # the server cannot hold it (e.g. a live-timer-only API)
SYNC_FAILED = "failed"          # the server rejected an op for it
SYNC_CONFLICT = "conflict"      # both sides changed it
