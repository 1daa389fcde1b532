"""The words of reports in the interface's language: the window's exports, and the
Day and Report views where they show what an export shows (marks, sync states).

The exporters take a `timesheet.labels.Labels`; this builds one from the installed
translation, so an export from the Spanish window is in Spanish while the CLI's
stays in English. Each text is a literal `translate("ReportLabels", …)` call, which
is what lupdate collects; `{minutes}`-style fields must stay in a translation.
"""

from __future__ import annotations

import string
from dataclasses import fields, replace

from PySide6.QtCore import QCoreApplication

from ..timesheet.labels import ENGLISH, Labels


def report_labels() -> Labels:
    """`Labels` in the current translation (English when none is installed)."""
    translate = QCoreApplication.translate
    labels = replace(
        ENGLISH,
        timesheet=translate("ReportLabels", "Timesheet"),
        detailed=translate("ReportLabels", "Time entries"),
        per_project=translate("ReportLabels", "Per project"),
        per_task=translate("ReportLabels", "Per task"),
        per_day=translate("ReportLabels", "Per day"),
        task=translate("ReportLabels", "Task"),
        project=translate("ReportLabels", "Project"),
        total=translate("ReportLabels", "Total"),
        date=translate("ReportLabels", "Date"),
        start=translate("ReportLabels", "Start"),
        end=translate("ReportLabels", "End"),
        duration=translate("ReportLabels", "Duration"),
        note=translate("ReportLabels", "Note"),
        account=translate("ReportLabels", "Account"),
        sync=translate("ReportLabels", "Sync"),
        entry=translate("ReportLabels", "Entry"),
        flags=translate("ReportLabels", "Flags"),
        unit_clock=translate("ReportLabels", "H:MM"),
        unit_hours=translate("ReportLabels", "hours"),
        no_project=translate("ReportLabels", "(no project)"),
        local_account=translate("ReportLabels", "local"),
        running=translate("ReportLabels", "running"),
        nothing=translate("ReportLabels", "No time recorded in this period."),
        rounded_up=translate("ReportLabels", "each entry rounded up to {minutes} min per day"),
        rounded_nearest=translate("ReportLabels", "each entry rounded to the nearest {minutes} min per day"),
        only=translate("ReportLabels", "only {what}"),
        filter_project=translate("ReportLabels", "project {name}"),
        filter_account=translate("ReportLabels", "account {name}"),
        filter_local=translate("ReportLabels", "local tasks"),
        page=translate("ReportLabels", "Page {page}/{pages}"),
        continues_legend=translate("ReportLabels",
                                   "→ the entry goes on across midnight; each day shows its own part"),
        local_only_legend=translate("ReportLabels", "local only — the server cannot hold this time"),
        failed_legend=translate("ReportLabels", "failed — the server rejected this time; it is kept only here"),
        sync_local=translate("ReportLabels", "local task"),
        sync_pending=translate("ReportLabels", "waiting to sync"),
        sync_synced=translate("ReportLabels", "synced"),
        sync_local_only=translate("ReportLabels", "local only"),
        sync_failed=translate("ReportLabels", "failed"),
        sync_conflict=translate("ReportLabels", "conflict"),
        day_names=(translate("ReportLabels", "Mon"), translate("ReportLabels", "Tue"), translate("ReportLabels", "Wed"),
                   translate("ReportLabels", "Thu"), translate("ReportLabels", "Fri"), translate("ReportLabels", "Sat"),
                   translate("ReportLabels", "Sun")),
        month_names=(translate("ReportLabels", "Jan"), translate("ReportLabels", "Feb"), translate("ReportLabels", "Mar"),
                     translate("ReportLabels", "Apr"), translate("ReportLabels", "May"), translate("ReportLabels", "Jun"),
                     translate("ReportLabels", "Jul"), translate("ReportLabels", "Aug"), translate("ReportLabels", "Sep"),
                     translate("ReportLabels", "Oct"), translate("ReportLabels", "Nov"), translate("ReportLabels", "Dec")),
    )
    # A translation that lost or renamed a {field} would make an export fail: that
    # text stays English instead.
    kept = {f.name: getattr(ENGLISH, f.name) for f in fields(Labels)
            if isinstance(getattr(ENGLISH, f.name), str)
            and _fields(getattr(labels, f.name)) != _fields(getattr(ENGLISH, f.name))}
    return replace(labels, **kept)


def _fields(text: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # an unmatched brace
        return None
