"""List numbering: one abstract definition per list kind, one numbering instance per list.

Each ordered list gets its own instance so that it restarts at 1 (Word would otherwise
continue the previous list's count).
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..common import BULLETS, MAX_LIST_DEPTH

ORDERED_FORMATS = ("decimal", "lowerLetter", "lowerRoman")


class Numbering:
    def __init__(self, doc):
        self.numbering = doc.part.numbering_part.element
        self._abstract: dict[bool, int] = {}

    def new_list(self, ordered: bool) -> int:
        """The numId of a fresh list (ordered lists restart at 1)."""
        aid = self._abstract_num(ordered)
        ids = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
        nid = max(ids, default=0) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(nid))
        an = OxmlElement("w:abstractNumId")
        an.set(qn("w:val"), str(aid))
        num.append(an)
        if ordered:
            for lvl in range(MAX_LIST_DEPTH + 1):
                ov = OxmlElement("w:lvlOverride")
                ov.set(qn("w:ilvl"), str(lvl))
                so = OxmlElement("w:startOverride")
                so.set(qn("w:val"), "1")
                ov.append(so)
                num.append(ov)
        self.numbering.append(num)
        return nid

    def _abstract_num(self, ordered: bool) -> int:
        if ordered in self._abstract:
            return self._abstract[ordered]
        existing = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        aid = max(existing, default=0) + 1
        while aid in existing:
            aid += 1
        a = OxmlElement("w:abstractNum")
        a.set(qn("w:abstractNumId"), str(aid))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "hybridMultilevel")
        a.append(mlt)
        for lvl in range(MAX_LIST_DEPTH + 1):
            a.append(_level(lvl, ordered))
        # abstractNum elements must precede num elements
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(a)
        else:
            self.numbering.append(a)
        self._abstract[ordered] = aid
        return aid


def _level(lvl: int, ordered: bool):
    lv = OxmlElement("w:lvl")
    lv.set(qn("w:ilvl"), str(lvl))
    start = OxmlElement("w:start")
    start.set(qn("w:val"), "1")
    lv.append(start)
    fmt = OxmlElement("w:numFmt")
    text = OxmlElement("w:lvlText")
    if ordered:
        fmt.set(qn("w:val"), ORDERED_FORMATS[lvl])
        text.set(qn("w:val"), f"%{lvl + 1}" + (")" if lvl else "."))
    else:
        fmt.set(qn("w:val"), "bullet")
        text.set(qn("w:val"), BULLETS[lvl])
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
    return lv
