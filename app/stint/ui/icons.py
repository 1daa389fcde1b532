"""The tray icon's looks: the clock's state as the base (idle or running), and sync
trouble as a badge on it — so a running timer stays visible whatever sync does.

The bases are pre-rendered PNGs (resources/render_icons.py renders the SVGs beside
them), so the first paint needs no SVG plugin. A badge is drawn on the base at each
size with whole-pixel geometry, sized for its panel (larger in proportion at 16 px),
cut out of the base by a transparent ring and outlined in dark with a white glyph,
so it reads on light and dark panels alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPixmap

from ..domain.sync_state import Badge

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128)
OUTLINE = QColor("#111827")
# Three hues, so a 16 px badge is told apart before its glyph is: sign-in violet,
# refused red, trouble (it retries by itself) amber.
BADGE_COLORS = {Badge.SIGN_IN: QColor("#6d28d9"), Badge.REFUSED: QColor("#b91c1c"),
                Badge.TROUBLE: QColor("#d97706")}


class Base(Enum):
    IDLE = "idle"          # no timer running
    RUNNING = "running"    # a timer runs


@dataclass(frozen=True)
class TrayLook:
    base: Base = Base.IDLE
    badge: Badge | None = None


IDLE = TrayLook()
RUNNING = TrayLook(Base.RUNNING)


@cache
def tray_icon(look: TrayLook = IDLE) -> QIcon:
    if look.badge is None:
        return _base_icon(look.base)
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(QPixmap.fromImage(badged(look.base, look.badge, size)))
    return icon


def app_icon() -> QIcon:
    return _base_icon(Base.IDLE)


@cache
def _base_icon(base: Base) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = ICON_DIR / f"tray-{base.value}-{size}.png"
        if path.exists():
            icon.addFile(str(path))
    if icon.isNull():
        icon = QIcon(str(ICON_DIR / f"tray-{base.value}.svg"))
    return icon


def badged(base: Base, badge: Badge, size: int) -> QImage:
    """The `base` clock at `size` px with `badge` in its bottom-right corner."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawPixmap(0, 0, _base_icon(base).pixmap(size, size))  # its own size's PNG: crisp
    d = badge_diameter(size)
    gap = 1 if size <= 32 else size // 32
    spot = QRectF(size - d, size - d, d, d)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.black)
    painter.drawEllipse(spot.adjusted(-gap, -gap, gap, gap))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    painter.setBrush(OUTLINE)
    painter.drawEllipse(spot)
    ring = max(1.0, d / 14)
    painter.setBrush(BADGE_COLORS[badge])
    painter.drawEllipse(spot.adjusted(ring, ring, -ring, -ring))
    painter.setBrush(Qt.GlobalColor.white)
    if badge is Badge.SIGN_IN:
        _padlock(painter, spot)
    else:
        _exclamation(painter, spot)
    painter.end()
    return image


def badge_diameter(size: int) -> int:
    """An even number of pixels (so the glyph sits on whole pixels), about half the
    icon: at 16 px no larger than 8, or it would hide the play triangle — there its
    hue says which badge it is."""
    return 8 if size < 20 else 2 * round(size * (0.22 if size <= 24 else 0.21))


def _exclamation(painter: QPainter, spot: QRectF) -> None:
    """A bar and a dot, on whole pixels, with a clear pixel between them."""
    d = int(spot.width())
    w = max(2, round(d * 0.18) // 2 * 2)
    x = spot.left() + (d - w) / 2
    inner = d - 2 * max(1, round(d * 0.14))   # the rows inside the ring's margin
    top = spot.top() + (d - inner) / 2
    dot = w
    gap = max(1, round(inner * 0.12))
    painter.drawRect(QRectF(x, top, w, inner - dot - gap))
    painter.drawRect(QRectF(x, top + inner - dot, w, dot))


def _padlock(painter: QPainter, spot: QRectF) -> None:
    d = spot.width()
    body = QRectF(spot.left() + d * 0.26, spot.top() + d * 0.46, d * 0.48, d * 0.32)
    painter.drawRect(body)
    shackle = QPainterPath()
    stroke = max(1.2, d * 0.1)
    arc = QRectF(body.left() + stroke / 2 + d * 0.04, spot.top() + d * 0.2, body.width() - stroke - d * 0.08,
                 d * 0.4)
    shackle.arcMoveTo(arc, 180)
    shackle.arcTo(arc, 180, -180)
    pen = painter.pen()
    painter.setPen(_white_pen(stroke))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shackle)
    painter.setPen(pen)
    painter.setBrush(Qt.GlobalColor.white)


def _white_pen(width: float):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPen

    pen = QPen(Qt.GlobalColor.white, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
