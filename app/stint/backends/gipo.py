"""Gipo REST API v1 (its reference document): workspaces, boards and stages,
tasks that move and finalize, and manual time entries. The wire (key, paging,
Idempotency-Key, 404 as Gone) lives in `gipo_api`.

A status is a stage, and stages belong to a board, so a status id is
"board-id:stage-id". Finalizing is not a stage in the document's words ("move,
and finalize"), so every board also gets a synthetic done status
"board-id:finalized"; setting it finalizes the task.

Assumptions where the document is silent (tests/fakes/gipo.py makes its own from
the document):
- Paths: GET /workspaces and GET /workspaces/{id}/boards (offset paging), GET
  /boards/{id}/stages (offset), GET /tasks?boardId= (cursor paging), GET /tasks/{id},
  POST /tasks, PATCH /tasks/{id}, POST /tasks/{id}/move {"stageId"}, POST
  /tasks/{id}/finalize, GET /time-entries?from=&to= (offset), POST /time-entries,
  PATCH and DELETE /time-entries/{id}. Ids (and so nextCursor) are strings.
- Workspace {"id", "name"}; board {"id", "name"}; stage {"id", "name",
  "position", "color"?}; task {"id", "title", "description"?, "boardId",
  "stageId", "finalizedAt"?, "dueDate"?, "estimatedHours"?, "updatedAt"?}. A task
  with finalizedAt set is finalized; moving it to a stage reopens it.
- Time entry {"id", "taskId", "memberId"?, "startedAt", "endedAt", "note"?}:
  always a finished interval ("manual time entries"), so running_entry is False.
- An Idempotency-Key is honoured per organisation: a repeat answers the first
  reply and acts once. Create keys derive from our op key; move and finalize get
  a fresh key, since setting a state twice is harmless while a derived key would
  swallow a later move back to the same stage.
- New tasks go to the first stage of the `board` option's board, or of the only
  board the key can see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import httpx

from stint.backends.base import (
    Backend,
    BadResponse,
    Capabilities,
    CreatedTask,
    Gone,
    Listing,
    Rejected,
    RemoteEntry,
    RemoteStatus,
    RemoteTask,
    Unreadable,
    Unsupported,
)
from stint.backends.gipo_api import ID, GipoWire, check_id, check_key, id_of, idempotency_key, opt_id_of
from stint.backends.http import check_url
from stint.backends.parse import Obj, read_record
from stint.domain.clock import Clock, SystemClock

__all__ = ["FINALIZED", "GipoBackend"]

FINALIZED = "finalized"


class GipoBackend(Backend):
    capabilities = Capabilities(
        create_task=True,
        set_status=True,
        live_timer=False,
        running_entry=False,
        explicit_entries=True,
        entry_unit="interval",
        server_timesheet=False,
        idempotency_keys=True,
        pull_entries=True,
        incremental_entries=False,
        day_totals=False,
        timers_in_tasks=False,
    )

    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        api_key: str,
        *,
        clock: Clock | None = None,
        allow_insecure: bool = False,
        default_board: str | None = None,
    ) -> None:
        key = check_key(api_key)
        url = check_url(base_url, allow_insecure=allow_insecure)
        self.base_url = url if url.endswith("/api/v1") else url + "/api/v1"
        self._client = client  # closed by the accounts service
        self._wire = GipoWire(client, self.base_url, key, clock or SystemClock())
        self.default_board = default_board
        self._boards: dict[str, str] = {}  # id -> name
        self._skipped_boards: list[Unreadable] = []  # workspaces and boards it could not read
        self._stages: dict[str, list[_Stage]] = {}

    def __repr__(self) -> str:
        return f"GipoBackend({self.base_url!r})"

    # --- reading -------------------------------------------------------------

    def check(self) -> str:
        names = self._wire.records("/workspaces", lambda w: w.text("name"), "workspace")
        return f"Gipo organisation with {len(names)} workspace(s): {', '.join(names)}"

    def list_statuses(self) -> Listing[RemoteStatus]:
        boards = self._load_boards()
        statuses: Listing[RemoteStatus] = Listing(skipped=self._skipped_boards)

        def add(rid: str, name: str, board: str, color: str | None, done: bool) -> None:
            label = f"{board} / {name}" if len(boards) > 1 else name
            statuses.append(RemoteStatus(rid, name, label, color, len(statuses) + 1, done))

        for board_id, board in boards.items():
            stages = self._load_stages(board_id)
            statuses.skipped.extend(stages.skipped)
            for stage in stages:
                add(f"{board_id}:{stage.id}", stage.name, board, stage.color, False)
            add(f"{board_id}:{FINALIZED}", "Finalized", board, None, True)
        return statuses

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        wanted = _split(status_remote_id, "status") if status_remote_id else None
        boards = [wanted[0]] if wanted else list(self._load_boards())
        tasks: Listing[RemoteTask] = Listing(skipped=[] if wanted else self._skipped_boards)
        for board in boards:
            self._prepare(board)  # its stages name its tasks' stages
            found = self._wire.records("/tasks", self._task, "task", {"boardId": board})
            tasks.skipped.extend(found.skipped)
            for task in found:
                if pending_only and task.status_remote_id == f"{board}:{FINALIZED}":
                    continue
                if status_remote_id is None or task.status_remote_id == status_remote_id:
                    tasks.append(task)
        return tasks

    def get_task(self, remote_id: str) -> RemoteTask:
        rid = check_id(remote_id, "task")
        task = self._wire.data("GET", f"/tasks/{rid}", what=f"task {rid}")
        board = task.raw.get("boardId")
        if isinstance(board, str) and ID.fullmatch(board):
            self._prepare(board)
        return read_record(task.raw, self._task, "task", task.where)

    def list_entries(self, start: datetime, end: datetime) -> Listing[RemoteEntry]:
        params = {"from": _stamp(start), "to": _stamp(end)}
        entries = self._wire.records("/time-entries", _entry, "entry", params)
        return Listing([e for e in entries if e.started_at < end and (e.ended_at or end) > start],
                       entries.skipped)

    # --- writing -------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        board = self._board_for_new_tasks()
        stages = self._load_stages(board)
        if not stages:
            raise Rejected(f"the Gipo board {board} has no stage to put a task in")
        body: dict[str, Any] = {"title": title, "boardId": board,
                                "stageId": stages[0].id}
        if description:
            body["description"] = description
        task = self._wire.data("POST", "/tasks", body=body, idem=idempotency_key("task", key))
        created = self._task(task)
        return CreatedTask(created.remote_id, created.status_remote_id, None)

    def create_is_idempotent(self) -> bool:
        # Our marker is the Idempotency-Key, which the server keeps: sending the
        # create again answers the task it made, if it made one, and makes none more.
        return True

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        rid = check_id(task_remote_id, "task")
        board, stage = _split(status_remote_id, "status")
        what = f"task {rid}"
        path = f"/tasks/{rid}/finalize" if stage == FINALIZED else f"/tasks/{rid}/move"
        body = None if stage == FINALIZED else {"stageId": stage}
        moved = self._wire.data("POST", path, body=body, what=what)
        self._prepare(board)
        status = self._task(moved).status_remote_id
        assert status is not None
        return status

    def create_entry(
        self, task_remote_id: str, started_at: datetime, ended_at: datetime | None,
        note: str, key: str,
    ) -> RemoteEntry:
        rid = check_id(task_remote_id, "task")
        body = {"taskId": rid, **_interval(started_at, ended_at, note)}
        try:
            o = self._wire.data("POST", "/time-entries", body=body,
                                idem=idempotency_key("entry", key))
        except Rejected as exc:
            # The only id in the body is the task's: its 404 says the task is gone.
            if exc.status == 404:
                raise Gone(f"task {rid} is gone from the server ({exc.message})") from None
            raise
        return _entry(o)

    def update_entry(
        self, remote_id: str, started_at: datetime, ended_at: datetime | None, note: str
    ) -> RemoteEntry:
        rid = check_id(remote_id, "entry")
        body = _interval(started_at, ended_at, note)
        return _entry(self._wire.data("PATCH", f"/time-entries/{rid}", body=body,
                                      what=f"time entry {rid}"))

    def delete_entry(self, remote_id: str) -> None:
        rid = check_id(remote_id, "entry")
        try:
            self._wire.request("DELETE", f"/time-entries/{rid}", what=f"time entry {rid}")
        except Gone:
            pass  # gone is what the op asked for (also after a lost reply)

    # --- plumbing ------------------------------------------------------------

    def _load_boards(self) -> dict[str, str]:
        boards: dict[str, str] = {}
        workspaces = self._wire.records("/workspaces", lambda w: id_of(w, "id"), "workspace")
        skipped = list(workspaces.skipped)
        for wid in workspaces:
            found = self._wire.records(f"/workspaces/{wid}/boards",
                                       lambda b: (id_of(b, "id"), b.text("name")), "board")
            boards.update(found)
            skipped.extend(found.skipped)
        self._boards, self._skipped_boards = boards, skipped
        return boards

    def _prepare(self, board: str) -> None:
        """Read what naming a task of `board` needs (its name, its stages), once."""
        if board not in self._boards:
            self._load_boards()
        if board not in self._stages:
            self._load_stages(board)

    def _load_stages(self, board: str) -> Listing[_Stage]:
        found = self._wire.records(f"/boards/{check_id(board, 'board')}/stages", _stage, "stage")
        stages = Listing(sorted(found, key=lambda s: s.position), found.skipped)
        self._stages[board] = stages
        return stages

    def _board_for_new_tasks(self) -> str:
        if self.default_board:
            return check_id(self.default_board, "board")
        boards = list(self._load_boards())
        if self._skipped_boards:  # the task could belong on the one that cannot be read
            first = self._skipped_boards[0]
            raise BadResponse(f"cannot choose the board for new tasks: {first.label}: {first.why}")
        if len(boards) != 1:
            raise Rejected(f"{len(boards)} Gipo boards: set the account's board option "
                           "to say where new tasks go")
        return boards[0]

    def _task(self, o: Obj) -> RemoteTask:
        # No request in here: a record's reading must not hide a failed request.
        board = id_of(o, "boardId")
        finalized = o.opt_instant("finalizedAt") is not None
        stage = FINALIZED if finalized else id_of(o, "stageId")
        if finalized:
            stage_name: str | None = "Finalized"
        else:
            stages = self._stages.get(board, [])
            stage_name = next((s.name for s in stages if s.id == stage), None)
        return RemoteTask(
            remote_id=id_of(o, "id"), title=o.text("title"),
            description=o.opt_text("description") or "",
            status_remote_id=f"{board}:{stage}", status_name=stage_name,
            project=self._boards.get(board), category=None, due_date=o.opt_day("dueDate"),
            estimated_hours=o.opt_number("estimatedHours"), active_timer=None,
            updated_at=o.opt_instant("updatedAt"),
        )


@dataclass(frozen=True)
class _Stage:
    id: str
    name: str
    position: int
    color: str | None


def _stage(o: Obj) -> _Stage:
    return _Stage(id_of(o, "id"), o.text("name"), o.integer("position"), o.opt_text("color"))


def _split(remote_id: str, what: str) -> tuple[str, str]:
    board, sep, stage = remote_id.partition(":")
    if not sep:
        raise Rejected(f"not a Gipo {what} id: {remote_id!r} (expected board:stage)")
    return check_id(board, what), check_id(stage, what)


def _entry(o: Obj) -> RemoteEntry:
    started, ended = o.instant("startedAt"), o.instant("endedAt")
    if ended < started:
        raise BadResponse(f"{o.where}: ends before it starts")
    return RemoteEntry(
        remote_id=id_of(o, "id"), task_remote_id=id_of(o, "taskId"), started_at=started,
        ended_at=ended, seconds=int((ended - started).total_seconds()),
        note=o.opt_text("note") or "", user_remote_id=opt_id_of(o, "memberId"),
    )


def _interval(started_at: datetime, ended_at: datetime | None, note: str) -> dict[str, str]:
    if ended_at is None:
        raise Unsupported("Gipo keeps manual entries only; send the entry when it stops")
    return {"startedAt": _stamp(started_at), "endedAt": _stamp(ended_at), "note": note}


def _stamp(when: datetime) -> str:
    # The document's form: YYYY-MM-DDTHH:mm:ss.sssZ
    utc = when.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
