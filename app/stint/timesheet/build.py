"""Reports from the local record: read the period's entries once, let the domain do the maths."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from ..domain.errors import NotFound
from ..domain.periods import Period, iso_week_period, week_period
from ..domain.timesheet import Rounding, Span, Timesheet, build
from ..store.report_reads import account_names, project_names, report_spans
from .report import Report, ReportOptions

if TYPE_CHECKING:
    from ..store.database import Database


def run(db: "Database", options: ReportOptions, now: datetime) -> Report:
    """The report `options` ask for, as the store holds it at `now`."""
    period = options.period
    return Report(options, build(spans_in(db, period), period, now, options.rounding, options.filters), now)


def spans_in(db: "Database", period: Period) -> list[Span]:
    """The entries that touch `period`, the running one included (the Day view keeps
    them to recount its running part every second without reading again)."""
    with db.read() as conn:
        return report_spans(conn, period.start, period.end)


def weekly(
    db: "Database",
    year: int,
    number: int,
    *,
    tz: tzinfo,
    now: datetime,
    week_start: int = 0,
    rounding: Rounding | None = None,
) -> Timesheet:
    """ISO week `number` of `year` as a task × day grid (the Week view's and the benchmarks')."""
    options = ReportOptions(iso_week_period(year, number, tz, week_start), rounding=rounding)
    return run(db, options, now).sheet


def tracked_today_and_week(conn: sqlite3.Connection, tz: tzinfo, now: datetime,
                           week_start: int = 0) -> tuple[str, int, int]:
    """This week's label and the seconds tracked today and this week, running timer
    included, not rounded: what `stint status` shows beside the timer. Runs inside the
    caller's read (`conn`), so it agrees with what the caller read."""
    today = now.astimezone(tz).date()
    week = week_period(today, tz, week_start)
    sheet = build(report_spans(conn, week.start, week.end), week, now)
    return week.label, sheet.day_totals[(today - week.first).days], sheet.total


def filter_names(db: "Database") -> tuple[list[str], list[str]]:
    """The project and account names a report can be filtered by (the window's choices)."""
    with db.read() as conn:
        return project_names(conn), account_names(conn)


def check_names(db: "Database", projects: Iterable[str], accounts: Iterable[str]) -> None:
    """Refuse a project or account filter that names nothing: a typo would otherwise
    give an empty report that looks like no work was done."""
    projects, accounts = list(projects), list(accounts)
    if not projects and not accounts:
        return
    with db.read() as conn:
        known_projects, known_accounts = project_names(conn), account_names(conn)
    _check("project", projects, known_projects)
    _check("account", accounts, known_accounts)


def _check(kind: str, asked: list[str], known: list[str]) -> None:
    folded = {name.casefold() for name in known}
    for name in asked:
        if name.casefold() not in folded:
            choices = f"{kind}s: {', '.join(known)}" if known else f"there is no {kind} yet"
            raise NotFound(f"no {kind} named {name!r} ({choices})")

