"""DOCX writer: every node type, styles, page setup, language, design options."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers.documents import T, sample_document
from wizards.design import Design
from wizards.doctree import Document, DocumentMeta, Paragraph
from wizards.errors import ExportError
from wizards.writers.docx import render_docx, write_docx

# ---------------------------------------------------------------- helpers

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def _xml(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(part).decode("utf-8")


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    return render_docx(sample_document())


# ---------------------------------------------------------------- baseline


def test_headings_use_builtin_styles_with_number_in_front(sample_docx):
    d = _open(sample_docx)
    by_style: dict[str, list[str]] = {}
    for p in d.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert "I.\tAllgemeines zu Instagram" in by_style["Heading 1"]
    assert "IV.\tDatenschutz" in by_style["Heading 1"]
    assert "II.1\tFormate" in by_style["Heading 2"]
    assert "Kontotyp" in by_style["Heading 3"]
    assert by_style["Title"] == ["Nutzungskonzept für den Instagram-Account des Jugendzentrums Musterstadt"]
    assert by_style["Subtitle"] == ["Stand: März 2026"]
    assert by_style["Einleitung"][0].startswith("Die Gemeinde Musterstadt")
    assert by_style["Kleingedruckt"] == ["Wir betreiben bewusst nur ein Basiskonto."]


def test_lists_bullets_and_numbers_restart(sample_docx):
    d = _open(sample_docx)
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Krisenmeldungen", "Stellenangebote", "Veranstaltungen"]
    assert [p.text for p in d.paragraphs if p.style.name == "List Bullet 2"] == ["Ausbildung", "Praktika"]
    numbered = [p for p in d.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["Bilder mit Text", "kurze Videos", "Stories", "Reels"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] and num_ids[2] == num_ids[3] and num_ids[0] != num_ids[2]
    numbering = d.part.numbering_part.element
    for nid in {num_ids[0], num_ids[2]}:
        num = [n for n in numbering.findall(W + "num") if n.get(W + "numId") == str(nid)][0]
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(W + "val") == "1"


def test_table_with_repeating_header_row(sample_docx):
    d = _open(sample_docx)
    tables = d.tables
    assert len(tables) == 1
    t = tables[0]
    assert t.style.name == "Konzept-Tabelle"
    assert [c.text for c in t.rows[0].cells] == ["Tag", "Servicezeiten"]
    assert [c.text for c in t.rows[3].cells] == ["Freitag", "[Freitagszeiten]"]
    assert t.rows[0]._tr.trPr.find(W + "tblHeader") is not None


def test_page_is_a4_with_german_language(sample_docx):
    d = _open(sample_docx)
    s = d.sections[0]
    assert abs(s.page_width.cm - 21.0) < 0.01 and abs(s.page_height.cm - 29.7) < 0.01
    assert 2.0 <= s.left_margin.cm <= 2.6 and 2.0 <= s.right_margin.cm <= 2.6
    styles = _xml(sample_docx, "word/styles.xml")
    assert re.search(r'<w:rPrDefault>.*<w:lang w:val="de-DE"', styles, re.S)
    assert 'w:ascii="Arial"' in styles
    assert '<w:themeFontLang w:val="de-DE"' in _xml(sample_docx, "word/settings.xml")
    assert d.core_properties.language == "de-DE"
    assert d.core_properties.title == "Nutzungskonzept Instagram"


def test_hyperlinks_are_real_and_missing_values_highlighted(sample_docx):
    body = _xml(sample_docx)
    rels = _xml(sample_docx, "word/_rels/document.xml.rels")
    assert body.count("<w:hyperlink r:id=") == 3
    assert 'Target="https://www.instagram.com/" TargetMode="External"' in rels
    assert 'Target="mailto:presse@musterstadt.example" TargetMode="External"' in rels
    d = _open(sample_docx)
    missing = [r for p in d.paragraphs for r in p.runs if r.text == "[Name der Leitung]"]
    assert missing and missing[0].style.name == "Platzhalter"
    assert 'w:highlight w:val="yellow"' in body
    assert "<w:br/>" in body  # LineBreak


def test_toc_field_with_ready_entries(sample_docx):
    body = _xml(sample_docx)
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    d = _open(sample_docx)
    toc = [p.text for p in d.paragraphs if p.style.name.startswith("toc")]
    assert toc[0] == "I.\tAllgemeines zu Instagram" and "II.1\tFormate" in toc
    # every entry links to a bookmark on its heading
    for anchor in re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body):
        assert f'w:name="{anchor}"' in body


def test_header_and_footer_with_page_fields(sample_docx):
    d = _open(sample_docx)
    s = d.sections[0]
    assert s.header.paragraphs[0].text.startswith("Gemeinde Musterstadt")
    footer_xml = s.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml and "Seite " in footer_xml


def test_page_break_and_no_macros_or_external_template(sample_docx):
    body = _xml(sample_docx)
    assert '<w:br w:type="page"/>' in body
    with zipfile.ZipFile(io.BytesIO(sample_docx)) as z:
        names = z.namelist()
        assert not [n for n in names if "vba" in n.lower() or n.endswith(".bin")]
        for n in names:
            if n.endswith(".rels"):
                rels = z.read(n).decode()
                for m in re.finditer(r'<Relationship [^>]*TargetMode="External"[^>]*>', rels):
                    assert "/hyperlink" in m.group(0), m.group(0)
        assert "attachedTemplate" not in z.read("word/settings.xml").decode()


def test_write_docx_is_atomic(tmp_path):
    target = tmp_path / "konzept.docx"
    write_docx(sample_document(), target)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["konzept.docx"]


def test_hostile_text_is_safe():
    doc = Document(meta=DocumentMeta(title="a\x00b"), blocks=(Paragraph(T("x\x0by <&> ]]>")),))
    d = _open(render_docx(doc))
    assert d.paragraphs[0].text == "xy <&> ]]>"


@pytest.mark.slow
def test_libreoffice_converts_docx(tmp_path, sample_docx):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice nicht installiert")
    src = tmp_path / "k.docx"
    src.write_bytes(sample_docx)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "k.pdf"
    assert pdf.is_file()
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Allgemeines zu Instagram" in text and "Seite 1 von" in text


# ---------------------------------------------------------------- design options


@pytest.fixture()
def logo(tmp_path) -> Path:
    from PIL import Image

    path = tmp_path / "wappen.png"
    Image.new("RGBA", (120, 60), (31, 78, 121, 200)).save(path)
    return path


FULL = dict(
    primary_color="#7A1F2B", title_page=True, header_text="Stadt Beispielburg",
    history=[{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"},
             {"stand": "15.04.2026", "version": "1.1", "aenderung": "Datenschutz ergänzt"}],
    cover_sheet={"enabled": True, "anlage": "2", "vorlage": "VO/2026/042", "gremium": "Hauptausschuss",
                 "sitzung": "12.05.2026"},
)


def test_design_round_trip_and_tolerance():
    d = Design.from_dict(FULL | {"logo_path": "x.png", "toc": False, "pdfa": True})
    assert Design.from_dict(d.to_dict()) == d
    bad = Design.from_dict({"primary_color": "rot", "font": "Comic", "title_page": "ja", "toc": "nein",
                            "history": "x", "cover_sheet": [], "unknown": 1, "pdfa": 1})
    assert bad == Design()
    assert Design.from_dict(None) == Design()
    assert Design.from_dict({"history": [{"stand": None, "version": 2}, "x"]}).history == [
        {"stand": "", "version": "2", "aenderung": ""}]


def test_design_validate_in_german(tmp_path):
    problems = Design(logo_path=str(tmp_path / "fehlt.png"), template_path=str(tmp_path / "v.doc"),
                      primary_color="blau", cover_sheet={"enabled": True, "vorlage": ""}).validate()
    text = " ".join(problems)
    assert "Logo-Datei" in text and "nicht gefunden" in text
    assert "Word-Vorlage" in text and "Hausfarbe" in text and "Vorlage" in text
    assert Design().validate() == []


def test_missing_logo_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="Logo"):
        render_docx(sample_document(), Design(logo_path=str(tmp_path / "fehlt.png")))


def test_title_page_cover_sheet_history_and_logo(logo):
    design = Design.from_dict(FULL | {"logo_path": str(logo)})
    data = render_docx(sample_document(), design)
    d = _open(data)
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "Anlage 2 zur Vorlage VO/2026/042"
    assert "Gremium:\tHauptausschuss" in texts
    assert "Version 1.0" in texts  # „Stand“ is in the subtitle already: not repeated
    assert "Stand: März 2026" in texts and texts.count("Stand: März 2026") == 1
    hist = [t for t in d.tables if t.rows[0].cells[0].text == "Stand"][0]
    assert [c.text for c in hist.rows[2].cells] == ["15.04.2026", "1.1", "Datenschutz ergänzt"]
    # leading pages are their own section with empty header/footer
    assert len(d.sections) == 2
    assert d.sections[0].header.paragraphs[0].text == ""
    assert d.sections[1].header.paragraphs[0].text.startswith("Stadt Beispielburg")
    body = _xml(data)
    assert 'descr="Logo: Stadt Beispielburg"' in body
    styles = _xml(data, "word/styles.xml")
    assert 'w:val="7A1F2B"' in styles


def test_logo_in_header_without_title_page(logo):
    data = render_docx(sample_document(), Design(logo_path=str(logo)))
    d = _open(data)
    header_xml = d.sections[0].header._element.xml
    assert "<w:drawing>" in header_xml or "w:drawing" in header_xml
    assert 'descr="Logo: Gemeinde Musterstadt"' in header_xml


def test_toc_off_and_forced(sample_docx):
    off = _open(render_docx(sample_document(), Design(toc=False)))
    assert not [p for p in off.paragraphs if p.style.name.startswith("toc")]
    forced = render_docx(sample_document(toc=False), Design(toc=True))
    assert 'TOC \\o "1-2"' in _xml(forced)


def test_serif_font():
    styles = _xml(render_docx(sample_document(), Design(font="serif")), "word/styles.xml")
    assert 'w:ascii="Times New Roman"' in styles


def _letterhead(tmp_path, dotx: bool) -> Path:
    import docx

    d = docx.Document()
    s = d.sections[0]
    s.left_margin = s.right_margin = docx.shared.Cm(3)
    s.header.paragraphs[0].text = "Briefkopf Stadtverwaltung"
    d.add_paragraph("Alter Inhalt, der ersetzt wird")
    path = tmp_path / ("kopf.dotx" if dotx else "kopf.docx")
    d.save(path)
    if dotx:
        buf = io.BytesIO()
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(b"document.main+xml", b"template.main+xml")
                zout.writestr(item, data)
        path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize("dotx", [False, True])
def test_clerks_template_keeps_margins_and_header(tmp_path, dotx):
    path = _letterhead(tmp_path, dotx)
    data = render_docx(sample_document(), Design(template_path=str(path)))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"template.main+xml" not in z.read("[Content_Types].xml")
    d = _open(data)
    texts = [p.text for p in d.paragraphs]
    assert "Alter Inhalt, der ersetzt wird" not in texts
    assert "I.\tAllgemeines zu Instagram" in texts
    assert abs(d.sections[-1].left_margin.cm - 3) < 0.01
    assert d.sections[-1].header.paragraphs[0].text == "Briefkopf Stadtverwaltung"
    assert "Konzept-Tabelle" in [s.name for s in d.styles]  # copied from the reference


def test_broken_template_is_an_export_error(tmp_path):
    bad = tmp_path / "kaputt.docx"
    bad.write_bytes(b"kein zip")
    with pytest.raises(ExportError, match="Word-Vorlage"):
        render_docx(sample_document(), Design(template_path=str(bad)))
    with pytest.raises(ExportError, match="nicht gefunden"):
        render_docx(sample_document(), Design(template_path=str(tmp_path / "fehlt.dotx")))
