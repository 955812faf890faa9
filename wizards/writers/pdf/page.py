"""The page: frame, running header and footer, bookmarks, and „Seite X von Y“ without a second build.

Every page of the text draws a form XObject for „Seite X von Y“ that is defined only when the
canvas is saved, when the number of pages is known. (The usual NumberedCanvas recipe replays
pages and loses the bookmarks.) The TOC's page numbers work the same way.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from wizards.doctree import PageFurniture

from .flowables import HeadingParagraph
from .fonts import draw_text
from .images import draw_logo
from .styles import GREY, MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T, PAGE_H, PAGE_W, RULE, TEXT_W

FRONT, TEXT = "front", "text"  # page templates: pages before the text carry no header/footer
HEADER_Y = PAGE_H - 1.6 * cm
FOOTER_Y = 1.2 * cm


class KADocTemplate(BaseDocTemplate):
    def __init__(self, *args, ka_furniture: PageFurniture, ka_logo: Path | None, ka_family: str,
                 ka_front: bool, **kw):
        super().__init__(*args, **kw)
        self.ka_furniture = ka_furniture
        self.ka_logo = ka_logo  # the header logo, checked
        self.ka_family = ka_family
        self._ka_outline_level = -1
        frame = Frame(MARGIN_L, MARGIN_B, TEXT_W, PAGE_H - MARGIN_T - MARGIN_B, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        text = PageTemplate(id=TEXT, frames=[frame], onPage=self._decorate)
        self.addPageTemplates([PageTemplate(id=FRONT, frames=[frame]), text] if ka_front else [text])

    def beforeDocument(self):
        self._ka_outline_level = -1

    def afterFlowable(self, flowable):
        if isinstance(flowable, HeadingParagraph) and flowable.ka_key:
            level = min(flowable.ka_level - 1, self._ka_outline_level + 1)
            self._ka_outline_level = level
            self.canv.bookmarkPage(flowable.ka_key)
            self.canv.ka_heading_pages[flowable.ka_key] = self.page
            self.canv.addOutlineEntry(flowable.ka_label, flowable.ka_key, level=level, closed=level > 0)

    def _decorate(self, canv: rl_canvas.Canvas, doc) -> None:
        """Header: the administration's name, right the cover sheet's „Anlage …“ or the logo; footer: the title."""
        furniture, family = self.ka_furniture, self.ka_family
        canv.saveState()
        canv.setFillColor(GREY)
        right_room = 4 * cm if furniture.header_right or self.ka_logo is not None else 0
        draw_text(canv, MARGIN_L, HEADER_Y, furniture.header_left, family, 9, max_width=TEXT_W - right_room)
        if furniture.header_right:
            draw_text(canv, PAGE_W - MARGIN_R, HEADER_Y, furniture.header_right, family, 9, right=True)
        elif self.ka_logo is not None:
            draw_logo(canv, self.ka_logo, PAGE_W - MARGIN_R, HEADER_Y - 0.15 * cm, furniture.header_logo.height_cm * cm)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_L, HEADER_Y - 0.25 * cm, PAGE_W - MARGIN_R, HEADER_Y - 0.25 * cm)
        draw_text(canv, MARGIN_L, FOOTER_Y, furniture.footer_left, family, 9, max_width=TEXT_W - 3.5 * cm)
        canv.doForm(f"ka_page_{doc.page}")  # „Seite X von Y“, see PageCountCanvas.save
        canv.restoreState()


class PageCountCanvas(rl_canvas.Canvas):
    """Defines the per-page footer forms „Seite X von Y“ and the TOC's page numbers just before saving."""

    ka_family = "KA-Sans"
    ka_toc_keys: tuple[str, ...] = ()
    ka_toc_style: tuple[str, float] = ("KA-Sans", 11)
    ka_tagger = None  # tags.Tagger: every page's content is an artifact except what it tags

    def __init__(self, *args, **kw):
        # the page's initial font would otherwise be Helvetica, a non-embedded font
        kw["initialFontName"] = kw.get("initialFontName") or self.ka_family
        super().__init__(*args, **kw)
        self.ka_heading_pages: dict[str, int] = {}

    def showPage(self):
        if self.ka_tagger is not None:
            self.ka_tagger.finish_page(self)
        super().showPage()

    def save(self):
        if len(self._code):
            self.showPage()
        total = self.getPageNumber() - 1
        for page in range(1, total + 1):
            self.beginForm(f"ka_page_{page}")
            self.setFillColor(GREY)
            draw_text(self, PAGE_W - MARGIN_R, FOOTER_Y, f"Seite {page} von {total}", self.ka_family, 9, right=True)
            self.endForm()
        font, size = self.ka_toc_style
        for key in self.ka_toc_keys:
            self.beginForm(f"ka_toc_{key}", lowerx=-3 * cm, lowery=-0.5 * cm, upperx=0.5 * cm, uppery=1 * cm)
            self.setFont(font, size)
            self.drawRightString(0, 0, str(self.ka_heading_pages.get(key, "")))
            self.endForm()
        super().save()
