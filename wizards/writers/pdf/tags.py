"""Tagged PDF (PDF/UA-1) for the reportlab writer, step 1: marked content while drawing.

(Step 2, the structure tree written after the build, is ``structure``.)

reportlab writes no tags. This module adds them in two steps:

1. While reportlab draws, every page's content is an artifact (``/Artifact BMC … EMC``)
   except the flowables that carry a structure node (``tag_flowable``): around their
   drawing the artifact is closed and a marked-content sequence ``/P <</MCID n>> BDC …
   EMC`` opened. So running header, footer, page numbers, rules, table grids and
   backgrounds are artifacts without further work, and everything a reader needs is
   real content. A flowable drawn a second time (a table's header row repeated on the
   next page) is an artifact the second time.
2. ``structure.apply_structure`` writes the structure tree with pikepdf: StructTreeRoot, the
   elements (Document, H1–H6, P, L/LI/Lbl/LBody, Table/TR/TH/TD, TOC/TOCI, Link with the
   link annotation as OBJR, Figure with /Alt), the ParentTree, /StructParents on pages
   and annotations, /Tabs /S, MarkInfo, /Lang, DisplayDocTitle and the PDF/UA
   identification in XMP.

The structure nodes come from the document tree (``tag_block``), in document order, so
the reading order of the structure tree is the order of the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from wizards.doctree import (
    BulletList,
    CoverSheet,
    Heading,
    Paragraph,
    Table,
    TableOfContents,
    Title,
    TitleBlock,
    heading_label,
)

# ------------------------------------------------------------------ structure nodes


@dataclass(eq=False)
class Node:
    role: str  # standard structure type without the slash: P, H2, LI, TD …
    kids: list["Node"] = field(default_factory=list)
    alt: str = ""  # alternative text (Figure) or link description
    actual_text: str = ""  # what the text says when the drawing splits it (a heading's number)
    attributes: dict = field(default_factory=dict)  # e.g. {"O": "Table", "Scope": "Column"}
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID) in drawing order
    annotations: list[tuple[int, int]] = field(default_factory=list)  # (page index, index in /Annots)

    def add(self, role: str, **kw) -> "Node":
        node = Node(role, **kw)
        self.kids.append(node)
        return node

    def has_content(self) -> bool:
        return bool(self.content or self.annotations) or any(k.has_content() for k in self.kids)


class Tagger:
    """Numbers the marked content per page and remembers which node it belongs to.

    Lives on the canvas (``canvas.ka_tagger``) during one build.
    """

    def __init__(self) -> None:
        self.root = Node("Document")
        self.page_nodes: dict[int, list[Node]] = {}  # page index -> node per MCID
        # id → the flowable itself: holding it keeps its id from being reused by a later object
        # (the parts of a split paragraph are dropped while the build goes on)
        self._drawn: dict[int, object] = {}
        self._open: Node | None = None
        self._annots_before = 0
        self.rank = 0  # rank of the last heading (H1 = title)

    def heading(self, parent: Node, level: int) -> Node:
        """H2 for a section, H3 for a sub-section, H4 below — never skipping a rank."""
        rank = min(level + 1, self.rank + 1, 6)
        self.rank = rank
        return parent.add(f"H{rank}")

    def title(self, parent: Node) -> Node:
        self.rank = 1
        return parent.add("H1")

    # ---------------------------------------------------------- while drawing

    def begin(self, canv, node: Node, flowable) -> bool:
        """Open marked content for node; False when the flowable is drawn as artifact."""
        if self._open is not None or id(flowable) in self._drawn:
            return False  # nested (already inside content) or repeated (table header on a new page)
        self._drawn[id(flowable)] = flowable
        page = canv.getPageNumber() - 1
        mcids = self.page_nodes.setdefault(page, [])
        mcid = len(mcids)
        mcids.append(node)
        node.content.append((page, mcid))
        canv.addLiteral("EMC")
        canv.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        self._open = node
        self._annots_before = len(canv._annotationrefs)
        return True

    def end(self, canv) -> None:
        node, self._open = self._open, None
        page = canv.getPageNumber() - 1
        for index in range(self._annots_before, len(canv._annotationrefs)):
            target = node if node.role == "Link" else node.add("Link")
            target.annotations.append((page, index))
        canv.addLiteral("EMC")
        canv.addLiteral("/Artifact BMC")

    @staticmethod
    def finish_page(canv) -> None:
        """Before showPage: the page's content opens as artifact and closes the last sequence."""
        canv._code.insert(0, "/Artifact BMC")
        canv._code.append("EMC")


def tag_flowable(flowable, node: Node):
    """Draw this flowable (and the parts it splits into) as real content of node."""
    if getattr(flowable, "ka_node", None) is node:
        return flowable
    draw_on, split = flowable.drawOn, flowable.split

    def tagged_draw_on(canv, x, y, _sW=0):
        tagger = getattr(canv, "ka_tagger", None)
        opened = tagger is not None and tagger.begin(canv, node, flowable)
        try:
            return draw_on(canv, x, y, _sW)
        finally:
            if opened:
                tagger.end(canv)

    def tagged_split(avail_width, avail_height):
        parts = split(avail_width, avail_height)
        return [p if p is flowable else tag_flowable(p, node) for p in parts]

    flowable.__dict__["drawOn"] = tagged_draw_on  # __dict__: some wrappers forward setattr
    flowable.__dict__["split"] = tagged_split
    flowable.__dict__["ka_node"] = node
    return flowable


class _TaggedBullet:
    """A list bullet drawn as the item's label (Lbl)."""

    def __init__(self, bullet, node: Node):
        self._bullet = bullet
        self._node = node

    def __getattr__(self, name):
        return getattr(self._bullet, name)

    def drawOn(self, indenter, canv, x, y, _sW=0):
        tagger = getattr(canv, "ka_tagger", None)
        opened = tagger is not None and tagger.begin(canv, self._node, self)
        try:
            return self._bullet.drawOn(indenter, canv, x, y, _sW)
        finally:
            if opened:
                tagger.end(canv)


# ------------------------------------------------------------------ document tree → nodes


def _leaves(flowables):
    """The flowables inside KeepTogether and similar containers, in order."""
    from reportlab.platypus import KeepTogether, Spacer
    from reportlab.platypus import PageBreak as RLPageBreak

    for f in flowables:
        if isinstance(f, KeepTogether):
            yield from _leaves(f._content)
        elif not isinstance(f, (Spacer, RLPageBreak)):
            yield f


def tag_block(tagger: Tagger, block, flowables: list, parent: Node | None = None) -> list:
    """Give the flowables a writer made for one block of the document tree their structure nodes.

    Returns the flowables, tagged.
    """
    parent = parent or tagger.root
    leaves = list(_leaves(flowables))
    if not leaves:
        return flowables
    if isinstance(block, Title):
        tag_flowable(leaves[0], tagger.title(parent))
        for f in leaves[1:]:
            tag_flowable(f, parent.add("P"))
    elif isinstance(block, Heading):
        node = tagger.heading(parent, block.level)
        if block.number:  # the number is drawn apart from the text: „I. Zweck“, not „I.Zweck“
            node.actual_text = heading_label(block)
        for f in leaves:
            tag_flowable(f, node)
    elif isinstance(block, Paragraph):
        for f in leaves:
            tag_flowable(f, parent.add("P"))
    elif isinstance(block, BulletList):
        for f in leaves:
            tag_list(tagger, block, f, parent)
    elif isinstance(block, Table):
        for f in leaves:  # the table, after its caption if it has one
            if hasattr(f, "_cellvalues"):
                tag_table(f, parent, header=bool(block.header))
            else:
                tag_flowable(f, parent.add("P"))
    elif isinstance(block, TableOfContents):
        tag_toc(tagger, flowables, parent)
    elif isinstance(block, TitleBlock):
        tag_furniture(tagger, flowables, parent, logo_alt=block.logo.alt if block.logo else "")
    elif isinstance(block, CoverSheet):  # the title page or the text's title is the H1
        tag_furniture(tagger, flowables, parent, title=False)
    else:
        for f in leaves:  # anything else is text of its own
            tag_flowable(f, parent.add("P"))
    return flowables


def tag_list(tagger: Tagger, block: BulletList, lst, parent: Node) -> None:
    """L > LI > (Lbl, LBody > P | L …), matching the list's items to the reportlab ListFlowable."""
    from reportlab.platypus import ListFlowable

    node = parent.add("L", attributes={"O": "List", "ListNumbering": "Decimal" if block.ordered else "Disc"})
    items = iter(block.items)
    body = None
    sub_blocks: list = []
    for indenter in lst._content:
        inner = indenter._flowable
        if indenter._bullet is not None:  # the first flowable of a new item
            li = node.add("LI")
            indenter._bullet = _TaggedBullet(indenter._bullet, li.add("Lbl"))
            body = li.add("LBody")
            sub_blocks = list(next(items, ()))
        if body is None:
            continue
        sub = sub_blocks.pop(0) if sub_blocks else None
        if isinstance(inner, ListFlowable) and isinstance(sub, BulletList):
            tag_list(tagger, sub, inner, body)
        elif isinstance(sub, Paragraph) or sub is None:
            tag_flowable(inner, body.add("P"))
        else:
            tag_block(tagger, sub, [inner], body)


def tag_table(table, parent: Node, header: bool, row_headers: bool = False) -> None:
    """Table > TR > TH (scope column; or row for a label column) / TD, one node per cell."""
    node = parent.add("Table")
    for r, row in enumerate(table._cellvalues):
        tr = node.add("TR")
        for c, cell in enumerate(row):
            if header and r == 0:
                td = tr.add("TH", attributes={"O": "Table", "Scope": "Column"})
            elif row_headers and c == 0:
                td = tr.add("TH", attributes={"O": "Table", "Scope": "Row"})
            else:
                td = tr.add("TD")
            for f in cell if isinstance(cell, (list, tuple)) else [cell]:
                if hasattr(f, "drawOn"):
                    tag_flowable(f, td)


def tag_toc(tagger: Tagger, flowables: list, parent: Node | None = None) -> list:
    """The title as heading, then TOC > TOCI > Link (the entry's text and its link annotation)."""
    parent = parent or tagger.root
    leaves = list(_leaves(flowables))
    if leaves:
        tag_flowable(leaves[0], tagger.heading(parent, 1))
        toc = parent.add("TOC")
        for entry in leaves[1:]:
            tag_flowable(entry, toc.add("TOCI").add("Link"))
    return flowables


def tag_figure(flowable, parent: Node, alt: str):
    return tag_flowable(flowable, parent.add("Figure", alt=alt))


def tag_furniture(tagger: Tagger, flowables: list, parent: Node | None = None, logo_alt: str = "Logo",
                  title: bool = True) -> list:
    """Title page, cover sheet, version history: paragraphs by their style, images, tables.

    A paragraph in the style "title" is the document's H1 (with title=False, on a cover
    sheet before the title page, a plain P); a table whose first row is in the header
    cell style has column headers, any other table row headers (labels).
    """
    from reportlab.platypus import Image, Paragraph as RLParagraph, Table as RLTable
    from reportlab.graphics.shapes import Drawing

    parent = parent or tagger.root
    for f in _leaves(flowables):
        if isinstance(f, (Image, Drawing)):
            tag_figure(f, parent, logo_alt)
        elif isinstance(f, RLTable):
            first = f._cellvalues[0][0] if f._cellvalues and f._cellvalues[0] else None
            header = getattr(getattr(first, "style", None), "name", "") == "cell-head"
            tag_table(f, parent, header=header, row_headers=not header)
        elif title and isinstance(f, RLParagraph) and getattr(f.style, "name", "") == "title":
            tag_flowable(f, tagger.title(parent))
        elif hasattr(f, "drawOn"):
            tag_flowable(f, parent.add("P"))
    return flowables
