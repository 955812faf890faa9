"""PDF/A-2b and the XMP metadata, by post-processing the reportlab PDF with pikepdf.

``write_xmp`` writes the XMP packet itself, from the document info reportlab wrote: the same
properties pikepdf's ``open_metadata().load_from_docinfo`` would give, at a small part of its
cost (pikepdf parses and edits the packet with XPath, a fifth of an export's time).
"""
from __future__ import annotations

import io

from wizards.doctree import Document
from wizards.errors import ExportError

# document info key → (XMP property, its namespace prefix, how the value is written)
_DOCINFO_TO_XMP = (
    ("/Author", "dc:creator", "seq"),
    ("/Subject", "dc:description", "alt"),
    ("/Title", "dc:title", "alt"),
    ("/Keywords", "pdf:Keywords", "text"),
    ("/Producer", "pdf:Producer", "text"),
    ("/CreationDate", "xmp:CreateDate", "date"),
    ("/Creator", "xmp:CreatorTool", "text"),
    ("/ModDate", "xmp:ModifyDate", "date"),
)
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
# PDF/A-2 allows XMP properties outside its predefined schemas only with an extension
# schema that describes them (ISO 19005-2, 6.6.2.3); this one describes pdfuaid:part.
_PDFUA_EXTENSION = """<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""
# characters XML 1.0 does not allow (document info may hold them; XMP may not)
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def _xml_text(value: str) -> str:
    return value.translate(_NOT_XML).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _property(name: str, kind: str, value: str) -> str:
    prefix = name.split(":")[0]
    if kind == "date":
        from pikepdf.models.metadata import decode_pdf_date

        value = decode_pdf_date(value).isoformat()
    text = _xml_text(value)
    if kind == "seq":
        text = f"<rdf:Seq><rdf:li>{text}</rdf:li></rdf:Seq>"
    elif kind == "bag":
        text = f"<rdf:Bag><rdf:li>{text}</rdf:li></rdf:Bag>"
    elif kind == "alt":
        text = f'<rdf:Alt><rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt>'
    return f'<{name} xmlns:{prefix}="{_NAMESPACES[prefix]}">{text}</{name}>'


def write_xmp(pdf, language: str, title: str | None = None, pdfua: bool = False, pdfa: bool = False) -> None:
    """Replace the XMP metadata of ``pdf`` (pikepdf) with one made from its document info.

    ``title`` overrides dc:title; ``pdfua`` adds the PDF/UA-1 identification with its extension
    schema, ``pdfa`` the PDF/A-2b one. /Trapped has no XMP equivalent and is removed.
    """
    import pikepdf

    if "/Trapped" in pdf.docinfo:
        del pdf.docinfo["/Trapped"]
    info = {key: str(value) for key, value in pdf.docinfo.items()}
    properties = []
    for key, name, kind in _DOCINFO_TO_XMP:
        value = title if key == "/Title" and title is not None else info.get(key)
        if value is not None and (kind != "date" or value):
            properties.append(_property(name, kind, value))
    properties.append(_property("dc:language", "bag", language))
    if pdfua:
        properties.append(_property("pdfuaid:part", "text", "1"))
    if pdfa:
        properties += [_property("pdfaid:part", "text", "2"), _property("pdfaid:conformance", "text", "B")]
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Konzeptassistent">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f' <rdf:Description rdf:about="">{"".join(properties)}</rdf:Description>'
        f'{_PDFUA_EXTENSION if pdfua else ""}\n'
        "</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>\n'
    )
    pdf.Root.Metadata = pdf.make_stream(packet.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def _srgb_profile() -> bytes:
    """An sRGB ICC profile for the PDF/A output intent, made by LittleCMS (via Pillow)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def prepare_pdfa(pdf, language: str) -> None:
    """What PDF/A-2b adds to a reportlab PDF (pikepdf, open): an sRGB output intent, /Lang and
    the print flag on annotations (links); the XMP identification is ``write_xmp``'s.

    reportlab already embeds every font and writes no JavaScript or encryption.
    """
    import pikepdf

    icc = pdf.make_stream(_srgb_profile())
    icc.N = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String("sRGB IEC61966-2.1"),
        DestOutputProfile=icc,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
    pdf.Root.Lang = pikepdf.String(language)
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]  # reportlab's empty page transition
        for annot in page.get("/Annots", []):
            annot.F = 4  # print, not hidden


def make_pdfa(data: bytes, document: Document) -> bytes:
    """Post-process an untagged reportlab PDF into PDF/A-2b (a tagged one gets it in ``structure``)."""
    try:
        import pikepdf
    except ImportError as exc:
        raise ExportError("PDF/A ist in dieser Installation nicht verfügbar (pikepdf fehlt); bitte ohne PDF/A exportieren.") from exc
    language = document.meta.language or "de-DE"
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            prepare_pdfa(pdf, language)
            write_xmp(pdf, language, pdfa=True)
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=False)
            return out.getvalue()
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"Das PDF konnte nicht als PDF/A gespeichert werden ({type(exc).__name__}: {exc}).") from exc
