"""The logo in the PDF: PNG/JPEG as an image, SVG as a vector drawing with the embedded font."""
from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Image

from wizards.errors import ExportError

from .fonts import fonts


def draw_logo(canv, logo: Path, right_x: float, y: float, height: float) -> None:
    """The logo right-aligned at ``right_x`` (the running header)."""
    img = logo_image(logo, height=height)
    width = getattr(img, "drawWidth", None) or img.width
    img.drawOn(canv, right_x - width, y - height * 0.25)




def logo_image(logo: Path, width: float | None = None, height: float | None = None) -> Flowable:
    if logo.suffix.lower() == ".svg":
        drawing = svg_drawing(logo)
        scale = (height / drawing.height) if height else (width / drawing.width)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        drawing.scale(scale, scale)
        drawing.hAlign = "LEFT"
        return drawing
    try:
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(str(logo)).getSize()
    except Exception as exc:
        raise ExportError(f"Das Logo „{logo.name}“ kann nicht gelesen werden; bitte eine PNG- oder JPEG-Datei wählen.") from exc
    if height:
        w, h = iw * height / ih, height
    else:
        w, h = width, ih * width / iw
    img = Image(str(logo), width=w, height=h)
    img.hAlign = "LEFT"
    return img


def svg_drawing(logo: Path):
    try:
        from svglib.svglib import svg2rlg
    except ImportError as exc:
        raise ExportError(
            f"Das SVG-Logo „{logo.name}“ kann in dieser Installation nicht eingebettet werden; bitte eine PNG-Datei wählen."
        ) from exc
    try:
        drawing = svg2rlg(str(logo))
    except Exception:
        drawing = None
    if drawing is None or not drawing.width or not drawing.height:
        raise ExportError(f"Das SVG-Logo „{logo.name}“ kann nicht gelesen werden; bitte eine PNG-Datei wählen.")
    _embed_svg_fonts(drawing)
    # the renderer's initial font would otherwise be Helvetica (not embedded)
    drawing.initialFontName = fonts("sans")
    return drawing


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
