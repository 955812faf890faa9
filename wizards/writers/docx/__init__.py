"""DOCX writer: the laid-out document tree into a Word file, on the reference ``vorlage.docx``.

One module per job, like pandoc's DOCX writer: ``template`` (reference document, letterhead,
house colour and font), ``body`` (the state of one file), ``blocks``, ``inlines``, ``tables``,
``toc`` (the TOC field), ``numbering`` (list numbering XML), ``pages`` (cover sheet, title
page, header and footer), ``images`` (the logo), ``oxml`` (raw XML pieces). What goes on
which page is decided before, in ``wizards.layout``; see docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import io

from wizards.atomic import atomic_write_bytes
from wizards.design import Design
from wizards.doctree import Document
from wizards.errors import ExportError
from wizards.layout import layout

from ..common import check_images
from .blocks import blocks
from .body import Body
from .pages import header_footer, section_break
from .tables import space_after_tables
from .template import base_document, has_header_footer

__all__ = ["render_docx", "write_docx"]


def render_docx(document: Document, design: Design | None = None) -> bytes:
    """The document as DOCX bytes (laid out first if it was not)."""
    design = design or Design()
    document = layout(document, design)
    check_images(document)
    doc = base_document(design)
    _core_properties(doc, document)
    template_has_own = bool(design.template_path) and has_header_footer(doc)

    body = Body(document, design, doc)
    if document.front:
        blocks(body, document.front)
        section_break(body)
    blocks(body, document.blocks)
    space_after_tables(body)
    header_footer(body, document.furniture, template_has_own)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _core_properties(doc, document: Document) -> None:
    meta = document.meta
    core = doc.core_properties
    core.title = meta.title[:255]
    core.author = meta.author[:255]
    core.subject = meta.subject[:255]
    core.keywords = ", ".join(meta.keywords)[:255]
    core.language = meta.language or "de-DE"
    core.comments = ""
    core.category = "Nutzungskonzept"
    if meta.version:
        core.version = meta.version[:255]


def write_docx(document: Document, target, design: Design | None = None) -> None:
    data = render_docx(document, design)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(f"Die Word-Datei „{target}“ kann nicht gespeichert werden: {exc.strerror or exc}") from exc
