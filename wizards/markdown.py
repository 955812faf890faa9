"""Markdown (the texts' storage format) to document-tree blocks, and back.

A deliberately small Markdown: paragraphs, bullet and numbered lists, bold, italic,
links, GFM tables, ``###`` sub-headings. No raw HTML, no code blocks, no images: a
clerk's text never turns into something they did not type.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from . import doctree as dt
from .sanitize import MISSING_CLOSE, MISSING_OPEN

_MD = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .disable(["code", "fence", "lheading", "hr", "html_block", "html_inline", "image", "blockquote"])
)
_MISSING = re.compile(f"{MISSING_OPEN}(.*?){MISSING_CLOSE}", re.S)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _text_nodes(text: str) -> list[dt.Inline]:
    out: list[dt.Inline] = []
    pos = 0
    for m in _MISSING.finditer(text):
        if m.start() > pos:
            out.append(dt.Text(text[pos:m.start()]))
        out.append(dt.Missing(m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(dt.Text(text[pos:]))
    return out


def _merge(inlines: list[dt.Inline]) -> tuple[dt.Inline, ...]:
    merged: list[dt.Inline] = []
    for node in inlines:
        if isinstance(node, dt.Text) and merged and isinstance(merged[-1], dt.Text):
            merged[-1] = dt.Text(merged[-1].text + node.text)
        elif not (isinstance(node, dt.Text) and not node.text):
            merged.append(node)
    return tuple(merged)


def _inlines(node: SyntaxTreeNode) -> tuple[dt.Inline, ...]:
    out: list[dt.Inline] = []
    for child in node.children:
        t = child.type
        if t == "text" or t == "code_inline":
            out.extend(_text_nodes(child.content))
        elif t == "softbreak":
            out.append(dt.Text(" "))
        elif t == "hardbreak":
            out.append(dt.LineBreak())
        elif t == "strong":
            out.append(dt.Strong(_inlines(child)))
        elif t == "em":
            out.append(dt.Emph(_inlines(child)))
        elif t == "link":
            href = str(child.attrs.get("href", ""))
            content = _inlines(child)
            if href.lower().startswith(_SAFE_SCHEMES):
                out.append(dt.Link(href, content))
            else:  # javascript:, file:, relative … : keep the words, drop the link
                out.extend(content)
        elif t == "inline":
            out.extend(_inlines(child))
        else:  # unknown inline: keep its text
            out.extend(_text_nodes(child.content or ""))
    return _merge(out)


def _blocks(node: SyntaxTreeNode, heading_level: int) -> list[dt.Block]:
    blocks: list[dt.Block] = []
    for child in node.children:
        t = child.type
        if t == "paragraph":
            content = _inlines(child.children[0]) if child.children else ()
            if content:
                blocks.append(dt.Paragraph(content))
        elif t == "heading":
            blocks.append(dt.Heading(heading_level, _inlines(child.children[0])))
        elif t in ("bullet_list", "ordered_list"):
            items = tuple(tuple(_blocks(item, heading_level)) for item in child.children)
            blocks.append(dt.BulletList(items, ordered=(t == "ordered_list")))
        elif t == "table":
            header: tuple = ()
            rows: list = []
            for part in child.children:
                for tr in part.children:
                    cells = tuple(_inlines(cell.children[0]) if cell.children else () for cell in tr.children)
                    if part.type == "thead":
                        header = cells
                    else:
                        rows.append(cells)
            blocks.append(dt.Table(header, tuple(rows)))
        else:
            blocks.extend(_blocks(child, heading_level))
    return blocks


def to_blocks(markdown: str, heading_level: int = 3) -> tuple[dt.Block, ...]:
    """Parse Markdown into blocks; ``###`` headings become unnumbered sub-headings."""
    tree = SyntaxTreeNode(_MD.parse(markdown))
    return tuple(_blocks(tree, heading_level))


def to_inlines(markdown: str) -> tuple[dt.Inline, ...]:
    """Parse one line of Markdown (a title, a heading) into inlines."""
    blocks = to_blocks(markdown.replace("\n", " "))
    result: list[dt.Inline] = []
    for block in blocks:
        if isinstance(block, dt.Paragraph):
            if result:
                result.append(dt.Text(" "))
            result.extend(block.content)
        elif isinstance(block, dt.Heading):
            result.extend(block.text)
        else:  # a line that parses as a list or table ("1. …"): keep it literally
            return plain_inlines(markdown.strip())
    return _merge(result)


def plain_inlines(text: str) -> tuple[dt.Inline, ...]:
    """Text taken literally (a heading the clerk typed), markers kept."""
    return _merge(_text_nodes(" ".join(text.split())))


def missing_in(tree) -> list[str]:
    """Labels of the missing values in inlines, blocks or any part of a document tree, in reading order."""
    return [node.label for node in dt.nodes(tuple(tree)) if isinstance(node, dt.Missing)]


def missing_in_blocks(blocks) -> list[str]:
    return missing_in(blocks)


# In the editor a missing value shows as „[[label]]“; the internal marker is restored on save.
_EDITOR_MARKER = re.compile(r"\\?\[\\?\[(.+?)\\?\]\\?\]")


def markers_to_editor(markdown: str) -> str:
    return _MISSING.sub(lambda m: f"[[{m.group(1)}]]", markdown)


def markers_from_editor(markdown: str) -> str:
    return _EDITOR_MARKER.sub(lambda m: f"{MISSING_OPEN}{m.group(1)}{MISSING_CLOSE}", markdown)
