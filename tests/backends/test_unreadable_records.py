"""A record a server sends that Stint cannot understand, for every kind: it is left
out of what the adapter returns and named in `skipped` — by its id and title where
those could be read — while the other records arrive. And whatever a server puts
in any field of any reply the sync reads, the adapter answers or raises one of
its own errors: never anything else (a traceback)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest

from stint.backends.base import Backend, BackendError, Listing
from tests.sync.every_kind import KINDS, Served, served  # noqa: F401  (the fixture)


def backend_of(s: Served) -> Backend:
    (info,) = s.world.accounts.list()
    return s.world.accounts.backend_for(info)


def negative_id(record: dict[str, Any]) -> None:
    """The issue's example: Wapify sent a task whose id is -5."""
    for key in ("id", "_id", "key"):
        if key in record:
            record[key] = -5


@pytest.mark.parametrize("kind", KINDS)
def test_one_task_that_cannot_be_read_is_skipped_and_named(served: Served) -> None:
    served.spoil(negative_id)
    tasks = backend_of(served).list_tasks(pending_only=True)
    assert isinstance(tasks, Listing)
    titles = [t.title for t in tasks]
    assert any("fix-login" in t.lower().replace(" ", "-") for t in titles), titles
    assert not any(served.second in t for t in titles)
    (skipped,) = tasks.skipped
    assert skipped.remote_id == "-5" and skipped.title == served.second
    assert skipped.what in ("task", "entry")  # TimeTagger's tasks are read from its records
    assert "-5" in skipped.label and served.second in skipped.label


# --- whatever a field holds -------------------------------------------------------

BAD_VALUES: tuple[Any, ...] = (
    None, -5, 0, 2**70, 1.5, float("nan"), "", "x", "-1", "../x", True, [], {},
    "9999-99-99T99:99:99Z", "0001-01-01T00:00:00Z", "2026-02-02T09:00:00", "\x00",
)


def calls_of(served: Served, backend: Backend, task_rid: str) -> dict[str, Callable[[], Any]]:
    """The calls a sync (or `stint reconcile`, or `account add`) makes of this kind:
    its reads, and the writes whose replies it reads."""
    caps, now = backend.capabilities, served.world.clock.now()
    week = (now - timedelta(days=7), now + timedelta(days=1))
    calls: dict[str, Callable[[], Any]] = {
        "check": backend.check,
        "list_statuses": backend.list_statuses,
        "list_tasks": lambda: backend.list_tasks(pending_only=True),
        "get_task": lambda: backend.get_task(task_rid),
    }
    if caps.pull_entries:
        calls["list_entries"] = lambda: backend.list_entries(*week)
    if caps.incremental_entries:
        calls["changes_since"] = lambda: backend.changes_since(None)
    if caps.server_timesheet or caps.entry_unit == "task_total":
        calls["task_time"] = lambda: backend.task_time(task_rid)
    if caps.day_totals:
        calls["timesheet"] = lambda: backend.timesheet(week[0].date(), week[1].date())
    if caps.live_timer and not caps.timers_in_tasks:
        calls["active_timer"] = backend.active_timer
    if caps.create_task:
        def create_task() -> Any:
            created = backend.create_task("Fuzzed task", "", False, "4d1c9d0e-0000-4000-8000-000000000001")
            if served.kind == "redmine" and not served.net.replaying:
                served.cleanup.append(lambda: served.server.admin("DELETE", f"/issues/{created.remote_id}.json"))
            return created
        calls["create_task"] = create_task
    if caps.set_status:
        status = backend.list_statuses()[-1].remote_id
        calls["set_status"] = lambda: backend.set_status(task_rid, status)
    if caps.explicit_entries:
        span = (now - timedelta(hours=4), now - timedelta(hours=3))
        made: list[Any] = []

        def create_entry() -> Any:
            made[:] = [backend.create_entry(task_rid, *span, "fuzz", "4d1c9d0e-0000-4000-8000-000000000002")]
            return made[0]
        calls["create_entry"] = create_entry
        calls["update_entry"] = lambda: made and backend.update_entry(
            made[0].remote_id, span[0], span[1] + timedelta(minutes=5), "fuzzed")
    if caps.live_timer:
        calls["start_timer"] = lambda: backend.start_timer(task_rid)
        calls["stop_timer"] = lambda: backend.stop_timer(task_rid)
    if caps.entry_unit == "task_total":
        calls["set_task_total"] = lambda: backend.set_task_total(task_rid, 5400)
    return calls


def paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value: each member and item (the first two of a list)."""
    if at:
        yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from paths(item, (*at, index))


def put(payload: Any, at: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(payload)
    node = changed
    for step in at[:-1]:
        node = node[step]
    node[at[-1]] = value
    return changed


@pytest.mark.timeout(300)
@pytest.mark.parametrize("kind", KINDS)
def test_no_value_in_any_reply_escapes_as_anything_but_a_backend_error(served: Served) -> None:
    backend = backend_of(served)
    task_rid = backend.list_tasks(pending_only=True)[0].remote_id
    calls = calls_of(served, backend, task_rid)
    asked: dict[tuple[str, str], list[str]] = {}  # each answer, and the calls that read it
    for name, call in calls.items():  # the replies as the server gives them, once
        before = len(served.net.asked)
        try:
            call()
        except BackendError:
            pass  # a refusal (a workflow, a rule): its reply is spoiled all the same
        for key in dict.fromkeys(served.net.asked[before:]):
            asked.setdefault(key, []).append(name)
    served.net.replay()
    tried = 0
    for (method, url), names in asked.items():
        status, _, body = served.net.tape[(method, url)]
        try:
            original = json.loads(body)
        except ValueError:
            continue
        for at in paths(original):
            for value in BAD_VALUES:
                spoiled = put(original, at, value)
                alteration = served.net.alter(lambda _p, spoiled=spoiled: spoiled, method=method, url=url)
                try:
                    for name in names:
                        try:
                            calls[name]()
                        except BackendError:
                            pass
                        except Exception as exc:  # noqa: BLE001 - the point of the test
                            raise AssertionError(f"{name}: {method} {url} with {at}={value!r} "
                                                 f"raised {exc!r}") from exc
                        tried += 1
                finally:
                    served.net.unalter(alteration)
    assert tried > 100
    assert any(method != "GET" for method, _ in asked)  # the writes' replies too
