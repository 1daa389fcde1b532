"""A report as a person chooses it, and as it came out: plain objects, no Qt, no I/O.

    options = ReportOptions(period, detail=True, filters=Filters.of(projects=["Acme"]))
    report = build.run(db, options, now)            # timesheet/build.py reads the store
    export.write(report, "csv", stream)              # any format, grid or detail

`ReportOptions` is what the CLI's flags and the window's controls set — the period
(shifted by the window's previous/next), grid or detail, filters, rounding and the
person's name. It is immutable: each change makes a new one with `dataclasses.replace`
or the helpers below, so a view can keep the last one it drew and compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..domain.periods import Period
from ..domain.timesheet import Filters, Part, Row, Rounding, Timesheet

LAYOUTS = ("grid", "detail")


@dataclass(frozen=True)
class ReportOptions:
    period: Period
    detail: bool = False  # False: the task × day grid; True: one line per entry and day
    filters: Filters = field(default_factory=Filters)
    rounding: Rounding | None = None
    person: str = ""  # shown on HTML, PDF and XLSX when set (settings: person_name)

    @property
    def layout(self) -> str:
        return "detail" if self.detail else "grid"

    def shifted(self, steps: int) -> ReportOptions:
        """The same report for the period `steps` later (earlier when negative)."""
        return replace(self, period=self.period.shifted(steps))

    def with_layout(self, layout: str) -> ReportOptions:
        if layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}")
        return replace(self, detail=layout == "detail")


@dataclass(frozen=True)
class Report:
    """What exporters write: the options and the timesheet they gave at `made_at`."""

    options: ReportOptions
    sheet: Timesheet
    made_at: datetime

    @property
    def period(self) -> Period:
        return self.sheet.period

    @property
    def detail(self) -> bool:
        return self.options.detail

    @property
    def person(self) -> str:
        return self.options.person

    @property
    def rows(self) -> list[Row]:
        return self.sheet.rows

    @property
    def parts(self) -> list[Part]:
        return self.sheet.parts

    @property
    def days(self) -> tuple[date, ...]:
        return self.sheet.days

    @classmethod
    def of(cls, sheet: Timesheet, made_at: datetime, **options: object) -> Report:
        """A report of an already built timesheet (its period and rounding)."""
        return cls(ReportOptions(sheet.period, rounding=sheet.rounding, **options), sheet, made_at)  # type: ignore[arg-type]
