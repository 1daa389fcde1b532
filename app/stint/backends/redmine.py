"""Redmine's REST API (Redmine 5.0, as Debian 12 ships it): X-Redmine-API-Key, issues
as tasks, time as hours per issue per day.

What Redmine makes us do, and the choices made here:
- The key is validated with /users/current.json: elsewhere a wrong or revoked key
  is served as the anonymous user (200 with nothing of "mine", 404 for the rest),
  so an empty list, a 403 or a 404 is believed only once that key is taken
  (redmine_api); otherwise it is AuthRejected.
- Tasks are the issues assigned to the key's user ("assigned_to_id=me"), read page by
  page (offset/limit/total_count). Statuses are issue_statuses; is_closed is done.
- A status change is checked against the issue's `allowed_statuses` first (Redmine
  answers 204 to a change its workflow refuses, and changes nothing), and the issue
  is read back afterwards for the same reason.
- create_task needs a project: the account option `project` (identifier or id), with
  an optional `tracker_id` (else the project's first tracker). Without a project the
  capability create_task is False. New issues are assigned to the key's user, so
  they are among "my issues" (and the engine's probe by title finds them).
- Time: no timer and no running entry; an entry is sent when it has ended, as one
  Redmine time entry per local day (see redmine_time), with hours rounded to 2
  decimals and the entry's key in the comments. The activity is the account option
  `activity` (an id, or the name of an active activity), else the activity marked
  default, else the first active one from /enumerations/time_entry_activities.json.
- create_entry is idempotent by probe: it first looks for parts carrying its key
  on those days and completes or corrects them instead of adding more.
- update_entry makes the server hold exactly the edited entry: a day deleted on the
  web meanwhile comes back (the local edit wins; the engine sees conflicts on pull).
- Known limit: Redmine on SQLite hands the highest id out again once that entry is
  deleted, so a delete or update replayed long after a lost reply could reach a
  newer entry of the same user that took the id (MySQL/PostgreSQL never reuse ids).
- Writes always send Content-Type: application/json: without it Redmine ignores the
  body and still answers 2xx. A 422 {"errors": [...]} is Rejected with the messages.

Modules: redmine_api (HTTP, paging, the anonymous rule), redmine_entries (time
entries), redmine_time (days, hours and markers; pure).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

import httpx

from stint.backends.base import (
    Backend,
    BadResponse,
    Capabilities,
    CreatedTask,
    Listing,
    Rejected,
    RemoteEntry,
    RemoteStatus,
    RemoteTask,
    Unsupported,
)
from stint.backends.parse import Obj, read_record
from stint.backends.redmine_api import PAGE_SIZE, RedmineApi, int_id, opt_int
from stint.backends.redmine_entries import RedmineTimeEntries
from stint.backends.redmine_time import RedmineEntry
from stint.domain.clock import Clock, SystemClock


class RedmineBackend(Backend):
    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        api_key: str,
        *,
        tz: tzinfo,
        activity_id: int | None = None,
        activity_name: str | None = None,
        project: str | None = None,
        tracker_id: int | None = None,
        clock: Clock | None = None,
        allow_insecure: bool = False,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._client = client  # closed by the accounts service
        self._api = RedmineApi(client, base_url, api_key, clock=clock or SystemClock(),
                               allow_insecure=allow_insecure, page_size=page_size)
        self.base_url = self._api.base_url
        self._time = RedmineTimeEntries(self._api, tz, activity_id, activity_name)
        self._project = project
        self._tracker_id = tracker_id
        self._me: str | None = None
        self.capabilities = Capabilities(
            create_task=project is not None,
            set_status=True,
            live_timer=False,
            running_entry=False,
            explicit_entries=True,
            entry_unit="day_hours",
            server_timesheet=False,
            # A replayed create_entry is harmless: it finds the parts carrying its key
            # (comments) and completes them, so the engine need not probe first. Its
            # own probe would take a half-sent entry (one day of two) for done.
            idempotency_keys=True,
            pull_entries=True,
            incremental_entries=False,
            day_totals=False,
            timers_in_tasks=False,
        )

    @classmethod
    def from_options(
        cls, client: httpx.Client, base_url: str, api_key: str, options: Mapping[str, Any],
        *, tz: tzinfo, clock: Clock | None = None,
    ) -> RedmineBackend:
        """From an account's options: project (identifier or id), tracker_id,
        activity (an id or a name; activity_id too), allow_insecure."""
        project = options.get("project")
        # Either option may hold an id or a name ("activity=9", "activity=Design").
        activity = str(options.get("activity") or options.get("activity_id") or "").strip()
        activity_id = int(activity) if activity.isdigit() else None
        if activity_id is not None:
            activity = ""
        return cls(
            client, base_url, api_key, tz=tz, clock=clock,
            project=str(project) if project not in (None, "") else None,
            tracker_id=opt_int(options, "tracker_id"),
            activity_id=activity_id, activity_name=activity or None,
            allow_insecure=bool(options.get("allow_insecure")),
        )

    def __repr__(self) -> str:
        return f"RedmineBackend({self.base_url!r})"

    # --- reading -------------------------------------------------------------

    def check(self) -> str:
        try:
            user = self._api.current_user()
        except Rejected as exc:
            if exc.status == 403:
                raise Rejected("Redmine refused the API: is the REST API enabled "
                               "(Administration, Settings, API)?", 403) from None
            raise
        name = f"{user.opt_text('firstname') or ''} {user.opt_text('lastname') or ''}".strip()
        return f"{name} ({user.text('login')})" if name else user.text("login")

    def list_statuses(self) -> Listing[RemoteStatus]:
        statuses = self._api.get("/issue_statuses.json").records("issue_statuses", _status, "status")
        return Listing([replace(s, position=n) for n, s in enumerate(statuses, 1)], statuses.skipped)

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> Listing[RemoteTask]:
        status = "open" if pending_only else "*"
        if status_remote_id is not None:
            status = int_id(status_remote_id, "status")
        # Sorted by id so that pages do not shift as issues are updated meanwhile.
        params = {"assigned_to_id": "me", "status_id": status, "sort": "id"}
        found = self._api.pages("/issues.json", params, "issues", _task, "task")
        tasks: dict[str, RemoteTask] = {}
        for task in found:
            tasks.setdefault(task.remote_id, task)
        return Listing(tasks.values(), found.skipped)

    def get_task(self, remote_id: str) -> RemoteTask:
        issue = self._api.get(f"/issues/{int_id(remote_id, 'issue')}.json").obj("issue")
        return read_record(issue.raw, _task, "task", issue.where)

    def user_remote_id(self) -> str | None:
        if self._me is None:
            self._me = self._api.current_user().int_id("id")
        return self._me

    def allowed_statuses(self, task_remote_id: str) -> list[RemoteStatus]:
        """The statuses the workflow lets this user give the issue, its current one
        included: the only ones worth offering."""
        issue = self._issue_with_allowed(int_id(task_remote_id, "issue"))
        allowed = issue.records("allowed_statuses", _status, "status")
        return [replace(s, position=n) for n, s in enumerate(allowed, 1)]

    def list_entries(self, start: datetime, end: datetime) -> list[RemoteEntry]:
        """This user's time in [start, end), one RedmineEntry per entry of ours
        (its parts merged) and per entry logged on the web; see RedmineEntry."""
        return self._time.between(start, end)

    # --- writing -------------------------------------------------------------

    def create_task(
        self, title: str, description: str, start_timer: bool, key: str
    ) -> CreatedTask:
        # start_timer is ignored: Redmine has no timer. `key` is not stored either
        # (an issue has no field for it); the engine probes by title.
        if self._project is None:
            raise Unsupported("no Redmine project is set for new issues "
                              "(account option 'project')")
        issue: dict[str, Any] = {"project_id": self._project, "subject": title,
                                 "assigned_to_id": "me"}
        if description:
            issue["description"] = description
        if self._tracker_id is not None:
            issue["tracker_id"] = self._tracker_id
        data = self._api.write("POST", "/issues.json", {"issue": issue}).obj("issue")
        return CreatedTask(data.int_id("id"), data.obj("status").int_id("id"), None)

    def set_status(self, task_remote_id: str, status_remote_id: str) -> str:
        issue_id = int_id(task_remote_id, "issue")
        wanted = int_id(status_remote_id, "status")
        issue = self._issue_with_allowed(issue_id)
        current = issue.obj("status")
        if current.int_id("id") == wanted:
            return wanted
        allowed = issue.objects("allowed_statuses")
        if wanted not in {s.int_id("id") for s in allowed}:
            self._api.current_user()  # anonymous may change nothing: is that us?
            others = [f"{s.text('name')} ({s.int_id('id')})" for s in allowed
                      if s.int_id("id") != current.int_id("id")]
            names = {s.remote_id: s.name for s in self.list_statuses()}
            target = f"{names[wanted]} ({wanted})" if wanted in names else f"status {wanted}"
            raise Rejected(
                f"Redmine's workflow does not let issue #{issue_id} go from "
                f"{current.text('name')} to {target}; allowed: "
                + (", ".join(others) if others else "none (you may not change its status)"),
                422,
            )
        self._api.write("PUT", f"/issues/{issue_id}.json", {"issue": {"status_id": int(wanted)}})
        # Redmine answers 204 even to a change it did not make: believe only the issue.
        now = self.get_task(issue_id)
        if now.status_remote_id != wanted:
            raise Rejected(f"Redmine did not apply the status change (workflow): issue "
                           f"#{issue_id} is still {now.status_name}", 422)
        return wanted

    def create_entry(
        self, task_remote_id: str, started_at: datetime, ended_at: datetime | None,
        note: str, key: str,
    ) -> RedmineEntry:
        """`key` goes into the comments: pass the local entry's id, so that a pull
        can tell which entry each Redmine entry is (RedmineEntry.client_key)."""
        return self._time.create(task_remote_id, started_at, ended_at, note, key)

    def update_entry(
        self, remote_id: str, started_at: datetime, ended_at: datetime | None, note: str
    ) -> RedmineEntry:
        return self._time.update(remote_id, started_at, ended_at, note)

    def delete_entry(self, remote_id: str) -> None:
        self._time.delete(remote_id)

    # --- plumbing ------------------------------------------------------------

    def _issue_with_allowed(self, issue_id: str) -> Obj:
        reply = self._api.get(f"/issues/{issue_id}.json", {"include": "allowed_statuses"})
        issue = reply.obj("issue")
        if not issue.has("allowed_statuses"):
            # Redmine before 5.0 does not say; taking "allowed" for granted would
            # bring back the silent 204 this check exists for.
            raise BadResponse(f"{issue.where}.allowed_statuses: missing (changing a status "
                              "needs Redmine 5.0 or later)")
        return issue


def _status(s: Obj) -> RemoteStatus:
    name = s.text("name")
    return RemoteStatus(s.int_id("id"), name, name, None, 0, bool(s.opt_flag("is_closed")))


def _task(o: Obj) -> RemoteTask:
    status, project, category = o.obj("status"), o.opt_obj("project"), o.opt_obj("category")
    return RemoteTask(
        remote_id=o.int_id("id"),
        title=o.text("subject"),
        description=o.opt_text("description") or "",
        status_remote_id=status.int_id("id"),
        status_name=status.text("name"),
        project=project.text("name") if project else None,
        category=category.text("name") if category else None,
        due_date=o.opt_day("due_date"),
        estimated_hours=o.opt_number("estimated_hours"),
        active_timer=None,
        updated_at=o.opt_instant("updated_on"),
        created_by=author.int_id("id") if (author := o.opt_obj("author")) else None,
        created_at=o.opt_instant("created_on"),
    )
