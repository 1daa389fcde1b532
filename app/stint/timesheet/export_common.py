"""What every export shows the same way: titles, day headings, times of a part, marks,
the legend. Words come from a `Labels` (labels.py); nothing here spells its own.

Kept free of third-party imports so that the text exporters (and the CLI) load fast.
"""

from __future__ import annotations

from datetime import date

from ..domain.periods import Period
from ..domain.text import one_line
from ..domain.timesheet import Part, Row, format_duration
from ..domain.when import zone_name
from .labels import Labels
from .report import Report

__all__ = ["one_line", "zone_name"]


def day_heading(day: date, labels: Labels) -> str:
    """'Mon 23': short enough for a grid column, unambiguous within one week."""
    return f"{labels.day_names[day.weekday()]} {day.day}"


def day_long(day: date, labels: Labels) -> str:
    return f"{day.day} {labels.month_names[day.month - 1]} {day.year}"


def day_short(day: date, labels: Labels) -> str:
    """'Thu 19 Nov'."""
    return f"{labels.day_names[day.weekday()]} {day.day} {labels.month_names[day.month - 1]}"


def day_with_weekday(day: date, labels: Labels) -> str:
    """'Thu 19 Nov 2026': a date that says its weekday, for detailed lists."""
    return f"{labels.day_names[day.weekday()]} {day_long(day, labels)}"


def date_range(days: tuple[date, ...], labels: Labels) -> str:
    """'16–22 Nov 2026', '30 Nov – 6 Dec 2026', '29 Dec 2025 – 4 Jan 2026', '16 Nov 2026'."""
    first, last = days[0], days[-1]
    months = labels.month_names
    if first == last:
        return day_long(first, labels)
    if first.year != last.year:
        return f"{day_long(first, labels)} – {day_long(last, labels)}"
    if first.month != last.month:
        return f"{first.day} {months[first.month - 1]} – {day_long(last, labels)}"
    return f"{first.day}–{day_long(last, labels)}"


def heading(report: Report, labels: Labels) -> str:
    """'Timesheet 2026-W47' or 'Time entries 2026-11'."""
    return f"{labels.detailed if report.detail else labels.timesheet} {report.period.label}"


def title(report: Report, labels: Labels) -> str:
    """'Timesheet 2026-W47 · 16–22 Nov 2026'; a range of dates is named once:
    'Time entries 3–12 Nov 2026'."""
    if report.period.kind == "range":
        return f"{labels.detailed if report.detail else labels.timesheet} {date_range(report.days, labels)}"
    return f"{heading(report, labels)} · {date_range(report.days, labels)}"


def subtitle(report: Report, labels: Labels) -> str:
    """'16–22 Nov 2026 · Europe/Madrid'."""
    return f"{date_range(report.days, labels)} · {zone_name(report.period.tz)}"


def conditions(report: Report, labels: Labels) -> str:
    """What shaped the numbers, e.g. 'only project Acme · each entry rounded up to 15
    min per day'; empty when nothing did."""
    options, parts = report.options, []
    what = [labels.filter_project.format(name=one_line(p)) for p in _asked(options.filters.projects)]
    what += [labels.filter_account.format(name=one_line(a)) for a in _asked(options.filters.accounts)]
    if options.filters.local:
        what.append(labels.filter_local)
    if what:
        parts.append(labels.only.format(what=", ".join(what)))
    rounding = options.rounding
    if rounding is not None:
        text = labels.rounded_up if rounding.mode == "up" else labels.rounded_nearest
        parts.append(text.format(minutes=rounding.minutes))
    return " · ".join(parts)


def _asked(names: tuple[str, ...]) -> list[str]:
    return sorted(set(names), key=str.casefold)


def grid_blocks(report: Report) -> list[range]:
    """The weeks of the period a grid shows: all of a one-week period; of a longer one,
    only the weeks with time in them (none when nothing was tracked)."""
    blocks = report.period.weeks()
    if len(blocks) == 1:
        return blocks
    totals = report.sheet.day_totals
    return [block for block in blocks if any(totals[i] for i in block)]


def task_totals(report: Report, labels: Labels) -> list[tuple[str, int]]:
    """('Project · Task', seconds) per row: a longer period's grid ends with these, as
    its blocks only total each week."""
    if len(report.period.weeks()) == 1:
        return []
    return [(f"{row.project} · {row.task}" if row.project else row.task, row.total) for row in report.rows]


def rows_in(report: Report, block: range) -> list[Row]:
    """The grid rows of one block: in a longer period, only the tasks with time in it."""
    if len(report.period.weeks()) == 1:
        return report.rows
    return [row for row in report.rows if any(row.days[i] for i in block)]


def parts_by_day(report: Report) -> dict[int, list[Part]]:
    """The detailed report's parts grouped by day index, days in order."""
    grouped: dict[int, list[Part]] = {}
    for part in report.parts:
        grouped.setdefault(part.day, []).append(part)
    return dict(sorted(grouped.items()))


def part_start(part: Part, period: Period) -> str:
    """'09:00'; a part that goes on from the day before starts at its local midnight."""
    return part.start.astimezone(period.tz).strftime("%H:%M")


def part_end(part: Part, period: Period, labels: Labels) -> str:
    """'10:30', '24:00' for a part that lasts until midnight, or 'running'."""
    if part.running:
        return labels.running
    if part.end == period.day_edges[part.day + 1]:
        return "24:00"
    return part.end.astimezone(period.tz).strftime("%H:%M")


def marked_start(part: Part, period: Period, labels: Labels) -> str:
    start = part_start(part, period)
    return f"{labels.continues_mark}{start}" if part.continued else start


def marked_end(part: Part, period: Period, labels: Labels) -> str:
    end = part_end(part, period, labels)
    return f"{end}{labels.continues_mark}" if part.continues else end


def project_name(project: str | None, labels: Labels) -> str:
    return project if project else labels.no_project


def account_name(account: str | None, labels: Labels) -> str:
    return account if account is not None else labels.local_account


def marks(row: Row, labels: Labels) -> str:
    """The marks of a row's flags, e.g. '*' or '*!'; unknown flags are not marked."""
    return "".join(mark for flag, (mark, _) in labels.flag_marks().items() if flag in row.flags)


def legend(report: Report, labels: Labels) -> list[str]:
    """One line per mark that occurs in the report, e.g. '* local only — …'."""
    lines = []
    if not report.detail:
        present = set().union(*(row.flags for row in report.rows))
        lines += [f"{mark} {text}" for flag, (mark, text) in labels.flag_marks().items() if flag in present]
    elif any(p.continued or p.continues for p in report.parts):
        lines.append(labels.continues_legend)
    return lines


def flag_words(row: Row, labels: Labels) -> str:
    """'local only, failed': the flags spelled out, for formats with a column for them."""
    known = labels.flag_marks()
    words = [known[f][1].split(" — ")[0] for f in known if f in row.flags]
    return ", ".join(words + sorted(row.flags - known.keys()))


def duration_or_blank(seconds: int) -> str:
    return format_duration(seconds) if seconds else ""
