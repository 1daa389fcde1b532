"""Stint's own full export (`stint export --all`): the versioned JSON document, both
ways. docs/export-format.md describes it for people and other programs.

`to_document` turns a `FullExport` of plain records into the JSON-ready dict;
`read` checks a document and returns the `FullExport` it holds. Instants are UTC,
written "2026-11-23T09:00:00Z"; records are in a fixed order, so exporting the same
data twice gives the same file. Our own format is read strictly: a record that does
not fit makes the whole file unreadable, named by its place ("entries[12]").
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any

from ..domain.imports import Parsed, SourceEntry
from .common import Malformed

FORMAT = "stint-export"
VERSION = 1
NAME = "Stint export"


@dataclass(frozen=True)
class AccountRecord:
    name: str
    kind: str
    url: str
    options: dict[str, Any]
    credential: str               # where the secret lives ("keyring", "env:VAR"), never the secret
    created_at: datetime


@dataclass(frozen=True)
class StatusRecord:
    account: str | None           # None: the statuses of local tasks
    name: str
    label: str
    color: str | None
    position: int
    done: bool
    remote_id: str | None


@dataclass(frozen=True)
class TaskRecord:
    id: int
    account: str | None
    remote_id: str | None
    title: str
    description: str | None
    status: str
    project: str | None
    category: str | None
    due_date: date | None
    estimated_hours: float | None
    remote_updated_at: datetime | None
    created_at: datetime
    updated_at: datetime
    last_started_at: datetime | None


@dataclass(frozen=True)
class EntryRecord:
    id: str
    task: int
    start: datetime
    end: datetime | None
    note: str
    remote_id: str | None
    remote_start: datetime | None
    remote_end: datetime | None
    origin: str
    sync: str
    deleted: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class OpRecord:
    seq: int
    uuid: str
    account: str
    kind: str
    task: int | None
    entry: str | None
    payload: dict[str, Any]
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    state: str
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class ImportKeyRecord:
    key: str
    entry: str | None
    imported_at: datetime


@dataclass
class FullExport:
    exported_at: datetime
    app: str
    settings: dict[str, Any]
    accounts: list[AccountRecord] = field(default_factory=list)
    statuses: list[StatusRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    entries: list[EntryRecord] = field(default_factory=list)
    outbox: list[OpRecord] = field(default_factory=list)
    import_keys: list[ImportKeyRecord] = field(default_factory=list)

    def as_parsed(self) -> Parsed:
        """The finished entries as an import from another tracker would bring them:
        onto tasks of the same title and project (see `stint import`)."""
        tasks = {t.id: t for t in self.tasks}
        parsed = Parsed(NAME)
        for i, e in enumerate(self.entries):
            if e.deleted or e.end is None:
                continue
            task = tasks[e.task]
            parsed.entries.append(SourceEntry(
                key=f"stint:{e.id}", where=f"entries[{i}]", title=task.title, project=task.project,
                start=e.start, end=e.end, note=e.note, category=task.category, entry_id=e.id,
            ))
        return parsed


SECTIONS: dict[str, type] = {
    "accounts": AccountRecord, "statuses": StatusRecord, "tasks": TaskRecord, "entries": EntryRecord,
    "outbox": OpRecord, "import_keys": ImportKeyRecord,
}


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def to_document(export: FullExport) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "exported_at": _instant(export.exported_at),
        "app": export.app, "settings": export.settings,
    }
    for section in SECTIONS:
        document[section] = [{f.name: _value(getattr(r, f.name)) for f in fields(r)}
                             for r in getattr(export, section)]
    return document


def read(document: Any) -> FullExport:
    if not looks_like(document):
        raise Malformed(f"not a Stint export (no \"format\": \"{FORMAT}\")")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise Malformed("the export has no version number")
    if version > VERSION:
        raise Malformed(f"made by a newer Stint (format version {version}); update Stint to import it")
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise Malformed("settings: not an object")
    export = FullExport(_read_instant(document.get("exported_at"), "exported_at"),
                        str(document.get("app", "")), settings)
    for section, kind in SECTIONS.items():
        items = document.get(section, [])
        if not isinstance(items, list):
            raise Malformed(f"{section}: not a list")
        records = getattr(export, section)
        for i, item in enumerate(items):
            records.append(_record(kind, item, f"{section}[{i}]"))
    _check_references(export)
    return export


def _record(kind: type, item: Any, where: str) -> Any:
    if not isinstance(item, dict):
        raise Malformed(f"{where}: not an object")
    values = {}
    hints = {f.name: f.type for f in fields(kind)}
    for name, hint in hints.items():
        if name not in item:
            raise Malformed(f"{where}: no {name!r}")
        values[name] = _typed(item[name], str(hint), f"{where}.{name}")
    return kind(**values)


def _typed(value: Any, hint: str, where: str) -> Any:
    optional = hint.endswith("| None")
    base = hint.removesuffix(" | None")
    if value is None:
        if optional:
            return None
        raise Malformed(f"{where}: missing")
    try:
        if base == "datetime":
            return _read_instant(value, where)
        if base == "date":
            return date.fromisoformat(value)
        if base == "str" and isinstance(value, str):
            return value
        if base == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if base == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if base == "bool" and isinstance(value, bool):
            return value
        if base == "dict[str, Any]" and isinstance(value, dict):
            return value
    except (TypeError, ValueError):
        pass
    raise Malformed(f"{where}: not a {base.replace('dict[str, Any]', 'JSON object').replace('str', 'text')}: {value!r}")


def _check_references(export: FullExport) -> None:
    accounts = {a.name for a in export.accounts}
    statuses = {(s.account, s.name) for s in export.statuses}
    tasks = {t.id for t in export.tasks}
    entries = {e.id for e in export.entries}
    for i, t in enumerate(export.tasks):
        if t.account is not None and t.account not in accounts:
            raise Malformed(f"tasks[{i}]: no account {t.account!r} in the export")
        if (t.account, t.status) not in statuses:
            raise Malformed(f"tasks[{i}]: no status {t.status!r} in the export")
    if len(tasks) != len(export.tasks) or len(entries) != len(export.entries):
        raise Malformed("two tasks or two entries share an id")
    for i, e in enumerate(export.entries):
        if e.task not in tasks:
            raise Malformed(f"entries[{i}]: no task {e.task} in the export")
        if e.end is not None and e.end < e.start:
            raise Malformed(f"entries[{i}]: ends before it starts")
    for i, op in enumerate(export.outbox):
        if op.account not in accounts:
            raise Malformed(f"outbox[{i}]: no account {op.account!r} in the export")


def _instant(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_instant(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise Malformed(f"{where}: not a date and time: {value!r}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Malformed(f"{where}: not a date and time: {value!r}") from None
    if moment.tzinfo is None:
        raise Malformed(f"{where}: a date and time needs Z or an offset: {value!r}")
    return moment.astimezone(timezone.utc)


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return _instant(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
