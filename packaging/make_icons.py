"""Render the program icon as PNG and ICO from ``resources/icons/app.svg``.

    python packaging/make_icons.py

Writes ``resources/icons/app.png`` (256 px, window/launcher icon) and
``resources/icons/app.ico`` (16–256 px, Windows program icon). The drawing itself is the
SVG in resources/icons (one design for window, Explorer and Linux launcher); if it is
missing, the same motif — a document with lines and a green check mark — is drawn here
with QPainter. No external artwork, no Pillow: the ICO container is written by hand
(PNG-compressed entries, supported since Windows Vista).
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def _draw_fallback(painter, size: int) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPainterPath, QPen

    s = size / 64.0
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1F4E79"))
    painter.drawRoundedRect(QRectF(10 * s, 4 * s, 44 * s, 56 * s), 4 * s, 4 * s)
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRoundedRect(QRectF(17 * s, 14 * s, 30 * s, 4 * s), 2 * s, 2 * s)
    painter.setBrush(QColor("#BFD3E6"))
    for y, w in ((24, 30), (31, 24), (38, 28)):
        painter.drawRoundedRect(QRectF(17 * s, y * s, w * s, 3 * s), 1.5 * s, 1.5 * s)
    painter.setBrush(QColor("#2E7D32"))
    painter.drawEllipse(QPointF(46 * s, 48 * s), 8 * s, 8 * s)
    pen = QPen(QColor("#FFFFFF"), 2.2 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(42 * s, 48 * s))
    path.lineTo(45 * s, 51 * s)
    path.lineTo(50 * s, 45 * s)
    painter.drawPath(path)


def render_png(size: int, svg: Path | None) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if svg is not None:
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(svg))
        if not renderer.isValid():
            raise SystemExit(f"{svg}: kein gültiges SVG")
        renderer.render(painter, QRectF(0, 0, size, size))
    else:
        _draw_fallback(painter, size)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR + ICONDIRENTRY[] + data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, plugins)
    svg = ICONS / "app.svg"
    source = svg if svg.is_file() else None
    pngs = {size: render_png(size, source) for size in SIZES}
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "app.png").write_bytes(pngs[256])
    (ICONS / "app.ico").write_bytes(ico_bytes(pngs))
    print(f"Geschrieben: resources/icons/app.png, resources/icons/app.ico (aus {'app.svg' if source else 'QPainter'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
