"""`Gone`: the thing an op was about no longer exists for this account.

A Rejected, so an engine that knows nothing of it still fails the op visibly
(invariant 3). An engine that does know it checks `getattr(exc, "gone", False)`
(no import of a kind's module) and settles the op instead of retrying it:

- delete_entry: done (adapters already answer success for that case);
- set_status, update_entry on a gone target: done, the local task/entry is
  marked as no longer on the server;
- create_entry on a gone task: the time stays local ("local only").

Servers that hide other tenants' ids behind 404 (Gipo: "cross-org IDs return
404"; Whama: "Resource does not exist") raise this for a 404 on one resource.
It belongs in base.py beside Rejected; it lives here until that file's owner
moves it.
"""

from __future__ import annotations

from stint.backends.base import Rejected


class Gone(Rejected):
    """404 on one resource: deleted, or never visible to this credential."""

    gone = True

    def __init__(self, message: str) -> None:
        super().__init__(message, 404)


def gone_if_404(exc: Rejected, what: str) -> Rejected:
    """The error to raise for `exc`: a Gone naming `what` when the server said 404."""
    if exc.status == 404 and not isinstance(exc, Gone):
        return Gone(f"{what} is gone from the server ({exc.message})")
    return exc
