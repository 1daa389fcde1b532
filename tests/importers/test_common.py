"""What the importers share: wall-clock times to UTC around DST changes, times of
day and durations as trackers write them, text decoding and tables."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from stint.importers.common import (
    Malformed, Table, decode, hours_minutes_seconds, load_json, local_interval, note_with_tags, time_of_day,
)
from tests.conftest import MADRID


def _utc(start: datetime, end: datetime, seconds: int | None = None) -> tuple[str, str]:
    a, b = local_interval(start, end, MADRID, seconds)
    return a.strftime("%H:%M"), b.strftime("%H:%M")


def test_wall_clock_times_across_the_spring_change() -> None:
    # 01:30 CET → 03:30 CEST: one hour.
    assert _utc(datetime(2026, 3, 29, 1, 30), datetime(2026, 3, 29, 3, 30)) == ("00:30", "01:30")


def test_a_time_in_the_skipped_spring_hour_moves_forward_whatever_the_length() -> None:
    # 02:30 does not exist on 29 March in Madrid: it is 03:30 CEST (01:30 UTC), even
    # when the stated length would fit an earlier reading better.
    assert _utc(datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 4, 0)) == ("01:30", "02:00")
    assert _utc(datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 4, 0), 5400) == ("01:30", "02:00")


def test_the_repeated_autumn_hour_is_read_by_the_stated_length() -> None:
    start, end = datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 2, 30)
    assert _utc(start, end) == ("23:30", "00:30")               # no length given: the first 02:30
    assert _utc(start, end, 7200) == ("23:30", "01:30")         # two hours: the second 02:30
    # 02:45 (first) → 02:15 (second): only the reading that ends after it starts.
    assert _utc(datetime(2026, 10, 25, 2, 45), datetime(2026, 10, 25, 2, 15)) == ("00:45", "01:15")


@pytest.mark.parametrize("text,expected", [
    ("09:05", time(9, 5)), ("9:05:30", time(9, 5, 30)), ("12:00 AM", time(0, 0)), ("12:30:00 PM", time(12, 30)),
    ("01:30:00 p.m.", time(13, 30)), ("11:59 pm", time(23, 59)),
])
def test_times_of_day(text: str, expected: time) -> None:
    assert time_of_day(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9", "13:00 PM", "0:00 AM", "nine"])
def test_not_times_of_day(text: str) -> None:
    with pytest.raises(ValueError, match="not a time of day"):
        time_of_day(text)


def test_durations() -> None:
    assert hours_minutes_seconds("02:30:05") == (9005, True)
    assert hours_minutes_seconds("25:00") == (90000, False)
    assert hours_minutes_seconds("2.5") is None


def test_text_is_utf8_or_marked_utf16_and_anything_else_names_its_line() -> None:
    assert decode("\ufeffUser,Email".encode()) == "User,Email"
    assert decode("Día".encode("utf-16")) == "Día"
    with pytest.raises(Malformed, match=r"^line 2: not UTF-8 text \(byte 0xed\); save the file as UTF-8"):
        decode("a\nD\xeda".encode("latin-1"))


def test_broken_json_names_its_line() -> None:
    with pytest.raises(Malformed, match=r"^line 3: not valid JSON"):
        load_json('[\n  [1, 2, "a"],\n  [3, 4 5]\n]')


def test_tables_fold_their_headers_and_number_their_rows() -> None:
    table = Table('Project;Start Date;Note\nA;2026-01-01;"two\nlines"\n\nB;2026-01-02;x\n')
    assert table.delimiter == ";" and table.columns == ["project", "start date", "note"]
    assert [(line, row["project"]) for line, row in table.rows()] == [(2, "A"), (5, "B")]


def test_notes_carry_the_tags() -> None:
    assert note_with_tags("Fixed it", ["design", " ", "review"]) == "Fixed it [design, review]"
    assert note_with_tags("", []) == ""
