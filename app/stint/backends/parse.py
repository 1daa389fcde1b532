"""Strict readers for JSON replies: every wrong type or missing field is a BadResponse.

A reply that is almost right is still wrong: a sync built on a guessed field would
write the guess into the person's timesheet. Messages name the path of the field
and the type found, never a value (a value could be anything, even a secret).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from stint.backends.base import BadResponse

_MISSING = object()


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


class Obj:
    """A JSON object; `where` is its path in the reply, for messages."""

    __slots__ = ("_data", "where")

    def __init__(self, data: Any, where: str = "reply") -> None:
        if not isinstance(data, dict):
            raise BadResponse(f"{where}: expected an object, got {_kind(data)}")
        self._data: dict[str, Any] = data
        self.where = where

    def has(self, key: str) -> bool:
        return self._data.get(key) is not None

    def _get(self, key: str, optional: bool) -> Any:
        value = self._data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if optional:
                return None
            raise BadResponse(f"{self.where}.{key}: missing")
        return value

    def _wrong(self, key: str, expected: str, value: Any) -> BadResponse:
        return BadResponse(f"{self.where}.{key}: expected {expected}, got {_kind(value)}")

    def text(self, key: str) -> str:
        value = self._get(key, False)
        if not isinstance(value, str):
            raise self._wrong(key, "a string", value)
        return value

    def opt_text(self, key: str) -> str | None:
        return None if self._get(key, True) is None else self.text(key)

    def integer(self, key: str) -> int:
        value = self._get(key, False)
        # bool is an int to Python, never to a JSON schema.
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._wrong(key, "an integer", value)
        return value

    def opt_integer(self, key: str) -> int | None:
        return None if self._get(key, True) is None else self.integer(key)

    def number(self, key: str) -> float:
        value = self._get(key, False)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self._wrong(key, "a number", value)
        return float(value)

    def opt_number(self, key: str) -> float | None:
        return None if self._get(key, True) is None else self.number(key)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false", value)
        return value

    def opt_flag(self, key: str) -> bool | None:
        return None if self._get(key, True) is None else self.flag(key)

    def obj(self, key: str) -> Obj:
        return Obj(self._get(key, False), f"{self.where}.{key}")

    def opt_obj(self, key: str) -> Obj | None:
        return None if self._get(key, True) is None else self.obj(key)

    def objects(self, key: str) -> list[Obj]:
        value = self._get(key, False)
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        return [Obj(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(value)]

    def int_id(self, key: str) -> str:
        """An id the API documents as an integer, as the str our values carry."""
        return str(self.integer(key))

    def opt_int_id(self, key: str) -> str | None:
        return None if self._get(key, True) is None else self.int_id(key)

    def instant(self, key: str) -> datetime:
        """An ISO 8601 timestamp with an offset, returned in UTC.

        A timestamp without an offset is refused rather than guessed: guessing the
        zone wrong moves every entry by hours.
        """
        text = self.text(key)
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise BadResponse(f"{self.where}.{key}: not an ISO 8601 timestamp") from None
        if value.tzinfo is None:
            raise BadResponse(f"{self.where}.{key}: timestamp has no UTC offset")
        return value.astimezone(timezone.utc)

    def opt_instant(self, key: str) -> datetime | None:
        return None if self._get(key, True) is None else self.instant(key)

    def opt_day(self, key: str) -> date | None:
        if self._get(key, True) is None:
            return None
        text = self.text(key)
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise BadResponse(f"{self.where}.{key}: not an ISO 8601 date") from None
