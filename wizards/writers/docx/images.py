"""Pictures (the logo) in a paragraph, with alternative text for screen readers."""
from __future__ import annotations

from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

from wizards.doctree import Image
from wizards.errors import ExportError

from ..common import checked_image
from .body import Body


def picture(body: Body, p, image: Image) -> None:
    """Append ``image`` to the paragraph element ``p`` (body, header or footer)."""
    path = checked_image(image.path)
    if path.suffix.lower() == ".svg":
        raise ExportError(
            f"Das SVG-Logo „{path.name}“ kann nur ins PDF übernommen werden; "
            "für die Word-Datei bitte das Logo als PNG-Datei wählen."
        )
    r = DocxParagraph(p, body.doc._body).add_run()
    try:
        shape = r.add_picture(str(path), height=Cm(image.height_cm))
    except Exception as exc:
        raise ExportError(
            f"Das Logo „{path.name}“ kann nicht in Word eingefügt werden ({type(exc).__name__}); "
            "bitte eine PNG- oder JPEG-Datei wählen."
        ) from exc
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", image.alt)
    doc_pr.set("title", "Logo")
