"""The one PDF style sheet (mirrors the styles of resources/vorlage.docx) and the page geometry."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from wizards.design import Design

from .fonts import fonts

PAGE_W, PAGE_H = A4
MARGIN_L = MARGIN_R = 2.5 * cm
MARGIN_T = 2.5 * cm
MARGIN_B = 2.2 * cm
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R
NUMBER_INDENT = 1.25 * cm
GREY = colors.HexColor("#595959")
RULE = colors.HexColor("#A6A6A6")
LINK = "#0563C1"
HIGHLIGHT = "#FFF200"


def stylesheet(design: Design) -> dict[str, ParagraphStyle]:
    """The one PDF style sheet (mirrors the styles of resources/vorlage.docx)."""
    family = fonts(design.font)
    bold = f"{family}-Bold"
    primary = colors.HexColor(design.color)
    base = ParagraphStyle("body", fontName=family, fontSize=11, leading=15.2, spaceAfter=6,
                          textColor=colors.black, allowWidows=0, allowOrphans=0)
    s: dict[str, ParagraphStyle] = {"body": base}
    s["lead"] = ParagraphStyle("lead", parent=base, fontSize=12, leading=16.5, spaceAfter=10)
    s["small"] = ParagraphStyle("small", parent=base, fontSize=9, leading=12, textColor=GREY, spaceAfter=4)
    s["title"] = ParagraphStyle("title", parent=base, fontName=bold, fontSize=24, leading=29, textColor=primary,
                                spaceAfter=6)
    s["subtitle"] = ParagraphStyle("subtitle", parent=base, fontSize=14, leading=18, textColor=GREY,
                                   spaceAfter=18)
    for level, size, before, after in ((1, 16, 20, 8), (2, 13, 14, 6), (3, 11.5, 10, 4)):
        s[f"h{level}"] = ParagraphStyle(
            f"h{level}", parent=base, fontName=bold, fontSize=size, leading=size * 1.25, textColor=primary,
            spaceBefore=before, spaceAfter=after, keepWithNext=1,
            leftIndent=NUMBER_INDENT if level < 3 else 0, bulletIndent=0, bulletFontName=bold,
            bulletFontSize=size, bulletColor=primary,
        )
        s[f"h{level}-plain"] = ParagraphStyle(f"h{level}-plain", parent=s[f"h{level}"], leftIndent=0)
    s["toc-title"] = ParagraphStyle("toc-title", parent=s["h1-plain"], spaceBefore=0, spaceAfter=10)
    s["list"] = ParagraphStyle("list", parent=base, spaceAfter=3)
    s["cell"] = ParagraphStyle("cell", parent=base, fontSize=10.5, leading=13.5, spaceAfter=0)
    s["cell-head"] = ParagraphStyle("cell-head", parent=s["cell"], fontName=bold, textColor=colors.white)
    s["meta"] = ParagraphStyle("meta", parent=base, fontSize=12, leading=16, textColor=GREY, spaceAfter=4)
    s["cover"] = ParagraphStyle("cover", parent=base, fontSize=12, leading=16, spaceAfter=6)
    s["cover-right"] = ParagraphStyle("cover-right", parent=s["cover"], fontName=bold, alignment=TA_RIGHT)
    s["toc1"] = ParagraphStyle("toc1", parent=base, fontName=bold, leftIndent=NUMBER_INDENT, bulletIndent=0,
                               bulletFontName=bold, bulletFontSize=11, spaceBefore=5, spaceAfter=1, leading=14)
    s["toc2"] = ParagraphStyle("toc2", parent=base, leftIndent=0.6 * cm + NUMBER_INDENT, bulletIndent=0.6 * cm,
                               bulletFontName=family, bulletFontSize=11, spaceBefore=1, spaceAfter=1, leading=14)
    s["toc3"] = ParagraphStyle("toc3", parent=s["toc2"], leftIndent=1.2 * cm + NUMBER_INDENT, bulletIndent=1.2 * cm)
    return s

