"""Tables in the house table style: header row in the house colour, rows that do not split."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm
from docx.table import Table as DocxTable

from wizards.doctree import Table

from .body import Body
from .inlines import inlines
from .oxml import run, set_keep_next, space, white_text
from .template import TABLE, TEXT_WIDTH_CM, TITLE_META

SHORT_TABLE_ROWS = 8  # tables up to this many rows stay on one page


def table(body: Body, block: Table) -> None:
    if block.caption:
        p = body.paragraph(TITLE_META)
        p.append(run(block.caption, bold=True))
        set_keep_next(p)
    cols = max([len(block.header)] + [len(r) for r in block.rows] + [1])
    # what doc.add_table does, but the text width is looked up once per document: add_table
    # searches the whole body for the last section each time, quadratic in long documents
    if getattr(body, "table_width", None) is None:
        body.table_width = body.doc._block_width
    tbl = CT_Tbl.new_tbl(0, cols, body.table_width)
    body.place(tbl)
    docx_table = DocxTable(tbl, body.doc._body)
    try:
        docx_table.style = body.doc.styles[TABLE]
    except KeyError:
        pass
    _table_properties(tbl, bool(block.header))
    if block.widths:
        total = sum(block.widths)
        for gc, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), block.widths):
            gc.set(qn("w:w"), str(int(Cm(TEXT_WIDTH_CM * w / total).twips)))
    fill = body.design.color.lstrip("#")
    all_rows = ([block.header] if block.header else []) + list(block.rows)
    n_rows = len(all_rows)
    for r_index, row in enumerate(all_rows):
        is_header = bool(block.header) and r_index == 0
        tr = docx_table.add_row()._tr
        trpr = tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if is_header:
            trpr.append(OxmlElement("w:tblHeader"))
        for c_index, tc in enumerate(tr.findall(qn("w:tc"))):
            cell_inlines = row[c_index] if c_index < len(row) else ()
            p = tc.find(qn("w:p"))
            if is_header:
                # direct shading as well: not every program applies table-style conditions
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), fill)
                tc.get_or_add_tcPr().append(shd)
                set_keep_next(p)
                start = len(p)
                inlines(body, p, cell_inlines, bold=True)
                white_text(p, start)
            else:
                if n_rows <= SHORT_TABLE_ROWS and r_index < n_rows - 1:
                    set_keep_next(p)
                inlines(body, p, cell_inlines)



def space_after_tables(body: Body) -> None:
    """Air after each table as spacing before the paragraph that follows it.

    Only two tables in a row still get a small paragraph between them: Word would join them.
    """
    for tbl in body.body.iterchildren(qn("w:tbl")):
        after = tbl.getnext()
        if after is not None and after.tag == qn("w:p"):
            spacing = after.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
            if spacing is None or spacing.get(qn("w:before")) is None:
                space(after, before=8)
        elif after is not None and after.tag == qn("w:tbl"):
            p = OxmlElement("w:p")
            tbl.addnext(p)
            space(p, after=2)


def _table_properties(tbl, has_header: bool) -> None:
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
    look.set(qn("w:val"), "0420" if has_header else "0000")
    look.set(qn("w:firstRow"), "1" if has_header else "0")
    for flag in ("lastRow", "firstColumn", "lastColumn"):
        look.set(qn(f"w:{flag}"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
