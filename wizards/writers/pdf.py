"""PDF writer: the document tree into an A4 PDF with reportlab platypus.

Embedded TrueType fonts from resources/fonts (Liberation Sans/Serif, DejaVu Sans as the
fallback for characters the main font lacks), bookmarks from the headings, a real table of
contents with page numbers and links, „Seite X von Y“ in the footer, metadata with the
language de-DE, optional PDF/A-2b (post-processed with pikepdf).

„Seite X von Y“ without a second build: every page draws a form XObject that is defined
only when the canvas is saved, when the number of pages is known. (The usual
NumberedCanvas recipe replays pages and loses the bookmarks.)

All text reaches reportlab through ``markup()``, the one escaping helper of this module.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from resources import resource_path
from wizards.atomic import atomic_write_bytes
from wizards.design import (
    Design,
    cover_lines,
    history_rows,
    logo_file,
    title_page_lines,
    toc_entries,
)
from wizards.doctree import (
    BulletList,
    ContactBlock,
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
    heading_label,
    plain_text,
)
from wizards.errors import ExportError

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

# ------------------------------------------------------------------ fonts

FONT_FILES = {
    "sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
             "LiberationSans-BoldItalic.ttf"),
    "serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
              "LiberationSerif-BoldItalic.ttf"),
}
FALLBACK = "KA-Fallback"
FALLBACK_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def _register_family(family: str, files: tuple[str, ...]) -> None:
    names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
    if len(files) == 2:  # fallback: no italics, reuse the upright faces
        files = (files[0], files[1], files[0], files[1])
    for name, file in zip(names, files):
        if name not in pdfmetrics.getRegisteredFontNames():
            path = resource_path("fonts", file)
            if not path.is_file():
                raise ExportError(f"Die Schriftdatei „{file}“ fehlt in der Installation; bitte neu installieren.")
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])


@lru_cache(maxsize=None)
def fonts(font: str) -> str:
    """Register the font family for a design font id and the fallback; return the family name."""
    font = font if font in FONT_FILES else "sans"
    family = f"KA-{font.capitalize()}"
    _register_family(family, FONT_FILES[font])
    _register_family(FALLBACK, FALLBACK_FILES)
    return family


@lru_cache(maxsize=None)
def _coverage(family: str) -> frozenset[int]:
    face = pdfmetrics.getFont(family).face
    return frozenset(face.charToGlyph.keys())


def unprintable_characters(document: Document, design: Design | None = None) -> list[str]:
    """Characters of the document that neither the PDF font nor the fallback can draw.

    They would appear as empty boxes; the UI and the CLI report them before export.
    """
    from wizards.sanitize import describe_char
    from wizards.writers.debug import render_debug

    family = fonts((design or Design()).font)
    covered = _coverage(family) | _coverage(FALLBACK)
    found = {ch for ch in render_debug(document) if ord(ch) not in covered and not ch.isspace() and ch.isprintable()}
    return [f"„{ch}“ {describe_char(ch)}" for ch in sorted(found)]


def unprintable_warning(document: Document, design: Design | None = None) -> str:
    chars = unprintable_characters(document, design)
    if not chars:
        return ""
    shown = ", ".join(chars[:8]) + (f" und {len(chars) - 8} weitere" if len(chars) > 8 else "")
    return f"Im PDF nicht darstellbar (erscheint als leeres Kästchen): {shown}. Bitte ersetzen oder entfernen."


# ------------------------------------------------------------------ the one escaping helper


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, family: str) -> str:
    """Plain text → reportlab Paragraph markup: escaped, fallback font for missing glyphs.

    The only place where text enters reportlab markup. Newlines become <br/>.
    """
    covered = _coverage(family)
    out: list[str] = []
    run: list[str] = []
    fallback_run: list[str] = []

    def flush_fallback() -> None:
        if fallback_run:
            out.append(f'<font face="{FALLBACK}">{_xml_escape("".join(fallback_run))}</font>')
            fallback_run.clear()

    def flush_run() -> None:
        if run:
            out.append(_xml_escape("".join(run)))
            run.clear()

    for ch in text:
        if ch == "\n":
            flush_run()
            flush_fallback()
            out.append("<br/>")
        elif ch == "\t":
            flush_fallback()
            run.append(" ")
        elif ord(ch) in covered or ch == " ":
            flush_fallback()
            run.append(ch)
        else:
            flush_run()
            fallback_run.append(ch)
    flush_run()
    flush_fallback()
    return "".join(out)


def _attr(value: str) -> str:
    """Escape a value for a markup attribute (href)."""
    return _xml_escape(value).replace('"', "&quot;")


def _strip_links(nodes) -> tuple:
    """Heading text for the TOC: links become their text (the entry itself is the link)."""
    out = []
    for node in nodes:
        if isinstance(node, Link):
            out.extend(_strip_links(node.children))
        elif isinstance(node, (Strong, Emph)):
            out.append(type(node)(_strip_links(node.children)))
        else:
            out.append(node)
    return tuple(out)


# ------------------------------------------------------------------ styles


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
    s["contact"] = ParagraphStyle("contact", parent=base, leftIndent=0.5 * cm, spaceAfter=0)
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
    return s


# ------------------------------------------------------------------ flowables


class _HeadingParagraph(RLParagraph):
    """A heading that leaves a bookmark, an outline entry and a TOC entry."""

    def __init__(self, text, style, level: int, label: str, key: str, **kw):
        super().__init__(text, style, **kw)
        self.ka_level = level
        self.ka_label = label
        self.ka_key = key


class _TocEntry(Flowable):
    """One line of the table of contents: hanging number, text, dot leader, page number, link.

    The page number is a form XObject defined when the canvas is saved, so the table of
    contents needs no second build (see _PageCountCanvas.save).
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
        y = 0 + (self.style.leading - size) / 2 + 0.2 * size  # baseline of the last line
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


class KADocTemplate(BaseDocTemplate):
    def __init__(self, *args, ka_design: Design, ka_document: Document, ka_logo: Path | None,
                 ka_family: str, ka_plain_pages: int, **kw):
        super().__init__(*args, **kw)
        self.ka_design = ka_design
        self.ka_document = ka_document
        self.ka_logo = ka_logo
        self.ka_family = ka_family
        self.ka_plain_pages = ka_plain_pages  # cover sheet and title page: no header/footer
        self._ka_outline_level = -1
        frame = Frame(MARGIN_L, MARGIN_B, TEXT_W, PAGE_H - MARGIN_T - MARGIN_B, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def beforeDocument(self):
        self._ka_outline_level = -1

    def afterFlowable(self, flowable):
        if isinstance(flowable, _HeadingParagraph):
            level = min(flowable.ka_level - 1, self._ka_outline_level + 1)
            self._ka_outline_level = level
            self.canv.bookmarkPage(flowable.ka_key)
            self.canv.ka_heading_pages[flowable.ka_key] = self.page
            self.canv.addOutlineEntry(flowable.ka_label, flowable.ka_key, level=level, closed=level > 0)

    # page decoration: header with the administration's name (and logo), footer with the page
    def _decorate(self, canv: rl_canvas.Canvas, doc) -> None:
        if doc.page <= self.ka_plain_pages:
            return
        design, document = self.ka_design, self.ka_document
        family = self.ka_family
        canv.saveState()
        header_text = (design.header_text or document.header_text or "").strip()
        y_header = PAGE_H - 1.6 * cm
        canv.setFillColor(GREY)
        _draw_text(canv, MARGIN_L, y_header, header_text, family, 9)
        cover = design.cover_sheet
        if cover.get("enabled"):
            anlage = cover_lines(document, design)["anlage"]
            _draw_text(canv, PAGE_W - MARGIN_R, y_header, anlage, family, 9, right=True)
        elif self.ka_logo is not None:
            _draw_logo(canv, self.ka_logo, PAGE_W - MARGIN_R, y_header - 0.15 * cm, 0.9 * cm)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_L, y_header - 0.25 * cm, PAGE_W - MARGIN_R, y_header - 0.25 * cm)
        y_footer = 1.2 * cm
        _draw_text(canv, MARGIN_L, y_footer, document.meta.title, family, 9,
                   max_width=TEXT_W - 3.5 * cm)
        # „Seite X von Y“: a form filled in when the total is known (see _PageCountCanvas)
        canv.doForm(f"ka_page_{doc.page}")
        canv.restoreState()


def _draw_text(canv, x: float, y: float, text: str, family: str, size: float, right: bool = False,
               max_width: float | None = None) -> None:
    """Draw a single line with the main font, the fallback font for glyphs it lacks."""
    text = " ".join(text.split())
    if max_width is not None:
        while text and pdfmetrics.stringWidth(text, family, size) > max_width:
            text = text[:-2] + "…"
    covered = _coverage(family)
    parts: list[tuple[str, str]] = []
    for ch in text:
        font = family if ord(ch) in covered or ch == " " else FALLBACK
        if parts and parts[-1][0] == font:
            parts[-1] = (font, parts[-1][1] + ch)
        else:
            parts.append((font, ch))
    width = sum(pdfmetrics.stringWidth(t, f, size) for f, t in parts)
    cx = x - width if right else x
    for font, chunk in parts:
        canv.setFont(font, size)
        canv.drawString(cx, y, chunk)
        cx += pdfmetrics.stringWidth(chunk, font, size)


def _draw_logo(canv, logo: Path, right_x: float, y: float, height: float) -> None:
    img = _logo_image(logo, height=height)
    width = getattr(img, "drawWidth", None) or img.width
    img.drawOn(canv, right_x - width, y - height * 0.25)


def _logo_image(logo: Path, width: float | None = None, height: float | None = None) -> Flowable:
    if logo.suffix.lower() == ".svg":
        drawing = _svg_drawing(logo)
        scale = (height / drawing.height) if height else (width / drawing.width)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        drawing.scale(scale, scale)
        drawing.hAlign = "LEFT"
        return drawing
    try:
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(str(logo)).getSize()
    except Exception as exc:
        raise ExportError(f"Das Logo „{logo.name}“ kann nicht gelesen werden; bitte eine PNG- oder JPEG-Datei wählen.") from exc
    if height:
        w, h = iw * height / ih, height
    else:
        w, h = width, ih * width / iw
    img = Image(str(logo), width=w, height=h)
    img.hAlign = "LEFT"
    return img


def _svg_drawing(logo: Path):
    try:
        from svglib.svglib import svg2rlg
    except ImportError as exc:
        raise ExportError(
            f"Das SVG-Logo „{logo.name}“ kann in dieser Installation nicht eingebettet werden; bitte eine PNG-Datei wählen."
        ) from exc
    try:
        drawing = svg2rlg(str(logo))
    except Exception:
        drawing = None
    if drawing is None or not drawing.width or not drawing.height:
        raise ExportError(f"Das SVG-Logo „{logo.name}“ kann nicht gelesen werden; bitte eine PNG-Datei wählen.")
    _embed_svg_fonts(drawing)
    # the renderer's initial font would otherwise be Helvetica (not embedded)
    drawing.initialFontName = fonts("sans")
    return drawing


def _embed_svg_fonts(node) -> None:
    """Text in an SVG logo: use the embedded house font, not an unembedded standard font."""
    from reportlab.graphics.shapes import String

    family = fonts("sans")
    for child in getattr(node, "contents", ()):
        if isinstance(child, String):
            bold = "bold" in str(getattr(child, "fontName", "")).lower()
            child.fontName = f"{family}-Bold" if bold else family
        else:
            _embed_svg_fonts(child)


class _PageCountCanvas(rl_canvas.Canvas):
    """Defines the per-page footer forms „Seite X von Y“ just before saving."""

    ka_family = "KA-Sans"

    ka_toc_keys: tuple[str, ...] = ()
    ka_toc_style: tuple[str, float] = ("KA-Sans", 11)

    def __init__(self, *args, **kw):
        # the page's initial font would otherwise be Helvetica, a non-embedded font
        kw["initialFontName"] = kw.get("initialFontName") or self.ka_family
        super().__init__(*args, **kw)
        self.ka_heading_pages: dict[str, int] = {}

    def save(self):
        if len(self._code):
            self.showPage()
        total = self.getPageNumber() - 1
        for page in range(1, total + 1):
            self.beginForm(f"ka_page_{page}")
            self.setFillColor(GREY)
            _draw_text(self, PAGE_W - MARGIN_R, 1.2 * cm, f"Seite {page} von {total}", self.ka_family, 9,
                       right=True)
            self.endForm()
        font, size = self.ka_toc_style
        for key in self.ka_toc_keys:
            self.beginForm(f"ka_toc_{key}", lowerx=-3 * cm, lowery=-0.5 * cm, upperx=0.5 * cm, uppery=1 * cm)
            self.setFont(font, size)
            self.drawRightString(0, 0, str(self.ka_heading_pages.get(key, "")))
            self.endForm()
        super().save()


# ------------------------------------------------------------------ story


class _Story:
    def __init__(self, document: Document, design: Design, family: str):
        self.document = document
        self.design = design
        self.family = family
        self.s = stylesheet(design)
        self.keys: dict[int, str] = {}
        for i, (heading, _n, _t) in enumerate(toc_entries(document, all_levels=True), start=1):
            self.keys[id(heading)] = f"h{i}"
        self.toc = False
        self.toc_keys: list[str] = []

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
                if re.match(r"^(https?://|mailto:)", target, re.IGNORECASE):
                    out.append(f'<a href="{_attr(target)}" color="{LINK}"><u>{inner}</u></a>')
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

    # ---------------------------------------------------------- blocks

    def blocks(self, blocks) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block) -> list[Flowable]:
        if isinstance(block, Title):
            if self.design.title_page:
                return []
            out = [self.para(block.text, "title")]
            if block.subtitle:
                out.append(self.para(block.subtitle, "subtitle"))
            else:
                out.append(Spacer(1, 12))
            return out
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            style = self.s[f"h{level}"] if block.number and level < 3 else self.s[f"h{level}-plain"]
            text = self.inlines(block.text)
            if block.number and level == 3:
                text = markup(block.number + " ", self.family) + text
            return [_HeadingParagraph(
                text, style, level, heading_label(block), self.keys.get(id(block), f"h{id(block)}"),
                bulletText=block.number if block.number and level < 3 else None,
            )]
        if isinstance(block, Paragraph):
            return [self.para(block.content, block.style if block.style in ("lead", "small") else "body")]
        if isinstance(block, BulletList):
            lst = self.bullet_list(block, 0)
            return [KeepTogether([lst]) if len(block.items) <= 6 else lst, Spacer(1, 7)]
        if isinstance(block, Table):
            return [self.table(block), Spacer(1, 8)]
        if isinstance(block, ContactBlock):
            lines = [self.para(line, "contact") for line in block.lines]
            return [KeepTogether(lines), Spacer(1, 8)]
        if isinstance(block, TableOfContents):
            if not self.design.wants_toc(self.document):
                return []
            return self.table_of_contents(block.title)
        if isinstance(block, PageBreak):
            return [RLPageBreak()]
        raise ExportError(f"Unbekannter Abschnittstyp {type(block).__name__}")  # pragma: no cover

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
        return ListFlowable(items, bulletType="bullet", start=("•", "–", "▪")[min(depth, 2)],
                            bulletOffsetY=0, **kw)

    def table(self, block: Table, widths: list[float] | None = None) -> RLTable:
        cols = max([len(block.header)] + [len(r) for r in block.rows] + [1])
        data = []
        if block.header:
            data.append([self.para(block.header[i] if i < len(block.header) else (), "cell-head")
                         for i in range(cols)])
        for row in block.rows:
            data.append([self.para(row[i] if i < len(row) else (), "cell") for i in range(cols)])
        if widths:
            total = sum(widths)
            col_widths = [TEXT_W * w / total for w in widths]
        else:
            col_widths = self._column_widths(block, cols)
        table = RLTable(data, colWidths=col_widths, repeatRows=1 if block.header else 0, hAlign="LEFT",
                        splitByRow=1)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), self.family),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if block.header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(self.design.color)))
        table.setStyle(TableStyle(style))
        return table

    def _column_widths(self, block: Table, cols: int) -> list[float]:
        """Widths proportional to the longest text per column, within sensible bounds."""
        lengths = [4] * cols
        for row in ((block.header,) if block.header else ()) + tuple(block.rows):
            for i, cell in enumerate(row[:cols]):
                lengths[i] = max(lengths[i], min(len(plain_text(cell)), 60))
        total = sum(lengths)
        widths = [max(TEXT_W * n / total, TEXT_W * 0.12) for n in lengths]
        scale = TEXT_W / sum(widths)
        return [w * scale for w in widths]

    def table_of_contents(self, title: str) -> list[Flowable]:
        entries: list[Flowable] = []
        for heading, number, _text in toc_entries(self.document):
            key = self.keys[id(heading)]
            style = self.s["toc1"] if heading.level <= 1 else self.s["toc2"]
            entries.append(_TocEntry(self.inlines(_strip_links(heading.text)), number, style, key, self.family))
            self.toc_keys.append(key)
        self.toc = True
        return [RLParagraph(markup(title, self.family), self.s["toc-title"]), *entries, Spacer(1, 14)]

    # ---------------------------------------------------------- pages before the text

    def cover_sheet(self) -> list[Flowable]:
        lines = cover_lines(self.document, self.design)
        out: list[Flowable] = [RLParagraph(markup(lines["anlage"], self.family), self.s["cover-right"]),
                               Spacer(1, 5 * cm)]
        if lines["rows"]:
            data = [[RLParagraph(f"<b>{markup(label, self.family)}</b>", self.s["cover"]),
                     RLParagraph(markup(value, self.family), self.s["cover"])] for label, value in lines["rows"]]
            t = RLTable(data, colWidths=[4 * cm, TEXT_W - 4 * cm], hAlign="LEFT")
            t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.family), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out += [t, Spacer(1, 1 * cm)]
        out += [RLParagraph(markup(lines["title"], self.family), self.s["title"]), RLPageBreak()]
        return out

    def title_page(self, logo: Path | None) -> list[Flowable]:
        title = next((b for b in self.document.blocks if isinstance(b, Title)), None)
        out: list[Flowable] = []
        if logo is not None:
            out += [_logo_image(logo, height=2.5 * cm), Spacer(1, 2.5 * cm)]
        else:
            out.append(Spacer(1, 3.5 * cm))
        name = (self.design.header_text or self.document.header_text or "").strip()
        if name:
            out += [RLParagraph(f"<b>{markup(name, self.family)}</b>", self.s["meta"]), Spacer(1, 1 * cm)]
        if title is not None:
            out.append(self.para(title.text, "title"))
            if title.subtitle:
                out.append(self.para(title.subtitle, "subtitle"))
        else:
            out.append(RLParagraph(markup(self.document.meta.title, self.family), self.s["title"]))
        out.append(Spacer(1, 1.5 * cm))
        for line in title_page_lines(self.document, self.design, title):
            out.append(RLParagraph(markup(line, self.family), self.s["meta"]))
        if self.design.history:
            out += [Spacer(1, 1.5 * cm)] + self.history()
        out.append(RLPageBreak())
        return out

    def history(self) -> list[Flowable]:
        header, rows = history_rows(self.design)
        table = self.table(
            Table(header=tuple((Text(h),) for h in header), rows=tuple(tuple((Text(c),) for c in r) for r in rows)),
            widths=[2.5, 1.5, 8],
        )
        return [KeepTogether([RLParagraph(f"<b>{markup('Versionshistorie', self.family)}</b>", self.s["meta"]),
                              table])]

    def build(self, logo: Path | None) -> list[Flowable]:
        design, document = self.design, self.document
        story: list[Flowable] = []
        if design.cover_sheet.get("enabled"):
            story += self.cover_sheet()
        if design.title_page:
            story += self.title_page(logo)
        has_toc_node = any(isinstance(b, TableOfContents) for b in document.blocks)
        toc_pending = design.toc is True and not has_toc_node
        if toc_pending and design.title_page:
            story += self.table_of_contents("Inhaltsverzeichnis")
            toc_pending = False
        for block in document.blocks:
            story += self.block(block)
            if toc_pending and isinstance(block, Title):
                story += self.table_of_contents("Inhaltsverzeichnis")
                toc_pending = False
        if toc_pending:
            story = self.table_of_contents("Inhaltsverzeichnis") + story
        if design.history and not design.title_page:
            story.append(_HeadingParagraph(markup("Versionshistorie", self.family), self.s["h1-plain"], 1,
                                           "Versionshistorie", "h-history"))
            story += self.history()
        return story


# ------------------------------------------------------------------ public API


def render_pdf(document: Document, design: Design | None = None) -> bytes:
    design = design or Design()
    logo = logo_file(design)
    family = fonts(design.font)
    story_builder = _Story(document, design, family)
    story = story_builder.build(logo)
    if not story:
        story = [Spacer(1, 1)]
    meta = document.meta
    buf = io.BytesIO()
    doc = KADocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
        bottomMargin=MARGIN_B, title=meta.title, author=meta.author or document.header_text,
        subject=meta.subject, keywords=", ".join(meta.keywords), creator="Konzeptassistent",
        producer="Konzeptassistent (ReportLab)", lang=meta.language or "de-DE",
        displayDocTitle=1, initialFontName=family, initialFontSize=11,
        ka_design=design, ka_document=document, ka_logo=logo, ka_family=family,
        ka_plain_pages=int(design.title_page) + int(bool(design.cover_sheet.get("enabled"))),
    )

    class _Canvas(_PageCountCanvas):
        ka_family = family
        ka_toc_keys = tuple(story_builder.toc_keys)
        ka_toc_style = (story_builder.s["toc1"].fontName, story_builder.s["toc1"].fontSize)

    try:
        doc.build(story, canvasmaker=_Canvas)
    except ExportError:
        raise
    except Exception as exc:  # reportlab LayoutError etc.: say what happened, in German
        raise ExportError(
            f"Das PDF konnte nicht erzeugt werden ({type(exc).__name__}: {exc}). "
            "Bitte sehr lange Tabellenzellen oder Wörter kürzen."
        ) from exc
    data = buf.getvalue()
    if design.pdfa:
        data = make_pdfa(data, document)
    return data


def _srgb_profile() -> bytes:
    """An sRGB ICC profile for the PDF/A output intent, made by LittleCMS (via Pillow)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def make_pdfa(data: bytes, document: Document) -> bytes:
    """Post-process a reportlab PDF into PDF/A-2b: output intent, XMP metadata, print flags.

    reportlab already embeds every font and writes no JavaScript or encryption; what PDF/A
    adds is an sRGB output intent, XMP metadata that matches the document info, and the
    print flag on annotations (links).
    """
    try:
        import pikepdf
    except ImportError as exc:
        raise ExportError("PDF/A ist in dieser Installation nicht verfügbar (pikepdf fehlt); bitte ohne PDF/A exportieren.") from exc
    meta = document.meta
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            icc = pdf.make_stream(_srgb_profile())
            icc.N = 3
            intent = pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                RegistryName=pikepdf.String("http://www.color.org"),
                Info=pikepdf.String("sRGB IEC61966-2.1"),
                DestOutputProfile=icc,
            )
            pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
            pdf.Root.Lang = pikepdf.String(meta.language or "de-DE")
            if "/Trapped" in pdf.docinfo:
                del pdf.docinfo["/Trapped"]  # no XMP equivalent in PDF/A-2
            for page in pdf.pages:
                if "/Trans" in page.obj:
                    del page.obj["/Trans"]  # reportlab's empty page transition
                for annot in page.get("/Annots", []):
                    annot.F = 4  # print, not hidden
            with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
                xmp.load_from_docinfo(pdf.docinfo)
                xmp["pdfaid:part"] = "2"
                xmp["pdfaid:conformance"] = "B"
                xmp["dc:language"] = [meta.language or "de-DE"]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=False)
            return out.getvalue()
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"Das PDF konnte nicht als PDF/A gespeichert werden ({type(exc).__name__}: {exc}).") from exc


def write_pdf(document: Document, target, design: Design | None = None) -> None:
    data = render_pdf(document, design)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(f"Die PDF-Datei „{target}“ kann nicht gespeichert werden: {exc.strerror or exc}") from exc
