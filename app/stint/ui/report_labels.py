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
    t = QCoreApplication.translate
    labels = replace(
        ENGLISH,
        timesheet=t("ReportLabels", "Timesheet"),
        detailed=t("ReportLabels", "Time entries"),
        per_project=t("ReportLabels", "Per project"),
        per_task=t("ReportLabels", "Per task"),
        per_day=t("ReportLabels", "Per day"),
        task=t("ReportLabels", "Task"),
        project=t("ReportLabels", "Project"),
        total=t("ReportLabels", "Total"),
        date=t("ReportLabels", "Date"),
        start=t("ReportLabels", "Start"),
        end=t("ReportLabels", "End"),
        duration=t("ReportLabels", "Duration"),
        note=t("ReportLabels", "Note"),
        account=t("ReportLabels", "Account"),
        sync=t("ReportLabels", "Sync"),
        entry=t("ReportLabels", "Entry"),
        flags=t("ReportLabels", "Flags"),
        unit_clock=t("ReportLabels", "H:MM"),
        unit_hours=t("ReportLabels", "hours"),
        no_project=t("ReportLabels", "(no project)"),
        local_account=t("ReportLabels", "local"),
        running=t("ReportLabels", "running"),
        nothing=t("ReportLabels", "No time recorded in this period."),
        rounded_up=t("ReportLabels", "each entry rounded up to {minutes} min per day"),
        rounded_nearest=t("ReportLabels", "each entry rounded to the nearest {minutes} min per day"),
        only=t("ReportLabels", "only {what}"),
        filter_project=t("ReportLabels", "project {name}"),
        filter_account=t("ReportLabels", "account {name}"),
        filter_local=t("ReportLabels", "local tasks"),
        page=t("ReportLabels", "Page {page}/{pages}"),
        continues_legend=t("ReportLabels", "→ the entry goes on across midnight; each day shows its own part"),
        local_only_legend=t("ReportLabels", "local only — the server cannot hold this time"),
        failed_legend=t("ReportLabels", "failed — the server rejected this time; it is kept only here"),
        sync_local=t("ReportLabels", "local task"),
        sync_pending=t("ReportLabels", "waiting to sync"),
        sync_synced=t("ReportLabels", "synced"),
        sync_local_only=t("ReportLabels", "local only"),
        sync_failed=t("ReportLabels", "failed"),
        sync_conflict=t("ReportLabels", "conflict"),
        day_names=(t("ReportLabels", "Mon"), t("ReportLabels", "Tue"), t("ReportLabels", "Wed"),
                   t("ReportLabels", "Thu"), t("ReportLabels", "Fri"), t("ReportLabels", "Sat"),
                   t("ReportLabels", "Sun")),
        month_names=(t("ReportLabels", "Jan"), t("ReportLabels", "Feb"), t("ReportLabels", "Mar"),
                     t("ReportLabels", "Apr"), t("ReportLabels", "May"), t("ReportLabels", "Jun"),
                     t("ReportLabels", "Jul"), t("ReportLabels", "Aug"), t("ReportLabels", "Sep"),
                     t("ReportLabels", "Oct"), t("ReportLabels", "Nov"), t("ReportLabels", "Dec")),
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
