"""The state of one DOCX being written: the document body, style ids, bookmarks, links, lists."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from wizards.design import Design
from wizards.doctree import Document, Heading

from .numbering import Numbering


class Body:
    def __init__(self, document: Document, design: Design, doc):
        self.document = document
        self.design = design
        self.doc = doc
        self.body = doc.element.body
        self.sect_pr = self.body.find(qn("w:sectPr"))
        self.numbering = Numbering(doc)
        self.link_rids: dict[str, str] = {}
        self._style_ids: dict[str, str] = {}
        self._bookmark_id = 0
        # anchor -> bookmark name; Word's TOC field (\h) links to "_Toc" bookmarks
        self.bookmarks = {
            b.anchor: f"_Toc_ka{i:04d}"
            for i, b in enumerate((b for b in document.blocks if isinstance(b, Heading)), start=1)
        }

    def paragraph(self, style: str | None = None):
        """A new ``w:p`` at the end of the body (before its final sectPr)."""
        p = OxmlElement("w:p")
        if style and style != "Normal":
            # built by hand: python-docx's get_or_add_* insertion is slow for new elements
            ppr = OxmlElement("w:pPr")
            ps = OxmlElement("w:pStyle")
            ps.set(qn("w:val"), self.style_id(style))
            ppr.append(ps)
            p.append(ppr)
        self.place(p)
        return p

    def place(self, element) -> None:
        if self.sect_pr is not None:
            self.sect_pr.addprevious(element)
        else:
            self.body.append(element)

    def style_id(self, name: str) -> str:
        if name not in self._style_ids:
            try:
                self._style_ids[name] = self.doc.styles[name].style_id
            except KeyError:
                self._style_ids[name] = name.replace(" ", "")
        return self._style_ids[name]

    def bookmark(self, p, name: str) -> None:
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark_id))
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)
