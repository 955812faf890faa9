"""A clerk's Word letterhead (.docx/.dotx), reduced to what the export needs.

``clean_letterhead(path)`` reads the file within fixed limits and returns the bytes of a
new, clean .docx package; ``open_letterhead(path)`` opens that with python-docx. Anything
wrong gives an ``ExportError`` with one German line. What is kept:

- styles, numbering definitions, theme, font table (without embedded fonts), page setup
  (the body's last section properties; page size and margins added when missing),
- header and footer parts with their text, tables and *embedded* images (PNG/JPEG are
  checked like logos), footnote/endnote separators.

What never reaches the exported document: the template's body, external images (web or
network links, ``INCLUDEPICTURE``), fields other than page numbers/dates/document
properties (``INCLUDETEXT``, ``DDE``/``DDEAUTO``, ``LINK``, ``IMPORT`` …), OLE objects,
ActiveX controls, ``altChunk`` imports, hyperlinks, comments, mail-merge and data-source
settings, document variables, protection settings, attached templates and schemas, web
settings, glossary (building blocks), custom XML, custom/app/core properties, macros
(refused), and every part no kept part refers to.

Shapes Word and LibreOffice write are all accepted: no numbering part (one is added), no
section properties, section properties without size, a header holding only a table, a
standard style of the wrong type (removed, the reference style replaces it), numbering
with odd ids (dropped). A ``DOCTYPE`` (XML entities) is refused: neither program writes one.

Limits (zip bombs): ``MAX_FILE_BYTES`` on disk, ``MAX_MEMBERS`` entries, ``MAX_PART_BYTES``
per part read, ``MAX_TOTAL_BYTES`` for all parts read; parts not kept are never unpacked.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from .errors import ExportError

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 48 * 1024 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"

_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# relationship type (last path segment) of the main part -> content type of the target
_KEPT_FROM_MAIN = {
    "styles": _WML + "styles+xml",
    "numbering": _WML + "numbering+xml",
    "settings": _WML + "settings+xml",
    "fontTable": _WML + "fontTable+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "header": _WML + "header+xml",
    "footer": _WML + "footer+xml",
    "footnotes": _WML + "footnotes+xml",
    "endnotes": _WML + "endnotes+xml",
}
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif",
                "emf": "image/x-emf", "wmf": "image/x-wmf", "bmp": "image/bmp", "tif": "image/tiff",
                "tiff": "image/tiff"}
# fields that only show something about the document itself; every other field is removed
_SAFE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "CREATEDATE", "SAVEDATE",
                "PRINTDATE", "TITLE", "SUBJECT", "AUTHOR", "KEYWORDS", "STYLEREF", "FILENAME", "NUMWORDS", "REF",
                "PAGEREF", "SEQ", "SYMBOL", "QUOTE", "="}
# standard styles the writer assigns, with the type it needs (a wrong type is removed)
_STYLE_TYPES = {name: "paragraph" for name in (
    "normal", "heading 1", "heading 2", "heading 3", "title", "subtitle", "list bullet", "list bullet 2",
    "list number", "list number 2", "list continue", "list continue 2", "toc heading", "toc 1", "toc 2",
    "toc 3", "header", "footer")}
_STYLE_TYPES["hyperlink"] = "character"
_SETTINGS_DROPPED = ("mailMerge", "attachedTemplate", "docVars", "documentProtection", "writeProtection",
                     "linkStyles", "attachedSchema", "schemaLibrary", "saveThroughXslt", "saveXmlDataOnly",
                     "useXSLTWhenSaving", "alwaysMergeEmptyNamespace", "doNotValidateAgainstSchema",
                     "ignoreMixedContent", "showXMLTags", "saveInvalidXml", "hdrShapeDefaults")
_REMOVED_ELEMENTS = ("object", "control", "altChunk", "commentRangeStart", "commentRangeEnd",
                     "commentReference", "subDoc", "dataBinding", "permStart", "permEnd", "embedRegular",
                     "embedBold", "embedItalic", "embedBoldItalic", "proofErr")
_A4 = {"w": "11906", "h": "16838"}
_MARGINS = {"top": "1417", "right": "1417", "bottom": "1134", "left": "1417", "header": "708", "footer": "708",
            "gutter": "0"}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          remove_pis=False)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Refused(Exception):
    """Internal: the letterhead cannot be used; ``args[0]`` is the German reason (no file name)."""


class _Package:
    """The letterhead's zip, read lazily within the limits."""

    def __init__(self, raw: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            raise _Refused("ist keine Word-Datei (kein gültiges .docx/.dotx-Archiv)") from None
        if len(infos) > MAX_MEMBERS:
            raise _Refused(f"enthält mit {len(infos)} Teilen ungewöhnlich viele (höchstens {MAX_MEMBERS})")
        self.names = {i.filename.lstrip("/"): i for i in infos}
        self.lower = {n.lower(): n for n in self.names}
        self.total = 0

    def has(self, name: str) -> bool:
        return name.lower() in self.lower

    def read(self, name: str) -> bytes:
        info = self.names[self.lower[name.lower()]]
        try:
            with self.zip.open(info) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise _Refused(f"ist beschädigt (Teil „{name}“ kann nicht entpackt werden: {type(exc).__name__})") from None
        if len(data) > MAX_PART_BYTES:
            raise _Refused(f"enthält einen übergroßen Teil „{name}“ (entpackt mehr als {MAX_PART_BYTES // 2**20} MB)")
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise _Refused(f"ist entpackt größer als {MAX_TOTAL_BYTES // 2**20} MB")
        return data

    def xml(self, name: str):
        data = self.read(name)
        if re.search(rb"<!DOCTYPE|<!ENTITY", data[:65536], re.IGNORECASE):
            raise _Refused("enthält eine DOCTYPE-Angabe (XML-Entitäten), wie sie Word und LibreOffice nie schreiben; "
                           "bitte die Vorlage in Word oder LibreOffice neu speichern")
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            raise _Refused(f"ist beschädigt (Teil „{name}“ ist kein gültiges XML)") from None


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _target(part: str, rel) -> str:
    target = rel.get("Target", "")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _rels(pkg: _Package, part: str) -> list:
    name = _rels_name(part)
    if not pkg.has(name):
        return []
    return [r for r in pkg.xml(name) if r.tag == f"{{{PR}}}Relationship"]


def _rels_xml(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    for rid, rtype, target in rels:
        etree.SubElement(root, f"{{{PR}}}Relationship", Id=rid, Type=rtype, Target=target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field_instr(text: str) -> str:
    words = text.strip().split()
    return words[0].upper() if words else ""


def _remove(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _unwrap(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _clean_fields(root) -> None:
    """Remove fields that are not in ``_SAFE_FIELDS`` (simple and complex, nested too)."""
    for fld in list(root.iter(_w("fldSimple"))):
        if _field_instr(fld.get(_w("instr"), "")) not in _SAFE_FIELDS:
            _remove(fld)
    # complex fields: runs from fldChar begin … end; collect the instruction between begin and separate
    runs = [r for r in root.iter(_w("r"))]
    stack: list[dict] = []
    doomed: list = []
    for run in runs:
        chars = run.findall(_w("fldChar"))
        kind = chars[0].get(_w("fldCharType")) if chars else None
        if kind == "begin":
            stack.append({"runs": [run], "instr": "", "in_code": True})
            continue
        if stack:
            stack[-1]["runs"].append(run)
            if stack[-1]["in_code"]:
                stack[-1]["instr"] += "".join(t.text or "" for t in run.iter(_w("instrText")))
        if kind == "separate" and stack:
            stack[-1]["in_code"] = False
        elif kind == "end" and stack:
            field = stack.pop()
            if _field_instr(field["instr"]) not in _SAFE_FIELDS:
                doomed.extend(field["runs"])
            if stack:
                stack[-1]["runs"].extend(field["runs"])
    for field in stack:  # a field that never ends: not Word's doing, drop it
        doomed.extend(field["runs"])
    for run in doomed:
        _remove(run)
    for instr in list(root.iter(_w("instrText"))):  # stray field code outside any field
        if _field_instr(instr.text or "") not in _SAFE_FIELDS:
            run = instr.getparent()
            _remove(run if run is not None and run.tag == _w("r") else instr)


def _clean_story(root, kept_ids: set[str]) -> None:
    """Header, footer, notes: drop active and external content and dangling references."""
    for name in _REMOVED_ELEMENTS:
        for el in list(root.iter(_w(name))):
            _remove(el)
    for el in list(root.iter(f"{{{O}}}OLEObject")):
        _remove(el)
    _clean_fields(root)
    for el in list(root.iter(f"{{{V}}}imagedata")):  # VML images may name a file directly
        for attr in (f"{{{O}}}href", "src", f"{{{O}}}althref"):
            el.attrib.pop(attr, None)
    # every reference to a relationship that was not kept
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        dangling = [a for a, v in el.attrib.items() if a.startswith(f"{{{R}}}") and v not in kept_ids]
        if not dangling:
            continue
        if el.tag == _w("hyperlink"):
            for a in dangling:
                del el.attrib[a]
            _unwrap(el)
            continue
        if el.tag in (_w("headerReference"), _w("footerReference")):
            _remove(el)
            continue
        container = next((p for p in el.iterancestors() if p.tag in (_w("drawing"), _w("pict"))), None)
        _remove(container if container is not None else el)
    for el in list(root.iter(_w("hyperlink"))):  # internal anchors too: no links in a letterhead
        _unwrap(el)
    # a header/footer must end with a paragraph (a table alone is not valid and has no paragraphs)
    if root.tag in (_w("hdr"), _w("ftr")) and (len(root) == 0 or root[-1].tag != _w("p")):
        etree.SubElement(root, _w("p"))


def _clean_settings(root) -> None:
    for name in _SETTINGS_DROPPED:
        for el in list(root.iter(_w(name))):
            _remove(el)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and any(a.startswith(f"{{{R}}}") for a in el.attrib):
            _remove(el)


def _clean_styles(root) -> None:
    for style in list(root.findall(_w("style"))):
        name_el = style.find(_w("name"))
        name = (name_el.get(_w("val"), "") if name_el is not None else "").strip().lower()
        wanted = _STYLE_TYPES.get(name)
        if wanted and style.get(_w("type"), "paragraph") != wanted:
            root.remove(style)  # the reference document's style replaces it


def _int(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _clean_numbering(root) -> None:
    abstract_ids = set()
    for a in list(root.findall(_w("abstractNum"))):
        aid = _int(a.get(_w("abstractNumId")))
        if aid is None or aid in abstract_ids:
            root.remove(a)
        else:
            abstract_ids.add(aid)
    num_ids = set()
    for num in list(root.findall(_w("num"))):
        nid = _int(num.get(_w("numId")))
        ref = num.find(_w("abstractNumId"))
        aid = _int(ref.get(_w("val"))) if ref is not None else None
        if nid is None or nid in num_ids or aid not in abstract_ids:
            root.remove(num)
        else:
            num_ids.add(nid)
    for el in list(root.iter()):  # numbering pictures (bullets) would need relationships
        if isinstance(el.tag, str) and el.tag == _w("numPicBullet"):
            _remove(el)
    for el in list(root.iter(_w("lvlPicBulletId"))):
        _remove(el)


def _page_setup(body) -> None:
    """Keep only the body's last section properties; give them a page size and margins."""
    sect = None
    for child in list(body):
        if child.tag == _w("sectPr"):
            sect = child
        else:
            body.remove(child)
    if sect is None:
        sect = etree.SubElement(body, _w("sectPr"))
    size = sect.find(_w("pgSz"))
    if size is None:
        size = etree.Element(_w("pgSz"))
        refs = [c for c in sect if c.tag in (_w("headerReference"), _w("footerReference"), _w("footnotePr"),
                                               _w("endnotePr"), _w("type"))]
        (refs[-1].addnext(size) if refs else sect.insert(0, size))
    for key, value in _A4.items():
        if _int(size.get(_w(key))) in (None, 0):
            size.set(_w(key), value)
    margins = sect.find(_w("pgMar"))
    if margins is None:
        margins = etree.Element(_w("pgMar"))
        size.addnext(margins)
    for key, value in _MARGINS.items():
        if _int(margins.get(_w(key))) is None:
            margins.set(_w(key), value)


def _empty_numbering() -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:numbering xmlns:w="' + W.encode() + b'"/>')


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _check_image(name: str, data: bytes) -> None:
    from .images import _check_raster

    if data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8"):
        try:
            _check_raster(data, posixpath.basename(name))
        except ExportError:
            raise _Refused(f"enthält ein Bild „{posixpath.basename(name)}“, das zu groß oder beschädigt ist") from None


def _clean(raw: bytes) -> bytes:
    pkg = _Package(raw)
    if any(n.lower().endswith("vbaproject.bin") or n.lower().endswith("vbadata.xml") for n in pkg.names):
        raise _Refused("enthält Makros; bitte eine Vorlage ohne Makros (.docx/.dotx) wählen")
    if not pkg.has("[Content_Types].xml"):
        raise _Refused("ist keine Word-Datei ([Content_Types].xml fehlt)")
    types = pkg.xml("[Content_Types].xml")
    overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                 for o in types if o.tag == f"{{{CT}}}Override"}
    if any("macroEnabled" in t or "vbaProject" in t for t in overrides.values()):
        raise _Refused("enthält Makros; bitte eine Vorlage ohne Makros (.docx/.dotx) wählen")
    main = next((_target("", r) for r in _rels(pkg, "") if r.get("Type", "").endswith("/officeDocument")), None)
    if main is None or not pkg.has(main) or overrides.get(main.lower()) not in _MAIN_TYPES:
        raise _Refused("ist keine Word-Datei (kein Hauptdokument)")

    out: dict[str, bytes] = {}
    content_types: dict[str, str] = {}
    main_rels: list[tuple[str, str, str]] = []
    kinds_seen: set[str] = set()
    for rel in _rels(pkg, main):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind not in _KEPT_FROM_MAIN or rel.get("TargetMode") == "External":
            continue
        target = _target(main, rel)
        if not pkg.has(target) or target in content_types:
            continue
        if kind not in ("header", "footer") and kind in kinds_seen:
            continue
        kinds_seen.add(kind)
        root = pkg.xml(target)
        part_rels: list[tuple[str, str, str]] = []
        if kind in ("header", "footer", "footnotes", "endnotes"):
            for prel in _rels(pkg, target):
                if prel.get("Type", "").rsplit("/", 1)[-1] != "image" or prel.get("TargetMode") == "External":
                    continue
                media = _target(target, prel)
                ext = media.rsplit(".", 1)[-1].lower()
                if ext not in _IMAGE_TYPES or not pkg.has(media):
                    continue
                if media not in out:
                    data = pkg.read(media)
                    _check_image(media, data)
                    out[media] = data
                part_rels.append((prel.get("Id"), RT + "image", posixpath.relpath(media, posixpath.dirname(target))))
            _clean_story(root, {rid for rid, _t, _p in part_rels})
            if kind in ("footnotes", "endnotes"):
                for note in list(root):
                    if note.get(_w("type")) not in ("separator", "continuationSeparator", "continuationNotice"):
                        root.remove(note)
        elif kind == "settings":
            _clean_settings(root)
        elif kind == "styles":
            _clean_styles(root)
        elif kind == "numbering":
            _clean_numbering(root)
        elif kind == "fontTable":
            _clean_story(root, set())
        elif kind == "theme":
            for el in list(root.iter()):
                if isinstance(el.tag, str) and any(a.startswith(f"{{{R}}}") for a in el.attrib):
                    _remove(el)
        out[target] = _serialise(root)
        if part_rels:
            out[_rels_name(target)] = _rels_xml(part_rels)
        content_types[target] = _KEPT_FROM_MAIN[kind]
        main_rels.append((rel.get("Id"), RT + kind, posixpath.relpath(target, posixpath.dirname(main))))
    if "numbering" not in kinds_seen:  # LibreOffice and Word omit it in documents without lists
        target = posixpath.join(posixpath.dirname(main), "numbering.xml")
        out[target] = _empty_numbering()
        content_types[target] = _KEPT_FROM_MAIN["numbering"]
        ids = {rid for rid, _t, _p in main_rels}
        rid = next(f"rIdKaNum{n}" for n in range(1, 10**6) if f"rIdKaNum{n}" not in ids)
        main_rels.append((rid, RT + "numbering", posixpath.relpath(target, posixpath.dirname(main))))

    document = pkg.xml(main)
    body = document.find(_w("body"))
    if document.tag != _w("document") or body is None:
        raise _Refused("ist beschädigt (das Hauptdokument hat keinen Textkörper)")
    _page_setup(body)
    kept_ids = {rid for rid, _t, _p in main_rels}
    sect = body.find(_w("sectPr"))
    for ref in list(sect):
        if ref.tag in (_w("headerReference"), _w("footerReference")) and ref.get(f"{{{R}}}id") not in kept_ids:
            sect.remove(ref)
    for kind in ("footer", "header"):  # section properties without references: use the letterhead's parts
        tag = _w(f"{kind}Reference")
        if sect.find(tag) is None:
            rid = next((rid for rid, rtype, _p in main_rels if rtype == RT + kind), None)
            if rid is not None:
                ref = etree.Element(tag)
                ref.set(_w("type"), "default")
                ref.set(f"{{{R}}}id", rid)
                sect.insert(0, ref)
    for el in list(document):
        if el.tag != _w("body"):
            document.remove(el)  # e.g. a page background (w:background) with an image
    out[main] = _serialise(document)
    out[_rels_name(main)] = _rels_xml(main_rels)
    out["_rels/.rels"] = _rels_xml([("rId1", RT + "officeDocument", main)])
    content_types[main] = _DOCX_MAIN

    ct = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    etree.SubElement(ct, f"{{{CT}}}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(ct, f"{{{CT}}}Default", Extension="xml", ContentType="application/xml")
    for ext in sorted({n.rsplit(".", 1)[-1].lower() for n in out if "." in n} & set(_IMAGE_TYPES)):
        etree.SubElement(ct, f"{{{CT}}}Default", Extension=ext, ContentType=_IMAGE_TYPES[ext])
    for part, ctype in content_types.items():
        etree.SubElement(ct, f"{{{CT}}}Override", PartName="/" + part, ContentType=ctype)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr("[Content_Types].xml", _serialise(ct))
        for name, data in out.items():
            zout.writestr(name, data)
    return buf.getvalue()


def clean_letterhead(path: Path | str) -> bytes:
    """The letterhead at ``path`` as a clean .docx package (bytes); ``ExportError`` (German) if unusable."""
    path = Path(path)
    try:
        if not path.is_file():
            raise ExportError(f"Die Word-Vorlage „{path}“ wurde nicht gefunden. Bitte im Gestaltungsdialog neu wählen.")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Refused(f"ist mit {size // 2**20} MB zu groß (höchstens {MAX_FILE_BYTES // 2**20} MB)")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        return _clean(raw)
    except _Refused as exc:
        raise ExportError(f"Die Word-Vorlage „{path.name}“ kann nicht verwendet werden: Sie {exc.args[0]}.") from None
    except OSError as exc:
        raise ExportError(f"Die Word-Vorlage „{path.name}“ kann nicht gelesen werden ({exc.strerror or exc}).") from None
    except RecursionError:
        raise ExportError(f"Die Word-Vorlage „{path.name}“ kann nicht verwendet werden: Sie ist zu tief verschachtelt.") from None


def open_letterhead(path: Path | str):
    """The cleaned letterhead opened with python-docx (a ``docx.document.Document``)."""
    import docx

    data = clean_letterhead(path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on odd packages
        raise ExportError(f"Die Word-Vorlage „{Path(path).name}“ kann nicht verwendet werden ({type(exc).__name__}); "
                          "bitte in Word oder LibreOffice als .docx neu speichern.") from None
