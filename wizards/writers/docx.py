"""DOCX writer: the document tree into a Word file, on the reference ``vorlage.docx``.

The reference document carries the styles (see packaging/make_vorlage.py); this module
only maps nodes to style names and adds what styles cannot hold: numbering instances
(each ordered list restarts at 1), hyperlinks, bookmarks, fields (TOC, PAGE, NUMPAGES),
the title page, the council cover sheet and the corporate design's colour and logo.

A clerk's own .docx/.dotx letterhead can replace the reference document: its styles,
margins, header and footer stay, its body is replaced; styles it lacks are copied over
from the reference document.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from resources import resource_path
from wizards.atomic import atomic_write_bytes
from wizards.design import (
    FONTS,
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
    plain_text,
)
from wizards.errors import ExportError
from wizards.sanitize import clean

# Style names: the contract with packaging/make_vorlage.py
STYLE_FOR_PARAGRAPH = {"body": "Normal", "lead": "Einleitung", "small": "Kleingedruckt"}
CONTACT = "Kontaktblock"
MISSING = "Platzhalter"
TABLE = "Konzept-Tabelle"
TITLE_META = "Titelblatt-Angaben"
COVER = "Deckblatt"
REQUIRED_STYLES = (
    "Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "List Bullet",
    "List Bullet 2", "List Number", "List Number 2", "List Continue", "List Continue 2",
    "TOC Heading", "toc 1", "toc 2", "toc 3", "Header", "Footer", "Hyperlink",
    "Einleitung", "Kleingedruckt", CONTACT, MISSING, TABLE, TITLE_META, COVER,
)

_DOTX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCM_TYPES = (b"macroEnabled", b"vbaProject")
TEXT_WIDTH_CM = 16.0
TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'


def _xml_safe(text: str) -> str:
    """Last line of defence for text that did not come through the assembler (design fields).

    python-docx raises on XML-illegal characters; the one sanitiser removes them.
    """
    return clean(text)


# ------------------------------------------------------------------ base document


def _open_template(path: str) -> docx.document.Document:
    template = Path(path)
    if not template.is_file():
        raise ExportError(f"Die Word-Vorlage „{path}“ wurde nicht gefunden. Bitte im Gestaltungsdialog neu wählen.")
    try:
        raw = template.read_bytes()
        with zipfile.ZipFile(io.BytesIO(raw)) as zin:
            names = zin.namelist()
            types = zin.read("[Content_Types].xml")
            if any(marker in types for marker in _DOCM_TYPES) or any(n.endswith("vbaProject.bin") for n in names):
                raise ExportError(
                    f"Die Word-Vorlage „{template.name}“ enthält Makros; bitte eine Vorlage ohne Makros (.docx/.dotx) wählen."
                )
            if _DOTX_TYPE in types:
                # a .dotx is a .docx whose main part has the template content type
                out = io.BytesIO()
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                    for item in zin.infolist():
                        data = zin.read(item.filename)
                        if item.filename == "[Content_Types].xml":
                            data = data.replace(_DOTX_TYPE, _DOCX_TYPE)
                        zout.writestr(item, data)
                raw = out.getvalue()
        return docx.Document(io.BytesIO(raw))
    except ExportError:
        raise
    except Exception as exc:  # zipfile.BadZipFile, KeyError, ValueError from python-docx …
        raise ExportError(
            f"Die Word-Vorlage „{template.name}“ kann nicht gelesen werden ({type(exc).__name__}); "
            "bitte eine mit Word oder LibreOffice gespeicherte .docx/.dotx-Datei wählen."
        ) from exc


def _copy_missing_styles(doc, reference) -> None:
    """Give a clerk's template the styles the writer needs, from the reference document."""
    have = {s.name for s in doc.styles}
    styles_el = doc.styles.element
    for name in REQUIRED_STYLES:
        if name in have:
            continue
        try:
            style = reference.styles[name]
        except KeyError:
            continue
        el = copy.deepcopy(style.element)
        # list styles of the reference point at its numbering; the writer sets numbering per paragraph
        for numpr in el.iter(qn("w:numPr")):
            numpr.getparent().remove(numpr)
        styles_el.append(el)


def _strip_external(doc) -> None:
    """No attached template, no external relations other than our own hyperlinks."""
    settings = doc.settings.element
    for el in settings.findall(qn("w:attachedTemplate")):
        settings.remove(el)
    settings_part = doc.part._settings_part
    for rel in list(settings_part.rels.values()):
        if rel.is_external:
            settings_part.rels.pop(rel.rId)
    for rel in list(doc.part.rels.values()):
        if rel.is_external:
            doc.part.rels.pop(rel.rId)


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _apply_design_to_styles(doc, design: Design) -> None:
    color = RGBColor.from_string(design.color.lstrip("#"))
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "TOC Heading"):
        try:
            doc.styles[name].font.color.rgb = color
        except KeyError:
            pass
    try:
        table = doc.styles[TABLE].element
        for shd in table.iter(qn("w:shd")):
            shd.set(qn("w:fill"), design.color.lstrip("#"))
    except KeyError:
        pass
    word_font = FONTS.get(design.font, FONTS["sans"])[1]
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), word_font)
    for name in ("Normal", "Title"):
        try:
            doc.styles[name].font.name = word_font
        except KeyError:
            pass


# ------------------------------------------------------------------ low-level XML helpers


def _run(text: str = "", *, bold=False, italic=False, style: str | None = None, highlight=False):
    r = OxmlElement("w:r")
    if bold or italic or style or highlight:
        rpr = OxmlElement("w:rPr")
        if style:
            rs = OxmlElement("w:rStyle")
            rs.set(qn("w:val"), style)
            rpr.append(rs)
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if highlight:
            hl = OxmlElement("w:highlight")
            hl.set(qn("w:val"), "yellow")
            rpr.append(hl)
        r.append(rpr)
    if text:
        # tabs and line breaks inside text become real tab/break elements
        for i, line in enumerate(text.split("\n")):
            if i:
                r.append(OxmlElement("w:br"))
            for j, part in enumerate(line.split("\t")):
                if j:
                    r.append(OxmlElement("w:tab"))
                if part:
                    t = OxmlElement("w:t")
                    t.text = part
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.append(t)
    return r


def _fld_char(kind: str, dirty: bool = False):
    run = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), kind)
    if dirty:
        fc.set(qn("w:dirty"), "true")
    run.append(fc)
    return run


def _field_start(parent, instr: str, dirty: bool = False) -> None:
    """Begin, instruction and separator of a complex field; its result and end follow."""
    parent.append(_fld_char("begin", dirty))
    ir = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    it.text = f" {instr} "
    ir.append(it)
    parent.append(ir)
    parent.append(_fld_char("separate"))


def _field_end(parent) -> None:
    parent.append(_fld_char("end"))


def _field(parent, instr: str, result: str = "1", dirty: bool = False, style: str | None = None) -> None:
    """A complex field (PAGE, NUMPAGES …) with a cached result, appended to a paragraph element."""
    _field_start(parent, instr, dirty)
    parent.append(_run(result, style=style))
    _field_end(parent)


def _set_keep_next(p_el, value: bool = True) -> None:
    ppr = p_el.get_or_add_pPr()
    ppr.keepNext_val = value


class _Builder:
    def __init__(self, document: Document, design: Design, doc):
        self.document = document
        self.design = design
        self.doc = doc
        self.body = doc.element.body
        self.sect_pr = self.body.find(qn("w:sectPr"))
        self.bookmark_id = 0
        self.bookmarks: dict[int, str] = {}  # id(heading) -> bookmark name
        self.numbering = doc.part.numbering_part.element
        self._abstract: dict[bool, int] = {}
        self._link_rids: dict[str, str] = {}

    # ---------------------------------------------------------- paragraphs

    def paragraph(self, style: str | None = None, container=None):
        p = OxmlElement("w:p")
        if style and style != "Normal":
            # built by hand: python-docx's get_or_add_* insertion is slow for new elements
            ppr = OxmlElement("w:pPr")
            ps = OxmlElement("w:pStyle")
            ps.set(qn("w:val"), self._style_id(style))
            ppr.append(ps)
            p.append(ppr)
        target = self.body if container is None else container
        if container is None and self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            target.append(p)
        return p

    _style_ids: dict[str, str]

    def _style_id(self, name: str) -> str:
        cache = self.__dict__.setdefault("_style_ids", {})
        if name not in cache:
            try:
                cache[name] = self.doc.styles[name].style_id
            except KeyError:
                cache[name] = name.replace(" ", "")
        return cache[name]

    def inlines(self, p, inlines, bold=False, italic=False) -> None:
        for node in inlines:
            if isinstance(node, Text):
                if node.text:
                    p.append(_run(_xml_safe(node.text), bold=bold, italic=italic))
            elif isinstance(node, Strong):
                self.inlines(p, node.children, True, italic)
            elif isinstance(node, Emph):
                self.inlines(p, node.children, bold, True)
            elif isinstance(node, Link):
                self.link(p, node, bold, italic)
            elif isinstance(node, Missing):
                p.append(_run(f"[{_xml_safe(node.label)}]", bold=bold, italic=italic, style=self._style_id(MISSING),
                              highlight=True))
            elif isinstance(node, LineBreak):
                r = OxmlElement("w:r")
                r.append(OxmlElement("w:br"))
                p.append(r)
            else:  # pragma: no cover - the tree is closed
                raise ExportError(f"Unbekanntes Textelement {type(node).__name__}")

    def link(self, p, node: Link, bold: bool, italic: bool) -> None:
        target = node.target.strip()
        if not re.match(r"^(https?://|mailto:)", target, re.IGNORECASE):
            # not a link type we allow (e.g. javascript:, file:): plain text only
            self.inlines(p, node.children, bold, italic)
            return
        rid = self._link_rids.get(target)
        if rid is None:
            rid = self.doc.part.relate_to(_xml_safe(target), RT.HYPERLINK, is_external=True)
            self._link_rids[target] = rid
        h = OxmlElement("w:hyperlink")
        h.set(qn("r:id"), rid)
        h.set(qn("w:history"), "1")
        inner = OxmlElement("w:p")  # collect runs, then move them into the hyperlink
        self.inlines(inner, node.children or (Text(target.removeprefix("mailto:")),), bold, italic)
        link_style = self._style_id("Hyperlink")
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

    def bookmark(self, p, name: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)

    # ---------------------------------------------------------- numbering

    def _abstract_num(self, ordered: bool) -> int:
        if ordered in self._abstract:
            return self._abstract[ordered]
        existing = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        aid = max(existing, default=0) + 1 + len(self._abstract) * 0
        while aid in existing:
            aid += 1
        a = OxmlElement("w:abstractNum")
        a.set(qn("w:abstractNumId"), str(aid))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "hybridMultilevel")
        a.append(mlt)
        bullets = ["•", "–", "▪"]
        for lvl in range(3):
            lv = OxmlElement("w:lvl")
            lv.set(qn("w:ilvl"), str(lvl))
            start = OxmlElement("w:start")
            start.set(qn("w:val"), "1")
            lv.append(start)
            fmt = OxmlElement("w:numFmt")
            text = OxmlElement("w:lvlText")
            if ordered:
                fmt.set(qn("w:val"), ["decimal", "lowerLetter", "lowerRoman"][lvl])
                text.set(qn("w:val"), f"%{lvl + 1}" + (")" if lvl else "."))
            else:
                fmt.set(qn("w:val"), "bullet")
                text.set(qn("w:val"), bullets[lvl])
            lv.append(fmt)
            lv.append(text)
            jc = OxmlElement("w:lvlJc")
            jc.set(qn("w:val"), "left")
            lv.append(jc)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(425 + 425 * lvl))
            ind.set(qn("w:hanging"), "425")
            ppr.append(ind)
            lv.append(ppr)
            if not ordered:
                rpr = OxmlElement("w:rPr")
                f = OxmlElement("w:rFonts")
                for attr in ("ascii", "hAnsi", "cs"):
                    f.set(qn(f"w:{attr}"), "Arial")
                f.set(qn("w:hint"), "default")
                rpr.append(f)
                lv.append(rpr)
            a.append(lv)
        # abstractNum elements must precede num elements
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(a)
        else:
            self.numbering.append(a)
        self._abstract[ordered] = aid
        return aid

    def new_num(self, ordered: bool) -> int:
        aid = self._abstract_num(ordered)
        ids = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
        nid = max(ids, default=0) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(nid))
        an = OxmlElement("w:abstractNumId")
        an.set(qn("w:val"), str(aid))
        num.append(an)
        if ordered:
            for lvl in range(3):
                ov = OxmlElement("w:lvlOverride")
                ov.set(qn("w:ilvl"), str(lvl))
                so = OxmlElement("w:startOverride")
                so.set(qn("w:val"), "1")
                ov.append(so)
                num.append(ov)
        self.numbering.append(num)
        return nid

    # ---------------------------------------------------------- blocks

    def blocks(self, blocks, container=None) -> None:
        for block in blocks:
            self.block(block, container)

    def block(self, block, container=None) -> None:
        if isinstance(block, Title):
            if self.design.title_page:
                return  # the title page shows it
            p = self.paragraph("Title", container)
            self.inlines(p, block.text)
            if block.subtitle:
                p = self.paragraph("Subtitle", container)
                self.inlines(p, block.subtitle)
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            p = self.paragraph(f"Heading {level}", container)
            if block.number:
                p.append(_run(_xml_safe(block.number) + "\t"))
            elif level < 3:
                ppr = p.get_or_add_pPr()
                ind = OxmlElement("w:ind")
                ind.set(qn("w:left"), "0")
                ind.set(qn("w:firstLine"), "0")
                ppr.append(ind)
            self.inlines(p, block.text)
            name = self.bookmarks.get(id(block))
            if name:
                self.bookmark(p, name)
        elif isinstance(block, Paragraph):
            p = self.paragraph(STYLE_FOR_PARAGRAPH.get(block.style, "Normal"), container)
            self.inlines(p, block.content)
        elif isinstance(block, BulletList):
            self.bullet_list(block, 0, container)
        elif isinstance(block, Table):
            self.table(block, container)
        elif isinstance(block, ContactBlock):
            last = None
            for line in block.lines:
                last = self.paragraph(CONTACT, container)
                self.inlines(last, line)
            if last is not None:
                _set_keep_next(last, False)
                last.get_or_add_pPr().get_or_add_spacing().after = Pt(8)
        elif isinstance(block, TableOfContents):
            if self.design.wants_toc(self.document):
                self.toc(block.title, container)
        elif isinstance(block, PageBreak):
            p = self.paragraph(None, container)
            r = OxmlElement("w:r")
            br = OxmlElement("w:br")
            br.set(qn("w:type"), "page")
            r.append(br)
            p.append(r)
        else:  # pragma: no cover - the tree is closed
            raise ExportError(f"Unbekannter Abschnittstyp {type(block).__name__}")

    def bullet_list(self, block: BulletList, depth: int, container=None) -> None:
        depth = min(depth, 2)
        num_id = self.new_num(block.ordered)
        base = "List Number" if block.ordered else "List Bullet"
        style = base if depth == 0 else f"{base} 2"
        short = len(block.items) <= 6
        paragraphs = []
        for item in block.items:
            first = True
            for sub in item:
                if isinstance(sub, BulletList):
                    self.bullet_list(sub, depth + 1, container)
                    continue
                if first and isinstance(sub, Paragraph):
                    p = self.paragraph(style, container)
                    ppr = p.get_or_add_pPr()
                    numpr = ppr.get_or_add_numPr()
                    numpr.get_or_add_ilvl().val = depth
                    numpr.get_or_add_numId().val = num_id
                    self.inlines(p, sub.content)
                    paragraphs.append(p)
                elif isinstance(sub, Paragraph):
                    p = self.paragraph("List Continue" if depth == 0 else "List Continue 2", container)
                    self.inlines(p, sub.content)
                    paragraphs.append(p)
                else:
                    self.block(sub, container)
                first = False
        if short:
            for p in paragraphs[:-1]:
                _set_keep_next(p)
        if paragraphs:
            paragraphs[-1].get_or_add_pPr().get_or_add_spacing().after = Pt(8)

    def table(self, block: Table, container=None, widths: list[float] | None = None) -> None:
        cols = max([len(block.header)] + [len(r) for r in block.rows] + [1])
        parent = self.doc if container is None else None
        table = self.doc.add_table(rows=0, cols=cols) if parent is not None else None
        tbl = table._tbl
        # move the table before the final sectPr (add_table appends to the body)
        if container is not None:
            container.append(tbl)
        elif self.sect_pr is not None:
            self.sect_pr.addprevious(tbl)
        try:
            table.style = self.doc.styles[TABLE]
        except KeyError:
            pass
        tblpr = tbl.tblPr
        tblw = tblpr.find(qn("w:tblW"))
        if tblw is None:
            tblw = OxmlElement("w:tblW")
            tblpr.append(tblw)
        tblw.set(qn("w:w"), "5000")
        tblw.set(qn("w:type"), "pct")
        look = tblpr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            tblpr.append(look)
        look.set(qn("w:val"), "0420" if block.header else "0000")
        look.set(qn("w:firstRow"), "1" if block.header else "0")
        look.set(qn("w:lastRow"), "0")
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:lastColumn"), "0")
        look.set(qn("w:noHBand"), "1")
        look.set(qn("w:noVBand"), "1")
        if widths:
            total = sum(widths)
            grid = tbl.tblGrid
            for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
                gc.set(qn("w:w"), str(int(Cm(TEXT_WIDTH_CM * w / total).twips)))
        fill = self.design.color.lstrip("#")
        all_rows = ([block.header] if block.header else []) + list(block.rows)
        n_rows = len(all_rows)
        for r_index, row in enumerate(all_rows):
            is_header = bool(block.header) and r_index == 0
            tr = table.add_row()._tr
            trpr = tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            if is_header:
                trpr.append(OxmlElement("w:tblHeader"))
            for c_index, tc in enumerate(tr.findall(qn("w:tc"))):
                cell_inlines = row[c_index] if c_index < len(row) else ()
                p = tc.find(qn("w:p"))
                if is_header:
                    # direct shading as well: not every program applies table-style conditions
                    tcpr = tc.get_or_add_tcPr()
                    shd = OxmlElement("w:shd")
                    shd.set(qn("w:val"), "clear")
                    shd.set(qn("w:color"), "auto")
                    shd.set(qn("w:fill"), fill)
                    tcpr.append(shd)
                    _set_keep_next(p)
                    self._header_inlines(p, cell_inlines)
                else:
                    if n_rows <= 8:
                        if r_index < n_rows - 1:
                            _set_keep_next(p)
                    self.inlines(p, cell_inlines)
        # a little air after the table
        self.paragraph(None, container).get_or_add_pPr().get_or_add_spacing().after = Pt(2)

    def _header_inlines(self, p, inlines) -> None:
        before = len(p)
        self.inlines(p, inlines, bold=True)
        for r in list(p)[before:]:
            if r.tag != qn("w:r"):
                continue
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                r.insert(0, rpr)
            color = OxmlElement("w:color")
            color.set(qn("w:val"), "FFFFFF")
            # schema order: rStyle, rFonts, b, i … color … highlight
            hl = rpr.find(qn("w:highlight"))
            if hl is not None:
                hl.addprevious(color)
            else:
                rpr.append(color)

    # ---------------------------------------------------------- table of contents

    def toc(self, title: str, container=None) -> None:
        p = self.paragraph("TOC Heading", container)
        p.append(_run(_xml_safe(title)))
        entries = toc_entries(self.document)
        first = True
        for heading, number, text in entries:
            p = self.paragraph(f"toc {min(heading.level, 3)}", container)
            if first:
                # the field starts in the first entry's paragraph; Word rebuilds it on F9
                _field_start(p, TOC_FIELD, dirty=True)
                first = False
            name = self.bookmarks[id(heading)]
            h = OxmlElement("w:hyperlink")
            h.set(qn("w:anchor"), name)
            h.set(qn("w:history"), "1")
            label = f"{number}\t{text}"  # unnumbered entries: the tab aligns them with the text column
            h.append(_run(_xml_safe(label)))
            # no page number in the ready list: only Word knows the pages (it fills them on update)
            p.append(h)
        if first:  # no headings: an empty field Word can still fill
            p = self.paragraph(None, container)
            _field(p, TOC_FIELD, result="", dirty=True)
            return
        _field_end(p)
        self.paragraph(None, container)

    # ---------------------------------------------------------- title page, cover sheet, history

    def page_break(self) -> None:
        p = self.paragraph(None)
        r = OxmlElement("w:r")
        br = OxmlElement("w:br")
        br.set(qn("w:type"), "page")
        r.append(br)
        p.append(r)

    def picture(self, p_el, path: Path, width_cm: float | None = None, height_cm: float | None = None) -> None:
        from docx.text.paragraph import Paragraph as DocxParagraph

        if path.suffix.lower() == ".svg":
            raise ExportError(
                f"Das SVG-Logo „{path.name}“ kann nur ins PDF übernommen werden; "
                "für die Word-Datei bitte das Logo als PNG-Datei wählen."
            )
        para = DocxParagraph(p_el, self.doc._body)
        run = para.add_run()
        try:
            shape = run.add_picture(
                str(path),
                width=Cm(width_cm) if width_cm else None,
                height=Cm(height_cm) if height_cm else None,
            )
        except Exception as exc:
            raise ExportError(
                f"Das Logo „{path.name}“ kann nicht in Word eingefügt werden ({type(exc).__name__}); "
                "bitte eine PNG- oder JPEG-Datei wählen."
            ) from exc
        doc_pr = shape._inline.docPr
        alt = f"Logo: {self.header_text()}" if self.header_text() else "Logo der Verwaltung"
        doc_pr.set("descr", _xml_safe(alt))
        doc_pr.set("title", "Logo")

    def section_break(self) -> None:
        """End the leading pages (cover sheet, title page) as their own section without header/footer."""
        p = self.paragraph(None)
        sect = copy.deepcopy(self.sect_pr)
        for tag in ("w:headerReference", "w:footerReference", "w:titlePg", "w:type"):
            for el in sect.findall(qn(tag)):
                sect.remove(el)
        p.get_or_add_pPr().append(sect)

    def header_text(self) -> str:
        return (self.design.header_text or self.document.header_text or "").strip()

    def cover_sheet(self) -> None:
        lines = cover_lines(self.document, self.design)
        p = self.paragraph(COVER)
        p.get_or_add_pPr().get_or_add_jc().val = WD_ALIGN_PARAGRAPH.RIGHT
        p.append(_run(_xml_safe(lines["anlage"]), bold=True))
        for _ in range(6):
            self.paragraph(COVER)
        for label, value in lines["rows"]:
            p = self.paragraph(COVER)
            p.append(_run(_xml_safe(label) + "\t", bold=True))
            p.append(_run(_xml_safe(value)))
            tabs = OxmlElement("w:tabs")
            tab = OxmlElement("w:tab")
            tab.set(qn("w:val"), "left")
            tab.set(qn("w:pos"), str(int(Cm(4).twips)))
            tabs.append(tab)
            p.get_or_add_pPr().insert(1, tabs)
        self.paragraph(COVER)
        p = self.paragraph("Title")
        p.append(_run(_xml_safe(lines["title"])))

    def title_page(self, logo: Path | None) -> None:
        title = next((b for b in self.document.blocks if isinstance(b, Title)), None)
        if logo is not None:
            p = self.paragraph(None)
            self.picture(p, logo, height_cm=2.5)
            p.get_or_add_pPr().get_or_add_spacing().after = Pt(60)
        else:
            for _ in range(5):
                self.paragraph(None)
        if self.header_text():
            p = self.paragraph(TITLE_META)
            p.append(_run(_xml_safe(self.header_text()), bold=True))
            p.get_or_add_pPr().get_or_add_spacing().after = Pt(30)
        p = self.paragraph("Title")
        if title is not None:
            self.inlines(p, title.text)
        else:
            p.append(_run(_xml_safe(self.document.meta.title)))
        if title is not None and title.subtitle:
            p = self.paragraph("Subtitle")
            self.inlines(p, title.subtitle)
        for _ in range(3):
            self.paragraph(None)
        for line in title_page_lines(self.document, self.design, title):
            p = self.paragraph(TITLE_META)
            p.append(_run(_xml_safe(line)))
        if self.design.history:
            for _ in range(2):
                self.paragraph(None)
            self.history()

    def history(self) -> None:
        p = self.paragraph(TITLE_META)
        p.append(_run("Versionshistorie", bold=True))
        _set_keep_next(p)
        header, rows = history_rows(self.design)
        self.table(
            Table(header=tuple((Text(h),) for h in header), rows=tuple(tuple((Text(c),) for c in r) for r in rows)),
            widths=[2.5, 1.5, 8],
        )

    # ---------------------------------------------------------- header and footer

    def header_footer(self, logo: Path | None, template_has_own: bool) -> None:
        sections = self.doc.sections
        section = sections[-1]
        if len(sections) > 1:
            # leading pages (cover sheet, title page): explicitly empty header and footer
            sections[0].header.is_linked_to_previous = False
            sections[0].footer.is_linked_to_previous = False
        if template_has_own:
            return  # the letterhead's own header and footer stay as they are
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header, footer = section.header, section.footer
        width = section.page_width - section.left_margin - section.right_margin
        header.is_linked_to_previous = False
        hp = header.paragraphs[0]
        hp.style = self.doc.styles["Header"]
        hp.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right
        hp_el = hp._p
        for r in hp_el.findall(qn("w:r")):
            hp_el.remove(r)
        hp_el.append(_run(_xml_safe(self.header_text())))
        cover = self.design.cover_sheet
        if cover.get("enabled"):
            hp_el.append(_run("\t" + _xml_safe(cover_lines(self.document, self.design)["anlage"])))
        elif logo is not None:
            hp_el.append(_run("\t"))
            self.picture(hp_el, logo, height_cm=0.9)
        # a thin rule under the header
        self._bottom_border(hp_el)

        fp = footer.paragraphs[0]
        fp.style = self.doc.styles["Footer"]
        fp.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)
        fp_el = fp._p
        for r in fp_el.findall(qn("w:r")):
            fp_el.remove(r)
        fp_el.append(_run(_xml_safe(self.document.meta.title) + "\tSeite "))
        _field(fp_el, "PAGE")
        fp_el.append(_run(" von "))
        _field(fp_el, "NUMPAGES")

    @staticmethod
    def _bottom_border(p_el) -> None:
        ppr = p_el.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "4")
        bottom.set(qn("w:space"), "4")
        bottom.set(qn("w:color"), "A6A6A6")
        bdr.append(bottom)
        # pBdr goes before tabs/spacing in pPr
        anchor = ppr.find(qn("w:tabs"))
        if anchor is None:
            anchor = ppr.find(qn("w:spacing"))
        if anchor is not None:
            anchor.addprevious(bdr)
        else:
            ppr.append(bdr)


def _has_header_footer(doc) -> bool:
    """Whether the letterhead brings its own header or footer content (text or a logo)."""
    section = doc.sections[-1]
    for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
        if part.is_linked_to_previous:
            continue
        el = part._element
        if "".join(el.itertext()).strip() or el.find(".//" + qn("w:drawing")) is not None \
                or el.find(".//" + qn("w:pict")) is not None:
            return True
    return False


# ------------------------------------------------------------------ public API


def render_docx(document: Document, design: Design | None = None) -> bytes:
    design = design or Design()
    logo = logo_file(design)
    reference = docx.Document(str(resource_path("vorlage.docx")))
    if design.template_path:
        doc = _open_template(design.template_path)
        _copy_missing_styles(doc, reference)
    else:
        doc = reference
        _apply_design_to_styles(doc, design)
    _strip_external(doc)
    _clear_body(doc)

    meta = document.meta
    core = doc.core_properties
    core.title = _xml_safe(meta.title)[:255]
    core.author = _xml_safe(meta.author or document.header_text)[:255]
    core.subject = _xml_safe(meta.subject)[:255]
    core.keywords = _xml_safe(", ".join(meta.keywords))[:255]
    core.language = meta.language or "de-DE"
    core.comments = ""
    core.category = "Nutzungskonzept"
    if meta.version:
        core.version = _xml_safe(meta.version)[:255]

    template_has_own = bool(design.template_path) and _has_header_footer(doc)
    b = _Builder(document, design, doc)
    for i, (heading, _n, _t) in enumerate(toc_entries(document, all_levels=True), start=1):
        b.bookmarks[id(heading)] = f"_Toc_ka{i:04d}"

    if design.cover_sheet.get("enabled"):
        b.cover_sheet()
        if design.title_page:
            b.page_break()
    if design.title_page:
        b.title_page(logo)
    if design.title_page or design.cover_sheet.get("enabled"):
        b.section_break()
    has_toc_node = any(isinstance(x, TableOfContents) for x in document.blocks)
    toc_pending = design.toc is True and not has_toc_node
    for block in document.blocks:
        b.block(block)
        if toc_pending and (isinstance(block, Title) or design.title_page):
            b.toc("Inhaltsverzeichnis")
            toc_pending = False
    if toc_pending:
        b.toc("Inhaltsverzeichnis")
    if design.history and not design.title_page:
        p = b.paragraph("Heading 1")
        p.append(_run("Versionshistorie"))
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:firstLine"), "0")
        p.get_or_add_pPr().append(ind)
        b.history()
    b.header_footer(logo, template_has_own)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_docx(document: Document, target, design: Design | None = None) -> None:
    data = render_docx(document, design)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(f"Die Word-Datei „{target}“ kann nicht gespeichert werden: {exc.strerror or exc}") from exc
