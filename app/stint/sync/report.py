"""What a sync cycle did, per account: the object `stint sync` prints and the UI shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..domain.timesheet import format_elapsed
from . import unreadable


@dataclass
class AccountReport:
    account: str
    ok: bool = True
    skipped: str | None = None          # why the cycle did not run (lock, backoff, sign-in)
    state: str = "ok"
    pushed: int = 0
    pulled: int = 0                     # tasks and statuses read from the server
    adopted: int = 0                    # server timers taken over as local running entries
    imported: int = 0                   # remote entries new to us
    updated: int = 0                    # entries changed to the server's copy
    stopped: int = 0                    # local timers stopped because the server did
    removed: int = 0                    # entries deleted here because the server deleted them
    failed: list[dict[str, Any]] = field(default_factory=list)      # {op, kind, task, message}
    waiting: list[dict[str, Any]] = field(default_factory=list)     # ops blocked by a failed one
    local_only: list[dict[str, Any]] = field(default_factory=list)  # {entry, task, seconds, why}
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # things worth knowing, not failures
    # Records the server sent that could not be understood, skipped (sync/unreadable.py):
    # {what, id, title, why, new}; the new ones are named in full, the rest counted.
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    next_attempt_at: str | None = None

    def error(self, message: str) -> None:
        self.ok = False
        self.errors.append(message)

    def lines(self) -> list[str]:
        head = f"{self.account}: "
        if self.skipped:
            return [head + f"skipped ({self.skipped})"]
        parts = [f"pushed {self.pushed}", f"pulled {self.pulled}"]
        for label, n in (("imported", self.imported), ("adopted", self.adopted),
                         ("updated", self.updated), ("stopped", self.stopped),
                         ("removed", self.removed)):
            if n:
                parts.append(f"{label} {n}")
        out = [head + ", ".join(parts) + ("" if self.ok else " — FAILED")]
        for f in self.failed:
            out.append(f"  failed: {f['kind']} on {f['task']}: {f['message']}")
        for w in self.waiting:
            out.append(f"  waiting: {w['kind']} on {w['task']}: {w['message']}")
        for lo in self.local_only:
            out.append(f"  stays local only: {lo['task']} ({format_elapsed(lo['seconds'])}): {lo['why']}")
        for c in self.conflicts:
            out.append(f"  conflict: {c['task']} entry {c['entry'][:8]}: {c['why']}")
        for n in self.notes:
            out.append(f"  note: {n}")
        for u in self.unreadable:
            if u.get("new"):
                out.append(f"  skipped: {unreadable.label(u)} ({u.get('why')})")
        still = [u for u in self.unreadable if not u.get("new")]
        if still:
            out.append(f"  still skipped: {len(still)} record{'s' if len(still) > 1 else ''} the server sent "
                       "that cannot be read (`stint status` names them)")
        for e in self.errors:
            out.append(f"  error: {e}")
        if self.next_attempt_at:
            out.append(f"  next attempt at {self.next_attempt_at}")
        return out


@dataclass
class SyncReport:
    accounts: list[AccountReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(a.ok for a in self.accounts)

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "accounts": [asdict(a) for a in self.accounts]}

    def lines(self) -> list[str]:
        if not self.accounts:
            return ["no accounts configured (add one with `stint account add`)"]
        return [line for a in self.accounts for line in a.lines()]


