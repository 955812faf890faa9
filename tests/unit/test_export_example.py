"""Issue 2's proof: the example in each style exports to DOCX and PDF with every heading.

The files are opened again as a reader would: the DOCX with python-docx and through
LibreOffice, the PDF with pypdf.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import docx
import pytest
from pypdf import PdfReader

from wizards import doctree as dt
from wizards.assemble import assemble
from wizards.writers.docx import write_docx
from wizards.writers.pdf import write_pdf


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("\u00ad", "")


@pytest.fixture
def exported(definition, example, tmp_path):
    document = assemble(definition, example)
    docx_path, pdf_path = tmp_path / "konzept.docx", tmp_path / "konzept.pdf"
    write_docx(document, docx_path)
    write_pdf(document, pdf_path)
    return document, docx_path, pdf_path


def test_pdf_has_every_heading_and_no_placeholder(exported):
    document, _, pdf_path = exported
    reader = PdfReader(pdf_path)
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    for heading in dt.headings(document):
        assert _squash(dt.heading_label(heading)) in text
    assert "[" not in text.replace("[…]", ""), "an unfilled placeholder or markup leaked"
    assert reader.metadata.title == document.meta.title
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline_titles, "bookmarks from headings"


def test_docx_has_every_heading_as_a_heading_style(exported):
    document, docx_path, _ = exported
    paragraphs = docx.Document(docx_path).paragraphs
    styled = [_squash(p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    for heading in dt.headings(document):
        assert _squash(dt.heading_label(heading)) in styled
    body = "\n".join(p.text for p in paragraphs)
    assert "[" not in body


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_docx_converts_in_libreoffice_with_the_same_headings(exported, tmp_path):
    document, docx_path, _ = exported
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    reader = PdfReader(outdir / "konzept.pdf")
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    for heading in dt.headings(document):
        assert _squash(dt.plain_text(heading.text)) in text
