"""HTML writer: the document tree as one self-contained, accessible web page.

For publishing the concept on the administration's website (BITV 2.0): one file, lang="de",
exactly one h1 (the title), h2/h3/h4 following the heading levels without skipping one,
real lists, tables with header cells and scope, links, landmarks (header, main, footer).
No scripts, no external resources: the style sheet is inline, the logo a data: URI with
alternative text. Colours keep a contrast of at least 4.5:1 on white, whatever the clerk
chose as house colour.

``render_html_fragment`` gives the content alone (for pasting into a CMS editor),
``render_plain_text`` the same content as plain text.

A web page has no pages: it is laid out (``wizards.layout``) without title page and cover
sheet, and shows the title with its „Stand“/„Version“ lines at the top.
"""
from __future__ import annotations

import base64
import html
import re
from dataclasses import replace
from pathlib import Path

from wizards.atomic import atomic_write_bytes
from wizards.design import Design
from wizards.doctree import (
    BulletList,
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
    allowed_link,
    heading_label,
    plain_text,
)
from wizards.errors import ExportError
from wizards.layout import layout, title_page_lines

from .common import checked_image

LINK_COLOR = "#0563C1"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


# ------------------------------------------------------------------ colour


def _luminance(color: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(color: str) -> float:
    return 1.05 / (_luminance(color) + 0.05)


def readable_color(color: str) -> str:
    """The house colour, darkened just enough to be readable on white (≥ 4.5:1)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    factor = 1.0
    candidate = color.upper()
    while contrast_on_white(candidate) < MIN_CONTRAST and factor > 0:
        factor -= 0.05
        candidate = "#{:02X}{:02X}{:02X}".format(*(int(c * max(factor, 0)) for c in (r, g, b)))
    return candidate


def _css(color: str) -> str:
    return f"""
body {{ font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1rem; line-height: 1.5;
  color: #1A1A1A; background: #FFFFFF; margin: 0; }}
header, main, footer {{ max-width: 48rem; margin: 0 auto; padding: 0 1rem; }}
header {{ display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  border-bottom: 1px solid #A6A6A6; padding-top: 1rem; padding-bottom: .5rem; }}
header p {{ margin: 0; color: #595959; }}
header img {{ max-height: 4rem; width: auto; }}
footer {{ border-top: 1px solid #A6A6A6; margin-top: 2rem; padding-top: .5rem; padding-bottom: 1rem;
  color: #595959; font-size: .875rem; }}
h1, h2, h3, h4 {{ color: {color}; line-height: 1.25; }}
h1 {{ font-size: 1.75rem; margin: 1.5rem 0 .5rem; }}
h2 {{ font-size: 1.375rem; margin: 2rem 0 .5rem; }}
h3 {{ font-size: 1.125rem; margin: 1.5rem 0 .5rem; }}
h4 {{ font-size: 1rem; margin: 1.25rem 0 .25rem; }}
.subtitle, .meta {{ color: #595959; margin-top: 0; }}
.lead {{ font-size: 1.125rem; }}
.small {{ font-size: .875rem; color: #595959; }}
a {{ color: {LINK_COLOR}; }}
mark {{ background: #FFF200; color: #000000; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }}
th, td {{ border: 1px solid #A6A6A6; padding: .25rem .4rem; text-align: left; vertical-align: top; }}
th {{ background: {color}; color: #FFFFFF; }}
li > p {{ margin: .25rem 0; }}
nav ol {{ list-style: none; padding-left: 0; }}
nav ol ol {{ padding-left: 1.5rem; }}
@media print {{ header, footer {{ border: 0; }} a {{ color: #000000; }} }}
""".strip()


# ------------------------------------------------------------------ the page


def web_layout(document: Document, design: Design) -> Document:
    """The document laid out for one long page: no title page, no cover sheet."""
    return layout(document, replace(design, title_page=False, cover_sheet=dict(design.cover_sheet, enabled=False)))


class _Renderer:
    def __init__(self, document: Document, design: Design):
        self.document = web_layout(document, design)
        self.design = design
        self.ids: dict[str, str] = {}  # anchor -> HTML id
        used: set[str] = set()
        for i, block in enumerate(b for b in self.document.blocks if isinstance(b, Heading)):
            anchor = re.sub(r"[^A-Za-z0-9_-]", "-", block.anchor or "") or f"abschnitt-{i + 1}"
            if not anchor[0].isalpha():
                anchor = f"a-{anchor}"
            while anchor in used:
                anchor += "-"
            used.add(anchor)
            self.ids[block.anchor] = anchor
        self.rank = 1  # the rank of the last HTML heading; h1 is the title

    # ---------------------------------------------------------- inlines

    def inlines(self, nodes, links: bool = True) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(_esc(node.text).replace("\n", "<br>"))
            elif isinstance(node, Strong):
                out.append(f"<strong>{self.inlines(node.children, links)}</strong>")
            elif isinstance(node, Emph):
                out.append(f"<em>{self.inlines(node.children, links)}</em>")
            elif isinstance(node, Link):
                target = node.target.strip()
                inner = self.inlines(node.children, links) or _esc(target.removeprefix("mailto:"))
                if links and allowed_link(target):
                    out.append(f'<a href="{_esc(target)}">{inner}</a>')
                else:  # no javascript:, file: … on a public web page
                    out.append(inner)
            elif isinstance(node, Missing):
                out.append(f"<mark>[{_esc(node.label)}]</mark>")
            elif isinstance(node, LineBreak):
                out.append("<br>")
            else:  # pragma: no cover - the tree is closed
                raise ExportError(f"Unbekanntes Textelement {type(node).__name__}")
        return "".join(out)

    # ---------------------------------------------------------- blocks

    def heading_tag(self, level: int) -> str:
        """h2 for level 1, h3 for level 2, h4 for level 3 — never skipping a rank."""
        rank = min(max(level, 1) + 1, self.rank + 1, 6)
        self.rank = rank
        return f"h{rank}"

    def blocks(self, blocks) -> list[str]:
        out: list[str] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block) -> list[str]:
        if isinstance(block, Title):
            return []  # rendered once, as the h1 (see page)
        if isinstance(block, Heading):
            tag = self.heading_tag(block.level)
            number = f"{_esc(block.number)} " if block.number else ""
            return [f'<{tag} id="{self.ids[block.anchor]}">{number}{self.inlines(block.text)}</{tag}>']
        if isinstance(block, Paragraph):
            css = f' class="{block.style}"' if block.style in ("lead", "small") else ""
            return [f"<p{css}>{self.inlines(block.content)}</p>"]
        if isinstance(block, BulletList):
            return [self.bullet_list(block)]
        if isinstance(block, Table):
            return [self.table(block.header, block.rows)]
        if isinstance(block, TableOfContents):
            return self.table_of_contents(block)
        if isinstance(block, PageBreak):
            return []  # a web page has no pages
        raise ExportError(f"Unbekannter Abschnittstyp {type(block).__name__}")  # pragma: no cover

    def bullet_list(self, block: BulletList) -> str:
        tag = "ol" if block.ordered else "ul"
        items = []
        for item in block.items:
            if len(item) == 1 and isinstance(item[0], Paragraph):
                items.append(f"<li>{self.inlines(item[0].content)}</li>")
            else:
                items.append("<li>" + "".join(self.blocks(item)) + "</li>")
        return f"<{tag}>" + "".join(items) + f"</{tag}>"

    def table(self, header, rows) -> str:
        cols = max([len(header)] + [len(r) for r in rows] + [1])
        parts = ["<table>"]
        if header:
            cells = []
            for i in range(cols):
                text = self.inlines(header[i]) if i < len(header) else ""
                # an empty header cell is no header (screen readers would announce nothing)
                cells.append(f'<th scope="col">{text}</th>' if text.strip() else "<td></td>")
            parts.append("<thead><tr>" + "".join(cells) + "</tr></thead>")
        parts.append("<tbody>")
        for row in rows:
            cells = [f"<td>{self.inlines(row[i]) if i < len(row) else ''}</td>" for i in range(cols)]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
        return "".join(parts)

    def table_of_contents(self, toc: TableOfContents) -> list[str]:
        entries = []
        for entry in toc.entries:
            label = (_esc(f"{entry.number} {plain_text(entry.text)}") if entry.number
                     else self.inlines(entry.text, links=False))
            entries.append((entry.level, f'<a href="#{self.ids[entry.anchor]}">{label}</a>'))
        if not entries:
            return []
        tag = self.heading_tag(1)
        return [f'<nav aria-labelledby="inhalt"><{tag} id="inhalt">{_esc(toc.title)}</{tag}>',
                _nested_list(entries), "</nav>"]

    # ---------------------------------------------------------- page parts

    def title(self) -> list[str]:
        title = next((b for b in self.document.blocks if isinstance(b, Title)), None)
        out = [f"<h1>{self.inlines(title.text) if title else _esc(self.document.meta.title)}</h1>"]
        if title is not None and title.subtitle:
            out.append(f'<p class="subtitle">{self.inlines(title.subtitle)}</p>')
        lines = title_page_lines(self.document.meta, self.design, title)
        if lines:
            out.append('<p class="meta">' + "<br>".join(_esc(line) for line in lines) + "</p>")
        return out

    def content(self) -> list[str]:
        return self.title() + self.blocks(self.document.blocks)

    def banner(self) -> str:
        furniture = self.document.furniture
        name, logo = furniture.header_left, furniture.header_logo
        if not name and logo is None:
            return ""
        parts = ["<header>"]
        if name:
            parts.append(f"<p>{_esc(name)}</p>")
        if logo is not None:
            parts.append(f'<img src="{_data_uri(checked_image(logo.path))}" alt="{_esc(logo.alt)}">')
        parts.append("</header>")
        return "".join(parts)

    def footer(self) -> str:
        meta = self.document.meta
        bits = [_esc(meta.title)]
        if meta.author:
            bits.append(_esc(meta.author))
        return "<footer><p>" + " · ".join(bits) + "</p></footer>"


def _nested_list(entries: list[tuple[int, str]]) -> str:
    """Level-1 entries with their level-2 entries as a nested list."""
    out = ["<ol>"]
    open_sub = False
    for i, (level, link) in enumerate(entries):
        if level >= 2 and i > 0:
            if not open_sub:
                out[-1] = out[-1].removesuffix("</li>")
                out.append("<ol>")
                open_sub = True
            out.append(f"<li>{link}</li>")
        else:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            out.append(f"<li>{link}</li>")
    if open_sub:
        out.append("</ol></li>")
    out.append("</ol>")
    return "".join(out)


def _data_uri(logo: Path) -> str:
    try:
        data = logo.read_bytes()
    except OSError as exc:
        raise ExportError(f"Das Logo „{logo.name}“ kann nicht gelesen werden: {exc.strerror or exc}") from exc
    mime = _IMAGE_TYPES.get(logo.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# ------------------------------------------------------------------ public API


def render_html_fragment(document: Document, design: Design | None = None) -> str:
    """The content (title and text) without page frame: for pasting into a CMS."""
    return "\n".join(_Renderer(document, design or Design()).content()) + "\n"


def render_html(document: Document, design: Design | None = None) -> str:
    design = design or Design()
    renderer = _Renderer(document, design)
    meta = renderer.document.meta
    lang = (meta.language or "de-DE").split("-")[0] or "de"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(meta.title)}</title>",
    ]
    if meta.author:
        head.append(f'<meta name="author" content="{_esc(meta.author)}">')
    if meta.subject:
        head.append(f'<meta name="description" content="{_esc(meta.subject)}">')
    if meta.keywords:
        head.append(f'<meta name="keywords" content="{_esc(", ".join(meta.keywords))}">')
    head.append('<meta name="generator" content="Konzeptassistent">')
    head.append(f"<style>\n{_css(readable_color(design.color))}\n</style>")
    head.append("</head>")
    body = ["<body>", renderer.banner(), "<main>", *renderer.content(), "</main>", renderer.footer(), "</body>",
            "</html>"]
    return "\n".join(line for line in head + body if line) + "\n"


def render_plain_text(document: Document, design: Design | None = None) -> str:
    """The content as plain text (for the clipboard next to the HTML)."""
    lines: list[str] = []
    title = next((b for b in document.blocks if isinstance(b, Title)), None)
    lines.append(plain_text(title.text) if title else document.meta.title)
    if title is not None and title.subtitle:
        lines.append(plain_text(title.subtitle))
    _text_blocks(document.blocks, lines, "")
    return "\n".join(lines).strip() + "\n"


def _text_blocks(blocks, lines: list[str], indent: str) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["", heading_label(block)]
        elif isinstance(block, Paragraph):
            lines += ["", indent + plain_text(block.content)] if not indent else [indent + plain_text(block.content)]
        elif isinstance(block, BulletList):
            if not indent:
                lines.append("")
            for i, item in enumerate(block.items, 1):
                marker = f"{i}. " if block.ordered else "• "
                sub: list[str] = []
                _text_blocks(item, sub, indent + "   ")
                sub = [s for s in sub if s.strip()]
                if sub:
                    sub[0] = indent + marker + sub[0].lstrip()
                lines += sub
        elif isinstance(block, Table):
            lines.append("")
            for row in ((block.header,) if block.header else ()) + tuple(block.rows):
                lines.append(indent + " | ".join(plain_text(c) for c in row))


def write_html(document: Document, target, design: Design | None = None) -> None:
    data = render_html(document, design).encode("utf-8")
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ExportError(f"Die HTML-Datei „{target}“ kann nicht gespeichert werden: {exc.strerror or exc}") from exc
