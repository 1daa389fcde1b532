import pytest

from stint.domain.durations import parse_duration
from stint.domain.errors import UsageError


@pytest.mark.parametrize(("text", "seconds"), [
    ("1:30", 5400), ("0:45", 2700), ("1:30:15", 5415), ("10:05", 36300),
    ("90m", 5400), ("90 min", 5400), ("45", 2700), ("2h", 7200), ("1h30", 5400), ("1h30m", 5400),
    (" 1H 5M ", 3900), ("1.5h", 5400), ("1,5h", 5400), ("1.25", 4500), ("2 hours", 7200),
])
def test_the_forms_people_type(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "1:75", "h", "m", "-1h", "1:30pm", "1..5"])
def test_what_is_not_a_duration_is_named(text: str) -> None:
    with pytest.raises(UsageError, match="not a duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["0", "0:00", "0m"])
def test_zero_is_refused(text: str) -> None:
    with pytest.raises(UsageError, match="longer than zero"):
        parse_duration(text)
