"""Exports and saves never lose the previous file and fail with a clear German message.

Simulated failures (``monkeypatch``): a target open in Word (Windows: ``os.replace``
raises ``PermissionError``), a read-only file, a folder without write permission, a full
disk (``ENOSPC`` on write/fsync). In every case: an ``ExportError``/``ProjectFileError``
with a German one-line message, the old file byte-for-byte unchanged, no temp file left.

Safety of the produced files:
- DOCX (inspected as a zip): no ``vbaProject``/``.bin`` part, no macro-enabled or
  ActiveX/OLE content type, no ``attachedTemplate``, no ``altChunk``/``oleObject``/
  ``INCLUDETEXT``/``INCLUDEPICTURE``/``DDE`` field, and every relationship with
  ``TargetMode="External"`` is of type ``…/relationships/hyperlink`` with an
  ``http://``, ``https://`` or ``mailto:`` target (hyperlinks are the only external
  relations allowed). Also when the clerk's own letterhead template carries an
  external attached template, an external image and a ``file:`` hyperlink.
- PDF (object tree walked with pypdf, every indirect object resolved): no ``/JS``,
  ``/JavaScript``, ``/AA``, ``/Launch``, ``/SubmitForm``, ``/ImportData``, ``/GoToR``,
  ``/EmbeddedFile(s)``, ``/RichMedia``; ``/OpenAction``, if present, is not a JavaScript
  action; every ``/URI`` is http(s) or mailto. The raw bytes contain no ``/JavaScript``.
"""
from __future__ import annotations

import errno
import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from wizards import atomic
from wizards.assemble import assemble
from wizards.design import Design
from wizards.errors import ExportError, ProjectFileError
from wizards.project import OutlineEntry, load_project, save_project
from wizards.writers.docx import render_docx, write_docx
from wizards.writers.pdf import render_pdf, write_pdf

WRITERS = {"docx": write_docx, "pdf": write_pdf}
OLD = b"die alte Fassung, die erhalten bleiben muss"


def _png(path: Path, w: int = 4, h: int = 2) -> Path:
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * w for _ in range(h))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


@pytest.fixture
def document(definition, example):
    return assemble(definition, example)


@pytest.fixture(params=["docx", "pdf"])
def kind(request):
    return request.param


def _old_target(tmp_path: Path, kind: str) -> Path:
    target = tmp_path / f"Konzept.{kind}"
    target.write_bytes(OLD)
    return target


def _assert_untouched(target: Path):
    assert target.read_bytes() == OLD
    leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], leftovers


def _german_one_line(message: str):
    assert message and "\n" not in message and "Traceback" not in message
    assert "Errno" not in message and "denied" not in message.lower(), message


# ---------------------------------------------------------------- export targets


@pytest.mark.parametrize("style", ["heilbronn"])
def test_locked_target_open_in_word(document, tmp_path, kind, monkeypatch):
    target = _old_target(tmp_path, kind)

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Der Prozess kann nicht auf die Datei zugreifen", str(dst))
    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, target)
    _german_one_line(str(info.value))
    assert "geöffnet" in str(info.value) and "unverändert" in str(info.value)
    _assert_untouched(target)


@pytest.mark.parametrize("style", ["heilbronn"])
def test_read_only_target(document, tmp_path, kind):
    target = _old_target(tmp_path, kind)
    target.chmod(0o444)
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, target)
    _german_one_line(str(info.value))
    assert "schreibgeschützt" in str(info.value)
    _assert_untouched(target)


@pytest.mark.parametrize("style", ["heilbronn"])
def test_folder_without_write_permission(document, tmp_path, kind, monkeypatch):
    target = _old_target(tmp_path, kind)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))
    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, target)
    _german_one_line(str(info.value))
    assert "Schreibberechtigung" in str(info.value)
    _assert_untouched(target)


@pytest.mark.parametrize("style", ["heilbronn"])
@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk(document, tmp_path, kind, monkeypatch, where):
    target = _old_target(tmp_path, kind)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    if where == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", full)
    else:
        real_open = open

        class _FullFile:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                full()

            def flush(self):
                pass

        def fake_open(path, mode="r", *a, **k):
            fh = real_open(path, mode, *a, **k)
            return _FullFile(fh) if "w" in mode else fh
        monkeypatch.setattr(atomic, "open", fake_open, raising=False)
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, target)
    _german_one_line(str(info.value))
    assert "Datenträger ist voll" in str(info.value)
    _assert_untouched(target)


@pytest.mark.parametrize("style", ["heilbronn"])
def test_target_is_a_folder_or_in_a_missing_folder(document, tmp_path, kind):
    folder = tmp_path / f"Ordner.{kind}"
    folder.mkdir()
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, folder)
    _german_one_line(str(info.value))
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, tmp_path / "gibt-es-nicht" / f"k.{kind}")
    _german_one_line(str(info.value))
    assert "existiert nicht" in str(info.value)


# ---------------------------------------------------------------- project files


@pytest.mark.parametrize("style", ["heilbronn"])
def test_save_keeps_a_backup_and_survives_failures(example, tmp_path, monkeypatch):
    path = tmp_path / "Konzept.konzept"
    save_project(example, path)
    first = path.read_bytes()
    assert not (tmp_path / "Konzept.konzept.bak").exists()
    example.answers["verwaltung.name"] = "Neustadt"
    save_project(example, path)
    assert (tmp_path / "Konzept.konzept.bak").read_bytes() == first  # the previous version
    assert load_project(path).answers["verwaltung.name"] == "Neustadt"
    second = path.read_bytes()

    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    example.answers["verwaltung.name"] = "Altdorf"
    with pytest.raises(ProjectFileError) as info:
        save_project(example, path)
    _german_one_line(str(info.value))
    assert "voll" in str(info.value)
    assert path.read_bytes() == second
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("style", ["heilbronn"])
def test_save_over_locked_project_file(example, tmp_path, monkeypatch):
    path = tmp_path / "Konzept.konzept"
    save_project(example, path)
    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, "replace", lambda s, d: (_ for _ in ()).throw(PermissionError(13, "x", d)))
    with pytest.raises(ProjectFileError) as info:
        save_project(example, path)
    _german_one_line(str(info.value))
    assert path.read_bytes() == before


# ---------------------------------------------------------------- missing or hostile design files


@pytest.mark.parametrize("style", ["heilbronn"])
@pytest.mark.parametrize("logo", ["fehlt.png", "/etc/passwd", "/dev/zero", "kaputt.png", "ordner.png", "bild.gif"])
def test_missing_or_hostile_logo(document, tmp_path, kind, logo):
    (tmp_path / "kaputt.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (tmp_path / "ordner.png").mkdir()
    (tmp_path / "bild.gif").write_bytes(b"GIF89a")
    path = logo if logo.startswith("/") else str(tmp_path / logo)
    target = _old_target(tmp_path, kind)
    design = Design(logo_path=path, title_page=True)
    with pytest.raises(ExportError) as info:
        WRITERS[kind](document, target, design)
    _german_one_line(str(info.value))
    assert Design.from_dict(design.to_dict()).validate() or logo == "kaputt.png"
    _assert_untouched(target)


@pytest.mark.parametrize("style", ["heilbronn"])
@pytest.mark.parametrize("template", ["fehlt.docx", "/etc/passwd", "kaputt.docx", "makro.docx", "leer.docx"])
def test_missing_or_hostile_template(document, tmp_path, template):
    (tmp_path / "kaputt.docx").write_bytes(b"PK\x03\x04 kein zip")
    (tmp_path / "leer.docx").write_bytes(b"")
    good = render_docx(document)
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(tmp_path / "makro.docx", "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    path = template if template.startswith("/") else str(tmp_path / template)
    target = _old_target(tmp_path, "docx")
    with pytest.raises(ExportError) as info:
        write_docx(document, target, Design(template_path=path))
    _german_one_line(str(info.value))
    _assert_untouched(target)


# ---------------------------------------------------------------- what the files contain

HOSTILE_MARKDOWN = (
    "[Klick](javascript:alert(1)) [Datei](file:///etc/passwd) [Netz](\\\\server\\share) "
    "<script>alert(1)</script> <a href=\"javascript:x\">a</a> [gut](https://example.org) "
    "[Post](mailto:a@example.org) {{ 7*7 }} {% raw %}x{% endraw %} ![bild](https://example.org/x.png)"
)


def _hostile_template(tmp_path: Path, document) -> Path:
    """A clerk's letterhead with an external attached template, an external image and a file: link."""
    good = render_docx(document)
    path = tmp_path / "briefkopf.docx"
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/settings.xml.rels" or item.filename == "word/settings.xml":
                pass
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdEvil1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="http://evil.example/track.png" TargetMode="External"/>'
                    b'<Relationship Id="rIdEvil2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/hyperlink" Target="file:///etc/passwd" TargetMode="External"/>'
                    b"</Relationships>"))
            if item.filename == "word/settings.xml":
                data = re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdTpl"/>', data, count=1)
            zout.writestr(item, data)
        zout.writestr("word/_rels/settings.xml.rels", (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'attachedTemplate" Target="\\\\evil.example\\share\\vorlage.dotm" TargetMode="External"/>'
            b"</Relationships>"))
    return path


def _check_docx(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert not [n for n in names if "vba" in n.lower() or n.lower().endswith(".bin")], names
        types = z.read("[Content_Types].xml").decode()
        for bad in ("macroEnabled", "vbaProject", "activeX", "oleObject"):
            assert bad not in types
        external = 0
        for n in names:
            text = z.read(n).decode("utf-8", "replace")
            if n.endswith(".xml"):
                for bad in ("attachedTemplate", "w:altChunk", "o:OLEObject", "INCLUDETEXT", "INCLUDEPICTURE",
                            " DDE ", "DDEAUTO", "w:subDoc"):
                    assert bad not in text, (n, bad)
            if n.endswith(".rels"):
                for m in re.finditer(r"<Relationship\b[^>]*>", text):
                    rel = m.group(0)
                    if 'TargetMode="External"' in rel:
                        external += 1
                        assert re.search(r'Type="[^"]*/relationships/hyperlink"', rel), rel
                        target = re.search(r'Target="([^"]*)"', rel).group(1)
                        assert re.match(r"(https?://|mailto:)", target, re.I), rel
        return external


_PDF_FORBIDDEN = {"/JS", "/JavaScript", "/AA", "/Launch", "/SubmitForm", "/ImportData", "/GoToR",
                  "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}


def _check_pdf(data: bytes):
    assert b"/JavaScript" not in data and b"/JS " not in data
    reader = PdfReader(io.BytesIO(data))
    seen: set = set()
    uris = []

    def walk(obj):
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                return
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for k, v in obj.items():
                assert k not in _PDF_FORBIDDEN, k
                if k == "/OpenAction":
                    action = v.get_object()
                    if isinstance(action, DictionaryObject):
                        assert action.get("/S") != "/JavaScript"
                if k == "/URI":
                    uris.append(str(v.get_object()))
                if k == "/S":
                    assert v not in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"), v
                walk(v)
        elif isinstance(obj, ArrayObject):
            for v in obj:
                walk(v)
    walk(reader.trailer)
    for uri in uris:
        assert re.match(r"(https?://|mailto:)", uri, re.I), uri
    return uris


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_exports_have_no_macros_scripts_or_external_relations(definition, example, tmp_path):
    example.outline.append(OutlineEntry(custom_id="eigener-boese", heading="Böse <b>&", text=HOSTILE_MARKDOWN))
    document = assemble(definition, example)
    logo = _png(tmp_path / "logo.png")
    design = Design(logo_path=str(logo), title_page=True, toc=True,
                    history=[{"stand": "2026", "version": "1", "aenderung": "<script>"}])
    docx_data = render_docx(document, design)
    assert _check_docx(docx_data) >= 1  # the example's real hyperlinks survive
    uris = _check_pdf(render_pdf(document, design))
    assert any(u.startswith("https://example.org") for u in uris)
    assert not any("javascript" in u.lower() or u.startswith("file:") for u in uris)

    templated = render_docx(document, Design(template_path=str(_hostile_template(tmp_path, document))))
    _check_docx(templated)
    with zipfile.ZipFile(io.BytesIO(templated)) as z:
        allrels = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
    assert "evil.example" not in allrels and "file:///" not in allrels
