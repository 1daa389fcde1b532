"""The detailed report's parts, filters and longer periods, against hand-computed values.

The grid and the detailed list come from the same rounded parts, so every test here
also checks that they agree."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.periods import Period, iso_week_period, month_period
from stint.domain.timesheet import Filters, Rounding, Span, Timesheet, build

MADRID = ZoneInfo("Europe/Madrid")
H, M = 3600, 60


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=MADRID).astimezone(timezone.utc)


def entry(key: str, start: datetime, end: datetime | None, *, project: str | None = "Acme",
          account: str | None = "work", entry_id: str = "") -> Span:
    return Span(key, f"task {key}", project, start, end, entry_id=entry_id or key, note=f"note {key}",
                account=account, sync="synced")


def agree(sheet: Timesheet) -> None:
    """The grid's cells are the sums of the detailed parts, day by day and task by task."""
    for row in sheet.rows:
        for day in range(len(sheet.days)):
            parts = [p.seconds for p in sheet.parts if p.span.task_key == row.task_key and p.day == day]
            assert row.days[day] == sum(parts)
    assert sheet.total == sum(p.seconds for p in sheet.parts)


def test_an_entry_across_midnight_is_one_part_per_day() -> None:
    # Thursday 19 November 22:30 to Friday 01:15, the example.
    sheet = build([entry("a", local(2026, 11, 19, 22, 30), local(2026, 11, 20, 1, 15))],
                  iso_week_period(2026, 47, MADRID), local(2026, 11, 25))
    thursday, friday = sheet.parts
    assert (thursday.day, thursday.start, thursday.end, thursday.seconds) == (
        3, local(2026, 11, 19, 22, 30), local(2026, 11, 20), 90 * M)
    assert (thursday.continued, thursday.continues) == (False, True)
    assert (friday.day, friday.start, friday.end, friday.seconds) == (4, local(2026, 11, 20), local(2026, 11, 20, 1, 15),
                                                                       75 * M)
    assert (friday.continued, friday.continues) == (True, False)
    assert sheet.rows[0].days == [0, 0, 0, 90 * M, 75 * M, 0, 0]
    agree(sheet)


def test_rounding_applies_to_each_part_in_grid_and_detail_alike() -> None:
    # 23:50–00:10 (10 + 10 min) and 09:00–09:07: each part rounded up to 15 min.
    spans = [entry("a", local(2026, 11, 17, 23, 50), local(2026, 11, 18, 0, 10)),
             entry("a", local(2026, 11, 18, 9), local(2026, 11, 18, 9, 7), entry_id="b")]
    sheet = build(spans, iso_week_period(2026, 47, MADRID), local(2026, 11, 25), Rounding(15))
    assert [(p.day, p.tracked, p.seconds) for p in sheet.parts] == [(1, 600, 900), (2, 600, 900), (2, 420, 900)]
    assert sheet.rows[0].days[1:3] == [900, 1800]
    agree(sheet)


def test_rounding_to_the_nearest_can_drop_a_short_part() -> None:
    sheet = build([entry("a", local(2026, 11, 16, 23, 55), local(2026, 11, 17, 1))], iso_week_period(2026, 47, MADRID),
                  local(2026, 11, 25), Rounding(15, "nearest"))
    assert [(p.tracked, p.seconds) for p in sheet.parts] == [(300, 0), (3600, 3600)]
    agree(sheet)


def test_a_running_entry_counts_up_to_now_and_is_marked_running() -> None:
    now = local(2026, 11, 20, 11, 15)
    sheet = build([entry("a", local(2026, 11, 19, 23), None)], iso_week_period(2026, 47, MADRID), now)
    thursday, friday = sheet.parts
    assert (thursday.seconds, thursday.running, thursday.continues) == (H, False, True)
    assert (friday.seconds, friday.end, friday.running) == (11 * H + 15 * M, now, True)
    agree(sheet)


def test_the_fall_back_day_has_25_hours_in_detail_too() -> None:
    # Sunday 25 October 2026 in Madrid, midnight to midnight, as one entry.
    sheet = build([entry("a", local(2026, 10, 25), local(2026, 10, 26))], month_period(2026, 10, MADRID),
                  local(2026, 11, 1))
    assert [(p.day, p.seconds, p.continues) for p in sheet.parts] == [(24, 25 * H, False)]
    assert sheet.day_totals[24] == 25 * H and sheet.total == 25 * H


def test_a_month_grid_has_a_column_per_day() -> None:
    spans = [entry("a", local(2026, 11, 1, 9), local(2026, 11, 1, 10)),
             entry("a", local(2026, 11, 30, 22), local(2026, 12, 1, 2), entry_id="b")]  # 2 h in, 2 h in December
    sheet = build(spans, month_period(2026, 11, MADRID), local(2026, 12, 5))
    assert len(sheet.rows[0].days) == 30
    assert sheet.rows[0].days[0] == H and sheet.rows[0].days[29] == 2 * H and sheet.total == 3 * H
    assert [p.continues for p in sheet.parts] == [False, True]
    agree(sheet)


def test_filters_by_project_and_account() -> None:
    spans = [
        entry("a", local(2026, 11, 16, 9), local(2026, 11, 16, 10), project="Acme", account="work"),
        entry("b", local(2026, 11, 16, 10), local(2026, 11, 16, 12), project="Ops", account="work"),
        entry("c", local(2026, 11, 16, 12), local(2026, 11, 16, 15), project="Acme", account=None),
        entry("d", local(2026, 11, 16, 15), local(2026, 11, 16, 19), project=None, account="home"),
    ]
    week, now = iso_week_period(2026, 47, MADRID), local(2026, 11, 25)

    def kept(filters: Filters) -> list[object]:
        sheet = build(spans, week, now, filters=filters)
        agree(sheet)
        return sorted(r.task_key for r in sheet.rows)

    assert kept(Filters()) == ["a", "b", "c", "d"]
    assert kept(Filters.of(projects=["acme"])) == ["a", "c"]  # ignoring case
    assert kept(Filters.of(accounts=["WORK"])) == ["a", "b"]
    assert kept(Filters.of(local=True)) == ["c"]
    assert kept(Filters.of(accounts=["home"], local=True)) == ["c", "d"]
    assert kept(Filters.of(projects=["Acme"], accounts=["work"])) == ["a"]
    assert build(spans, week, now, filters=Filters.of(projects=["Acme", "Ops"])).total == 6 * H


def test_totals_per_project_in_row_order() -> None:
    spans = [entry("a", local(2026, 11, 16, 9), local(2026, 11, 16, 10), project="Ops"),
             entry("b", local(2026, 11, 17, 9), local(2026, 11, 17, 9, 30), project=None),
             entry("c", local(2026, 11, 18, 9), local(2026, 11, 18, 11), project="Ops")]
    sheet = build(spans, iso_week_period(2026, 47, MADRID), local(2026, 11, 25))
    assert sheet.project_totals() == [(None, 30 * M), ("Ops", 3 * H)]


def test_parts_are_in_time_order() -> None:
    spans = [entry("b", local(2026, 11, 18, 9), local(2026, 11, 18, 10)),
             entry("a", local(2026, 11, 16, 9), local(2026, 11, 16, 10))]
    sheet = build(spans, Period(date(2026, 11, 16), date(2026, 11, 18), MADRID), local(2026, 11, 25))
    assert [p.span.entry_id for p in sheet.parts] == ["a", "b"]


@pytest.mark.parametrize("period", [iso_week_period(2026, 47, MADRID), month_period(2026, 11, MADRID)])
def test_nothing_tracked(period: Period) -> None:
    sheet = build([], period, local(2026, 12, 1))
    assert sheet.rows == [] and sheet.parts == [] and sheet.day_totals == [0] * len(period.days)
