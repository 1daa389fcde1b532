"""A fake Wekan, written from Wekan's REST API documentation.

It follows the document, not our adapter: POST /users/login with a username or
an e-mail and a password, as JSON or as form data, answering {"id", "token",
"tokenExpires"}; the card writes (add to a list, board and swimlane; update;
delete). The token's expiry runs on the injected clock.

The document lists nothing to read with and no errors, so the fake answers those
as Wekan's REST routes do:
- GET /api/user (listed in the summary), GET /api/users/:id/boards,
  GET /api/boards/:b/lists, /swimlanes, /lists/:l/cards and /lists/:l/cards/:c;
  whole arrays, no paging; archived cards are left out;
- a card URL needs the list the card is on now (404 otherwise);
- the token is read from "Authorization: Bearer"; a missing, unknown or expired
  one is 401; a board the caller is not a member of is 403; the rest 404/400;
- errors are Meteor errors: {"error": code, "reason", "message", "errorType"}, or
  with `terse_errors` set {"error": code, "reason"} only, as JsonRoutes sends them;
  a wrong password is 403 "Incorrect password", an unknown user 403 "User not
  found", a login without password 400;
- spentTime is hours, a number; a negative or non-number one is 400.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl

from stint.domain.clock import Clock, FixedClock
from tests.fakes.httpfake import FakeRequest, FakeResponse, FakeServer

START = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)
TOKEN_LIFETIME = timedelta(days=90)  # Meteor's default login expiration
LISTS = ("To Do", "Doing", "Done")


@dataclass
class FakeUser:
    id: str
    username: str
    email: str
    password: str


@dataclass
class FakeBoard:
    id: str
    title: str
    members: set[str]
    lists: list[str] = field(default_factory=list)
    swimlanes: list[str] = field(default_factory=list)


@dataclass
class FakeCard:
    id: str
    board_id: str
    list_id: str
    swimlane_id: str
    author_id: str
    title: str
    description: str
    modified_at: datetime
    spent_time: float | None = None
    due_at: datetime | None = None
    archived: bool = False


def stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def meteor_error(code: int, reason: str) -> FakeResponse:
    return FakeResponse.json(code, {
        "error": code, "reason": reason, "message": f"{reason} [{code}]",
        "errorType": "Meteor.Error",
    })


class FakeWekan(FakeServer):
    base_url = "https://wekan.test"
    required_keys = frozenset({"_id", "id", "token", "tokenExpires", "title", "listId",
                               "username"})

    def __init__(self, clock: Clock | None = None,
                 token_lifetime: timedelta = TOKEN_LIFETIME) -> None:
        super().__init__()
        self.clock: Clock = clock or FixedClock(START)
        self.token_lifetime = token_lifetime
        self._random = random.Random(7)
        self.users: dict[str, FakeUser] = {}
        self.tokens: dict[str, tuple[str, datetime]] = {}
        self.boards: dict[str, FakeBoard] = {}
        self.list_titles: dict[str, str] = {}
        self.swimlane_titles: dict[str, str] = {}
        self.cards: dict[str, FakeCard] = {}
        self.user = self.add_user("myusername", "my$up3erP@ssw0rd")

    def new_id(self) -> str:
        alphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz"
        return "".join(self._random.choice(alphabet) for _ in range(17))

    # --- the web UI ------------------------------------------------------------

    def add_user(self, username: str, password: str) -> FakeUser:
        with self.lock:
            user = FakeUser(self.new_id(), username, f"{username}@email.com", password)
            self.users[user.id] = user
            return user

    def add_board(self, title: str, *, members: set[str] | None = None,
                  lists: tuple[str, ...] = LISTS) -> FakeBoard:
        with self.lock:
            board = FakeBoard(self.new_id(), title, set(members or {self.user.id}))
            for name in lists:
                board.lists.append(self.new_id())
                self.list_titles[board.lists[-1]] = name
            board.swimlanes.append(self.new_id())
            self.swimlane_titles[board.swimlanes[-1]] = "Default"
            self.boards[board.id] = board
            return board

    def list_id(self, board: FakeBoard, title: str) -> str:
        return next(i for i in board.lists if self.list_titles[i] == title)

    def add_card(self, board: FakeBoard, title: str, list_title: str = "To Do", *,
                 spent_time: float | None = None, description: str = "") -> FakeCard:
        with self.lock:
            card = FakeCard(self.new_id(), board.id, self.list_id(board, list_title),
                            board.swimlanes[0], self.user.id, title, description,
                            self.clock.now(), spent_time)
            self.cards[card.id] = card
            return card

    def web_move(self, card: FakeCard, list_title: str) -> None:
        with self.lock:
            card.list_id = self.list_id(self.boards[card.board_id], list_title)

    def revoke_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    # --- the API -------------------------------------------------------------------

    def fault_payload(self, status: int) -> Any:
        reason = "Too many requests" if status == 429 else "Internal server error"
        return {"error": status, "reason": reason, "message": f"{reason} [{status}]"}

    terse_errors = False

    def handle(self, request: FakeRequest) -> FakeResponse:
        response = self._answer(request)
        if self.terse_errors and response.status >= 400 and response.body:
            error = json.loads(response.body)
            return FakeResponse.json(response.status, {"error": error["error"], "reason": error["reason"]})
        return response

    def _answer(self, request: FakeRequest) -> FakeResponse:
        if request.path == "/users/login" and request.method == "POST":
            return self._login(request)
        if not request.path.startswith("/api/"):
            return meteor_error(404, "Not found")
        auth = request.headers.get("authorization", "")
        held = self.tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
        if held is None or self.clock.now() >= held[1]:
            return meteor_error(401, "Unauthorized")
        user = self.users[held[0]]
        parts = request.path.split("/")[2:]
        body = request.json()
        return self._route(user, request.method, parts, body if isinstance(body, dict) else {})

    def _login(self, request: FakeRequest) -> FakeResponse:
        body = request.json()
        if not isinstance(body, dict):
            body = dict(parse_qsl(request.body.decode("utf-8", "replace")))
        password = body.get("password")
        name, email = body.get("username"), body.get("email")
        if not isinstance(password, str) or not (isinstance(name, str) or isinstance(email, str)):
            return meteor_error(400, "Match failed")
        user = next((u for u in self.users.values()
                     if (name is not None and u.username == name)
                     or (email is not None and u.email == email)), None)
        if user is None:
            return meteor_error(403, "User not found")
        if user.password != password:
            return meteor_error(403, "Incorrect password")
        token = f"{self.new_id()}{self.new_id()}-l11sIfINPT3wykZ1SsVwg"
        expires = self.clock.now() + self.token_lifetime
        self.tokens[token] = (user.id, expires)
        return FakeResponse.json(200, {"id": user.id, "token": token,
                                       "tokenExpires": stamp(expires)})

    def _route(self, user: FakeUser, method: str, parts: list[str], body: dict[str, Any]
               ) -> FakeResponse:
        n = len(parts)
        if parts == ["user"] and method == "GET":
            return FakeResponse.json(200, {
                "_id": user.id, "username": user.username,
                "emails": [{"address": user.email, "verified": True}], "profile": {},
            })
        if n == 3 and parts[0] == "users" and parts[2] == "boards" and method == "GET":
            if parts[1] != user.id:
                return meteor_error(403, "Forbidden")
            mine = [b for b in self.boards.values() if user.id in b.members]
            return FakeResponse.json(200, [{"_id": b.id, "title": b.title} for b in mine])
        if n < 3 or parts[0] != "boards":
            return meteor_error(404, "Not found")
        board = self.boards.get(parts[1])
        if board is None:
            return meteor_error(404, "Board not found")
        if user.id not in board.members:
            return meteor_error(403, "Forbidden")
        if n == 3 and parts[2] in ("lists", "swimlanes") and method == "GET":
            ids, titles = ((board.lists, self.list_titles) if parts[2] == "lists"
                           else (board.swimlanes, self.swimlane_titles))
            return FakeResponse.json(200, [{"_id": i, "title": titles[i]} for i in ids])
        if n < 5 or parts[2] != "lists" or parts[4] != "cards":
            return meteor_error(404, "Not found")
        if parts[3] not in board.lists:
            return meteor_error(404, "List not found")
        on_list = [c for c in self.cards.values()
                   if c.board_id == board.id and c.list_id == parts[3] and not c.archived]
        if n == 5 and method == "GET":
            return FakeResponse.json(200, [
                {"_id": c.id, "title": c.title, "description": c.description} for c in on_list
            ])
        if n == 5 and method == "POST":
            return self._create(board, parts[3], body)
        card = next((c for c in on_list if n == 6 and c.id == parts[5]), None)
        if card is None:
            return meteor_error(404, "Card not found")
        if method == "GET":
            return FakeResponse.json(200, self.card_json(card))
        if method == "PUT":
            return self._update(board, card, body)
        if method == "DELETE":
            del self.cards[card.id]
            return FakeResponse.json(200, {"_id": card.id})
        return meteor_error(404, "Not found")

    def _create(self, board: FakeBoard, list_id: str, body: dict[str, Any]) -> FakeResponse:
        title, author = body.get("title"), body.get("authorId")
        swimlane, description = body.get("swimlaneId"), body.get("description", "")
        if not isinstance(title, str) or not title.strip() or not isinstance(description, str):
            return meteor_error(400, "title and description must be strings")
        if author not in board.members:
            return meteor_error(403, "Forbidden")
        if swimlane not in board.swimlanes:
            return meteor_error(404, "Swimlane not found")
        card = FakeCard(self.new_id(), board.id, list_id, swimlane, author, title, description,
                        self.clock.now())
        self.cards[card.id] = card
        return FakeResponse.json(200, {"_id": card.id})

    def _update(self, board: FakeBoard, card: FakeCard, body: dict[str, Any]) -> FakeResponse:
        if "listId" in body and body["listId"] not in board.lists:
            return meteor_error(404, "List not found")
        spent = body.get("spentTime", card.spent_time)
        if spent is not None and (not isinstance(spent, (int, float)) or isinstance(spent, bool)
                                  or spent < 0):
            return meteor_error(400, "spentTime must be a number of hours")
        if "title" in body and (not isinstance(body["title"], str) or not body["title"].strip()):
            return meteor_error(400, "title must be a string")
        card.list_id = body.get("listId", card.list_id)
        card.title = body.get("title", card.title)
        card.spent_time = float(spent) if spent is not None else None
        card.modified_at = self.clock.now()
        return FakeResponse.json(200, {"_id": card.id})

    def card_json(self, c: FakeCard) -> dict[str, Any]:
        data: dict[str, Any] = {
            "_id": c.id, "title": c.title, "description": c.description, "boardId": c.board_id,
            "listId": c.list_id, "swimlaneId": c.swimlane_id, "userId": c.author_id,
            "archived": c.archived, "sort": 0, "modifiedAt": stamp(c.modified_at),
            "createdAt": stamp(c.modified_at), "members": [], "labelIds": [],
        }
        if c.spent_time is not None:
            data["spentTime"] = c.spent_time
        if c.due_at is not None:
            data["dueAt"] = stamp(c.due_at)
        return data
