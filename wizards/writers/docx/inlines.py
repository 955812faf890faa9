"""Inline nodes to runs: text, bold, italic, links, missing values (highlighted), line breaks."""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from wizards.doctree import Emph, LineBreak, Link, Missing, Strong, Text, allowed_link
from wizards.errors import ExportError

from .body import Body
from .oxml import line_break, run
from .template import MISSING


def inlines(body: Body, p, nodes, bold=False, italic=False) -> None:
    for node in nodes:
        if isinstance(node, Text):
            if node.text:
                p.append(run(node.text, bold=bold, italic=italic))
        elif isinstance(node, Strong):
            inlines(body, p, node.children, True, italic)
        elif isinstance(node, Emph):
            inlines(body, p, node.children, bold, True)
        elif isinstance(node, Link):
            link(body, p, node, bold, italic)
        elif isinstance(node, Missing):
            p.append(run(f"[{node.label}]", bold=bold, italic=italic, style=body.style_id(MISSING), highlight=True))
        elif isinstance(node, LineBreak):
            p.append(line_break())
        else:  # pragma: no cover - the tree is closed
            raise ExportError(f"Unbekanntes Textelement {type(node).__name__}")


def link(body: Body, p, node: Link, bold: bool, italic: bool) -> None:
    target = node.target.strip()
    if not allowed_link(target):
        inlines(body, p, node.children, bold, italic)  # plain text only
        return
    rid = body.link_rids.get(target)
    if rid is None:
        rid = body.doc.part.relate_to(target, RT.HYPERLINK, is_external=True)
        body.link_rids[target] = rid
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    h.set(qn("w:history"), "1")
    inner = OxmlElement("w:p")  # collect runs, then move them into the hyperlink
    inlines(body, inner, node.children or (Text(target.removeprefix("mailto:")),), bold, italic)
    link_style = body.style_id("Hyperlink")
    for r in list(inner):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            r.insert(0, rpr)
        if rpr.find(qn("w:rStyle")) is None:
            rs = OxmlElement("w:rStyle")
            rs.set(qn("w:val"), link_style)
            rpr.insert(0, rs)
        h.append(r)
    p.append(h)
