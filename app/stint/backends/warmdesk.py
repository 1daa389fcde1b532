"""WarmDesk (its REST API Reference): cards in project columns, time entries,
and the person's timesheet. Signing in lives in `warmdesk_auth`.

A task is a card; its status is the column it sits in. Columns belong to a project,
so a status is "project-slug:column-id" and a task "project-slug:card-id" (card
URLs need the slug). A status change is a card move. WarmDesk runs no timer: a
stopped interval goes to /time-entries, and the server's own week comes from
/reports/timesheet.

Assumptions where the document is silent (tests/fakes/warmdesk.py makes its own
from the document):
- Lists (projects, columns, cards) answer a plain JSON array, unpaged: the
  document names paging for chat history only. Ids are integers.
- Project: {"id", "slug", "name"}. Column: {"id", "name", "position", "color"?}.
  Card: {"id", "column_id", "title", "description"?, "due_date"? (YYYY-MM-DD),
  "updated_at"?}. GET /users/me: {"id", "username", "display_name"?, "email"?}.
- Columns named Done, Closed, Completed or Finished (any case) count as done.
- A time entry is an interval on a card: {"id", "card_id", "project" (slug),
  "user_id", "started_at", "ended_at", "description"} with ISO 8601 instants that
  carry an offset; POST and PUT take card_id (POST only), started_at, ended_at and
  description. A running entry cannot be stored.
- GET /reports/timesheet?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive UTC days) answers
  {"cards": [{"card_id", "project", "days": [{"date", "minutes"}], "entries": [..]}]}:
  the server's minutes per card per day and the entries behind them. There is no
  other way to read entries, so list_entries() and task_time() use it too.
- A card may say who made it and when ("created_by": a user id, "created_at"):
  only then can a card be shown to be the one a create whose reply was lost made.
- New cards go into the first column of the `project` option's project (or of the
  only project the person can see).
- A write's reply may carry no more than the id: the document promises only
  "201 Created — resource created; id in response" and "200 OK — resource
  returned or updated". What such a reply leaves out is what was sent (the column
  a card was created in or moved to, an entry's times and description).
- DELETE of an entry that is already gone (404) is success: the entry is gone,
  which is what the op asked for, e.g. after a lost reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    Unreadable,
)
from stint.backends.http import check_url
from stint.backends.parse import Obj, read_record
from stint.backends.warmdesk_auth import CredentialSource, WarmDeskSession
from stint.backends.warmdesk_time import SLUG, TaskDay, TimeEntries, records, slug_of, split_id
from stint.domain.clock import Clock, SystemClock

__all__ = ["DONE_COLUMNS", "TaskDay", "WarmDeskBackend"]

DONE_COLUMNS = frozenset({"done", "closed", "completed", "finished"})


class _Projects(dict[str, str]):
    """slug -> name, in the server's order, with the projects that could not be read."""

    def __init__(self, items: list[tuple[str, str]], skipped: list[Unreadable]) -> None:
        super().__init__(items)
        self.skipped = skipped


@dataclass(frozen=True)
class _Column:
    id: str
    name: str
    position: int
    color: str | None

    @property
    def is_done(self) -> bool:
        return self.name.strip().casefold() in DONE_COLUMNS


class WarmDeskBackend(TimeEntries, Backend):
    capabilities = Capabilities(
        create_task=True,
        set_status=True,
        live_timer=False,
        running_entry=False,
        explicit_entries=True,
        entry_unit="interval",
        server_timesheet=True,
        idempotency_keys=False,
        pull_entries=True,
        incremental_entries=False,
        day_totals=True,
        timers_in_tasks=False,
    )

    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        credential: CredentialSource,
        *,
        keep_secret: Callable[[str], None] | None = None,
        clock: Clock | None = None,
        allow_insecure: bool = False,
        default_project: str | None = None,
        task_time_days: int = 14,
    ) -> None:
        url = check_url(base_url, allow_insecure=allow_insecure)
        self.base_url = url if url.endswith("/api/v1") else url + "/api/v1"
        self._client = client  # closed by the accounts service
        self._clock = clock or SystemClock()
        self._session = WarmDeskSession(
            client, self.base_url, credential, keep_secret=keep_secret, clock=self._clock
        )
        self.default_project = default_project
        self.task_time_days = task_time_days
        self._projects: dict[str, str] = {}  # slug -> name, in the server's order
        self._columns: dict[str, list[_Column]] = {}
        self._entry_cards: dict[str, str] = {}
        self._me: str | None = None

    def __repr__(self) -> str:
        return f"WarmDeskBackend({self.base_url!r})"

    # --- reading -------------------------------------------------------------

    def check(self) -> str:
        me = Obj(self._json("GET", "/users/me"))
        username = me.text("username")
        name = me.opt_text("display_name") or username
        email = me.opt_text("email")
        return f"{name} <{email}>" if email else name

    def user_remote_id(self) -> str | None:
        if self._me is None:
            self._me = Obj(self._json("GET", "/users/me")).int_id("id")
        return self._me

    def list_statuses(self) -> Listing[RemoteStatus]:
        projects = self._load_projects()
        statuses: Listing[RemoteStatus] = Listing(skipped=projects.skipped)
        for slug, project in projects.items():
            columns = self._load_columns(slug)
            statuses.skipped.extend(columns.skipped)
            for column in columns:
                # With one project "Done" says it all; with several it needs its project.
                label = f"{project} / {column.name}" if len(projects) > 1 else column.name
                statuses.append(RemoteStatus(
                    remote_id=f"{slug}:{column.id}", name=column.name, label=label,
                    color=column.color, position=len(statuses) + 1, is_done=column.is_done,
                ))
        return statuses

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        wanted = split_id(status_remote_id, "status") if status_remote_id is not None else None
        tasks: Listing[RemoteTask] = Listing()
        if wanted:
            slugs = [wanted[0]]
        else:
            projects = self._load_projects()
            slugs, tasks.skipped = list(projects), list(projects.skipped)
        for slug in slugs:
            columns = self._load_columns(slug)  # one it cannot read: list_statuses names it
            project = self._project_name(slug)
            for column in columns:
                if (wanted and column.id != wanted[1]) or (pending_only and column.is_done):
                    continue
                path = f"/projects/{slug}/columns/{column.id}/cards"
                tasks.extend_from(records(self._json("GET", path), lambda card: self._task(
                    slug, card, columns, project), "task", "cards"))
        return tasks

    def get_task(self, remote_id: str) -> RemoteTask:
        slug, card_id = split_id(remote_id, "task")
        card = self._json("GET", f"/projects/{slug}/cards/{card_id}")
        columns, project = self._load_columns(slug), self._project_name(slug)
        return read_record(card, lambda o: self._task(slug, o, columns, project), "task")

    # --- writing -------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        # No timer to start and no idempotency key: after an ambiguous failure the
        # sync engine probes for a card with this title.
        slug = self._project_for_new_cards()
        columns = self._load_columns(slug)
        if not columns:
            raise Rejected(f"the WarmDesk project {slug} has no column to put a card in")
        body: dict[str, Any] = {"title": title}
        if description:
            body["description"] = description
        path = f"/projects/{slug}/columns/{columns[0].id}/cards"
        card = Obj(self._json("POST", path, body=body))
        # "201 Created — id in response" is all the document promises: a reply
        # without the card's column means the column it was created in.
        column = card.int_id("column_id") if card.has("column_id") else columns[0].id
        return CreatedTask(f"{slug}:{card.int_id('id')}", f"{slug}:{column}", None)

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        slug, card_id = split_id(task_remote_id, "task")
        column_slug, column_id = split_id(status_remote_id, "status")
        if column_slug != slug:
            raise Rejected(f"a card of {slug} cannot move to a column of {column_slug}")
        path = f"/projects/{slug}/cards/{card_id}/move"
        card = self._written("PATCH", path, body={"column_id": int(column_id)})
        # A 200 may answer "updated" without the card: then it is where we moved it.
        return f"{slug}:{card.int_id('column_id') if card.has('column_id') else column_id}"

    # --- plumbing ------------------------------------------------------------

    def _json(self, method: str, path: str, *, params: dict[str, str] | None = None,
              body: Any = None) -> Any:
        return self._session.request(method, path, params=params, body=body).json()

    def _written(self, method: str, path: str, *, body: Any = None) -> Obj:
        """The reply to a write, which may hold less than the resource (or nothing)."""
        reply = self._session.request(method, path, body=body)
        if not reply.body.strip():
            return Obj({})
        data = reply.json()
        return Obj(data if isinstance(data, dict) else {})

    def _request(self, method: str, path: str) -> None:
        self._session.request(method, path)

    def _load_projects(self) -> _Projects:
        found = records(self._json("GET", "/projects"), lambda p: (slug_of(p, "slug"), p.text("name")),
                        "project", "projects")
        projects = _Projects(found, found.skipped)
        self._projects = dict(projects)
        return projects

    def _load_columns(self, slug: str) -> Listing[_Column]:
        found = records(self._json("GET", f"/projects/{slug}/columns"), lambda c: _Column(
            c.int_id("id"), c.text("name"), c.integer("position"), c.opt_text("color")), "column", "columns")
        columns = Listing(sorted(found, key=lambda c: (c.position, int(c.id))), found.skipped)
        self._columns[slug] = columns
        return columns

    def _project_name(self, slug: str) -> str:
        if slug not in self._projects:
            project = Obj(self._json("GET", f"/projects/{slug}"))
            self._projects[slug] = project.text("name")
        return self._projects[slug]

    def _project_for_new_cards(self) -> str:
        if self.default_project:
            if not SLUG.fullmatch(self.default_project):
                raise Rejected(f"not a WarmDesk project slug: {self.default_project!r}")
            return self.default_project
        found = self._load_projects()
        if found.skipped:  # the card could belong in the one that cannot be read
            first = found.skipped[0]
            raise BadResponse(f"cannot choose the project for new cards: {first.label}: {first.why}")
        projects = list(found)
        if len(projects) != 1:
            raise Rejected(
                f"{len(projects)} WarmDesk projects: set the account's project option "
                "to say where new cards go"
            )
        return projects[0]

    def _task(self, slug: str, card: Obj, columns: list[_Column], project: str) -> RemoteTask:
        column_id = card.int_id("column_id")
        column = next((c for c in columns if c.id == column_id), None)
        return RemoteTask(
            remote_id=f"{slug}:{card.int_id('id')}",
            title=card.text("title"),
            description=card.opt_text("description") or "",
            status_remote_id=f"{slug}:{column_id}",
            status_name=column.name if column else None,
            project=project,
            category=None,
            due_date=card.opt_day("due_date"),
            estimated_hours=None,
            active_timer=None,
            updated_at=card.opt_instant("updated_at"),
            created_by=card.opt_int_id("created_by"),
            created_at=card.opt_instant("created_at"),
        )
