"""The logo in the PDF: PNG/JPEG as an image, SVG as a vector drawing with the embedded font."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.platypus import Flowable, Image

from wizards.images import load_logo

from .fonts import fonts


def draw_logo(canv, logo: Path, right_x: float, y: float, height: float) -> None:
    """The logo right-aligned at ``right_x`` (the running header)."""
    img = logo_image(logo, height=height)
    width = getattr(img, "drawWidth", None) or img.width
    img.drawOn(canv, right_x - width, y - height * 0.25)


def logo_image(logo: Path, width: float | None = None, height: float | None = None) -> Flowable:
    """The logo as a flowable; the file was validated and parsed once (``wizards.images``)."""
    loaded = load_logo(logo)
    if loaded.is_svg:
        drawing = loaded.drawing(width=width, height=height)
        _embed_svg_fonts(drawing)
        # the renderer's initial font would otherwise be Helvetica (not embedded)
        drawing.initialFontName = fonts("sans")
        drawing.hAlign = "LEFT"
        return drawing
    w, h = loaded.size_for(width=width, height=height)
    img = Image(io.BytesIO(loaded.data), width=w, height=h)
    img.hAlign = "LEFT"
    return img


def _embed_svg_fonts(node) -> None:
    """Text in an SVG logo: use the embedded house font, not an unembedded standard font."""
    from reportlab.graphics.shapes import String

    family = fonts("sans")
    for child in getattr(node, "contents", ()):
        if isinstance(child, String):
            bold = "bold" in str(getattr(child, "fontName", "")).lower()
            child.fontName = f"{family}-Bold" if bold else family
        else:
            _embed_svg_fonts(child)
