"""Colours the views agree on: one per project (the Day timeline, the report chart
and its legend) and text that reads on any of them."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

# Tableau 10 without its grey, which is kept for the time of no project: distinct
# hues that stay apart for the colour-blind more often than a generated wheel.
PROJECT_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f")
NO_PROJECT = "#a5a5a5"


def project_colors(projects: Iterable[str | None]) -> dict[str | None, QColor]:
    """A colour per project: each project starts from the colour its name hashes to, so
    it keeps it from week to week; two projects of the same view never share one
    while the palette lasts (the later one takes the next free colour)."""
    colors: dict[str | None, QColor] = {}
    taken: set[int] = set()
    for project in sorted({p or None for p in projects}, key=lambda p: (p is not None, (p or "").casefold())):
        if project is None:
            colors[None] = QColor(NO_PROJECT)
            continue
        index = zlib.crc32(project.casefold().encode()) % len(PROJECT_PALETTE)
        for step in range(len(PROJECT_PALETTE)):
            if (index + step) % len(PROJECT_PALETTE) not in taken:
                index = (index + step) % len(PROJECT_PALETTE)
                break
        taken.add(index)
        colors[project] = QColor(PROJECT_PALETTE[index])
    return colors


def contrast_text(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF()) + 0.0722 * channel(background.blueF())
    return QColor(Qt.GlobalColor.black) if lum > 0.179 else QColor(Qt.GlobalColor.white)
