"""DOCX and PDF show the same blocks in the same order, for every combination of design options.

The page furniture is decided once (``wizards.layout``); this test reopens both files the way a
reader would (python-docx; poppler's ``pdftotext``) and compares the text of the pages, block by
block: cover sheet, title page, table of contents, text, version table, and the running header.
"""
from __future__ import annotations

import io
import itertools
import re
import shutil
import struct
import subprocess
import zlib

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from wizards.design import Design
from wizards.doctree import (
    Document,
    DocumentMeta,
    Heading,
    LineBreak,
    Missing,
    Paragraph,
    Strong,
    Table,
    TableOfContents,
    Text,
    Title,
)
from wizards.writers.docx import render_docx
from wizards.writers.pdf import render_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils fehlt (pdftotext)")

NAME = "Gemeinde Musterstadt"
TITLE = "Konzept Musterstadt"


def T(text: str) -> tuple:
    return (Text(text),)


def document(with_title: bool = True, with_toc_node: bool = True) -> Document:
    blocks = [Title(T(TITLE), T("Stand: 1. März 2026"))] if with_title else []
    if with_toc_node:
        blocks.append(TableOfContents())
    blocks += [
        Paragraph(T("Einleitende Worte der Verwaltung."), style="lead"),
        Heading(1, T("Zweck"), "I.", "zweck"),
        Paragraph((Text("Wir informieren "), Strong(T("schnell")), Text(" und verlässlich."), LineBreak(),
                   Text("Zuständig: "), Missing("Name der Leitung"))),
        Heading(2, T("Kanäle"), "I.1", "kanaele"),
        Table(header=(T("Kanal"), T("Adresse")), rows=((T("Instagram"), T("@musterstadt")),)),
        Heading(1, T("Kontakt"), "II.", "kontakt"),
        Heading(2, T("Ohne Nummer"), "", ""),
        Paragraph(T("Per Post, Telefon oder E-Mail."), style="small"),
    ]
    meta = DocumentMeta(title=TITLE, author=NAME, date="2026-03-01", version="1.0")
    return Document(meta=meta, blocks=tuple(blocks))


def _png(path) -> str:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * 4 for _ in range(2))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return str(path)


COVER = {"enabled": True, "anlage": "2", "vorlage": "VO/2026/042", "gremium": "Rat", "sitzung": "12.01.2027"}
HISTORY = [{"stand": "01.2026", "version": "1.0", "aenderung": "Erstfassung"},
           {"stand": "03.2026", "version": "1.1", "aenderung": "Neue Plattform"}]
NO_HISTORY = None
OPTIONS = list(itertools.product(
    (False, True),  # title page
    (None, True, False),  # table of contents: style's choice, on, off
    (False, True),  # cover sheet
    (NO_HISTORY, "", "titel", "ende", "seite"),  # version history and where it goes ("" = automatic)
    (False, True),  # the clerk's extras: logo, own header text, own Stand line, lines under the title
))


def design_for(options, logo: str) -> Design:
    title_page, toc, cover, history, extras = options
    return Design(title_page=title_page, toc=toc, cover_sheet=dict(COVER) if cover else {},
                  history=[dict(h) for h in HISTORY] if history is not NO_HISTORY else [],
                  history_position=history or "", logo_path=logo if extras else "",
                  header_text="Stadtverwaltung Musterstadt" if extras else "",
                  stand_line="ein" if extras else "", title_lines=["Beschluss des Rates vom 12.01.2027"] if extras else [])


def _squash(text: str) -> str:
    return " ".join(text.split())


def docx_blocks(data: bytes) -> tuple[list[str], str]:
    """Texts of the body's paragraphs and table cells in order (empty ones left out), and the running header."""
    d = docx.Document(io.BytesIO(data))
    out: list[str] = []
    for child in d.element.body:
        if child.tag == qn("w:p"):
            out.append(DocxParagraph(child, d._body).text)
        elif child.tag == qn("w:tbl"):
            out.extend(cell.text for row in DocxTable(child, d._body).rows for cell in row.cells)
    header = d.sections[-1].header.paragraphs[0].text
    return [_squash(t) for t in out if _squash(t)], _squash(header)


def pdf_pages(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def pdf_body(pages: list[str], header: str, front_pages: int) -> str:
    """The text of all pages without running header and footer (drawn first on every page of the text),
    and without the TOC's dot leaders and page numbers."""
    footer = re.compile(rf"^\s*{re.escape(TITLE)}\s*Seite \d+ von \d+\s*")
    out = []
    for number, page in enumerate(pages):
        page = _squash(page)
        if number >= front_pages:
            assert page.startswith(header), f"Seite {number + 1} ohne Kopfzeile: {page[:80]!r}"
            page = page[len(header):]
            page, found = footer.subn("", page)
            assert found, f"Seite {number + 1} ohne Fußzeile: {page[:80]!r}"
        out.append(page)
    return re.sub(r"( \.)+ \d+", "", " ".join(out)).strip()


def _id(options) -> str:
    title_page, toc, cover, history, extras = options
    parts = ["titelseite"] * title_page + [{None: "toc-stil", True: "toc-ein", False: "toc-aus"}[toc]]
    parts += ["deckblatt"] * cover + ([f"historie-{history or 'auto'}"] if history is not NO_HISTORY else [])
    return "-".join(parts + ["extras"] * extras)


@pytest.mark.parametrize("options", OPTIONS, ids=_id)
def test_docx_and_pdf_show_the_same_blocks_in_the_same_order(options, tmp_path):
    design = design_for(options, _png(tmp_path / "logo.png"))
    doc = document()
    blocks, docx_header = docx_blocks(render_docx(doc, design))
    front_pages = int(design.title_page) + int(bool(design.cover_sheet.get("enabled")))
    pdf_header = _squash(docx_header)  # the same words, left and right
    body = pdf_body(pdf_pages(render_pdf(doc, design), tmp_path), pdf_header, front_pages)
    assert body == " ".join(blocks)


@pytest.mark.parametrize("with_title,with_toc_node", [(False, True), (False, False), (True, False)])
def test_toc_placement_agrees_without_title_or_toc_node(with_title, with_toc_node, tmp_path):
    """The case the two writers used to disagree on: TOC forced, no Title block."""
    doc = document(with_title, with_toc_node)
    design = Design(toc=True)
    blocks, header = docx_blocks(render_docx(doc, design))
    body = pdf_body(pdf_pages(render_pdf(doc, design), tmp_path), header, 0)
    assert body == " ".join(blocks)
    first = 1 if with_title else 0
    assert blocks[first * 2] == "Inhaltsverzeichnis"  # after title and subtitle, else first
