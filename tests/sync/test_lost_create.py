"""After a lost reply to a task creation, a task is taken for the one made only when
it can be shown to be ours: our marker where the API keeps one (Gipo's
Idempotency-Key), or made by this person after the op was (Wekan's userId and
createdAt, Redmine's author and created_on — the real Redmine). Elsewhere, and for
a colleague's task of the same title, the person is asked: nothing is guessed,
nothing sent twice."""

from __future__ import annotations

from datetime import datetime
import pytest

from stint.store.db import transaction
from stint.store.models import Op, Task
from tests.sync.every_kind import Served, served  # noqa: F401  (the fixture)

CREATE = {"wapify": "/api/tasks", "warmdesk": "*/columns/*/cards", "gipo": "*/tasks", "whama": "*/tasks",
          "wekan": "*/lists/*/cards", "redmine": "/issues.json"}
PROVEN = ("gipo", "wekan", "redmine")


def titled(s: Served, title: str) -> list[str]:
    """The server's ids of its tasks titled `title`, as the server itself lists them."""
    fake = s.server
    if s.kind == "wapify":
        return [str(t.id) for t in fake.tasks.values() if t.title == title]
    if s.kind in ("warmdesk", "wekan"):
        return [str(c.id) for c in fake.cards.values() if c.title == title]
    if s.kind == "gipo":
        return [t.id for t in fake.things["task"].values() if t.fields["title"] == title]
    if s.kind == "whama":
        return [t["id"] for t in fake.state.tasks.values() if t["title"] == title]
    issues = fake.admin("GET", "/issues.json", params={"project_id": fake.project, "status_id": "*",
                                                        "sort": "id:desc", "limit": "25"}).json()["issues"]
    return [str(i["id"]) for i in issues if i["subject"] == title]


def lose_reply(s: Served, *, applied: bool) -> None:
    if s.kind == "redmine":
        s.net.inner.lose("POST", "/issues.json", applied=applied)  # type: ignore[attr-defined]
    elif applied:
        s.server.fail("drop", method="POST", path=CREATE[s.kind])
    else:
        s.server.fail("slow", method="POST", path=CREATE[s.kind], apply=False)


def _title(s: Served) -> str:
    return f"Quarterly report {datetime.now().timestamp():.6f}" if s.kind == "redmine" else "Quarterly report"


def _forget_on_server(s: Served, title: str) -> None:
    if s.kind == "redmine":
        s.cleanup.append(lambda: [s.server.admin("DELETE", f"/issues/{i}.json") for i in titled(s, title)])


def _create_op(s: Served) -> Op:
    return next(op for op in s.world.ops() if op.kind == "create_task")


@pytest.mark.parametrize("kind", list(CREATE))
def test_a_lost_reply_to_a_create(served: Served) -> None:
    w, title = served.world, _title(served)
    _forget_on_server(served, title)
    w.tracker.create_task(title, account="work")
    lose_reply(served, applied=True)
    assert not w.run().ok
    assert len(titled(served, title)) == 1 and _create_op(served).state == "in_flight"
    w.clock.advance(minutes=5)
    report = w.run()
    (made,) = titled(served, title)  # never sent twice
    if served.kind in PROVEN:
        assert report.ok and _create_op(served).state == "done", report.lines()
        assert w.task_titled(title).remote_id.endswith(made)  # type: ignore[union-attr]
    else:  # nothing shows who made it: a colleague's of the same title would look the same
        (failed,) = report.failed
        assert "cannot be shown to be the one made here" in failed["message"]
        assert _create_op(served).state == "failed"


def colleague_makes(s: Served, title: str) -> None:
    """A colleague makes a task of the same title, for this person, right after the op."""
    if s.kind == "wekan":
        other = s.server.add_user("colleague", "another-pa55word")
        board = next(iter(s.server.boards.values()))
        board.members.add(other.id)
        card = s.server.add_card(board, title)
        card.author_id = other.id
    else:
        body = {"issue": {"project_id": s.server.project, "subject": title, "assigned_to_id": s.server.user_id}}
        assert s.server.admin("POST", "/issues.json", body).status_code == 201


@pytest.mark.parametrize("kind", ["wekan", "redmine"])
def test_a_colleagues_task_of_the_same_title_is_not_taken(served: Served) -> None:
    w, title = served.world, _title(served)
    _forget_on_server(served, title)
    w.tracker.create_task(title, account="work")
    lose_reply(served, applied=False)  # ours never arrived; nobody can tell
    assert not w.run().ok
    w.clock.advance(minutes=1)
    colleague_makes(served, title)
    report = w.run()
    (failed,) = report.failed
    assert failed["kind"] == "create_task" and "cannot be shown to be the one made here" in failed["message"]
    assert len(titled(served, title)) == 1  # the colleague's only: not ours, and ours not sent twice
    with transaction(w.engine) as s:
        mine = s.get(Task, _create_op(served).task_id)
        assert mine is not None and mine.remote_id is None  # not made the colleague's
