"""Where the main window opens: where the clerk left it, else inside the available screen area.

The available area excludes the taskbar and docks. The frame (title bar, borders) counts too: a
window sized to the whole screen would push its buttons and status bar below the taskbar (review M5).
"""
from __future__ import annotations

from PySide6.QtCore import QRect

FRAME_ALLOWANCE = (16, 40)  # width, height of a typical window frame with title bar (Windows, KDE, GNOME)
PREFERRED = (1366, 768)


def placement(area: QRect, saved) -> tuple[QRect, bool]:
    """(geometry, maximised) for a window on ``area``; ``saved`` is what ``remembered`` stored."""
    saved = saved if isinstance(saved, dict) else {}
    try:
        x, y, w, h = (int(saved[k]) for k in ("x", "y", "width", "height"))
    except (KeyError, TypeError, ValueError):
        x = y = w = h = 0
    if w > 0 and h > 0 and area.intersects(QRect(x, y, w, h)):
        w, h = min(w, area.width()), min(h, area.height())
        x = min(max(x, area.left()), area.right() + 1 - w)
        y = min(max(y, area.top()), area.bottom() + 1 - h)
        return QRect(x, y, w, h), bool(saved.get("maximized"))
    frame_w, frame_h = FRAME_ALLOWANCE
    width, height = min(PREFERRED[0], area.width() - frame_w), min(PREFERRED[1], area.height() - frame_h)
    rect = QRect(area.left() + (area.width() - width - frame_w) // 2,
                 area.top() + (area.height() - height - frame_h) // 2, width, height)
    # a laptop screen or smaller: the full area is the best use of it
    return rect, area.width() < 1400 or area.height() < 800


def remembered(window) -> dict:
    """The window's normal geometry and maximised state, for the settings."""
    maximised = window.isMaximized()
    rect = window.normalGeometry() if maximised or window.isFullScreen() else window.geometry()
    if not rect.isValid():
        rect = window.geometry()
    return {"x": rect.x(), "y": rect.y(), "width": rect.width(), "height": rect.height(), "maximized": maximised}
