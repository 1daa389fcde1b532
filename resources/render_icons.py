"""Render the tray icons' SVG sources to PNGs at the sizes panels ask for.

Run after changing an SVG:  .venv/bin/python resources/render_icons.py
The app loads the PNGs (no SVG plugin needed at run time, e.g. in a frozen build).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "app" / "stint" / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128)


def render(svg: Path) -> list[Path]:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = svg.with_name(f"{svg.stem}-{size}.png")
        if not image.save(str(target)):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    return written


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    for svg in sorted(ICONS.glob("*.svg")):
        for path in render(svg):
            print(path.relative_to(ICONS.parents[3]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
