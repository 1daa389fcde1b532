"""The drain claims independent ops in batches (sync/claims.py): a failure mid-batch
records what came back, leaves the op that may have reached the server in_flight
(probed next time), and frees the ops it never sent; dependent ops still go out in
the same cycle, after the result they need."""

from __future__ import annotations

from pathlib import Path

from stint.backends.kinds import SignIn
from tests.fakes.wapify import STATUS_BY_NAME
from tests.sync.conftest import make_world


def test_a_lost_reply_mid_batch_keeps_exactly_once(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    for i in range(6):
        w.fake.web_create_task(f"Task {i}")
    w.accounts.add("work", "wapify", w.fake.base_url, SignIn(token=w.fake.token, credential="env:WAPIFY_TOKEN"))
    for i in range(6):
        w.tracker.set_status(f"work:{i + 1}", "REVIEW")
    w.fake.fail("drop", method="PUT", path="*/3/status")  # applied, then the reply is lost
    assert not w.run().ok
    assert [op.state for op in w.ops()] == ["done", "done", "in_flight", "pending", "pending", "pending"]
    assert [op.attempts for op in w.ops()] == [1, 1, 1, 0, 0, 0]  # the unsent were never tried
    assert w.fake.count("PUT") == 3

    w.tick(minutes=5)
    assert w.run().ok
    assert {op.state for op in w.ops()} == {"done"}
    assert w.fake.count("PUT") == 6  # the third was probed (already applied), not resent
    assert {t.status_id for t in w.fake.tasks.values()} == {STATUS_BY_NAME["REVIEW"]}
    w.accounts.close()
    w.engine.dispose()


def test_dependent_ops_go_out_in_one_cycle(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    w.accounts.add("work", "wapify", w.fake.base_url, SignIn(token=w.fake.token, credential="env:WAPIFY_TOKEN"))
    for title in ("One", "Two", "Three"):
        w.tracker.create_task(title, start=True)  # each create, then its start, then a stop
        w.tick(minutes=10)
    w.tracker.set_status("Three", "REVIEW")
    report = w.run()
    assert report.ok and not report.accounts[0].waiting, report.lines()
    assert {op.state for op in w.ops()} <= {"done", "local-only"}
    assert sorted(t.title for t in w.fake.tasks.values()) == ["One", "Three", "Two"]
    (running,) = [t for t in w.fake.times.values() if t.ended_at is None]
    assert w.fake.tasks[running.task_id].title == "Three"
    w.accounts.close()
    w.engine.dispose()
