"""The scheduled job: configured as the design says, debounced pokes, reports to a
callback — tested by reading the jobs and calling the job function, never by waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from stint.sync.report import SyncReport
from stint.sync.scheduler import JOB_ID, POKE_ID, SyncScheduler
from tests.sync.conftest import World


def test_interval_job_and_debounced_poke(world: World) -> None:
    scheduler = BackgroundScheduler(timezone="UTC")
    reports: list[SyncReport] = []
    job = SyncScheduler(world.sync.run_once, interval_seconds=60, debounce_seconds=3,
                        on_report=reports.append, clock=world.clock, scheduler=scheduler)
    scheduler.start(paused=True)
    try:
        job.start()
        interval = scheduler.get_job(JOB_ID)
        assert interval.max_instances == 1 and interval.coalesce is True
        assert interval.misfire_grace_time == 60
        assert interval.trigger.interval == timedelta(seconds=60)
        job.poke()
        world.tick(seconds=2)
        job.poke()  # replaces the first: one run 3 s after the last change
        pokes = [j for j in scheduler.get_jobs() if j.id == POKE_ID]
        assert len(pokes) == 1
        assert pokes[0].trigger.run_date == world.clock.now() + timedelta(seconds=3)
    finally:
        scheduler.shutdown(wait=False)
    world.tracker.start("Website")
    report = job.run_job()
    assert report is not None and report.ok and reports == [report]
    assert world.fake.user_timer(world.fake.user.id) is not None


def test_job_does_not_overlap_itself_and_runs_once_more_after(world: World) -> None:
    inner: list[object] = []
    forces: list[bool] = []

    def run_once(*, force: bool) -> SyncReport:
        forces.append(force)
        if len(forces) == 1:
            inner.append(job.run_job(force=True))  # "Sync now" while the interval run is under way
            inner.append(job.run_job())
        return SyncReport()

    job = SyncScheduler(run_once, scheduler=BackgroundScheduler(timezone="UTC"))
    assert job.run_job() is not None and inner == [None, None]
    assert forces == [False, True]  # two requests meanwhile: one more run, forced
    assert not job.busy


@pytest.mark.log_allowed(r"stint.sync.scheduler: sync job failed")
def test_a_failing_cycle_is_reported_and_frees_the_job(world: World) -> None:
    errors: list[str] = []

    def run_once(*, force: bool) -> SyncReport:
        raise RuntimeError("boom")

    job = SyncScheduler(run_once, on_error=errors.append, scheduler=BackgroundScheduler(timezone="UTC"))
    assert job.run_job() is None
    assert errors == ["RuntimeError: boom"] and not job.busy


def test_two_engines_never_push_the_same_op(world: World) -> None:
    from stint.sync.lock import AccountLock

    world.tracker.start("Website")
    lock = AccountLock(world.path / "sync-1.lock")
    assert lock.acquire()
    try:
        report = world.run()
        assert report.accounts[0].skipped == "another sync of this account is running"
        assert world.fake.count("POST") == 0
    finally:
        lock.release()
    assert world.run().ok and world.fake.count("POST", "*/start") == 1


def test_start_can_leave_the_first_run_to_the_caller(world: World) -> None:
    scheduler = BackgroundScheduler(timezone="UTC")
    job = SyncScheduler(world.sync.run_once, interval_seconds=60, clock=world.clock, scheduler=scheduler)
    scheduler.start(paused=True)
    try:
        job.start(run_now=False)
        assert scheduler.get_job(JOB_ID).next_run_time == world.clock.now() + timedelta(seconds=60)
    finally:
        scheduler.shutdown(wait=False)
