"""What a list read does with a reply whose records are spoiled (the fakes'
"wrong_types" and "missing_fields"): the envelope is fine, every record in it is
not, so each is skipped and named — none is passed on as if it had been read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stint.backends.base import BadResponse, Listing, TaskTime

SPOILED_RECORDS = ("wrong_types", "missing_fields")


def assert_records_skipped(call: Callable[[], Any]) -> None:
    """The call either refuses the reply as a whole (its envelope was spoiled too)
    or answers with nothing read and every spoiled record named."""
    try:
        result = call()
    except BadResponse:
        return
    if isinstance(result, Listing):
        assert not result and result.skipped, result
    elif isinstance(result, TaskTime):
        assert not result.entries and result.skipped, result
    else:  # check() and active_timer(): what a list of nothing readable says
        assert result is None or isinstance(result, str)
