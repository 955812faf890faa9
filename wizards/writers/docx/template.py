"""The base document: the reference ``vorlage.docx`` or the clerk's own letterhead.

The reference document carries the styles (built by packaging/make_vorlage.py); style
names are the contract between it and this writer. A clerk's own .docx/.dotx letterhead
can replace it: its styles, margins, header and footer stay (cleaned by wizards.letterhead:
nothing active or external), its body is replaced; styles it lacks are copied over from the
reference document.
"""
from __future__ import annotations

import copy

import docx
from docx.oxml.ns import qn
from docx.shared import RGBColor

from resources import resource_path
from wizards.design import FONTS, Design
from wizards.letterhead import open_letterhead

# Style names: the contract with packaging/make_vorlage.py
STYLE_FOR_PARAGRAPH = {"body": "Normal", "lead": "Einleitung", "small": "Kleingedruckt"}
MISSING = "Platzhalter"
TABLE = "Konzept-Tabelle"
TITLE_META = "Titelblatt-Angaben"
COVER = "Deckblatt"
REQUIRED_STYLES = (
    "Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "List Bullet",
    "List Bullet 2", "List Number", "List Number 2", "List Continue", "List Continue 2",
    "TOC Heading", "toc 1", "toc 2", "toc 3", "Header", "Footer", "Hyperlink",
    "Einleitung", "Kleingedruckt", MISSING, TABLE, TITLE_META, COVER,
)
TEXT_WIDTH_CM = 16.0


def base_document(design: Design):
    """An empty document with the writer's styles: the reference, or the letterhead plus missing styles."""
    reference = docx.Document(str(resource_path("vorlage.docx")))
    if design.template_path:
        doc = _open_template(design.template_path)
        _copy_missing_styles(doc, reference)
    else:
        doc = reference
        _apply_design_to_styles(doc, design)
    _strip_external(doc)
    _clear_body(doc)
    return doc


def _open_template(path: str) -> docx.document.Document:
    """The letterhead, reduced to styles, page setup, header and footer (see wizards.letterhead)."""
    return open_letterhead(path)


def _copy_missing_styles(doc, reference) -> None:
    """Give a clerk's template the styles the writer needs, from the reference document.

    A letterhead style of the wrong type (e.g. a character style named „Header“) is replaced.
    """
    have = {s.name: s for s in doc.styles}
    styles_el = doc.styles.element
    for name in REQUIRED_STYLES:
        try:
            style = reference.styles[name]
        except KeyError:
            continue
        own = have.get(name)
        if own is not None:
            if own.type == style.type:
                continue
            own.element.getparent().remove(own.element)
        el = copy.deepcopy(style.element)
        # list styles of the reference point at its numbering; the writer sets numbering per paragraph
        for numpr in el.iter(qn("w:numPr")):
            numpr.getparent().remove(numpr)
        styles_el.append(el)


def _strip_external(doc) -> None:
    """No attached template, no external relations other than our own hyperlinks."""
    settings = doc.settings.element
    for el in settings.findall(qn("w:attachedTemplate")):
        settings.remove(el)
    settings_part = doc.part._settings_part
    for rel in list(settings_part.rels.values()):
        if rel.is_external:
            settings_part.rels.pop(rel.rId)
    for rel in list(doc.part.rels.values()):
        if rel.is_external:
            doc.part.rels.pop(rel.rId)


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _apply_design_to_styles(doc, design: Design) -> None:
    color = RGBColor.from_string(design.color.lstrip("#"))
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "TOC Heading"):
        try:
            doc.styles[name].font.color.rgb = color
        except KeyError:
            pass
    try:
        table = doc.styles[TABLE].element
        for shd in table.iter(qn("w:shd")):
            shd.set(qn("w:fill"), design.color.lstrip("#"))
    except KeyError:
        pass
    word_font = FONTS.get(design.font, FONTS["sans"])[1]
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), word_font)
    for name in ("Normal", "Title"):
        try:
            doc.styles[name].font.name = word_font
        except KeyError:
            pass


def has_header_footer(doc) -> bool:
    """Whether the letterhead brings its own header or footer content (text or a logo)."""
    section = doc.sections[-1]
    for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
        if part.is_linked_to_previous:
            continue
        el = part._element
        if "".join(el.itertext()).strip() or el.find(".//" + qn("w:drawing")) is not None \
                or el.find(".//" + qn("w:pict")) is not None:
            return True
    return False

