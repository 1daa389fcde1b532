"""TimeTagger records ↔ Stint values: tags, descriptions, keys. Pure, no I/O.

A TimeTagger record is {key, t1, t2, mt, st, ds}. Stint reads it as an entry of the
task named by the record's tags (see `stint.backends.timetagger` for the mapping)
and writes its own entries back in a layout that survives the round trip:

    ds = "<task tags not already in the note> <note>"      e.g. "#acme #website Fixed it"

- Tags follow TimeTagger's own parser (app/utils.py): '#' then letters, digits,
  '-', '_', '/' or anything above U+007F; lower-cased; a task is the sorted,
  space-joined set of them ("tagz" in TimeTagger's reports).
- A '#word' in the note that is not one of the task's tags would move the entry to
  another task on the next read, so it is written as a full-width '＃word'
  (U+FF03, not a tag to TimeTagger) and read back as '#word'. So are tags at the
  very start of the note, which would read back as the prefix. A task tag inside
  the note stays a tag and is not repeated in the prefix, so a record made in the
  web app ("#client meeting about #budget") is written back as it was.
- ds must stay under 256 characters, and hiding a record prefixes "HIDDEN ", so a
  note is cut at a word boundary (ending in "…") to leave room for that prefix.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from stint.backends.base import RemoteEntry

# Stint's name for a record without tags, as TimeTagger's reports call it. It is
# never written into a description: a task "#untagged" writes no tag at all.
UNTAGGED = "#untagged"
HIDDEN = "HIDDEN"
_HIDDEN_PREFIX = HIDDEN + " "
DS_MAX = 255                          # the server refuses len(ds) >= 256
DS_OURS_MAX = DS_MAX - len(_HIDDEN_PREFIX)
SLUG_MAX = 64
_TAG_CHAR = r"0-9A-Za-z\-/_\u0080-\U0010ffff"
_TAG = re.compile(rf"#[{_TAG_CHAR}]+")
_LEADING_TAGS = re.compile(rf"^(?:\s*#[{_TAG_CHAR}]+)+")
_TAG_AT_END = re.compile(rf"#[{_TAG_CHAR}]+$")
_NOT_TAG_CHAR = re.compile(rf"[^{_TAG_CHAR}]+")
_ESCAPED_HASH = "\uff03"


@dataclass(frozen=True)
class TimeTaggerEntry(RemoteEntry):
    """A RemoteEntry with what TimeTagger adds: hidden records are deleted entries,
    and `modified_at` is the record's mt (last writer wins between devices)."""

    deleted: bool = False
    modified_at: datetime | None = None


@dataclass(frozen=True)
class Record:
    key: str
    t1: int
    t2: int
    mt: int
    ds: str
    st: float = 0.0

    @property
    def hidden(self) -> bool:
        return self.ds.startswith(HIDDEN)

    def body(self) -> dict[str, object]:
        return {"key": self.key, "t1": self.t1, "t2": self.t2, "mt": self.mt, "ds": self.ds}

    def same_content(self, other: Record) -> bool:
        """Whether the two say the same, whatever their mt: a copy that says what we
        wrote is our write applied, even if a replay or another device touched it."""
        return (self.key, self.t1, self.t2, self.ds) == (other.key, other.t1, other.t2, other.ds)


def record_key(key: str) -> str:
    """The record key for one of our entries: 16 characters, the same every time
    for the same `key`, so a replayed push overwrites instead of duplicating.

    A UUID is taken in its canonical form, so "ABC-..." and "abc-..." agree. The
    web app's keys are 8 letters, so ours can never meet one of theirs.
    """
    try:
        canonical = str(uuid.UUID(key))
    except ValueError:
        canonical = key
    digest = hashlib.sha256(b"stint:" + canonical.encode()).digest()[:10]
    return base64.b32encode(digest).decode().lower()


def tags_in(text: str) -> list[str]:
    """TimeTagger's tags of `text`, lower-cased, in order of first appearance."""
    return list(dict.fromkeys(m.group().lower() for m in _TAG.finditer(text)))


def tagz(tags: list[str]) -> str:
    """The task a set of tags names: sorted and space-joined, or UNTAGGED."""
    return " ".join(sorted(set(tags))) or UNTAGGED


def task_tags(task_remote_id: str) -> list[str]:
    """The tags a task id stands for ([] for UNTAGGED); refuses anything else."""
    if task_remote_id == UNTAGGED:
        return []
    tags = tags_in(task_remote_id)
    if not tags or tagz(tags) != task_remote_id:
        raise ValueError(f"not a TimeTagger task (a set of #tags): {task_remote_id!r}")
    return tags


def task_for_title(title: str) -> str:
    """The task id for a task made in Stint: the title's own #tags if it has any
    ("#acme #website"), else one tag slugged from it ("Fix login" → "#fix-login")."""
    tags = tags_in(title)
    if tags:
        return tagz(tags)
    slug = _NOT_TAG_CHAR.sub("-", title.strip()).strip("-").lower()[:SLUG_MAX].rstrip("-")
    if len(slug) < 2:  # TimeTagger ignores one-letter tags
        raise ValueError(f"cannot make a TimeTagger tag from the title {title!r}")
    return "#" + slug


def compose(task_remote_id: str, note: str) -> str:
    """The description we write for an entry of this task with this note."""
    tags = task_tags(task_remote_id)
    wanted = set(tags)

    def escape(match: re.Match[str]) -> str:
        tag = match.group()
        return tag if tag.lower() in wanted else _ESCAPED_HASH + tag[1:]

    def escaped(text: str) -> str:
        # Tags at the very start would read back as the task's prefix, not as note.
        lead = _LEADING_TAGS.match(text)
        if lead:
            text = lead.group().replace("#", _ESCAPED_HASH) + text[lead.end():]
        return _TAG.sub(escape, text)

    everything = " ".join(tags)
    if len(everything) > DS_OURS_MAX - 2:
        raise ValueError("the task's tags leave no room in a TimeTagger description")
    # Cut before choosing the prefix, so a task tag cut off the note goes in front.
    note = escaped(_cut(escaped(note.strip()), DS_OURS_MAX - len(everything) - 1))
    present = set(tags_in(note))
    prefix = " ".join(t for t in tags if t not in present)
    ds = f"{prefix} {note}".strip() if note else prefix
    if ds.startswith(HIDDEN):  # an untagged note "HIDDEN gems" must not read as deleted
        ds = " " + ds[: DS_OURS_MAX - 1]
    return ds


def _cut(note: str, room: int) -> str:
    if len(note) <= room:
        return note
    head = note[: room - 2]
    space = head.rfind(" ")
    if space > room // 2:  # cut at a word unless that throws away half of it
        head = head[:space]
    head = head.rstrip()
    # "…" is a tag character to TimeTagger: glued to a tag it would make a new one.
    return head + (" …" if _TAG_AT_END.search(head) else "…")


def hide(ds: str) -> str:
    """The description of a hidden (deleted) record, as TimeTagger's web app writes it."""
    visible = ds.split(HIDDEN)[-1].strip() if ds.startswith(HIDDEN) else ds.strip()
    return (_HIDDEN_PREFIX + visible)[:DS_MAX]


def note_of(ds: str) -> str:
    """The note of a description: the text after the leading tags, with our escaped
    '＃' turned back into '#'. Tags inside the text stay in it."""
    if ds.startswith(HIDDEN):
        ds = ds[len(HIDDEN):]
    rest = _LEADING_TAGS.sub("", ds, count=1)
    return rest.strip().replace(_ESCAPED_HASH, "#")


def task_of(ds: str) -> str:
    if ds.startswith(HIDDEN):
        ds = ds[len(HIDDEN):]
    return tagz(tags_in(ds))


def epoch(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError("an entry time must be timezone-aware")
    return int(when.timestamp())


def instant(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def entry_of(record: Record, now: datetime) -> TimeTaggerEntry:
    """A record as an entry. t1 == t2 is a running timer; t1 > t2 (which the server
    stores as sent) is read as the interval between them."""
    t1, t2 = min(record.t1, record.t2), max(record.t1, record.t2)
    running = record.t1 == record.t2
    end = epoch(now) if running else t2
    return TimeTaggerEntry(
        remote_id=record.key,
        task_remote_id=task_of(record.ds),
        started_at=instant(t1),
        ended_at=None if running else instant(t2),
        seconds=max(0, end - t1),
        note=note_of(record.ds),
        deleted=record.hidden,
        modified_at=instant(record.mt),
    )
