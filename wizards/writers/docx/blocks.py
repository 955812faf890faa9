"""Block nodes to paragraphs in the reference document's styles."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from wizards.doctree import (
    BulletList,
    CoverSheet,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Title,
    TitleBlock,
)
from wizards.errors import ExportError

from ..common import MAX_LIST_DEPTH
from .body import Body
from .inlines import inlines
from .oxml import no_indent, page_break, run, set_keep_next
from .pages import cover_sheet, title_block
from .tables import table
from .template import STYLE_FOR_PARAGRAPH
from .toc import toc

SHORT_LIST_ITEMS = 6  # lists up to this many items stay on one page


def blocks(body: Body, nodes) -> None:
    for node in nodes:
        block(body, node)


def block(body: Body, node) -> None:
    if isinstance(node, Title):
        inlines(body, body.paragraph("Title"), node.text)
        if node.subtitle:
            inlines(body, body.paragraph("Subtitle"), node.subtitle)
    elif isinstance(node, Heading):
        heading(body, node)
    elif isinstance(node, Paragraph):
        inlines(body, body.paragraph(STYLE_FOR_PARAGRAPH.get(node.style, "Normal")), node.content)
    elif isinstance(node, BulletList):
        bullet_list(body, node, 0)
    elif isinstance(node, Table):
        table(body, node)
    elif isinstance(node, TableOfContents):
        toc(body, node)
    elif isinstance(node, PageBreak):
        page_break(body.paragraph(None))
    elif isinstance(node, CoverSheet):
        cover_sheet(body, node)
    elif isinstance(node, TitleBlock):
        title_block(body, node)
    else:  # pragma: no cover - the tree is closed
        raise ExportError(f"Unbekannter Abschnittstyp {type(node).__name__}")


def heading(body: Body, node: Heading) -> None:
    level = min(max(node.level, 1), 3)
    p = body.paragraph(f"Heading {level}")
    if node.number:
        p.append(run(node.number + "\t"))
    elif level < 3:
        no_indent(p)
    inlines(body, p, node.text)
    name = body.bookmarks.get(node.anchor)
    if name:
        body.bookmark(p, name)


def _num_pr(depth: int, num_id: int):
    """``<w:numPr>`` built by hand: python-docx's get_or_add_* searches the schema order per call."""
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", depth), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    return num_pr


def bullet_list(body: Body, node: BulletList, depth: int) -> None:
    depth = min(depth, MAX_LIST_DEPTH)
    num_id = body.numbering.new_list(node.ordered)
    base = "List Number" if node.ordered else "List Bullet"
    style = base if depth == 0 else f"{base} 2"
    paragraphs = []
    for item in node.items:
        first = True
        for sub in item:
            if isinstance(sub, BulletList):
                bullet_list(body, sub, depth + 1)
                continue
            if first and isinstance(sub, Paragraph):
                p = body.paragraph(style)
                p.pPr.append(_num_pr(depth, num_id))  # the pPr holds only the style yet: numPr follows it
                inlines(body, p, sub.content)
                paragraphs.append(p)
            elif isinstance(sub, Paragraph):
                p = body.paragraph("List Continue" if depth == 0 else "List Continue 2")
                inlines(body, p, sub.content)
                paragraphs.append(p)
            else:
                block(body, sub)
            first = False
    if len(node.items) <= SHORT_LIST_ITEMS:
        for p in paragraphs[:-1]:
            set_keep_next(p)
    if paragraphs:
        paragraphs[-1].get_or_add_pPr().get_or_add_spacing().after = Pt(8)
