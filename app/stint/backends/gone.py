"""`gone_if_404`, and `Gone` re-exported from base (where it now lives beside
Rejected) for the adapters that import it from here.

What the sync engine does with a Gone (sync/push.py): delete_entry → done;
set_status or update_entry on a gone target → done, the task or entry marked as
no longer on the server; create_entry on a gone task → the time stays local.
"""

from __future__ import annotations

from stint.backends.base import Gone, Rejected

__all__ = ["Gone", "gone_if_404"]


def gone_if_404(exc: Rejected, what: str) -> Rejected:
    """The error to raise for `exc`: a Gone naming `what` when the server said 404."""
    if exc.status == 404 and not isinstance(exc, Gone):
        return Gone(f"{what} is gone from the server ({exc.message})")
    return exc
