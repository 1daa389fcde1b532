"""Every word an export shows, in one place, so a translation can replace them all.

`ENGLISH` is what the CLI writes. Each word is marked for translation (context
"ExportLabels"); the desktop app passes `ui.export_words.translated()` — the same
words in the interface's language — to `export.write` or `export.export_file`.
Nothing in the exporters spells a word of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.translatable import QT_TRANSLATE_NOOP

CONTEXT = "ExportLabels"  # where the interface finds their translations


@dataclass(frozen=True)
class Labels:
    # Titles.
    timesheet: str = QT_TRANSLATE_NOOP("ExportLabels", "Timesheet")
    detailed: str = QT_TRANSLATE_NOOP("ExportLabels", "Time entries")
    per_project: str = QT_TRANSLATE_NOOP("ExportLabels", "Per project")
    per_task: str = QT_TRANSLATE_NOOP("ExportLabels", "Per task")
    per_day: str = QT_TRANSLATE_NOOP("ExportLabels", "Per day")
    # Column headings.
    task: str = QT_TRANSLATE_NOOP("ExportLabels", "Task")
    project: str = QT_TRANSLATE_NOOP("ExportLabels", "Project")
    total: str = QT_TRANSLATE_NOOP("ExportLabels", "Total")
    date: str = QT_TRANSLATE_NOOP("ExportLabels", "Date")
    start: str = QT_TRANSLATE_NOOP("ExportLabels", "Start")
    end: str = QT_TRANSLATE_NOOP("ExportLabels", "End")
    duration: str = QT_TRANSLATE_NOOP("ExportLabels", "Duration")
    note: str = QT_TRANSLATE_NOOP("ExportLabels", "Note")
    account: str = QT_TRANSLATE_NOOP("ExportLabels", "Account")
    sync: str = QT_TRANSLATE_NOOP("ExportLabels", "Sync")
    entry: str = QT_TRANSLATE_NOOP("ExportLabels", "Entry")
    flags: str = QT_TRANSLATE_NOOP("ExportLabels", "Flags")
    # Units, as CSV headings carry them: "2026-11-16 (H:MM)", "Total (hours)".
    unit_clock: str = QT_TRANSLATE_NOOP("ExportLabels", "H:MM")
    unit_hours: str = QT_TRANSLATE_NOOP("ExportLabels", "hours")
    # Cells and lines.
    no_project: str = QT_TRANSLATE_NOOP("ExportLabels", "(no project)")
    local_account: str = QT_TRANSLATE_NOOP("ExportLabels", "local")
    running: str = QT_TRANSLATE_NOOP("ExportLabels", "running")
    nothing: str = QT_TRANSLATE_NOOP("ExportLabels", "No time recorded in this period.")
    rounded_up: str = QT_TRANSLATE_NOOP("ExportLabels", "each entry rounded up to {minutes} min per day")
    rounded_nearest: str = QT_TRANSLATE_NOOP("ExportLabels", "each entry rounded to the nearest {minutes} min per day")
    only: str = QT_TRANSLATE_NOOP("ExportLabels", "only {what}")
    filter_project: str = QT_TRANSLATE_NOOP("ExportLabels", "project {name}")
    filter_account: str = QT_TRANSLATE_NOOP("ExportLabels", "account {name}")
    filter_local: str = QT_TRANSLATE_NOOP("ExportLabels", "local tasks")
    page: str = QT_TRANSLATE_NOOP("ExportLabels", "Page {page}/{pages}")
    made_by: str = "Stint"
    # A part of an entry that crosses midnight: its mark, and the legend's explanation.
    continues_mark: str = "→"
    continues_legend: str = QT_TRANSLATE_NOOP(
        "ExportLabels", "→ the entry goes on across midnight; each day shows its own part")
    # Flags on grid rows: (mark, explanation).
    local_only_mark: str = "*"
    local_only_legend: str = QT_TRANSLATE_NOOP("ExportLabels", "local only — the server cannot hold this time")
    failed_mark: str = "!"
    failed_legend: str = QT_TRANSLATE_NOOP(
        "ExportLabels", "failed — the server rejected this time; it is kept only here")
    # Entry sync states, as the Day view shows them (domain.model.SYNC_*).
    sync_local: str = QT_TRANSLATE_NOOP("ExportLabels", "local task")
    sync_pending: str = QT_TRANSLATE_NOOP("ExportLabels", "waiting to sync")
    sync_synced: str = QT_TRANSLATE_NOOP("ExportLabels", "synced")
    sync_local_only: str = QT_TRANSLATE_NOOP("ExportLabels", "local only")
    sync_failed: str = QT_TRANSLATE_NOOP("ExportLabels", "failed")
    sync_conflict: str = QT_TRANSLATE_NOOP("ExportLabels", "conflict")
    # Fixed English abbreviations by default, rather than strftime: an exported file
    # must read the same whatever the locale of the machine that wrote it.
    day_names: tuple[str, ...] = (
        QT_TRANSLATE_NOOP("ExportLabels", "Mon"), QT_TRANSLATE_NOOP("ExportLabels", "Tue"),
        QT_TRANSLATE_NOOP("ExportLabels", "Wed"), QT_TRANSLATE_NOOP("ExportLabels", "Thu"),
        QT_TRANSLATE_NOOP("ExportLabels", "Fri"), QT_TRANSLATE_NOOP("ExportLabels", "Sat"),
        QT_TRANSLATE_NOOP("ExportLabels", "Sun"))
    month_names: tuple[str, ...] = (
        QT_TRANSLATE_NOOP("ExportLabels", "Jan"), QT_TRANSLATE_NOOP("ExportLabels", "Feb"),
        QT_TRANSLATE_NOOP("ExportLabels", "Mar"), QT_TRANSLATE_NOOP("ExportLabels", "Apr"),
        QT_TRANSLATE_NOOP("ExportLabels", "May"), QT_TRANSLATE_NOOP("ExportLabels", "Jun"),
        QT_TRANSLATE_NOOP("ExportLabels", "Jul"), QT_TRANSLATE_NOOP("ExportLabels", "Aug"),
        QT_TRANSLATE_NOOP("ExportLabels", "Sep"), QT_TRANSLATE_NOOP("ExportLabels", "Oct"),
        QT_TRANSLATE_NOOP("ExportLabels", "Nov"), QT_TRANSLATE_NOOP("ExportLabels", "Dec"))

    def sync_label(self, state: str) -> str:
        names = {"local": self.sync_local, "pending": self.sync_pending, "synced": self.sync_synced,
                 "local-only": self.sync_local_only, "failed": self.sync_failed, "conflict": self.sync_conflict}
        return names.get(state, state)

    def flag_marks(self) -> dict[str, tuple[str, str]]:
        """Flag -> (mark, explanation), in the order marks are shown."""
        return {"local-only": (self.local_only_mark, self.local_only_legend),
                "failed": (self.failed_mark, self.failed_legend)}


ENGLISH = Labels()
