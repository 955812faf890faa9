"""What the DOCX and the PDF writer share: list glyphs and the check of a picture file.

Everything about *what* goes on the pages is decided earlier, in ``wizards.layout``; the
link-scheme allow-list lives with the ``Link`` node (``wizards.doctree.allowed_link``).
"""
from __future__ import annotations

from pathlib import Path

from wizards.design import LOGO_SUFFIXES
from wizards.doctree import Image, nodes
from wizards.errors import ExportError
from wizards.images import Logo, load_logo

BULLETS = ("•", "–", "▪")  # by list depth
MAX_LIST_DEPTH = 2  # deeper lists are drawn at this depth


def bullet(depth: int) -> str:
    return BULLETS[min(depth, MAX_LIST_DEPTH)]


def checked_image(path: str) -> Path:
    """The picture's file; a missing file, an unknown format or a picture that fails the checks
    of ``wizards.images`` (size, pixels, outside references …) is an export error in German."""
    picture = Path(path)
    if not picture.is_file():
        raise ExportError(
            f"Die Logo-Datei „{path}“ wurde nicht gefunden. "
            "Bitte unter „Gestaltung“ ein vorhandenes Logo wählen oder das Feld leeren."
        )
    if picture.suffix.lower() not in LOGO_SUFFIXES:
        raise ExportError(f"Das Logo „{picture.name}“ hat ein unbekanntes Format; bitte PNG, JPEG oder SVG verwenden.")
    load_logo(picture)  # the same validation for every writer (loaded once, then cached)
    return picture


def logo(path: str) -> Logo:
    """The validated, loaded picture (clean raster bytes or the parsed SVG drawing)."""
    return load_logo(checked_image(path))


def check_images(document) -> None:
    """Fail early, before anything is drawn, when a picture of the document cannot be used."""
    for node in nodes(document):
        if isinstance(node, Image):
            checked_image(node.path)
