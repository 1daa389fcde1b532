"""The export words (timesheet/labels.py) in the interface's language, for the
files the window writes: HTML, PDF and XLSX headings, day and month names, legends."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QCoreApplication

from ..timesheet.labels import CONTEXT, ENGLISH, Labels


def translated() -> Labels:
    """`ENGLISH` with each marked word replaced by its translation (unmarked marks such
    as "→" and "*" come back as they are)."""
    values: dict[str, object] = {}
    for field in fields(Labels):
        value = getattr(ENGLISH, field.name)
        if isinstance(value, str):
            values[field.name] = _tr(value)
        elif isinstance(value, tuple):
            values[field.name] = tuple(_tr(v) for v in value)
    return Labels(**values)  # type: ignore[arg-type]


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
