"""Pages before the text (cover sheet, title page) and the running header and footer.

What they say is decided by ``wizards.layout``; this module only draws it.
"""
from __future__ import annotations

import copy

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from wizards.doctree import CoverSheet, PageFurniture, TitleBlock

from .body import Body
from .images import picture
from .inlines import inlines
from .oxml import bottom_border, field, run, space, tab_stop
from .tables import table
from .template import COVER, TITLE_META


def cover_sheet(body: Body, node: CoverSheet) -> None:
    p = body.paragraph(COVER)
    p.get_or_add_pPr().get_or_add_jc().val = WD_ALIGN_PARAGRAPH.RIGHT
    p.append(run(node.head, bold=True))
    # room by spacing, not by empty paragraphs (a screen reader announces each one as „leer“)
    gap = 130
    for label, value in node.rows:
        p = body.paragraph(COVER)
        p.append(run(label + "\t", bold=True))
        p.append(run(value))
        tab_stop(p, int(Cm(4).twips))
        space(p, before=gap)
        gap = None
    p = body.paragraph("Title")
    p.append(run(node.title))
    space(p, before=gap or 28)


def title_block(body: Body, node: TitleBlock) -> None:
    # room by spacing, not by empty paragraphs (a screen reader announces each one as „leer“)
    gap = 100.0
    if node.logo is not None:
        p = body.paragraph(None)
        picture(body, p, node.logo)
        space(p, after=60)
        gap = 0
    if node.name:
        p = body.paragraph(TITLE_META)
        p.append(run(node.name, bold=True))
        space(p, before=gap or None, after=30)
        gap = 0
    p = body.paragraph("Title")
    inlines(body, p, node.title)
    if gap:
        space(p, before=gap)
    if node.subtitle:
        inlines(body, body.paragraph("Subtitle"), node.subtitle)
    gap = 60
    for line in node.lines:
        p = body.paragraph(TITLE_META)
        p.append(run(line))
        space(p, before=gap or None)
        gap = 0
    if node.history is not None:
        last = body.sect_pr.getprevious() if body.sect_pr is not None else body.body[-1]
        table(body, node.history)
        caption = last.getnext()
        if caption is not None and caption.tag == qn("w:p"):  # the version table's caption
            space(caption, before=gap or 40)


def section_break(body: Body) -> None:
    """End the pages before the text as their own section, without header and footer."""
    p = body.paragraph(None)
    sect = copy.deepcopy(body.sect_pr)
    for tag in ("w:headerReference", "w:footerReference", "w:titlePg", "w:type"):
        for el in sect.findall(qn(tag)):
            sect.remove(el)
    p.get_or_add_pPr().append(sect)


def header_footer(body: Body, furniture: PageFurniture, template_has_own: bool) -> None:
    sections = body.doc.sections
    section = sections[-1]
    if len(sections) > 1:
        # pages before the text (cover sheet, title page): explicitly empty header and footer
        sections[0].header.is_linked_to_previous = False
        sections[0].footer.is_linked_to_previous = False
    if template_has_own:
        return  # the letterhead's own header and footer stay as they are
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    width = section.page_width - section.left_margin - section.right_margin

    hp = section.header.paragraphs[0]
    hp.style = body.doc.styles["Header"]
    hp.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right
    hp_el = hp._p
    for r in hp_el.findall(qn("w:r")):
        hp_el.remove(r)
    hp_el.append(run(furniture.header_left))
    if furniture.header_right:
        hp_el.append(run("\t" + furniture.header_right))
    elif furniture.header_logo is not None:
        hp_el.append(run("\t"))
        picture(body, hp_el, furniture.header_logo)
    bottom_border(hp_el)

    fp = section.footer.paragraphs[0]
    fp.style = body.doc.styles["Footer"]
    fp.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)
    fp_el = fp._p
    for r in fp_el.findall(qn("w:r")):
        fp_el.remove(r)
    fp_el.append(run(furniture.footer_left + "\tSeite "))
    field(fp_el, "PAGE")
    fp_el.append(run(" von "))
    field(fp_el, "NUMPAGES")
