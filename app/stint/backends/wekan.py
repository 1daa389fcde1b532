"""Wekan (its REST API documentation): cards on lists, time as the card's spentTime.

A task is a card and its status is the list it is on; lists belong to a board,
so a status is "boardId:listId" and a task "boardId:cardId" (a card's list
changes, its board does not). A status change is an update of the card's listId.
Wekan holds no intervals: the card's spentTime, in hours, is kept equal to our
total for the card (entry_unit "task_total", `set_task_total`). Signing in lives
in `wekan_auth`.

Assumptions where the document is silent (the document lists the card writes
only; tests/fakes/wekan.py answers as a Wekan server does):
- The base URL is the server root: /users/login there, the REST API under /api.
- Reading uses Wekan's other REST routes, each a whole JSON array (no paging):
  GET /api/user -> {"_id", "username", "emails"?: [{"address"}]};
  GET /api/users/:userId/boards -> [{"_id", "title"}];
  GET /api/boards/:b/lists and /swimlanes -> [{"_id", "title"}], in board order;
  GET /api/boards/:b/lists/:l/cards -> [{"_id", "title", "description"?}];
  GET /api/boards/:b/lists/:l/cards/:c -> the card with "listId", "spentTime"?
  (hours), "dueAt"?, "modifiedAt"?. Writes answer {"_id": <card id>}.
- Card URLs need the card's current list: it is remembered from the last listing
  and looked up again on the board when the card is not there (moved on the web).
- Lists titled Done, Closed, Completed or Finished (any case) count as done.
- spentTime is written rounded to 0.01 h (36 s): a difference below that is
  not worth a write.
- New cards go on the first swimlane and the first list of the `board` option's
  board (or of the only board the person has).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

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
    TaskTime,
    UnreadableRecord,
)
from stint.backends.http import check_url
from stint.backends.parse import Obj, read_record, read_records, unreadable
from stint.backends.wekan_auth import CredentialSource, WekanSession
from stint.domain.clock import Clock, SystemClock

DONE_LISTS = frozenset({"done", "closed", "completed", "finished"})
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class WekanBackend(Backend):
    capabilities = Capabilities(
        create_task=True,
        set_status=True,
        live_timer=False,
        running_entry=False,
        explicit_entries=False,
        entry_unit="task_total",
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
        credential: CredentialSource,
        *,
        clock: Clock | None = None,
        allow_insecure: bool = False,
        boards: Sequence[str] = (),
        default_board: str | None = None,
    ) -> None:
        self.base_url = check_url(base_url, allow_insecure=allow_insecure)
        self._client = client  # closed by the accounts service
        self._clock = clock or SystemClock()
        self._session = WekanSession(client, self.base_url, credential, self._clock)
        self.boards = tuple(_id(b, "board") for b in boards)
        self.default_board = _id(default_board, "board") if default_board else None
        self._lists: dict[str, list[tuple[str, str]]] = {}  # board -> [(list id, title)]
        self._card_list: dict[str, str] = {}  # "board:card" -> list id
        self._board_titles: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"WekanBackend({self.base_url!r})"

    # --- reading -------------------------------------------------------------

    def check(self) -> str:
        me = Obj(self._json("GET", "/api/user"))
        name = me.text("username")
        _sid(me)
        emails = me.objects("emails") if me.has("emails") else []
        return f"{name} <{emails[0].text('address')}>" if emails else name

    def list_statuses(self) -> Listing[RemoteStatus]:
        boards = self._boards()
        statuses: Listing[RemoteStatus] = Listing(skipped=boards.skipped)
        for board, board_title in boards:
            lists = self._load_lists(board)
            statuses.skipped.extend(lists.skipped)
            for list_id, title in lists:
                statuses.append(RemoteStatus(
                    remote_id=f"{board}:{list_id}", name=title,
                    label=f"{board_title} / {title}" if len(boards) > 1 else title,
                    color=None, position=len(statuses) + 1, is_done=_done(title),
                ))
        return statuses

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        wanted = _split(status_remote_id, "status") if status_remote_id is not None else None
        tasks: Listing[RemoteTask] = Listing()
        if wanted:
            boards = [wanted[0]]
        else:
            found = self._boards()
            boards, tasks.skipped = [b for b, _ in found], list(found.skipped)
        for board in boards:
            for list_id, title in self._load_lists(board):
                if (wanted and list_id != wanted[1]) or (pending_only and _done(title)):
                    continue
                tasks.extend_from(read_records(
                    self._cards_raw(board, list_id),
                    lambda card, list_id=list_id, title=title: self._task(board, card, list_id, title),
                    "task", "cards"))
        return tasks

    def get_task(self, remote_id: str) -> RemoteTask:
        board, card_id = _split(remote_id, "task")
        card = self._card(board, card_id)
        titles = dict(self._lists.get(board) or self._load_lists(board))

        def read(o: Obj) -> RemoteTask:
            list_id = _sid(o, "listId")
            return self._task(board, o, list_id, titles.get(list_id))

        return read_record(card.raw, read, "task", card.where)

    def user_remote_id(self) -> str | None:
        return self._session.signed_in_user()

    def task_time(self, task_remote_id: str) -> TaskTime:
        """The card's spentTime, in seconds; Wekan keeps no entries behind it."""
        board, card_id = _split(task_remote_id, "task")
        card = self._card(board, card_id)
        hours = read_record(card.raw, lambda o: o.opt_number("spentTime") or 0.0, "task", card.where)
        if not 0 <= hours < 1_000_000:
            raise UnreadableRecord(unreadable(card.raw, "task", card.where, "spentTime: out of range"))
        return TaskTime(task_remote_id, round(hours * 3600))

    # --- writing -------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        # No timer and no idempotency key: the sync engine probes by title.
        board = self._board_for_new_cards()
        lists = self._load_lists(board)
        swimlanes = _list(self._json("GET", f"/api/boards/{board}/swimlanes"), "swimlanes")
        if not lists or not swimlanes:
            raise Rejected(f"the Wekan board {board} has no list or swimlane for a card")
        list_id = lists[0][0]
        body = {
            "authorId": self._session.signed_in_user(),
            "title": title,
            "description": description,
            "swimlaneId": _sid(Obj(swimlanes[0], "swimlanes[0]")),
        }
        reply = Obj(self._json("POST", f"/api/boards/{board}/lists/{list_id}/cards", body))
        card_id = _sid(reply)
        self._card_list[f"{board}:{card_id}"] = list_id
        return CreatedTask(f"{board}:{card_id}", f"{board}:{list_id}", None)

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        board, card_id = _split(task_remote_id, "task")
        list_board, list_id = _split(status_remote_id, "status")
        if list_board != board:
            raise Rejected(f"a card of board {board} cannot move to a list of {list_board}")
        self._update(board, card_id, {"listId": list_id})
        self._card_list[task_remote_id] = list_id
        return status_remote_id

    def set_task_total(self, task_remote_id: str, seconds: int) -> int:
        """Make the card's spentTime our total; returns the seconds the server holds
        (rounded to 0.01 h)."""
        if seconds < 0:
            raise Rejected("a card's spent time cannot be negative")
        board, card_id = _split(task_remote_id, "task")
        hours = round(seconds / 3600, 2)
        self._update(board, card_id, {"spentTime": hours})
        return round(hours * 3600)

    # --- plumbing ------------------------------------------------------------

    def _json(self, method: str, path: str, body: Any = None) -> Any:
        return self._session.request(method, path, body).json()

    def _boards(self) -> Listing[tuple[str, str]]:
        user = self._session.signed_in_user()
        found = read_records(_list(self._json("GET", f"/api/users/{user}/boards"), "boards"),
                             lambda b: (_sid(b), b.text("title")), "board", "boards")
        self._board_titles.update(found)
        if self.boards:
            return Listing([b for b in found if b[0] in self.boards],
                           [u for u in found.skipped if u.remote_id in (None, *self.boards)])
        return found

    def _load_lists(self, board: str) -> Listing[tuple[str, str]]:
        lists = read_records(_list(self._json("GET", f"/api/boards/{board}/lists"), "lists"),
                             lambda item: (_sid(item), item.text("title")), "list", "lists")
        self._lists[board] = list(lists)
        return lists

    def _cards_raw(self, board: str, list_id: str) -> list[Any]:
        """A list's cards as sent (each is read as a record by its caller); the
        list each card is on is remembered for its URL."""
        cards = _list(self._json("GET", f"/api/boards/{board}/lists/{list_id}/cards"), "cards")
        for card in cards:
            if isinstance(card, dict) and isinstance(card.get("_id"), str) and _ID.fullmatch(card["_id"]):
                self._card_list[f"{board}:{card['_id']}"] = list_id
        return cards

    def _find_list(self, board: str, card_id: str) -> str:
        """The list the card is on now, from the board (it may have moved)."""
        for list_id, _ in self._load_lists(board):
            if any(isinstance(c, dict) and c.get("_id") == card_id for c in self._cards_raw(board, list_id)):
                return list_id
        raise Rejected(f"no card {card_id} on Wekan board {board}", 404)

    def _on_card(self, board: str, card_id: str, method: str, body: Any = None) -> Obj:
        """A request to the card's URL, looking for its list again if it moved."""
        key = f"{board}:{card_id}"
        known = self._card_list.get(key)
        list_id = known or self._find_list(board, card_id)
        path = f"/api/boards/{board}/lists/{{}}/cards/{card_id}"
        try:
            return Obj(self._json(method, path.format(list_id), body))
        except Rejected as exc:
            if exc.status != 404 or known is None:
                raise
        list_id = self._find_list(board, card_id)
        return Obj(self._json(method, path.format(list_id), body))

    def _card(self, board: str, card_id: str) -> Obj:
        card = self._on_card(board, card_id, "GET")
        if _sid(card) != card_id:
            raise BadResponse("Wekan answered with another card")
        return card

    def _update(self, board: str, card_id: str, body: dict[str, Any]) -> None:
        reply = self._on_card(board, card_id, "PUT", body)
        if reply.text("_id") != card_id:
            raise BadResponse("Wekan answered the update of another card")

    def _task(self, board: str, card: Obj, list_id: str, list_title: str | None
              ) -> RemoteTask:
        due = card.opt_instant("dueAt")
        return RemoteTask(
            remote_id=f"{board}:{_sid(card)}",
            title=card.text("title"),
            description=card.opt_text("description") or "",
            status_remote_id=f"{board}:{list_id}",
            status_name=list_title,
            project=self._board_titles.get(board),
            category=None,
            due_date=due.date() if due else None,
            estimated_hours=None,
            active_timer=None,
            updated_at=card.opt_instant("modifiedAt"),
            created_by=card.opt_text("userId"),
            created_at=card.opt_instant("createdAt"),
        )

    def _board_for_new_cards(self) -> str:
        if self.default_board:
            return self.default_board
        boards = self._boards()
        if boards.skipped:  # the card could belong on the one that cannot be read
            first = boards.skipped[0]
            raise BadResponse(f"cannot choose the board for new cards: {first.label}: {first.why}")
        if len(boards) != 1:
            raise Rejected(
                f"{len(boards)} Wekan boards: set the account's board option to say "
                "where new cards go"
            )
        return boards[0][0]


def _done(title: str) -> bool:
    return title.strip().casefold() in DONE_LISTS


def _list(data: Any, where: str) -> list[Any]:
    if not isinstance(data, list):
        kind = "null" if data is None else type(data).__name__
        raise BadResponse(f"{where}: expected a list, got {kind}")
    return data


def _id(value: str, what: str) -> str:
    # Ids go into URL paths: anything but Meteor's id characters is refused.
    if not _ID.fullmatch(value):
        raise Rejected(f"not a Wekan {what} id: {value!r}")
    return value


def _sid(o: Obj, key: str = "_id") -> str:
    """An id from a reply; it will go into URL paths too."""
    value = o.text(key)
    if not _ID.fullmatch(value):
        raise BadResponse(f"{o.where}.{key}: not a Wekan id")
    return value


def _split(remote_id: str, what: str) -> tuple[str, str]:
    board, _, item = remote_id.partition(":")
    if not _ID.fullmatch(board) or not _ID.fullmatch(item):
        raise Rejected(f"not a Wekan {what} id: {remote_id!r} (expected board:id)")
    return board, item
