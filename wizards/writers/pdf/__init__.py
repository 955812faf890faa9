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

from wizards.atomic import atomic_write_bytes
from wizards.design import Design
from wizards.doctree import Document
from wizards.errors import ExportError
from wizards.layout import layout

from ..common import check_images, checked_image
from ..deferred_patterns import deferred_patterns

with deferred_patterns():  # reportlab's Unicode-wide patterns: compiled only if ever used
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import NextPageTemplate, Spacer
    from reportlab.platypus import PageBreak as RLPageBreak

    from .structure import apply_structure
    from .fonts import FALLBACK, coverage, fonts, markup, unprintable_characters, unprintable_warning
    from .page import TEXT, KADocTemplate, PageCountCanvas
    from .pdfa import make_pdfa
    from .story import Story
    from .styles import MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T

__all__ = [
    "FALLBACK", "coverage", "fonts", "markup", "render_pdf", "save_pdf", "unprintable_characters",
    "unprintable_warning", "write_pdf",
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
        raise ExportError(pdf_failure(exc, failing_section(document, design))) from exc
    data = buf.getvalue()
    if tagged:
        data = apply_structure(data, builder.tagger, meta.title, meta.language or "de-DE", pdfa=design.pdfa)
    elif design.pdfa:
        data = make_pdfa(data, document)
    return data


def pdf_failure(exc: Exception, section: str = "") -> str:
    """One German line for a failure inside reportlab (its own messages are English and multi-line),
    naming the section it happened in when that is known."""
    from reportlab.platypus.doctemplate import LayoutError

    where = f" im Abschnitt „{section}“" if section else ""
    if isinstance(exc, LayoutError):
        return (f"Das PDF konnte nicht erzeugt werden: Ein Element{where} passt auf keine Seite (etwa eine sehr "
                "große Tabellenzeile oder ein Bild). Bitte den betreffenden Text kürzen oder teilen.")
    if isinstance(exc, MemoryError):
        return (f"Das PDF konnte nicht erzeugt werden: Der Arbeitsspeicher reicht nicht. Bitte sehr lange Texte"
                f"{where} kürzen.")
    return (f"Das PDF konnte nicht erzeugt werden: Der Text{where} lässt sich nicht setzen. Bitte ihn auf "
            "Ungewöhnliches prüfen (tief verschachtelte Aufzählungen, sehr lange Wörter, seltene Zeichen) und es "
            "nach einer Änderung erneut versuchen; der Word-Export ist davon nicht betroffen.")


def failing_section(document: Document, design: Design) -> str:
    """The heading of the first section that cannot be set on its own ("" if none or unknown).

    Runs only after a failure: each section is built alone, without page furniture."""
    from wizards.doctree import Heading, plain_text

    sections: list[list] = [[]]
    for block in document.blocks:
        if isinstance(block, Heading) and block.level <= 2 and sections[-1]:
            sections.append([])
        sections[-1].append(block)
    family = fonts(design.font)
    for blocks in sections:
        heading = next((b for b in blocks if isinstance(b, Heading)), None)
        try:
            builder = Story(document, design, family)
            story = builder.blocks(tuple(blocks)) or [Spacer(1, 1)]

            class _Canvas(PageCountCanvas):
                ka_family = family
                ka_toc_keys = tuple(builder.toc_keys)
                ka_toc_style = (builder.s["toc1"].fontName, builder.s["toc1"].fontSize)
                ka_tagger = builder.tagger

            KADocTemplate(io.BytesIO(), pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
                          bottomMargin=MARGIN_B, ka_furniture=document.furniture, ka_family=family, ka_front=False,
                          ka_logo=None).build(story, canvasmaker=_Canvas)
        except Exception:  # noqa: BLE001 - this is the section that fails
            return " ".join(filter(None, (heading.number, plain_text(heading.text)))) if heading else ""
    return ""


def write_pdf(document: Document, target, design: Design | None = None) -> None:
    save_pdf(render_pdf(document, design), target)


def save_pdf(data: bytes, target) -> None:
    """Write rendered PDF bytes atomically (German error)."""
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(f"Die PDF-Datei „{target}“ kann nicht gespeichert werden: {exc.strerror or exc}") from exc
