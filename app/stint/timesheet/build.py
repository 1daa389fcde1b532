"""The weekly timesheet from the local record."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy import Engine

from ..domain.timesheet import Rounding, Timesheet, build
from ..domain.weeks import make_week
from ..store.db import transaction
from ..store.queries import spans_between


def weekly(
    engine: Engine,
    year: int,
    number: int,
    *,
    tz: tzinfo,
    now: datetime,
    week_start: int = 0,
    rounding: Rounding | None = None,
) -> Timesheet:
    week = make_week(year, number, tz, week_start)
    with transaction(engine) as s:
        spans = spans_between(s, week.start, week.end)
    return build(spans, week, now, rounding)
