"""Generate ``resources/vorlage.docx``, the reference document that carries the styles.

    python packaging/make_vorlage.py [target]

Writes ``resources/vorlage.docx`` (or ``target``). A build script: it lives outside the runtime
package ``resources`` so the program ships only the file it produces.

The DOCX writer opens this file, deletes its body and fills it. The styles here are the
contract with the writer (see STYLE_NAMES below): built-in Word styles wherever one exists
(Heading 1–3, Title, Subtitle, List Bullet, List Number, toc 1–3, Header, Footer,
Hyperlink), a few custom ones with German names a clerk understands in Word's style list.
Base: python-docx's own default template, made A4, de-DE, Arial, without theme fonts.
"""
from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "vorlage.docx"
sys.path.insert(0, str(ROOT))  # run as a script: find the wizards package

FONT = "Arial"  # Liberation Sans is metric-compatible (LibreOffice substitutes it)
PRIMARY = "1F4E79"
GREY = "595959"
TEXT_WIDTH_TWIPS = 9071  # 21 cm - 2 x 2.5 cm = 16 cm
NUMBER_INDENT = Cm(1.25)

# Custom styles (names are the contract with wizards/writers/docx/template.py)
LEAD = "Einleitung"
SMALL = "Kleingedruckt"
CONTACT = "Kontaktblock"
MISSING = "Platzhalter"
TABLE = "Konzept-Tabelle"
TITLE_META = "Titelblatt-Angaben"
COVER = "Deckblatt"
STYLE_NAMES = (LEAD, SMALL, CONTACT, MISSING, TABLE, TITLE_META, COVER)


def _set(parent, tag: str, **attrs) -> object:
    """Get or create child ``tag`` of ``parent`` and set w: attributes on it."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _strip_theme(root) -> None:
    """Remove theme font and theme colour references so explicit values rule."""
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)
    for color in root.iter(qn("w:color")):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if color.get(qn(attr)) is not None:
                del color.attrib[qn(attr)]


def _para_style(doc, name: str, *, base: str | None = "Normal", size: float | None = None,
                bold: bool | None = None, italic: bool | None = None, color: str | None = None,
                before: float | None = None, after: float | None = None,
                keep_next: bool | None = None, keep_lines: bool | None = None,
                next_style: str | None = None):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    if base is not None and style.name != "Normal":
        style.base_style = styles[base]
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = RGBColor.from_string(color)
    pf = style.paragraph_format
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if keep_lines is not None:
        pf.keep_together = keep_lines
    if next_style is not None:
        style.next_paragraph_style = styles[next_style]
    return style


def _tab(style, pos_twips: int, align: str = "left", leader: str | None = None) -> None:
    ppr = style.element.get_or_add_pPr()
    tabs = ppr.find(qn("w:tabs"))
    if tabs is None:
        tabs = OxmlElement("w:tabs")
        # w:tabs comes early in pPr (after keepNext/keepLines/pageBreakBefore/numPr…);
        # Word is lenient, but keep the schema order where cheap.
        ppr.insert(0, tabs)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), align)
    tab.set(qn("w:pos"), str(pos_twips))
    if leader:
        tab.set(qn("w:leader"), leader)
    tabs.append(tab)


def _reorder_ppr(ppr) -> None:
    """Sort pPr children into schema order (Word rejects some out-of-order files)."""
    order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
             "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
             "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
             "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]
    rank = {qn(f"w:{n}"): i for i, n in enumerate(order)}
    children = list(ppr)
    children.sort(key=lambda el: rank.get(el.tag, 99))
    for el in children:
        ppr.remove(el)
        ppr.append(el)


def _reorder_rpr(rpr) -> None:
    order = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
             "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
             "specVanish", "oMath"]
    rank = {qn(f"w:{n}"): i for i, n in enumerate(order)}
    children = list(rpr)
    children.sort(key=lambda el: rank.get(el.tag, 99))
    for el in children:
        rpr.remove(el)
        rpr.append(el)


def build() -> bytes:
    doc = docx.Document()
    styles_el = doc.styles.element
    _strip_theme(styles_el)

    # ---- document defaults: Arial 11 pt, German, comfortable spacing
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set(rpr_default, "w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
    _set(rpr_default, "w:lang", val="de-DE", eastAsia="de-DE", bidi="ar-SA")
    _reorder_rpr(rpr_default)
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(ppr_default, "w:spacing", after="120", line="276", lineRule="auto")

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.widow_control = True

    # ---- headings: house colour, numbers hang in front of the text (number, tab, text)
    for level, size, before, after in ((1, 16, 20, 8), (2, 13, 14, 6), (3, 11.5, 10, 4)):
        style = _para_style(doc, f"Heading {level}", size=size, bold=True, italic=False, color=PRIMARY,
                            before=before, after=after, keep_next=True, keep_lines=True,
                            next_style="Normal")
        if level < 3:
            style.paragraph_format.left_indent = NUMBER_INDENT
            style.paragraph_format.first_line_indent = -NUMBER_INDENT
            _tab(style, int(NUMBER_INDENT.twips))
    for name in ("Heading 1 Char", "Heading 2 Char", "Heading 3 Char"):
        try:
            cs = doc.styles[name]
            cs.font.color.rgb = RGBColor.from_string(PRIMARY)
        except KeyError:
            pass

    title = _para_style(doc, "Title", size=24, bold=True, color=PRIMARY, before=0, after=6,
                        next_style="Subtitle")
    title.font.name = FONT
    ppr = title.element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is not None:
        ppr.remove(bdr)
    sub = _para_style(doc, "Subtitle", size=14, italic=False, color=GREY, before=0, after=18)
    for style in (title, sub):  # letter-spacing of the python-docx template looks odd in German
        rpr = style.element.get_or_add_rPr()
        for el in rpr.findall(qn("w:spacing")):
            rpr.remove(el)
    sppr = sub.element.get_or_add_pPr()
    numpr = sppr.find(qn("w:numPr"))
    if numpr is not None:
        sppr.remove(numpr)

    _para_style(doc, LEAD, size=12, before=0, after=10)
    _para_style(doc, SMALL, size=9, color=GREY, after=4)
    contact = _para_style(doc, CONTACT, before=0, after=0, keep_next=True, keep_lines=True)
    contact.paragraph_format.left_indent = Cm(0.5)
    _para_style(doc, TITLE_META, size=12, color=GREY, before=0, after=4)
    _para_style(doc, COVER, size=12, before=0, after=6)

    # ---- lists: tighter spacing
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        _para_style(doc, name, after=3)

    # ---- table of contents
    toc_heading = _para_style(doc, "TOC Heading", base="Heading 1", before=0, after=10)
    toc_heading.paragraph_format.left_indent = Cm(0)
    toc_heading.paragraph_format.first_line_indent = Cm(0)
    for level in (1, 2, 3):
        try:
            style = doc.styles[f"toc {level}"]
        except KeyError:
            style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.next_paragraph_style = doc.styles["Normal"]
        style.paragraph_format.space_before = Pt(4 if level == 1 else 0)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1)) + NUMBER_INDENT
        style.paragraph_format.first_line_indent = -NUMBER_INDENT
        style.font.bold = level == 1
        _tab(style, int(Cm(0.5 * (level - 1)).twips + NUMBER_INDENT.twips))
        _tab(style, TEXT_WIDTH_TWIPS, align="right", leader="dot")

    # ---- header and footer: small and grey
    for name in ("Header", "Footer"):
        style = _para_style(doc, name, size=9, color=GREY, after=0)
        tabs = style.element.get_or_add_pPr().find(qn("w:tabs"))
        if tabs is not None:  # US-Letter tab stops of the python-docx template
            tabs.getparent().remove(tabs)
        _tab(style, TEXT_WIDTH_TWIPS, align="right")

    # ---- character styles: hyperlink, missing value
    styles = doc.styles
    try:
        link = styles["Hyperlink"]
    except KeyError:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True
    missing = styles.add_style(MISSING, WD_STYLE_TYPE.CHARACTER)
    missing.quick_style = True
    rpr = missing.element.get_or_add_rPr()
    _set(rpr, "w:highlight", val="yellow")
    _reorder_rpr(rpr)

    # ---- table style: thin grey grid, coloured bold header row
    table = styles.add_style(TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Normal Table"]
    tel = table.element
    ppr = OxmlElement("w:pPr")
    _set(ppr, "w:spacing", before="40", after="40", line="240", lineRule="auto")
    tel.append(ppr)
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="single", sz="4", space="0", color="A6A6A6")
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 100), ("bottom", 40), ("right", 100)):
        _set(margins, f"w:{side}", w=str(width), type="dxa")
    tblpr.append(margins)
    tel.append(tblpr)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    frpr = OxmlElement("w:rPr")
    _set(frpr, "w:b")
    _set(frpr, "w:color", val="FFFFFF")
    first.append(frpr)
    ftrpr = OxmlElement("w:trPr")
    _set(ftrpr, "w:tblHeader")
    ftcpr = OxmlElement("w:tcPr")
    _set(ftcpr, "w:shd", val="clear", color="auto", fill=PRIMARY)
    first.append(ftrpr)
    first.append(ftcpr)
    tel.append(first)

    for style in styles_el.iter(qn("w:style")):
        for child in style:
            if child.tag == qn("w:pPr"):
                _reorder_ppr(child)
            elif child.tag == qn("w:rPr"):
                _reorder_rpr(child)

    # ---- page: A4 portrait, 2.5 cm margins
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.1)

    # ---- settings: German, no proofing noise, no attached template
    settings = doc.settings.element
    _set(settings, "w:themeFontLang", val="de-DE", eastAsia="de-DE")
    for tag in ("w:rsids", "w:attachedTemplate", "w:proofState"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    dec = settings.find(qn("w:decimalSymbol"))
    if dec is not None:
        dec.set(qn("w:val"), ",")
    sep = settings.find(qn("w:listSeparator"))
    if sep is not None:
        sep.set(qn("w:val"), ";")

    # ---- empty body (keep the section properties)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    core = doc.core_properties
    core.author = "Konzeptassistent"
    core.title = "Social-Media-Nutzungskonzept"
    core.language = "de-DE"
    core.comments = ""
    core.revision = 1

    # keep the file small (it is parsed on every export): only the table styles we use,
    # no stylesWithEffects part (Word 2010 duplicate of styles.xml)
    keep_tables = {"Normal Table", "Table Grid", TABLE}
    for style in list(styles_el.findall(qn("w:style"))):
        if style.get(qn("w:type")) == "table":
            name = style.find(qn("w:name")).get(qn("w:val"))
            if name not in keep_tables:
                styles_el.remove(style)
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rel.rId)

    # drop the thumbnail and customXml of the python-docx template (not ours)
    pkg = doc.part.package
    for rel in list(pkg.rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            pkg.rels.pop(rel.rId)
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith("/customXml"):
            doc.part.rels.pop(rel.rId)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    target = Path((argv or sys.argv[1:] or [str(TARGET)])[0])
    data = build()
    from wizards.atomic import atomic_write_bytes

    atomic_write_bytes(target, data)
    print(f"{target}: {len(data)} Bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
