"""Raw WordprocessingML pieces python-docx has no API for: runs, fields, borders, breaks."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def run(text: str = "", *, bold=False, italic=False, style: str | None = None, highlight=False):
    """A ``w:r``; tabs and line breaks inside the text become real tab/break elements."""
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
        for i, line in enumerate(text.split("\n")):
            if i:
                r.append(OxmlElement("w:br"))
            for j, part in enumerate(line.split("\t")):
                if j:
                    r.append(OxmlElement("w:tab"))
                if part:
                    t = OxmlElement("w:t")
                    t.text = part
                    t.set(XML_SPACE, "preserve")
                    r.append(t)
    return r


def line_break():
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    return r


def page_break(p) -> None:
    """Make the paragraph element ``p`` carry a page break."""
    r = OxmlElement("w:r")
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    r.append(br)
    p.append(r)


def _fld_char(kind: str, dirty: bool = False):
    r = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), kind)
    if dirty:
        fc.set(qn("w:dirty"), "true")
    r.append(fc)
    return r


def field_start(parent, instr: str, dirty: bool = False) -> None:
    """Begin, instruction and separator of a complex field; its result and end follow."""
    parent.append(_fld_char("begin", dirty))
    ir = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(XML_SPACE, "preserve")
    it.text = f" {instr} "
    ir.append(it)
    parent.append(ir)
    parent.append(_fld_char("separate"))


def field_end(parent) -> None:
    parent.append(_fld_char("end"))


def field(parent, instr: str, result: str = "1", dirty: bool = False, style: str | None = None) -> None:
    """A complex field (PAGE, NUMPAGES …) with a cached result, appended to a paragraph element."""
    field_start(parent, instr, dirty)
    parent.append(run(result, style=style))
    field_end(parent)


def set_keep_next(p, value: bool = True) -> None:
    p.get_or_add_pPr().keepNext_val = value


def no_indent(p) -> None:
    """Unnumbered headings start at the margin (the heading styles indent for the number)."""
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:firstLine"), "0")
    p.get_or_add_pPr().append(ind)


def tab_stop(p, position_twips: int, insert_at: int = 1) -> None:
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "left")
    tab.set(qn("w:pos"), str(position_twips))
    tabs.append(tab)
    p.get_or_add_pPr().insert(insert_at, tabs)


def bottom_border(p) -> None:
    """A thin grey rule under the paragraph (the running header)."""
    ppr = p.get_or_add_pPr()
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


def space(p, before: float | None = None, after: float | None = None) -> None:
    """Room before/after a paragraph in points: spacing, never empty paragraphs (accessibility)."""
    spacing = p.get_or_add_pPr().get_or_add_spacing()
    if before is not None:
        spacing.before = Pt(before)
    if after is not None:
        spacing.after = Pt(after)


def white_text(p, start: int) -> None:
    """Runs of ``p`` from child index ``start`` on in white (table header cells on the house colour)."""
    for r in list(p)[start:]:
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
