"""Tagged PDF (PDF/UA-1): structure tree, artifacts, reading order — checked by pdfua and poppler."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from helpers.documents import sample_document
from wizards.assemble import assemble
from wizards.design import Design
from wizards.documents import assemble_document, document_ids
from wizards.doctree import (
    BulletList,
    Document,
    DocumentMeta,
    Heading,
    Paragraph,
    Table,
    Text,
    Title,
    plain_text,
)
from wizards.writers.pdf import render_pdf


REPO = Path(__file__).resolve().parents[2]
LOGO = REPO / "resources" / "icons" / "app.png"
FULL_DESIGN = Design(
    logo_path=str(LOGO), toc=True, title_page=True, pdfa=True, header_text="Gemeinde Musterstadt",
    history=[{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"}],
    cover_sheet={"enabled": True, "anlage": "2", "vorlage": "VO/2026/042", "gremium": "Rat", "sitzung": "12.03.2026"},
)
needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) nicht installiert")


def _pdfua_report(data: bytes, tmp_path: Path):
    from pdfua import validate

    path = tmp_path / "konzept.pdf"
    path.write_bytes(data)
    return validate(str(path))


def _struct_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "struct.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout


def _struct_strings(struct: str) -> str:
    """The quoted texts of ``pdfinfo -struct-text`` in order, without whitespace."""
    return _comparable("".join(re.findall(r'^\s*"(.*)"$', struct, re.MULTILINE)))


def _comparable(text: str) -> str:
    # without whitespace, and without hyphens: pdftotext joins a word hyphenated at a line end
    return re.sub(r"[\s-]", "", text)


def _body_text(data: bytes, tmp_path: Path) -> str:
    """The text inside the type area of every page: without running header and footer."""
    path = tmp_path / "body.pdf"
    path.write_bytes(data)
    # A4 is 595 × 842 pt; header baseline 45 pt from the top, footer 34 pt from the bottom
    out = subprocess.run(["pdftotext", "-x", "0", "-y", "60", "-W", "595", "-H", "735", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return _comparable(out)


def _roles(pdf) -> Counter:
    roles: Counter = Counter()

    def walk(elem):
        if isinstance(elem, pikepdf.Dictionary) and "/S" in elem:
            roles[str(elem.S)[1:]] += 1
            kids = elem.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                walk(kid)

    for kid in pdf.Root.StructTreeRoot.K:
        walk(kid)
    return roles


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return render_pdf(sample_document(), FULL_DESIGN)


def test_pdfua_checks_pass_for_every_style(definition, example, tmp_path):
    data = render_pdf(assemble(definition, example), Design.from_dict(example.design))
    report = _pdfua_report(data, tmp_path)
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []
    assert [o.rule_id for o in report.skipped] == []


def test_pdfua_checks_pass_with_title_page_cover_logo_and_pdfa(full_pdf, tmp_path):
    report = _pdfua_report(full_pdf, tmp_path)
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []
    assert [o.rule_id for o in report.skipped] == []


def test_catalog_metadata_and_structure(full_pdf):
    with pikepdf.open(io.BytesIO(full_pdf)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "de-DE"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1" and meta["pdfaid:part"] == "2"
        assert meta["dc:title"] == "Nutzungskonzept Instagram"
        assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in pdf.Root.Metadata.read_bytes().decode()
        roles = _roles(pdf)
        for role in ("Document", "H1", "H2", "H3", "H4", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
                     "Link", "TOC", "TOCI", "Figure"):
            assert roles[role] >= 1, role
        assert roles["H1"] == 1  # the title; the cover sheet repeats it as plain text
        figure = _find(pdf.Root.StructTreeRoot, "/Figure")
        assert str(figure.Alt) == "Logo: Gemeinde Musterstadt"
        heading = _find(pdf.Root.StructTreeRoot, "/H2", text="I. Allgemeines zu Instagram")
        assert heading is not None
        for page in pdf.pages:
            assert "/StructParents" in page.obj
            for annot in page.get("/Annots", []):
                assert "/StructParent" in annot and str(annot.Contents).strip()
            if "/Annots" in page.obj:
                assert page.obj.Tabs == pikepdf.Name.S


def _find(elem, role: str, text: str | None = None):
    if isinstance(elem, pikepdf.Dictionary):
        if elem.get("/S") == pikepdf.Name(role) and (text is None or str(elem.get("/ActualText", "")) == text):
            return elem
        kids = elem.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            found = _find(kid, role, text)
            if found is not None:
                return found
    return None


def test_pdfa_2b_stays_valid_with_the_pdfua_identification(full_pdf):
    pdfa = pytest.importorskip("pikepdf.pdfa")
    findings = [str(f) for f in pdfa.validate_written(io.BytesIO(full_pdf), "2b").findings]
    # pikepdf's PDF/A checker knows no extension schemas (ISO 19005-2, 6.6.2.3.2): the one for
    # pdfuaid, which PDF/A-2 requires for the PDF/UA identification, is all it may report
    unexplained = [f for f in findings if not re.search(r"pdfuaid|pdfaExtension|pdfaSchema|pdfaProperty", f)]
    assert unexplained == []


@needs_poppler
def test_reading_order_is_document_order_and_furniture_is_artifact(definition, example, tmp_path):
    document = assemble(definition, example)
    data = render_pdf(document, Design.from_dict(example.design))
    struct = _struct_strings(_struct_text(data, tmp_path))
    position = 0
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph, Title)):
            text = plain_text(block.text if isinstance(block, (Heading, Title)) else block.content)
            probe = _comparable(text)[:40]
            found = struct.find(probe, position)
            assert found >= 0, f"not in reading order: {text[:60]}"
            position = found + len(probe)
    assert "Seite1von" not in struct  # page numbers are artifacts
    # nothing on the pages is lost to artifacts: the text of the type area is the tagged text
    assert Counter(_body_text(data, tmp_path)) == Counter(struct)


@needs_poppler
def test_every_text_in_the_full_design_is_tagged(full_pdf, tmp_path):
    struct = _struct_strings(_struct_text(full_pdf, tmp_path))
    body = _body_text(full_pdf, tmp_path)
    assert Counter(body) == Counter(struct)
    assert struct.index("Anlage2") < struct.index("Versionshistorie") < struct.index("Inhaltsverzeichnis")


@needs_poppler
def test_table_header_repeated_on_the_next_page_is_read_once(tmp_path):
    rows = tuple(((Text(f"Zeile {i}"),), (Text("Inhalt " * 12),)) for i in range(60))
    doc = Document(DocumentMeta(title="Lange Tabelle"), (
        Title((Text("Lange Tabelle"),)),
        Table(header=((Text("Spaltenkopf"),), (Text("Beschreibung"),)), rows=rows),
        BulletList(items=tuple(((Paragraph((Text(f"Punkt {i} " + "Text " * 30),)),) for i in range(30)))),
    ))
    data = render_pdf(doc)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
        assert _roles(pdf)["TH"] == 2
    struct = _struct_strings(_struct_text(data, tmp_path))
    assert struct.count("Spaltenkopf") == 1
    assert "Zeile59" in struct and "Punkt29" in struct
    body = _body_text(data, tmp_path)
    repeats = body.count("Spaltenkopf") - 1
    assert repeats >= 1  # the header row is printed on every page of the table …
    assert Counter(body) - Counter(struct) == Counter("SpaltenkopfBeschreibung" * repeats)  # … and read once


def test_untagged_pdf_fails_the_checks(tmp_path):
    """The checks can fail: a PDF without structure tree is reported."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Ohne Tags")
    c.save()
    report = _pdfua_report(buf.getvalue(), tmp_path)
    assert {"UA-01-005", "UA-01-002"} <= {f.rule_id for f in report.findings}


@pytest.mark.parametrize("kind", [k for k in document_ids() if k != "nutzungskonzept"])
def test_companion_documents_pass_the_pdfua_checks(definition, tmp_path, kind):
    from wizards.project import example_project

    data = render_pdf(assemble_document(kind, example_project(definition, "sassenberg")))
    report = _pdfua_report(data, tmp_path)
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []
    assert [o.rule_id for o in report.skipped] == []
