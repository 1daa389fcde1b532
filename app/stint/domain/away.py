"""Time away from the keyboard while a timer ran: when to ask about it.

Pure decisions, given values and `now` (the app gathers them, stint.ui.away acts):
the shortest absence worth a question, and the gap a crash, kill or power loss left
behind (no heartbeat covered it).
"""

from __future__ import annotations

from datetime import datetime, timedelta

MIN_AWAY = timedelta(minutes=1)  # a lock for a moment is not time away
BEAT_EVERY = timedelta(minutes=1)
# A gap counts once no beat came for this long: a beat may be a whole interval old
# when the process dies, and a restart right away should not ask anything.
MIN_GAP = 2 * BEAT_EVERY


def threshold(idle_minutes: int) -> timedelta:
    """Away this long is worth asking about: the idle setting, when it is on, so a
    lock or a sleep is treated like the same time idle; else a minute."""
    return max(MIN_AWAY, timedelta(minutes=idle_minutes))


def worth_asking(since: datetime, now: datetime, idle_minutes: int) -> bool:
    return now - since >= threshold(idle_minutes)


def crash_gap(
    *,
    beat_at: datetime | None,
    closed: bool,
    pending_entry: str | None,
    pending_since: datetime | None,
    running_entry: str | None,
    running_since: datetime | None,
    now: datetime,
    idle_minutes: int,
) -> datetime | None:
    """Where the time nobody saw began, for the running timer; None: nothing to ask.

    - a question left unanswered (the app was killed while asking) is asked again,
      for as long as the same timer runs;
    - the person quit the app on purpose: the timer ran on by their choice;
    - a timer started after the last beat was started by someone (the CLI) while the
      app was away: nothing to ask;
    - otherwise the gap since the last beat, once it is long enough to matter."""
    if running_entry is None or running_since is None:
        return None
    if pending_entry == running_entry and pending_since is not None:
        return max(pending_since, running_since)
    if beat_at is None or closed or running_since >= beat_at:
        return None
    if now - beat_at < max(MIN_GAP, threshold(idle_minutes)):
        return None
    return beat_at
