"""Adapters for task servers, behind one protocol (see base.py for the error tree).

Only the sync engine and account setup import this package, off the start-up path.
"""

from stint.backends.base import (
    AlreadyRunning,
    AuthRejected,
    Backend,
    BackendError,
    BadResponse,
    Capabilities,
    Changes,
    CreatedTask,
    InvalidURL,
    NotRunning,
    Offline,
    RateLimited,
    Rejected,
    RemoteEntry,
    RemoteStatus,
    RemoteTask,
    RemoteTimer,
    Secret,
    ServerError,
    TaskDay,
    TaskTime,
    Unsupported,
)
from stint.backends.http import check_url, error_for_status, make_client, send

__all__ = [
    "AlreadyRunning",
    "AuthRejected",
    "Backend",
    "BackendError",
    "BadResponse",
    "Capabilities",
    "Changes",
    "CreatedTask",
    "InvalidURL",
    "NotRunning",
    "Offline",
    "RateLimited",
    "Rejected",
    "RemoteEntry",
    "RemoteStatus",
    "RemoteTask",
    "RemoteTimer",
    "Secret",
    "ServerError",
    "TaskDay",
    "TaskTime",
    "Unsupported",
    "check_url",
    "error_for_status",
    "make_client",
    "send",
]
