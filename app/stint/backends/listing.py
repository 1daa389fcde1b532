"""Lists read from a server, record by record: what could be read, and what could
not (named, for the person). Plain values, no I/O; re-exported by `base`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Unreadable:
    """A record of a server's reply that could not be understood: left out of what
    the adapter returns, and named to the person (invariant 8)."""

    what: str                 # task, entry, status, project, board, list, column, record
    remote_id: str | None     # the server's id for it, where one could be read
    title: str | None         # what the person knows it by, where one could be read
    why: str                  # what is wrong: a field and a type, never a value

    @property
    def label(self) -> str:
        """How the person is told which one: 'task 5 "Fix login"'."""
        parts = [self.what]
        if self.remote_id:
            parts.append(self.remote_id)
        if self.title:
            parts.append(f"\u201c{self.title}\u201d")
        return " ".join(parts)


class Listing(list[T]):
    """A list read from a server, less the records that could not be understood,
    which are in `skipped`: one bad record never hides the others."""

    def __init__(self, items: Iterable[T] = (), skipped: Iterable[Unreadable] = ()) -> None:
        super().__init__(items)
        self.skipped: list[Unreadable] = list(skipped)

    def extend_from(self, other: Iterable[T]) -> None:
        """Append another listing's items, and its skipped records."""
        self.extend(other)
        self.skipped.extend(getattr(other, "skipped", ()))
