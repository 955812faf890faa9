"""PDF writer: the laid-out document tree into an accessible (tagged, PDF/UA-1) A4 PDF with reportlab.

Embedded TrueType fonts (``fonts``), one style sheet (``styles``), bookmarks and a real table of
contents with page numbers and links (``flowables``, ``page``), „Seite X von Y“ in the footer,
metadata with the language de-DE, optional PDF/A-2b (``pdfa``). ``story`` turns nodes into
flowables, ``tables`` and ``images`` draw tables and the logo. What goes on which page is
decided before, in ``wizards.layout``; see docs/ARCHITECTURE.md. ``tags`` marks
every block while it is drawn, ``structure`` writes the structure tree afterwards.
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.platypus import NextPageTemplate, Spacer
from reportlab.platypus import PageBreak as RLPageBreak

from wizards.atomic import atomic_write_bytes
from wizards.design import Design
from wizards.doctree import Document
from wizards.errors import ExportError
from wizards.layout import layout

from ..common import check_images, checked_image
from .structure import apply_structure
from .fonts import FALLBACK, coverage, fonts, markup, unprintable_characters, unprintable_warning
from .page import TEXT, KADocTemplate, PageCountCanvas
from .pdfa import make_pdfa
from .story import Story
from .styles import MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T

__all__ = [
    "FALLBACK", "coverage", "fonts", "markup", "render_pdf", "unprintable_characters", "unprintable_warning",
    "write_pdf",
]


def render_pdf(document: Document, design: Design | None = None, tagged: bool = True) -> bytes:
    """The document as PDF bytes (laid out first if it was not).

    ``tagged=False`` leaves out the structure tree (only the live preview does that: a
    viewer on screen does not read it, and writing it costs about a sixth of the time).
    """
    design = design or Design()
    document = layout(document, design)
    check_images(document)
    family = fonts(design.font)
    builder = Story(document, design, family)
    story = []
    if document.front:
        story += builder.blocks(document.front) + [NextPageTemplate(TEXT), RLPageBreak()]
    story += builder.blocks(document.blocks)
    if not story:
        story = [Spacer(1, 1)]
    meta, furniture = document.meta, document.furniture
    buf = io.BytesIO()
    doc = KADocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
        bottomMargin=MARGIN_B, title=meta.title, author=meta.author,
        subject=meta.subject, keywords=", ".join(meta.keywords), creator="Konzeptassistent",
        producer="Konzeptassistent (ReportLab)", lang=meta.language or "de-DE",
        displayDocTitle=1, initialFontName=family, initialFontSize=11,
        ka_furniture=furniture, ka_family=family, ka_front=bool(document.front),
        ka_logo=checked_image(furniture.header_logo.path) if furniture.header_logo else None,
    )

    class _Canvas(PageCountCanvas):
        ka_family = family
        ka_toc_keys = tuple(builder.toc_keys)
        ka_toc_style = (builder.s["toc1"].fontName, builder.s["toc1"].fontSize)
        ka_tagger = builder.tagger

    try:
        doc.build(story, canvasmaker=_Canvas)
    except ExportError:
        raise
    except Exception as exc:  # reportlab LayoutError etc.: one German line, no English detail
        raise ExportError(pdf_failure(exc)) from exc
    data = buf.getvalue()
    if tagged:
        data = apply_structure(data, builder.tagger, meta.title, meta.language or "de-DE")
    if design.pdfa:
        data = make_pdfa(data, document)
    return data


def pdf_failure(exc: Exception) -> str:
    """One German line for a failure inside reportlab (its own messages are English and multi-line)."""
    from reportlab.platypus.doctemplate import LayoutError

    if isinstance(exc, LayoutError):
        return ("Das PDF konnte nicht erzeugt werden: Ein Element passt auf keine Seite (etwa eine sehr große "
                "Tabellenzeile oder ein Bild). Bitte den betreffenden Text kürzen oder teilen.")
    if isinstance(exc, MemoryError):
        return "Das PDF konnte nicht erzeugt werden: Der Arbeitsspeicher reicht nicht. Bitte sehr lange Texte kürzen."
    return (f"Das PDF konnte nicht erzeugt werden (interner Fehler {type(exc).__name__}). Bitte die Projektdatei "
            "aufbewahren und den Fehler melden; der Word-Export ist davon nicht betroffen.")


def write_pdf(document: Document, target, design: Design | None = None) -> None:
    data = render_pdf(document, design)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(f"Die PDF-Datei „{target}“ kann nicht gespeichert werden: {exc.strerror or exc}") from exc
