"""The person's way out of an unprovable lost create: the reply to creating a task
was lost, the server holds a task of that title nothing shows to be ours, so the
create fails (CannotTell) and the time tracked on it waits. The person checks the
server and says `stint changes use SEQ TASK`; the next sync sends the waiting time to
that server task, and nothing is created twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stint.domain.clock import FixedClock
from stint.store.db import transaction
from stint.store.models import Task
from tests.conftest import CLI
from tests.sync.every_kind import Served, served  # noqa: F401  (the fixture)
from tests.sync.test_lost_create import lose_reply, titled


@pytest.mark.parametrize("kind", ["warmdesk"])
def test_use_a_server_task_after_a_lost_create(served: Served) -> None:
    w, title = served.world, "Quarterly report"
    assert isinstance(w.clock, FixedClock)
    local = w.tracker.create_task(title, account="work")
    end = w.clock.now() - timedelta(minutes=5)
    w.tracker.log(str(local.id), end - timedelta(minutes=40), end, "drafting")
    lose_reply(served, applied=True)  # the server made the card; its reply never came
    assert not w.run().ok
    w.clock.advance(minutes=5)
    report = w.run()
    (failed,) = report.failed
    assert "cannot be shown to be the one made here" in failed["message"]
    assert "if one of them is this task, use it for this one" in failed["message"]
    (card,) = titled(served, title)
    w.clock.advance(minutes=5)
    w.run()  # the pull holds the server's card as a task of its own
    with transaction(w.engine) as s:
        pulled = [(t.id, t.remote_id) for t in s.query(Task).filter(Task.title == title, Task.remote_id.isnot(None))]
    ((server_task, remote_id),) = pulled
    assert remote_id.endswith(card)
    create = next(op for op in w.ops() if op.kind == "create_task")
    assert create.state == "failed"
    assert [op.state for op in w.ops() if op.kind == "create_entry"] == ["pending"]  # waiting behind it

    cli = CLI(w.path, w.clock)
    assert f"#{create.seq}  work  create task  {local.id}: {title}" in cli.ok("changes").out
    cli.ok("changes", "use", str(create.seq), f"work:{remote_id}")

    w.clock.advance(minutes=5)
    report = w.run()
    assert report.ok, report.lines()
    assert titled(served, title) == [card]  # never created twice
    sent = [e for e in served.server.entries.values() if str(e.card_id) == card]
    assert [(e.started_at, e.ended_at - e.started_at) for e in sent] == [(end - timedelta(minutes=40),
                                                                          timedelta(minutes=40))]
    assert {op.state for op in w.ops()} == {"done"}
    (entry,) = [e for e in w.entries() if e.note == "drafting"]
    assert entry.task_id == server_task and entry.remote_id is not None
    assert "Refused" not in cli.ok("changes").out
