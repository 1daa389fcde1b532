"""Every word an export shows, in one place, so a translation can replace them all.

`ENGLISH` is what the CLI writes. The desktop app can build another `Labels` with
`dataclasses.replace(ENGLISH, task=tr("Task"), …)` and pass it to `export.write` or
`export.export_file`; nothing in the exporters spells a word of its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    # Titles.
    timesheet: str = "Timesheet"
    detailed: str = "Time entries"
    per_project: str = "Per project"
    per_task: str = "Per task"
    per_day: str = "Per day"
    # Column headings.
    task: str = "Task"
    project: str = "Project"
    total: str = "Total"
    date: str = "Date"
    start: str = "Start"
    end: str = "End"
    duration: str = "Duration"
    note: str = "Note"
    account: str = "Account"
    sync: str = "Sync"
    entry: str = "Entry"
    flags: str = "Flags"
    # Units, as CSV headings carry them: "2026-11-16 (H:MM)", "Total (hours)".
    unit_clock: str = "H:MM"
    unit_hours: str = "hours"
    # Cells and lines.
    no_project: str = "(no project)"
    local_account: str = "local"
    running: str = "running"
    nothing: str = "No time recorded in this period."
    rounded_up: str = "each entry rounded up to {minutes} min per day"
    rounded_nearest: str = "each entry rounded to the nearest {minutes} min per day"
    only: str = "only {what}"
    filter_project: str = "project {name}"
    filter_account: str = "account {name}"
    filter_local: str = "local tasks"
    page: str = "Page {page}/{pages}"
    made_by: str = "Stint"
    # A part of an entry that crosses midnight: its mark, and the legend's explanation.
    continues_mark: str = "→"
    continues_legend: str = "→ the entry goes on across midnight; each day shows its own part"
    # Flags on grid rows: (mark, explanation).
    local_only_mark: str = "*"
    local_only_legend: str = "local only — the server cannot hold this time"
    failed_mark: str = "!"
    failed_legend: str = "failed — the server rejected this time; it is kept only here"
    # Entry sync states, as the Day view shows them (domain.model.SYNC_*).
    sync_local: str = "local task"
    sync_pending: str = "waiting to sync"
    sync_synced: str = "synced"
    sync_local_only: str = "local only"
    sync_failed: str = "failed"
    sync_conflict: str = "conflict"
    # Fixed English abbreviations by default, rather than strftime: an exported file
    # must read the same whatever the locale of the machine that wrote it.
    day_names: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    month_names: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                    "Nov", "Dec")

    def sync_label(self, state: str) -> str:
        names = {"local": self.sync_local, "pending": self.sync_pending, "synced": self.sync_synced,
                 "local-only": self.sync_local_only, "failed": self.sync_failed, "conflict": self.sync_conflict}
        return names.get(state, state)

    def flag_marks(self) -> dict[str, tuple[str, str]]:
        """Flag -> (mark, explanation), in the order marks are shown."""
        return {"local-only": (self.local_only_mark, self.local_only_legend),
                "failed": (self.failed_mark, self.failed_legend)}


ENGLISH = Labels()
