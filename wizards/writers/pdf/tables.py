"""Tables: cells as paragraphs, header row in the house colour, column widths by content or as given."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from wizards.doctree import Table, Text, plain_text

from .fonts import markup
from .styles import RULE, TEXT_W


def table(story, block: Table) -> list[Flowable]:
    """The table, with its caption kept together with it when it has one.

    ``story`` is the ``story.Story`` being built (its paragraphs, font family, design, styles).
    """
    cols = max([len(block.header)] + [len(r) for r in block.rows] + [1])
    if cols > MAX_COLUMNS:  # narrower than a word: one line per row instead, nothing lost
        rows = ((block.header,) if block.header else ()) + tuple(block.rows)
        return [story.para(_joined(row), "cell-head" if i == 0 and block.header else "body")
                for i, row in enumerate(rows)]
    data = []
    if block.header:
        data.append([story.para(block.header[i] if i < len(block.header) else (), "cell-head") for i in range(cols)])
    for row in block.rows:
        data.append([story.paras(row[i] if i < len(row) else (), "cell") for i in range(cols)])
    if block.widths:
        total = sum(block.widths)
        col_widths = [TEXT_W * w / total for w in block.widths]
    else:
        col_widths = _column_widths(block, cols, _longest_words(story, block, cols))
    rl_table = RLTable(data, colWidths=col_widths, repeatRows=1 if block.header else 0, hAlign="LEFT", splitByRow=1,
                       splitInRow=1)  # a cell taller than a page continues on the next
    style = [
        ("FONTNAME", (0, 0), (-1, -1), story.family),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if block.header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(story.design.color)))
    rl_table.setStyle(TableStyle(style))
    if block.caption:
        caption = RLParagraph(f"<b>{markup(block.caption, story.family)}</b>", story.s["meta"])
        return [KeepTogether([caption, rl_table])]
    return [rl_table]


MAX_COLUMNS = 12  # at 16 cm text width a column is then still 1.3 cm wide


def _joined(row) -> tuple:
    out: list = []
    for i, cell in enumerate(row):
        if i:
            out.append(Text(" | "))
        out.extend(cell)
    return tuple(out)


def _longest_words(story, block: Table, cols: int) -> list[float]:
    """Per column the width of its longest word (header in its bold style), padding included."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    longest = [0.0] * cols
    rows = [(block.header, story.s["cell-head"])] if block.header else []
    rows += [(row, story.s["cell"]) for row in block.rows]
    for row, style in rows:
        for i, cell in enumerate(row[:cols]):
            for word in plain_text(cell).split():
                longest[i] = max(longest[i], stringWidth(word, style.fontName, style.fontSize))
    return [w + 11 for w in longest]  # 5 pt padding either side, and a point to spare


def _column_widths(block: Table, cols: int, floors=()) -> list[float]:
    """Widths proportional to the longest text per column, within sensible bounds; a column is never
    narrower than its longest word (``floors``, up to a third of the text width), so no word breaks."""
    lengths = [4] * cols
    for row in ((block.header,) if block.header else ()) + tuple(block.rows):
        for i, cell in enumerate(row[:cols]):
            lengths[i] = max(lengths[i], min(len(plain_text(cell)), 60))
    total = sum(lengths)
    widths = [max(TEXT_W * n / total, TEXT_W * 0.12) for n in lengths]
    scale = TEXT_W / sum(widths)
    widths = [w * scale for w in widths]
    floors = [min(f, TEXT_W / 3) for f in floors] or [0.0] * cols
    short = {i for i in range(cols) if widths[i] < floors[i]}
    if short and sum(floors[i] for i in short) < TEXT_W * 0.8:
        rest = TEXT_W - sum(floors[i] for i in short)
        others = sum(widths[i] for i in range(cols) if i not in short)
        widths = [floors[i] if i in short else widths[i] * rest / others for i in range(cols)]
    return widths
