"""Flowables of our own: a heading that leaves a bookmark, and one line of the table of contents."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from .styles import GREY

class HeadingParagraph(RLParagraph):
    """A heading that leaves a bookmark, an outline entry and a TOC entry."""

    def __init__(self, text, style, level: int = 1, label: str = "", key: str = "", **kw):
        super().__init__(text, style, **kw)
        self.ka_level = level
        self.ka_label = label
        self.ka_key = key

    def split(self, availWidth, availHeight):
        """A heading longer than a page: only its first part carries the bookmark."""
        parts = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            part.ka_level, part.ka_label, part.ka_key = self.ka_level, self.ka_label, self.ka_key if i == 0 else ""
        return parts


class TocEntry(Flowable):
    """One line of the table of contents: hanging number, text, dot leader, page number, link.

    The page number is a form XObject defined when the canvas is saved, so the table of
    contents needs no second build (see page.PageCountCanvas.save).
    """

    PAGE_RESERVE = 1.0 * cm

    def __init__(self, label_markup: str, number: str, style: ParagraphStyle, key: str, family: str):
        super().__init__()
        self.key = key
        self.family = family
        self.style = style
        self.para = RLParagraph(label_markup, style, bulletText=number or None)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        _w, h = self.para.wrap(availWidth - self.PAGE_RESERVE, availHeight)
        self.height = h
        return availWidth, h

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def draw(self):
        canv = self.canv
        self.para.drawOn(canv, 0, 0)
        lines = self.para.blPara.lines
        last = lines[-1]
        extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]
        indent = self.style.leftIndent + (self.style.firstLineIndent if len(lines) == 1 else 0)
        x_text_end = indent + (self.width - self.PAGE_RESERVE - self.style.leftIndent - self.style.rightIndent) - extra
        if len(lines) == 1:
            x_text_end -= self.style.firstLineIndent
        font = self.style.fontName
        size = self.style.fontSize
        # baseline of the last line
        y = self.para.height - self.style.leading * len(lines) + (self.style.leading - size) + 0.05 * size
        dot_w = pdfmetrics.stringWidth(" .", font, size)
        x = x_text_end + 4
        x_end = self.width - 0.7 * cm
        if x_end > x:
            n = int((x_end - x) / dot_w)
            canv.setFont(font, size)
            canv.setFillColor(GREY)
            canv.drawRightString(x_end, y, " ." * n)
        canv.saveState()
        canv.translate(self.width, y)
        canv.doForm(f"ka_toc_{self.key}")
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)

