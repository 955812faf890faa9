"""Accessible DOCX: language, title, real heading and list styles, alt text, repeating header rows,
no empty paragraphs for spacing."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from helpers.documents import sample_document
from wizards.assemble import assemble
from wizards.design import Design
from wizards.doctree import BulletList, Heading, Table
from wizards.writers.docx import render_docx


REPO = Path(__file__).resolve().parents[2]
LOGO = REPO / "resources" / "icons" / "app.png"
FULL_DESIGN = Design(
    logo_path=str(LOGO), toc=True, title_page=True, header_text="Gemeinde Musterstadt",
    history=[{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"}],
    cover_sheet={"enabled": True, "anlage": "2", "vorlage": "VO/2026/042", "gremium": "Rat", "sitzung": "12.03.2026"},
)
DESIGNS = {"schlicht": Design(), "alles": FULL_DESIGN, "ohne-logo": Design(title_page=True, toc=True)}


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _style_name(doc, p_el) -> str:
    ppr = p_el.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_id = style.get(qn("w:val")) if style is not None else None
    for s in doc.styles:
        if s.style_id == style_id:
            return s.name
    return "Normal"


def _is_empty(p_el) -> bool:
    """No text, no picture, no field, no break, no section end: a paragraph only for spacing."""
    if p_el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        return False
    for tag in ("w:t", "w:drawing", "w:fldChar", "w:fldSimple", "w:br", "w:tab", "w:hyperlink"):
        if p_el.find(f".//{qn(tag)}") is not None:
            return False
    return True


@pytest.mark.parametrize("design", DESIGNS.values(), ids=DESIGNS.keys())
def test_no_empty_paragraphs_for_spacing(design):
    doc = _open(render_docx(sample_document(), design))
    body = doc.element.body
    empties = [i for i, p in enumerate(body.iter(qn("w:p"))) if _is_empty(p) and p.getparent() is body]
    assert empties == []


def test_example_has_no_empty_paragraphs(definition, example):
    doc = _open(render_docx(assemble(definition, example), Design.from_dict(example.design)))
    body = doc.element.body
    assert [p for p in body.iterchildren(qn("w:p")) if _is_empty(p)] == []


def test_language_title_headings_lists_alt_text_and_header_rows():
    document = sample_document()
    doc = _open(render_docx(document, FULL_DESIGN))
    # document language and title property
    assert doc.core_properties.language == "de-DE"
    assert doc.core_properties.title == "Nutzungskonzept Instagram"
    lang = doc.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "de-DE"
    # real heading styles, one per heading of the document, in order
    names = [_style_name(doc, p) for p in doc.element.body.iter(qn("w:p"))]
    heading_styles = [n for n in names if n.startswith("Heading ")]
    expected = [f"Heading {min(b.level, 3)}" for b in document.blocks if isinstance(b, Heading)]
    assert heading_styles == expected
    assert "Title" in names
    # real list styles with numbering
    list_paragraphs = [p for p, n in zip(doc.element.body.iter(qn("w:p")), names) if n.startswith("List ")]
    items = sum(len(b.items) for b in document.blocks if isinstance(b, BulletList))
    assert len(list_paragraphs) >= items
    assert all(p.find(f".//{qn('w:numPr')}") is not None or "Continue" in _style_name(doc, p)
               for p in list_paragraphs)
    # every picture has alternative text (title page and, without cover sheet, header)
    with_logo = _open(render_docx(document, Design(logo_path=str(LOGO), title_page=True)))
    pictures = list(with_logo.element.body.iter(qn("wp:docPr")))
    for section in with_logo.sections:
        pictures += list(section.header._element.iter(qn("wp:docPr")))
    assert len(pictures) == 2
    assert all(p.get("descr") == "Logo: Gemeinde Musterstadt" for p in pictures)
    # tables with a header row repeat it on every page
    tables = doc.tables
    with_header = [b for b in document.blocks if isinstance(b, Table) and b.header]
    assert len(tables) >= len(with_header) + 1  # + the version history
    for t in tables:
        first = t._tbl.findall(qn("w:tr"))[0]
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
