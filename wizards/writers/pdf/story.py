"""The story: block and inline nodes to reportlab flowables and paragraph markup."""
from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Spacer, TableStyle
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from wizards.design import Design
from wizards.doctree import (
    BulletList,
    CoverSheet,
    Document,
    Emph,
    Heading,
    LineBreak,
    Link,
    Missing,
    PageBreak,
    Paragraph,
    Strong,
    Table,
    TableOfContents,
    Text,
    Title,
    TitleBlock,
    allowed_link,
    heading_label,
    plain_text,
)
from wizards.errors import ExportError

from ..common import bullet, checked_image
from .tags import Tagger, tag_block
from .flowables import HeadingParagraph, TocEntry
from .fonts import attr, markup
from .images import logo_image
from .styles import HIGHLIGHT, LINK, TEXT_W, stylesheet
from .tables import table

SHORT_LIST_ITEMS = 6  # lists up to this many items stay on one page


PARAGRAPH_CHUNK = 8_000  # characters; a real paragraph is far shorter


def chunk_inlines(nodes: tuple, limit: int) -> list[tuple]:
    """Split inline nodes into runs of at most about ``limit`` characters of text.

    Long ``Text`` nodes are cut at a space (or, in one endless word, anywhere); other nodes
    (bold, links …) stay whole. Short content comes back as one piece.
    """
    pieces: list[tuple] = []
    current: list = []
    size = 0
    for node in nodes:
        if isinstance(node, Text) and len(node.text) > limit - size:
            text = node.text
            while len(text) > limit - size:
                room = max(limit - size, 1)
                cut = text.rfind(" ", 0, room)
                cut = cut if cut > 0 else room
                current.append(Text(text[:cut]))
                pieces.append(tuple(current))
                current, size = [], 0
                text = text[cut:].lstrip(" ")
            if text:
                current.append(Text(text))
                size += len(text)
            continue
        current.append(node)
        size += len(plain_text((node,))) if not isinstance(node, Text) else len(node.text)
        if size >= limit:
            pieces.append(tuple(current))
            current, size = [], 0
    if current or not pieces:
        pieces.append(tuple(current))
    return pieces


class Story:
    def __init__(self, document: Document, design: Design, family: str):
        self.document = document
        self.design = design
        self.family = family
        self.s = stylesheet(design)
        # anchor -> PDF destination name
        self.keys = {b.anchor: f"h{i}" for i, b in enumerate(
            (b for b in document.blocks if isinstance(b, Heading)), start=1)}
        self.toc_keys: list[str] = []
        self.tagger = Tagger()  # the structure tree (PDF/UA), filled in document order

    # ---------------------------------------------------------- inlines

    def inlines(self, nodes) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(markup(node.text, self.family))
            elif isinstance(node, Strong):
                out.append(f"<b>{self.inlines(node.children)}</b>")
            elif isinstance(node, Emph):
                out.append(f"<i>{self.inlines(node.children)}</i>")
            elif isinstance(node, Link):
                target = node.target.strip()
                inner = self.inlines(node.children) or markup(target.removeprefix("mailto:"), self.family)
                if allowed_link(target):
                    out.append(f'<a href="{attr(target)}" color="{LINK}"><u>{inner}</u></a>')
                else:  # no other link kinds (javascript:, file:) in a PDF for the council
                    out.append(inner)
            elif isinstance(node, Missing):
                out.append(f'<font backColor="{HIGHLIGHT}">{markup("[" + node.label + "]", self.family)}</font>')
            elif isinstance(node, LineBreak):
                out.append("<br/>")
            else:  # pragma: no cover - the tree is closed
                raise ExportError(f"Unbekanntes Textelement {type(node).__name__}")
        return "".join(out)

    def para(self, nodes, style: str) -> RLParagraph:
        return RLParagraph(self.inlines(nodes), self.s[style])

    def paras(self, nodes, style: str) -> list[RLParagraph]:
        """A paragraph as flowables of at most ``PARAGRAPH_CHUNK`` characters each.

        reportlab re-wraps the rest of a paragraph at every page break, so one huge paragraph
        costs time quadratic in its length; pieces keep it linear (only absurd inputs are split).
        """
        return [self.para(piece, style) for piece in chunk_inlines(tuple(nodes), PARAGRAPH_CHUNK)]

    def line(self, text: str, style: str, bold: bool = False) -> RLParagraph:
        text = markup(text, self.family)
        return RLParagraph(f"<b>{text}</b>" if bold else text, self.s[style])

    # ---------------------------------------------------------- blocks

    def blocks(self, blocks) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(tag_block(self.tagger, block, self.block(block)))
        return out

    def block(self, block) -> list[Flowable]:
        if isinstance(block, Title):
            out = [self.para(block.text, "title")]
            out.append(self.para(block.subtitle, "subtitle") if block.subtitle else Spacer(1, 12))
            return out
        if isinstance(block, Heading):
            return [self.heading(block)]
        if isinstance(block, Paragraph):
            return self.paras(block.content, block.style if block.style in ("lead", "small") else "body")
        if isinstance(block, BulletList):
            lst = self.bullet_list(block, 0)
            return [KeepTogether([lst]) if len(block.items) <= SHORT_LIST_ITEMS else lst, Spacer(1, 7)]
        if isinstance(block, Table):
            return table(self, block) + [Spacer(1, 8)]
        if isinstance(block, TableOfContents):
            return self.table_of_contents(block)
        if isinstance(block, PageBreak):
            return [RLPageBreak()]
        if isinstance(block, CoverSheet):
            return self.cover_sheet(block)
        if isinstance(block, TitleBlock):
            return self.title_block(block)
        raise ExportError(f"Unbekannter Abschnittstyp {type(block).__name__}")  # pragma: no cover

    def heading(self, block: Heading) -> HeadingParagraph:
        level = min(max(block.level, 1), 3)
        style = self.s[f"h{level}"] if block.number and level < 3 else self.s[f"h{level}-plain"]
        text = self.inlines(block.text)
        if block.number and level == 3:
            text = markup(block.number + " ", self.family) + text
        return HeadingParagraph(
            text, style, level, heading_label(block), self.keys.get(block.anchor) or f"h{id(block)}",
            bulletText=block.number if block.number and level < 3 else None,
        )

    def bullet_list(self, block: BulletList, depth: int) -> ListFlowable:
        items = []
        for item in block.items:
            flow: list[Flowable] = []
            for sub in item:
                if isinstance(sub, BulletList):
                    flow.append(self.bullet_list(sub, depth + 1))
                elif isinstance(sub, Paragraph):
                    flow.append(self.para(sub.content, "list"))
                else:
                    flow.extend(self.block(sub))
            items.append(ListItem(flow))
        kw = dict(leftIndent=0.75 * cm, bulletFontName=self.family, bulletFontSize=11, spaceAfter=0)
        if block.ordered:
            return ListFlowable(items, bulletType=("1", "a", "i")[min(depth, 2)],
                                bulletFormat="%s." if depth == 0 else "%s)", **kw)
        return ListFlowable(items, bulletType="bullet", start=bullet(depth), bulletOffsetY=0, **kw)

    def table_of_contents(self, node: TableOfContents) -> list[Flowable]:
        entries: list[Flowable] = []
        for entry in node.entries:
            key = self.keys[entry.anchor]
            style = self.s[f"toc{min(max(entry.level, 1), 3)}"]
            entries.append(TocEntry(self.inlines(entry.text), entry.number, style, key, self.family))
            self.toc_keys.append(key)
        return [self.line(node.title, "toc-title"), *entries, Spacer(1, 14)]

    # ---------------------------------------------------------- pages before the text

    def cover_sheet(self, node: CoverSheet) -> list[Flowable]:
        out: list[Flowable] = [self.line(node.head, "cover-right"), Spacer(1, 5 * cm)]
        if node.rows:
            data = [[self.line(label, "cover", bold=True), self.line(value, "cover")] for label, value in node.rows]
            rows = RLTable(data, colWidths=[4 * cm, TEXT_W - 4 * cm], hAlign="LEFT", splitInRow=1)
            rows.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.family),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out += [rows, Spacer(1, 1 * cm)]
        out.append(self.line(node.title, "title"))
        return out

    def title_block(self, node: TitleBlock) -> list[Flowable]:
        out: list[Flowable] = []
        if node.logo is not None:
            out += [logo_image(checked_image(node.logo.path), height=node.logo.height_cm * cm), Spacer(1, 2.5 * cm)]
        else:
            out.append(Spacer(1, 3.5 * cm))
        if node.name:
            out += [self.line(node.name, "meta", bold=True), Spacer(1, 1 * cm)]
        out.append(self.para(node.title, "title"))
        if node.subtitle:
            out.append(self.para(node.subtitle, "subtitle"))
        out.append(Spacer(1, 1.5 * cm))
        out += [self.line(line, "meta") for line in node.lines]
        if node.history is not None:
            out += [Spacer(1, 1.5 * cm)] + table(self, node.history)
        return out
