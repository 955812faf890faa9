"""PDF writer: texts, outline, metadata, page labels, embedded fonts, links, TOC."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from wizards.design import Design
from wizards.doctree import Document, DocumentMeta, Paragraph, Text
from wizards.writers.pdf import markup, render_pdf, write_pdf

from helpers.documents import sample_document


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_pdf(sample_document())


def _text(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def _outline(reader: PdfReader, items=None, depth=0, out=None):
    out = [] if out is None else out
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            _outline(reader, item, depth + 1, out)
        else:
            out.append((depth, item.title))
    return out


def test_texts_and_page_labels(sample_pdf):
    pages = _text(sample_pdf)
    n = len(pages)
    assert n >= 2
    joined = "\n".join(pages)
    for needle in ("Allgemeines zu Instagram", "Krisenmeldungen", "[Name der Leitung]", "Servicezeiten",
                   "<Bürgerinnen>", "& informiert", "Marktplatz 1", "Datenschutz-Folgenabschätzung",
                   "✓", "☐", "ẞ", "„Zitat“"):
        assert needle in joined, needle
    for i, text in enumerate(pages, start=1):
        assert f"Seite {i} von {n}" in text


def test_outline_from_headings_with_levels(sample_pdf):
    reader = PdfReader(io.BytesIO(sample_pdf))
    outline = _outline(reader)
    assert (0, "I. Allgemeines zu Instagram") in outline
    assert (1, "II.1 Formate") in outline
    assert (0, "IV. Datenschutz") in outline


def test_metadata_and_language(sample_pdf):
    reader = PdfReader(io.BytesIO(sample_pdf))
    meta = reader.metadata
    assert meta.title == "Nutzungskonzept Instagram"
    assert meta.author == "Gemeinde Musterstadt"
    assert meta.subject == "Social-Media-Nutzungskonzept"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842


def test_links_are_clickable(sample_pdf):
    reader = PdfReader(io.BytesIO(sample_pdf))
    uris = []
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            action = a.get("/A")
            if action is not None and action.get("/URI"):
                uris.append(action["/URI"])
            elif a.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert "https://www.instagram.com/" in uris
    assert "mailto:presse@musterstadt.example" in uris
    assert internal >= 5  # the TOC entries link to the headings


def test_toc_has_page_numbers(sample_pdf):
    first = _text(sample_pdf)[0]
    assert "Inhaltsverzeichnis" in first
    assert "IV. Datenschutz" in first


def test_no_javascript(sample_pdf):
    assert b"/JavaScript" not in sample_pdf and b"/JS" not in sample_pdf


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils fehlt")
def test_all_fonts_embedded(tmp_path, sample_pdf):
    path = tmp_path / "k.pdf"
    path.write_bytes(sample_pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert row.split()[-5] == "yes", row  # emb column


def test_markup_escapes_and_falls_back():
    from wizards.writers.pdf import fonts

    family = fonts("sans")
    assert markup("a < b & c > d", family) == "a &lt; b &amp; c &gt; d"
    assert 'face="KA-Fallback"' in markup("☐", family)
    assert markup("x\ny", family) == "x<br/>y"


def test_hostile_text_renders():
    doc = Document(meta=DocumentMeta(title="<t>"), blocks=(Paragraph((Text("</para><b> & &amp; <a href='x'>"),)),))
    assert "</para><b> & &amp; <a href='x'>" in _text(render_pdf(doc))[0]


def test_write_pdf_atomic(tmp_path):
    target = tmp_path / "k.pdf"
    write_pdf(sample_document(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["k.pdf"]


# ---------------------------------------------------------------- design options


@pytest.fixture()
def logo(tmp_path) -> Path:
    from PIL import Image

    path = tmp_path / "wappen.png"
    Image.new("RGBA", (120, 60), (31, 78, 121, 200)).save(path)
    return path


def test_title_page_and_cover_sheet_have_no_running_header(logo):
    design = Design.from_dict(dict(
        logo_path=str(logo), title_page=True, header_text="Stadt Beispielburg",
        history=[{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"}],
        cover_sheet={"enabled": True, "anlage": "2", "vorlage": "VO/2026/042", "gremium": "Hauptausschuss"},
    ))
    pages = _text(render_pdf(sample_document(), design))
    n = len(pages)
    assert "Anlage 2 zur Vorlage VO/2026/042" in pages[0] and "Seite 1 von" not in pages[0]
    assert "Versionshistorie" in pages[1] and "Erstfassung" in pages[1] and "Seite 2 von" not in pages[1]
    assert f"Seite 3 von {n}" in pages[2] and "Stadt Beispielburg" in pages[2]
    assert "Anlage 2 zur Vorlage VO/2026/042" in pages[2]


def test_missing_logo_is_an_export_error(tmp_path):
    from wizards.errors import ExportError

    with pytest.raises(ExportError, match="Logo"):
        render_pdf(sample_document(), Design(logo_path=str(tmp_path / "fehlt.png")))


def test_serif_font_embedded():
    reader = PdfReader(io.BytesIO(render_pdf(sample_document(), Design(font="serif"))))
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert any("LiberationSerif" in f for f in fonts)


def test_pdfa_2b(logo):
    pikepdf = pytest.importorskip("pikepdf")
    data = render_pdf(sample_document(), Design(pdfa=True, logo_path=str(logo)))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFA1
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Nutzungskonzept Instagram"
    try:
        import pikepdf.pdfa as pdfa
    except ImportError:
        pytest.skip("pikepdf[pdfa] nicht installiert")
    report = pdfa.validate_written(io.BytesIO(data), "2b")
    # the PDF/UA identification needs an XMP extension schema (ISO 19005-2, 6.6.2.3.2), which
    # pikepdf's checker does not know: those findings are expected, nothing else
    import re

    assert [str(f) for f in report.findings if not re.search(r"pdfuaid|pdfaExtension|pdfaSchema|pdfaProperty",
                                                              str(f))] == []


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="80" height="80" fill="#1F4E79"/>'
       '<text x="90" y="50" font-size="24">Wappen</text></svg>')


def test_svg_logo_in_pdf_with_embedded_fonts(tmp_path):
    pytest.importorskip("svglib")
    pikepdf = pytest.importorskip("pikepdf")
    logo = tmp_path / "wappen.svg"
    logo.write_text(SVG, encoding="utf-8")
    data = render_pdf(sample_document(), Design(logo_path=str(logo), title_page=True))
    assert "Wappen" in _text(data)[0]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                assert "/FontDescriptor" in font, font.BaseFont


def test_svg_logo_in_docx_is_a_clear_error(tmp_path):
    from wizards.errors import ExportError
    from wizards.writers.docx import render_docx

    logo = tmp_path / "wappen.svg"
    logo.write_text(SVG, encoding="utf-8")
    with pytest.raises(ExportError, match="PNG"):
        render_docx(sample_document(), Design(logo_path=str(logo)))
    assert any("nur im PDF" in p for p in Design(logo_path=str(logo)).validate())


@pytest.mark.parametrize("pdfa", [False, True])
def test_xmp_metadata_matches_the_document_info(pdfa):
    pikepdf = pytest.importorskip("pikepdf")
    meta = DocumentMeta(title="Rat & Verwaltung <Entwurf>", author="Gemeinde „Muster“ & Co", keywords=("A&B", "<c>"))
    data = render_pdf(Document(meta=meta, blocks=(Paragraph((Text("Text"),)),)), Design(pdfa=pdfa))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == str(pdf.docinfo.Title) == "Rat & Verwaltung <Entwurf>"
        assert xmp["dc:creator"] == ["Gemeinde „Muster“ & Co"]
        assert xmp["pdf:Keywords"] == str(pdf.docinfo.Keywords) == "A&B, <c>"
        assert xmp["dc:language"] == {"de-DE"} and xmp["pdfuaid:part"] == "1"
        assert xmp["xmp:CreateDate"].startswith(str(pdf.docinfo.CreationDate)[2:6] + "-")
        assert ("pdfaid:part" in xmp) is pdfa
