"""Pictures (the logo) in a paragraph, with alternative text for screen readers."""
from __future__ import annotations

import io

from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

from wizards.doctree import Image
from wizards.errors import ExportError

from ..common import logo as load_logo
from .body import Body


def picture(body: Body, p, image: Image) -> None:
    """Append ``image`` to the paragraph element ``p`` (body, header or footer)."""
    logo = load_logo(image.path)  # validated like the PDF's; Word gets the clean re-encoded bytes
    if logo.is_svg:
        raise ExportError(
            f"Das SVG-Logo „{logo.name}“ kann nur ins PDF übernommen werden; "
            "für die Word-Datei bitte das Logo als PNG-Datei wählen."
        )
    r = DocxParagraph(p, body.doc._body).add_run()
    try:
        shape = r.add_picture(io.BytesIO(logo.data), height=Cm(image.height_cm))
    except Exception as exc:
        raise ExportError(
            f"Das Logo „{logo.name}“ kann nicht in Word eingefügt werden ({type(exc).__name__}); "
            "bitte eine PNG- oder JPEG-Datei wählen."
        ) from exc
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", image.alt)
    doc_pr.set("title", "Logo")
