"""Whama (its API Documentation): tasks on boards, in columns, with an API key
or an OAuth 2.0 + PKCE sign-in (whama_oauth). The wire — credentials, refresh,
the error envelope, rate limits obeyed in advance — lives in whama_api.

A status is a column of a board: "board-id:column-id". Being complete is not a
column in Whama (task.completed is its own event), so every board also gets a
synthetic done status "board-id:complete": setting it marks the task complete,
and setting a column puts the task there and clears `completed`.

Whama has no time API: capabilities say explicit_entries False and entry_unit
"none", so the engine keeps the time local and the timesheet says so.

Assumptions where the document is silent (tests/fakes/whama.py makes its own):
- The reference table's paths (/api/v1/...) are right; the examples' /v1/... are
  not. List replies carry meta.totalPages; pages run 1..totalPages at limit=100.
- A board {"id", "name", "columns": [{"id", "name", "color"?}]} lists its columns
  in board order. A task {"id", "title", "description"?, "boardId", "columnId",
  "completed" (bool), "dueDate"?, "updatedAt"?}; PATCH takes columnId and
  completed. Ids are strings. GET /api/v1/user: {"id", "name", "email"?}.
- New tasks go to the first column of the `board` option's board, or of the only
  board there is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

import httpx

from stint.backends.base import (
    Backend,
    BadResponse,
    Capabilities,
    CreatedTask,
    Listing,
    Rejected,
    RemoteStatus,
    RemoteTask,
    Unreadable,
)
from stint.backends.http import check_url
from stint.backends.parse import Obj, read_record
from stint.backends.whama_api import WhamaWire
from stint.backends.whama_credential import WhamaCredential
from stint.domain.clock import Clock, SystemClock

__all__ = ["COMPLETE", "WhamaBackend", "WhamaCredential"]

T = TypeVar("T")
COMPLETE = "complete"
PAGE_SIZE = 100
MAX_PAGES = 1000
ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


class WhamaBackend(Backend):
    capabilities = Capabilities(
        create_task=True,
        set_status=True,
        live_timer=False,
        running_entry=False,
        explicit_entries=False,
        entry_unit="none",
        server_timesheet=False,
        idempotency_keys=False,
        pull_entries=False,
        incremental_entries=False,
        day_totals=False,
        timers_in_tasks=False,
    )

    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        credential: WhamaCredential,
        *,
        keep_secret: Callable[[str], None] | None = None,
        clock: Clock | None = None,
        allow_insecure: bool = False,
        default_board: str | None = None,
    ) -> None:
        if credential.api_key is None and credential.access_token is None \
                and credential.refresh_token is None:
            raise Rejected("a Whama account needs an API key or an OAuth sign-in")
        url = check_url(base_url, allow_insecure=allow_insecure)
        self.base_url = url if url.endswith("/api/v1") else url + "/api/v1"
        self._client = client  # closed by the accounts service
        self._wire = WhamaWire(client, self.base_url, credential, keep_secret=keep_secret,
                               clock=clock or SystemClock())
        self.default_board = default_board
        self._boards: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        self._skipped_boards: list[Unreadable] = []

    def __repr__(self) -> str:
        return f"WhamaBackend({self.base_url!r})"

    # --- reading -------------------------------------------------------------

    def check(self) -> str:
        me = self._wire.json("GET", "/user").obj("data")
        email = me.opt_text("email")
        return f"{me.text('name')} <{email}>" if email else me.text("name")

    def list_statuses(self) -> Listing[RemoteStatus]:
        boards = self._load_boards()
        statuses: Listing[RemoteStatus] = Listing(skipped=self._skipped_boards)
        for board_id, (board, columns) in boards.items():
            for column_id, name in [*columns, (COMPLETE, "Complete")]:
                label = f"{board} / {name}" if len(boards) > 1 else name
                statuses.append(RemoteStatus(f"{board_id}:{column_id}", name, label, None,
                                             len(statuses) + 1, column_id == COMPLETE))
        return statuses

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        if not self._boards:
            self._load_boards()  # a task's board names its project and column
        tasks = self._pages("/tasks", self._task, "task")
        return Listing([t for t in tasks
                        if not (pending_only and t.status_remote_id and t.status_remote_id.endswith(
                            f":{COMPLETE}"))
                        and status_remote_id in (None, t.status_remote_id)], tasks.skipped)

    def get_task(self, remote_id: str) -> RemoteTask:
        rid = _check(remote_id, "task")
        data = self._wire.json("GET", f"/tasks/{rid}", what=f"task {rid}").obj("data")
        self._know_board(data.raw.get("boardId"))
        return read_record(data.raw, self._task, "task", data.where)

    # --- writing -------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        # No idempotency key in Whama: after an ambiguous failure the engine probes
        # for a task with this title (invariant 4).
        board = self._board_for_new_tasks()
        columns = self._boards[board][1]
        if not columns:
            raise Rejected(f"the Whama board {board} has no column to put a task in")
        body = {"title": title, "boardId": board, "columnId": columns[0][0]}
        if description:
            body["description"] = description
        created = self._wire.json("POST", "/tasks", body=body).obj("data")
        task = self._task(created)
        return CreatedTask(task.remote_id, task.status_remote_id, None)

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        rid = _check(task_remote_id, "task")
        board, sep, column = status_remote_id.partition(":")
        if not sep:
            raise Rejected(f"not a Whama status id: {status_remote_id!r} (expected board:column)")
        _check(board, "board")
        body: dict[str, object] = {"completed": True} if column == COMPLETE else {
            "columnId": _check(column, "column"), "completed": False}
        reply = self._wire.json("PATCH", f"/tasks/{rid}", body=body, what=f"task {rid}")
        self._know_board(board)
        status = self._task(reply.obj("data")).status_remote_id
        assert status is not None
        return status

    # --- plumbing ------------------------------------------------------------

    def _pages(self, path: str, read: Callable[[Obj], T], what: str) -> Listing[T]:
        items: Listing[T] = Listing()
        page, pages = 1, 1
        while page <= pages:
            if page > MAX_PAGES:
                raise BadResponse(f"{path}: more than {MAX_PAGES} pages")
            reply = self._wire.json("GET", path,
                                    params={"page": str(page), "limit": str(PAGE_SIZE)})
            items.extend_from(reply.records("data", read, what))
            pages = reply.obj("meta").integer("totalPages")
            page += 1
        return items

    def _load_boards(self) -> dict[str, tuple[str, list[tuple[str, str]]]]:
        found = self._pages("/boards", _board, "board")
        self._boards, self._skipped_boards = dict(found), found.skipped
        return self._boards

    def _know_board(self, board: object) -> None:
        """Read the boards if a task names one not read yet (made since, or new)."""
        if isinstance(board, str) and board not in self._boards:
            self._load_boards()

    def _board_for_new_tasks(self) -> str:
        boards = self._load_boards()
        if self._skipped_boards and self.default_board not in boards:
            first = self._skipped_boards[0]  # the task could belong on that one
            raise BadResponse(f"cannot choose the board for new tasks: {first.label}: {first.why}")
        if self.default_board:
            if self.default_board not in boards:
                raise Rejected(f"no Whama board {self.default_board!r} for new tasks")
            return self.default_board
        if len(boards) != 1:
            raise Rejected(f"{len(boards)} Whama boards: set the account's board option "
                           "to say where new tasks go")
        return next(iter(boards))

    def _task(self, o: Obj) -> RemoteTask:
        # No request in here: a record's reading must not hide a failed request.
        board = _id(o, "boardId")
        name, columns = self._boards.get(board, (None, []))
        if o.flag("completed"):
            column, status_name = COMPLETE, "Complete"
        else:
            column = _id(o, "columnId")
            status_name = dict(columns).get(column)
        return RemoteTask(
            remote_id=_id(o, "id"), title=o.text("title"),
            description=o.opt_text("description") or "",
            status_remote_id=f"{board}:{column}", status_name=status_name, project=name,
            category=None, due_date=o.opt_day("dueDate"), estimated_hours=None,
            active_timer=None, updated_at=o.opt_instant("updatedAt"),
        )


def _board(b: Obj) -> tuple[str, tuple[str, list[tuple[str, str]]]]:
    columns = [(_id(c, "id"), c.text("name")) for c in b.objects("columns")]
    return _id(b, "id"), (b.text("name"), columns)


def _check(value: str, what: str) -> str:
    # Ids go into URL paths: only plain tokens.
    if not ID.fullmatch(value) or not value.isascii():
        raise Rejected(f"not a Whama {what} id: {value!r}")
    return value


def _id(o: Obj, key: str) -> str:
    value = o.text(key)
    if not ID.fullmatch(value):
        raise BadResponse(f"{o.where}.{key}: not an id")
    return value
