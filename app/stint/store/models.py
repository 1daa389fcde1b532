"""The local database, as SQLAlchemy 2.0 typed models.

Instants are stored as whole Unix seconds (UTC) and come back as aware datetimes;
the indexes that keep the hot commands fast at a million entries are declared here
and created by the migrations.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCSeconds(TypeDecorator[datetime]):
    """An aware UTC datetime stored as integer Unix seconds."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return int(value.timestamp())

    def process_result_value(self, value: int | None, dialect: Any) -> datetime | None:
        return None if value is None else datetime.fromtimestamp(value, timezone.utc)


intpk = Annotated[int, mapped_column(primary_key=True)]
utc = Annotated[datetime, mapped_column(UTCSeconds)]
utc_opt = Annotated[datetime | None, mapped_column(UTCSeconds, nullable=True)]
str_opt = Annotated[str | None, mapped_column(Text, nullable=True)]


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


class Account(Base):
    __tablename__ = "account"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    base_url: Mapped[str] = mapped_column(Text)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Where the secret lives ("keyring" or "env:VAR") — never the secret itself.
    credential: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="ok")  # ok | needs_signin | error
    cursors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_sync_at: Mapped[utc_opt]
    last_error: Mapped[str_opt]
    next_sync_at: Mapped[utc_opt]
    created_at: Mapped[utc]


class Status(Base):
    __tablename__ = "status"
    __table_args__ = (Index("uq_status_account_name", "account_id", "name", unique=True),)

    id: Mapped[intpk]
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    remote_id: Mapped[str_opt]
    name: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(128))
    color: Mapped[str_opt]
    position: Mapped[int] = mapped_column(default=0)
    is_done: Mapped[bool] = mapped_column(Boolean, default=False)


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (
        Index("uq_task_account_remote", "account_id", "remote_id", unique=True),
        Index("ix_task_title", "title"),
    )

    id: Mapped[intpk]
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    remote_id: Mapped[str_opt]
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str_opt]
    status_id: Mapped[int] = mapped_column(ForeignKey("status.id"))
    project: Mapped[str_opt]
    category: Mapped[str_opt]
    due_date: Mapped[date | None]
    estimated_hours: Mapped[float | None] = mapped_column(Float)
    remote_updated_at: Mapped[utc_opt]
    created_at: Mapped[utc]
    updated_at: Mapped[utc]
    last_started_at: Mapped[utc_opt]

    status: Mapped[Status] = relationship(lazy="joined", innerjoin=True)
    account: Mapped[Account | None] = relationship(lazy="joined")


class Entry(Base):
    __tablename__ = "entry"
    __table_args__ = (
        Index("ix_entry_started", "started_at"),
        Index("ix_entry_task", "task_id", "started_at"),
        Index("ix_entry_remote", "remote_id"),
        # At most one running timer, enforced by the database itself.
        Index(
            "uq_entry_running",
            text("(ended_at IS NULL)"),
            unique=True,
            sqlite_where=text("ended_at IS NULL AND deleted = 0"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    started_at: Mapped[utc]
    ended_at: Mapped[utc_opt]
    note: Mapped[str] = mapped_column(Text, default="")
    remote_id: Mapped[str_opt]
    # The server's copy as last seen by sync (see migration 0002).
    remote_started_at: Mapped[utc_opt]
    remote_ended_at: Mapped[utc_opt]
    origin: Mapped[str] = mapped_column(String(8), default="local")  # local | remote
    sync: Mapped[str] = mapped_column(String(16), default="local")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[utc]
    updated_at: Mapped[utc]

    task: Mapped[Task] = relationship(lazy="joined", innerjoin=True)


class Heartbeat(Base):
    """The running app's sign of life (migration 0003; written by store.heartbeat)."""

    __tablename__ = "heartbeat"
    __table_args__ = (CheckConstraint("id = 1", name="ck_heartbeat_one_row"),)

    id: Mapped[intpk]
    beat_at: Mapped[utc]
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    pending_entry: Mapped[str | None] = mapped_column(String(36))
    pending_since: Mapped[utc_opt]


class Op(Base):
    """An outbox row: one user intent the server has not confirmed yet."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_account_state", "account_id", "state", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    entry_id: Mapped[str | None] = mapped_column(String(36))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[utc_opt]
    last_error: Mapped[str_opt]
    state: Mapped[str] = mapped_column(String(12))  # an outbox.OpState, written only by outbox.py
    created_at: Mapped[utc]
    sent_at: Mapped[utc_opt]


class ImportKey(Base):
    """A record brought in by `stint import` (see migration 0003): its source's key,
    and the entry it became (kept after that entry is deleted)."""

    __tablename__ = "import_key"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    entry_id: Mapped[str | None] = mapped_column(String(36))
    imported_at: Mapped[utc]


def running_entry(session: Any) -> Entry | None:
    """The running timer as a mapped Entry, for the sync engine (user actions read it
    with store.lookup.running_entry)."""
    from sqlalchemy import false, select

    # Worded exactly as the partial index uq_entry_running (`deleted = 0`, not
    # `deleted IS 0`), or SQLite scans every entry instead of using it.
    return session.scalar(select(Entry).where(Entry.ended_at.is_(None), Entry.deleted == false()))
