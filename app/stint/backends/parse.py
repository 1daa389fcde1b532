"""Strict readers for JSON replies: every wrong type or missing field is a BadResponse.

A reply that is almost right is still wrong: a sync built on a guessed field would
write the guess into the person's timesheet. Messages name the path of the field
and the type found, never a value (a value could be anything, even a secret).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from stint.backends.base import BadResponse, Listing, Unreadable, UnreadableRecord

T = TypeVar("T")
_MISSING = object()
# The widest instants a reply may give: outside them datetime cannot hold the value
# (or it is nonsense), and the record saying it cannot be understood.
_EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(9999, 1, 1, tzinfo=timezone.utc)
_FIRST_DAY, _LAST_DAY = date(1900, 1, 1), date(9999, 1, 1)


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

    @property
    def raw(self) -> dict[str, Any]:
        """The object as decoded (to name it, or read it again as a record)."""
        return self._data

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
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float
            raise BadResponse(f"{self.where}.{key}: out of range") from None
        if not math.isfinite(number):  # NaN and Infinity, which Python's json reads
            raise BadResponse(f"{self.where}.{key}: not a finite number")
        return number

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
        """An id the API documents as an integer, as the str our values carry. A
        negative one is no id: it could never be asked for again in a URL path."""
        value = self.integer(key)
        if value < 0:
            raise BadResponse(f"{self.where}.{key}: not an id (negative)")
        return str(value)

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
        try:
            value = value.astimezone(timezone.utc)
        except OverflowError:
            raise BadResponse(f"{self.where}.{key}: timestamp out of range") from None
        if not _EARLIEST <= value < _LATEST:
            raise BadResponse(f"{self.where}.{key}: timestamp out of range")
        return value

    def opt_instant(self, key: str) -> datetime | None:
        return None if self._get(key, True) is None else self.instant(key)

    def opt_day(self, key: str) -> date | None:
        if self._get(key, True) is None:
            return None
        text = self.text(key)
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            raise BadResponse(f"{self.where}.{key}: not an ISO 8601 date") from None
        if not _FIRST_DAY <= day < _LAST_DAY:
            raise BadResponse(f"{self.where}.{key}: date out of range")
        return day

    def records(self, key: str, read: Callable[[Obj], T], what: str) -> Listing[T]:
        """The list under `key`, each item read by `read`; see `read_records`."""
        value = self._get(key, False)
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        return read_records(value, read, what, f"{self.where}.{key}")


def read_records(items: list[Any], read: Callable[[Obj], T], what: str, where: str) -> Listing[T]:
    """Read every record of a list. One that cannot be understood is left out and
    named in the result's `skipped`, so the others still arrive (invariant 8)."""
    out: Listing[T] = Listing()
    for i, item in enumerate(items):
        try:
            out.append(read_record(item, read, what, f"{where}[{i}]"))
        except UnreadableRecord as exc:
            out.skipped.append(exc.record)
    return out


def read_record(item: Any, read: Callable[[Obj], T], what: str, where: str = "reply") -> T:
    """One record read by `read`; UnreadableRecord (naming it) if it cannot be."""
    try:
        return read(Obj(item, where))
    except UnreadableRecord as exc:
        if exc.record.what == what:
            raise
        raise UnreadableRecord(unreadable(item, what, where, exc.message)) from None
    except BadResponse as exc:
        raise UnreadableRecord(unreadable(item, what, where, exc.message)) from None
    except (ValueError, OverflowError, OSError) as exc:
        # Arithmetic on the server's values that a check above did not foresee: the
        # record is still the server's mistake, never a traceback.
        raise UnreadableRecord(unreadable(item, what, where, f"a value out of range ({type(exc).__name__})")) from None


_ID_KEYS = ("id", "_id", "key")
_TITLE_KEYS = ("title", "subject", "name", "ds")


def unreadable(item: Any, what: str, where: str, message: str) -> Unreadable:
    """The record as the person can be told of it: its id and title where those
    could be read, and what is wrong with it, relative to the record itself."""
    why = message[len(where) + 1:] if message.startswith(where + ".") else message
    why = message[len(where) + 2:] if message.startswith(where + ": ") else why
    remote_id = title = None
    if isinstance(item, dict):
        remote_id = next((_short(item[k], 40) for k in _ID_KEYS
                          if isinstance(item.get(k), (str, int)) and not isinstance(item.get(k), bool)), None)
        title = next((_short(item[k], 80) for k in _TITLE_KEYS if isinstance(item.get(k), str)), None)
    return Unreadable(what, remote_id, title or None, why)


def _short(value: object, limit: int) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
