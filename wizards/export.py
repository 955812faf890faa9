"""Exporting: the flows the command line and the window share, without Qt.

- ``write(kind, document, target, design)`` – one writer per kind (``KINDS``: docx, pdf, html),
  always with the clerk's design;
- ``export_project(kind, definition, project, target)`` – assemble and write; returns the document
  (its ``warnings`` and ``missing`` are what a clerk should be told);
- ``write_review(kind, definition, old, new, target)`` – the annual comparison („Änderungen im
  Social-Media-Nutzungskonzept“) with the *new* version's design, as the council gets it;
- ``export_notes(document, design, kinds)`` – the German hints after an export.

The desktop calls the same functions on its worker thread, so a file written from the window
equals the one the command line writes. See docs/ARCHITECTURE.md.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import KonzeptError

if TYPE_CHECKING:  # the command line forks before it imports the core (``writers.pdf_process``)
    from .design import Design
    from .doctree import Document
    from .project import Project
    from .schema import WizardDefinition

SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html"}
NAMES = {"docx": "Word-Datei", "pdf": "PDF", "html": "Webseite (HTML)"}
OUTPUT_LABELS = {"docx": "das Word-Dokument", "pdf": "das PDF", "html": "die HTML-Datei"}  # „für …“ in messages
KINDS = tuple(SUFFIXES)


def writer(kind: str) -> Callable[[Document, Path, Design], None]:
    """The writer of a kind; writers are imported only when used (reportlab, python-docx are big)."""
    if kind == "docx":
        from .writers.docx import write_docx

        return write_docx
    if kind == "pdf":
        from .writers.pdf import write_pdf

        return write_pdf
    if kind == "html":
        from .writers.html import write_html

        return write_html
    raise KonzeptError(f"Unbekanntes Exportformat „{kind}“. Möglich: {', '.join(KINDS)}.")


def design_of(project: Project) -> Design:
    """The clerk's corporate design (tolerant: a broken entry falls back to the defaults)."""
    from .design import Design

    return Design.from_dict(project.design)


def design_inputs(design: Design) -> list[str]:
    """The files an export reads besides the project: letterhead and logo."""
    return [design.template_path, design.logo_path]


def checked_target(kind: str, target, design: Design, inputs=()) -> Path:
    """``target`` as a path, refused (``OutputPathError``, German, see ``atomic.checked_output_paths``)
    if it is one of ``inputs`` (the project file(s)), the letterhead or the logo."""
    from .atomic import checked_output_paths

    label = OUTPUT_LABELS.get(kind, kind)
    return checked_output_paths({label: str(target)}, [*inputs, *design_inputs(design)])[label]


def write(kind: str, document: Document, target, design: Design, inputs=()) -> None:
    """Write ``document`` to ``target``; never onto ``inputs``, the letterhead or the logo."""
    writer(kind)(document, checked_target(kind, target, design, inputs), design)


def export_project(kind: str, definition: WizardDefinition, project: Project, target, inputs=()) -> Document:
    """Assemble the project and write it as ``kind`` with its design; the assembled document is returned.

    ``inputs``: files that must never be overwritten, above all the project's own path.
    """
    from .assemble import assemble

    document = assemble(definition, project)
    write(kind, document, target, design_of(project), inputs)
    return document


def review_document(definition: WizardDefinition, old: Project, new: Project) -> Document:
    from .review import review_document as compare

    return compare(definition, old, new)


def write_review(kind: str, definition: WizardDefinition, old: Project, new: Project, target, inputs=()) -> Document:
    """The comparison of two versions, written with the new version's design (logo, colour, header).

    ``inputs``: the two project files (never overwritten).
    """
    document = review_document(definition, old, new)
    write(kind, document, target, design_of(new), inputs)
    return document


def export_notes(document: Document, design: Design, kinds=KINDS, pdf_boxes: str | None = None) -> list[str]:
    """German hints after an export: dropped characters, glyphs the PDF cannot show, values still missing.

    ``pdf_boxes``: the hint about glyphs the PDF cannot show, if the PDF writer already gave it."""
    notes = list(document.warnings)
    if "pdf" in kinds:
        if pdf_boxes is None:
            from .writers.pdf import unprintable_warning

            pdf_boxes = unprintable_warning(document, design)
        boxes = pdf_boxes
        if boxes:
            notes.append(boxes)
    if document.missing:
        labels = ", ".join(dict.fromkeys(m.label for m in document.missing))
        notes.append(f"noch fehlende Angaben: {labels}")
    return notes
