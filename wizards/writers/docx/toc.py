"""The table of contents as a Word TOC field whose cached result is the ready list of entries.

No page numbers in the ready list: only Word knows the pages (it fills them on update, F9).
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from wizards.doctree import TableOfContents, plain_text

from .body import Body
from .oxml import field, field_end, field_start, run, space

TOC_FIELD = 'TOC \\o "1-{levels}" \\h \\z \\u'  # Word's update (F9) keeps the levels of the ready list


def toc(body: Body, node: TableOfContents) -> None:
    p = body.paragraph("TOC Heading")
    p.append(run(node.title))
    if not node.entries:  # no headings: an empty field Word can still fill
        field(body.paragraph(None), TOC_FIELD.format(levels=2), result="", dirty=True)
        return
    instruction = TOC_FIELD.format(levels=max(2, min(3, max(entry.level for entry in node.entries))))
    for index, entry in enumerate(node.entries):
        p = body.paragraph(f"toc {min(entry.level, 3)}")
        if index == 0:
            # the field starts in the first entry's paragraph; Word rebuilds it on F9
            field_start(p, instruction, dirty=True)
        h = OxmlElement("w:hyperlink")
        h.set(qn("w:anchor"), body.bookmarks[entry.anchor])
        h.set(qn("w:history"), "1")
        # unnumbered entries: the tab aligns them with the text column
        h.append(run(f"{entry.number}\t{plain_text(entry.text)}"))
        p.append(h)
    field_end(p)
    space(p, after=14)  # air after the list: spacing, not an empty paragraph
