"""Markdown (the texts' storage format) to document-tree blocks, and back.

A deliberately small Markdown: paragraphs, bullet and numbered lists, bold, italic,
links, GFM tables, ``###`` sub-headings, hard line breaks. No raw HTML, no code blocks,
no images: a clerk's text never turns into something they did not type.

Both directions work on flat token streams with explicit stacks (no recursion), so any
nesting or any number of ``*`` parses in linear time. ``from_blocks`` writes Markdown that
``to_blocks`` reads back to the same tree (after ``normalize_blocks``): the editor stores
what it shows, and ``_Presse_`` or ``__init__`` typed literally stay literal.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from markdown_it import MarkdownIt

from . import doctree as dt
from .sanitize import MISSING_CLOSE, MISSING_OPEN

_MD = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .disable(["code", "fence", "lheading", "hr", "html_block", "html_inline", "image", "blockquote"])
)
_MISSING = re.compile(f"{MISSING_OPEN}(.*?){MISSING_CLOSE}", re.S)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Lists deeper than this are flattened into the deepest allowed level: no office
# document nests further, and the PDF layout cannot.
MAX_LIST_DEPTH = 6


# ---------------------------------------------------------------- reading


def _text_nodes(text: str) -> list[dt.Inline]:
    out: list[dt.Inline] = []
    pos = 0
    for m in _MISSING.finditer(text):
        if m.start() > pos:
            out.append(_stray_markers_removed(text[pos:m.start()]))
        out.append(dt.Missing(m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(_stray_markers_removed(text[pos:]))
    return out


def _stray_markers_removed(text: str) -> dt.Text:
    return dt.Text(text.replace(MISSING_OPEN, "").replace(MISSING_CLOSE, ""))


_OPENERS = {"strong_open": dt.Strong, "em_open": dt.Emph, "link_open": dt.Link}
_CLOSERS = {"strong_close", "em_close", "link_close"}


def _inlines(tokens) -> tuple[dt.Inline, ...]:
    """Inline tokens to inlines. Bold inside bold (``****x****``) is just bold, so the
    tree is at most three deep however many delimiters the text has."""
    root: list[dt.Inline] = []
    stack: list[tuple[type | None, str, list]] = []  # (node type or None = transparent, href, children)
    open_kinds: dict[type, int] = {}
    for token in tokens:
        kind = token.type
        target = stack[-1][2] if stack else root
        if kind == "softbreak":
            target.append(dt.Text(" "))
        elif kind == "hardbreak":
            target.append(dt.LineBreak())
        elif kind in _OPENERS:
            node = _OPENERS[kind]
            href = str(token.attrs.get("href", "")) if node is dt.Link else ""
            if open_kinds.get(node) or (node is dt.Link and not href.lower().startswith(_SAFE_SCHEMES)):
                # nested same kind, or javascript:/file:/relative links: keep the words only
                stack.append((None, "", target))
            else:
                stack.append((node, href, []))
                open_kinds[node] = 1
        elif kind in _CLOSERS:
            if not stack:
                continue
            node, href, children = stack.pop()
            if node is None:
                continue
            open_kinds[node] = 0
            outer = stack[-1][2] if stack else root
            outer.append(dt.Link(href, tuple(children)) if node is dt.Link else node(tuple(children)))
        else:  # text, escapes, entities, code spans, anything unknown: its text
            target.extend(_text_nodes(token.content or ""))
    while stack:  # unbalanced (cannot happen with markdown-it): keep the words
        node, _href, children = stack.pop()
        if node is not None:
            (stack[-1][2] if stack else root).extend(children)
    return normalize_inlines(root)


def to_blocks(markdown: str, heading_level: int = 3) -> tuple[dt.Block, ...]:
    """Parse Markdown into blocks; ``###`` headings become unnumbered sub-headings.

    Empty list items and empty lists are left out; lists deeper than ``MAX_LIST_DEPTH``
    continue at that depth.
    """
    root: list[dt.Block] = []
    stack: list[dict] = [{"blocks": root}]
    depth = 0
    pending = ""
    tokens = _MD.parse(markdown)
    if any(token.level >= _MD.options["maxNesting"] - 1 for token in tokens):
        # markdown-it stops at its nesting limit and drops the rest: keep every line as it is
        return tuple(dt.Paragraph(plain_inlines(line)) for line in markdown.splitlines() if line.strip())
    for token in tokens:
        kind = token.type
        if kind in ("paragraph_open", "heading_open", "th_open", "td_open"):
            pending = kind
        elif kind == "inline":
            content = _inlines(token.children or [])
            if pending in ("th_open", "td_open"):
                stack[-1]["row"].append(content)
            elif content:
                target = next(f["blocks"] for f in reversed(stack) if "blocks" in f)
                target.append(dt.Heading(heading_level, content) if pending == "heading_open"
                              else dt.Paragraph(content))
            pending = ""
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if depth >= MAX_LIST_DEPTH:
                into = next(f for f in reversed(stack) if "items" in f and not f.get("flat"))
                stack.append({"flat": True, "items": into["items"]})
            else:
                stack.append({"items": [], "ordered": kind == "ordered_list_open"})
                depth += 1
        elif kind == "list_item_open":
            item: list[dt.Block] = []
            stack[-1]["items"].append(item)
            stack.append({"blocks": item})
        elif kind in ("list_item_close", "table_close", "bullet_list_close", "ordered_list_close"):
            frame = stack.pop()
            target = next(f["blocks"] for f in reversed(stack) if "blocks" in f)
            if kind == "table_close":
                target.append(dt.Table(frame["header"], tuple(frame["rows"])))
            elif kind != "list_item_close" and not frame.get("flat"):
                depth -= 1
                items = tuple(tuple(item) for item in frame["items"] if item)
                if items:
                    target.append(dt.BulletList(items, ordered=frame["ordered"]))
        elif kind == "table_open":
            stack.append({"header": (), "rows": [], "row": [], "head": False})
        elif kind in ("thead_open", "thead_close"):
            stack[-1]["head"] = kind == "thead_open"
        elif kind == "tr_open":
            stack[-1]["row"] = []
        elif kind == "tr_close":
            frame = stack[-1]
            if frame["head"]:
                frame["header"] = tuple(frame["row"])
            else:
                frame["rows"].append(tuple(frame["row"]))
    return tuple(root)


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
    return normalize_inlines(result)


def plain_inlines(text: str) -> tuple[dt.Inline, ...]:
    """Text taken literally (a heading the clerk typed), markers kept."""
    return normalize_inlines(_text_nodes(" ".join(text.split())))


# ---------------------------------------------------------------- normal form
#
# Two trees that look the same (``**[a](u)**`` and ``[**a**](u)``, ``***a***`` as bold in
# italic or italic in bold) have one normal form: the text is first flattened into runs
# that each carry their look, then grouped again in one fixed way.

_SPACE = " \t"
_EDGE_SPACES = re.compile(r"([ \t]*)(.*?)([ \t]*)", re.S)  # spaces inside one text share its look


class Run(tuple):
    """One piece of text (str, or a LineBreak/Missing node) with its look."""

    __slots__ = ()

    def __new__(cls, piece, bold: bool = False, italic: bool = False, href: str = ""):
        return tuple.__new__(cls, (piece, bold, italic, href))

    piece = property(itemgetter(0))
    bold = property(itemgetter(1))
    italic = property(itemgetter(2))
    href = property(itemgetter(3))


def _safe_href(target: str) -> str:
    target = _MD.normalizeLink(target.strip()) if target.strip() else ""
    return target if target.lower().startswith(_SAFE_SCHEMES) else ""


def runs_of(inlines) -> list[Run]:
    """The look of inlines as flat runs, in normal form (see module comment)."""
    return list(_runs_of(tuple(inlines)))


@lru_cache(maxsize=8192)
def _runs_of(inlines: tuple) -> tuple[Run, ...]:
    """runs_of, cached: the editor converts the same paragraphs on every save."""
    flat: list[Run] = []
    stack = [(iter(inlines), False, False, "")]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            stack.pop()
            continue
        _it, bold, italic, href = stack[-1]
        if isinstance(node, dt.Strong):
            stack.append((iter(node.children), True, italic, href))
        elif isinstance(node, dt.Emph):
            stack.append((iter(node.children), bold, True, href))
        elif isinstance(node, dt.Link):  # a link inside a link: the outer one counts
            stack.append((iter(node.children), bold, italic, href or _safe_href(node.target)))
        elif isinstance(node, dt.Text):
            # spaces and words apart: a space is only bold between bold words
            flat.extend(Run(part, bold, italic, href) for part in _EDGE_SPACES.fullmatch(node.text).groups() if part)
        elif isinstance(node, dt.LineBreak):
            flat.append(Run(node, False, False, href))
        else:
            flat.append(Run(node, bold, italic, href))
    # no spaces at the edges of a paragraph or around a line break
    keep = [True] * len(flat)
    for i, run in enumerate(flat):
        if isinstance(run.piece, str) and not run.piece.strip(_SPACE):
            before = flat[i - 1].piece if i > 0 else None
            after = flat[i + 1].piece if i + 1 < len(flat) else None
            if before is None or after is None or isinstance(before, dt.LineBreak) or isinstance(after, dt.LineBreak):
                keep[i] = False
    flat = [run for run, k in zip(flat, keep) if k]
    while flat and isinstance(flat[0].piece, dt.LineBreak):
        flat.pop(0)
    while flat and isinstance(flat[-1].piece, dt.LineBreak):
        flat.pop()
    out: list[Run] = []
    for i, run in enumerate(flat):
        if isinstance(run.piece, (str, dt.LineBreak)) and (not isinstance(run.piece, str) or not run.piece.strip(_SPACE)):
            before = flat[i - 1] if i > 0 else Run("")
            after = flat[i + 1] if i + 1 < len(flat) else Run("")
            run = Run(run.piece, run.bold and before.bold and after.bold and not isinstance(run.piece, dt.LineBreak),
                      run.italic and before.italic and after.italic and not isinstance(run.piece, dt.LineBreak),
                      run.href if run.href and before.href == run.href == after.href or
                      (run.href and isinstance(run.piece, str) and run.href in (before.href, after.href)) else "")
        out.append(run)
    # a link without words is no link
    i = 0
    while i < len(out):
        if out[i].href:
            j = i
            while j < len(out) and out[j].href == out[i].href:
                j += 1
            if all(isinstance(r.piece, dt.LineBreak) or (isinstance(r.piece, str) and not r.piece.strip())
                   for r in out[i:j]):
                out[i:j] = [Run(r.piece, r.bold, r.italic, "") for r in out[i:j]]
            else:  # nor does it start or end with a line break
                k = i
                while k < j and isinstance(out[k].piece, dt.LineBreak):
                    out[k] = Run(out[k].piece, False, False, "")
                    k += 1
                k = j - 1
                while k >= i and isinstance(out[k].piece, dt.LineBreak):
                    out[k] = Run(out[k].piece, False, False, "")
                    k -= 1
            i = j
        else:
            i += 1
    merged: list[Run] = []
    for run in out:
        last = merged[-1] if merged else None
        if last is not None and isinstance(run.piece, str) and isinstance(last.piece, str) and last[1:] == run[1:]:
            merged[-1] = Run(last.piece + run.piece, *run[1:])
        else:
            merged.append(run)
    return tuple(merged)


def _extent(runs: list[Run], start: int, attr: int) -> int:
    end = start
    while end < len(runs) and runs[end][attr]:
        end += 1
    return end


def group_runs(runs: list[Run], outer: str = "longest") -> tuple[dt.Inline, ...]:
    """Runs back into a tree: links outermost, then bold/italic (``outer`` says which
    encloses the other where both could)."""
    out: list[dt.Inline] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if run.href:
            j = i
            while j < len(runs) and runs[j].href == run.href:
                j += 1
            out.append(dt.Link(run.href, group_runs([Run(r.piece, r.bold, r.italic) for r in runs[i:j]], outer)))
            i = j
            continue
        attrs = [a for a in (1, 2) if run[a]]
        if not attrs:
            piece = run.piece
            out.append(dt.Text(piece) if isinstance(piece, str) else piece)
            i += 1
            continue
        if len(attrs) == 2 and outer != "longest":
            attr = 1 if outer == "bold" else 2
        else:
            attr = max(attrs, key=lambda a: (_extent(runs, i, a), a))
        j = _extent(runs, i, attr)
        inner = [Run(r.piece, r.bold and attr != 1, r.italic and attr != 2, r.href) for r in runs[i:j]]
        out.append((dt.Strong if attr == 1 else dt.Emph)(group_runs(inner, outer)))
        i = j
    merged: list[dt.Inline] = []
    for node in out:
        if isinstance(node, dt.Text) and merged and isinstance(merged[-1], dt.Text):
            merged[-1] = dt.Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def normalize_inlines(inlines) -> tuple[dt.Inline, ...]:
    """The one tree for a look: spaces off the edges of bold/italic (``**a **`` would
    not be bold in Markdown), no bold inside bold, only safe links, nothing empty."""
    plain = _plain_normal_form(inlines)
    return plain if plain is not None else group_runs(runs_of(inlines))


def _plain_normal_form(inlines) -> tuple[dt.Inline, ...] | None:
    """The normal form of plain text (most paragraphs) without splitting it into runs:
    only the spaces at the paragraph's edges go. None if the inlines are not that simple
    (any look, link or line break, or two text nodes in a row)."""
    nodes = list(inlines)
    previous = None
    for node in nodes:
        kind = type(node)
        if kind is not dt.Text and kind is not dt.Missing or kind is dt.Text and previous is dt.Text:
            return None
        previous = kind
    if nodes and type(nodes[0]) is dt.Text:
        nodes[0] = dt.Text(nodes[0].text.lstrip(_SPACE))
    if nodes and type(nodes[-1]) is dt.Text:
        nodes[-1] = dt.Text(nodes[-1].text.rstrip(_SPACE))
    return tuple(node for node in nodes if type(node) is not dt.Text or node.text)


def normalize_blocks(blocks) -> tuple[dt.Block, ...]:
    """Blocks as ``to_blocks`` would read them back: no empty paragraphs, items or lists."""
    out: list[dt.Block] = []
    for block in blocks:
        if isinstance(block, dt.Paragraph):
            content = normalize_inlines(block.content)
            if content:
                out.append(dt.Paragraph(content))
        elif isinstance(block, dt.Heading):  # bold in a heading that is bold anyway says nothing
            text = group_runs([Run(r.piece, False, r.italic, r.href) for r in runs_of(_no_breaks(block.text))])
            if text:
                out.append(dt.Heading(block.level, text))
        elif isinstance(block, dt.BulletList):
            items = tuple(item for item in (normalize_blocks(i) for i in block.items) if item)
            if items:
                out.append(dt.BulletList(items, block.ordered))
        elif isinstance(block, dt.Table):
            width = max([len(block.header)] + [len(r) for r in block.rows]) or 1

            def cells(row):
                return tuple(normalize_inlines(_no_breaks(c)) for c in row) + ((),) * (width - len(row))
            out.append(dt.Table(cells(block.header), tuple(cells(r) for r in block.rows)))
        else:
            out.append(block)
    return tuple(out)


def _no_breaks(inlines):
    """A heading or table cell holds one line: a line break there becomes a space."""
    return tuple(dt.Text(" ") if isinstance(r.piece, dt.LineBreak) else
                 dt.Link(r.href, _styled(r)) if r.href else _styled(r)[0]
                 for r in runs_of(inlines))


def _styled(run: Run) -> tuple[dt.Inline]:
    node = dt.Text(run.piece) if isinstance(run.piece, str) else run.piece
    if run.bold:
        node = dt.Strong((node,))
    if run.italic:
        node = dt.Emph((node,))
    return (node,)


# ---------------------------------------------------------------- writing

_ESCAPE = re.compile(r"([\\`*_\[\]<|#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LIST_START = re.compile(r"^([-+])(?=[ \t]|$)|^(\d{1,9})([.)])(?=[ \t]|$)")


def _escape(text: str) -> str:
    return _ENTITY.sub(r"\\&", _ESCAPE.sub(r"\\\1", text))


def _href(target: str) -> str:
    if re.search(r"[\s()<>]", target):
        return "<" + re.sub(r"([\\<>])", r"\\\1", target) + ">"
    return target.replace("\\", "\\\\")


def _write_tree(inlines) -> str:
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, dt.Text):
            parts.append(_escape(node.text))
        elif isinstance(node, dt.LineBreak):
            parts.append("\\\n")
        elif isinstance(node, dt.Missing):
            parts.append(MISSING_OPEN + _escape(node.label) + MISSING_CLOSE)
        elif isinstance(node, dt.Strong):
            parts.append("**" + _write_tree(node.children) + "**")
        elif isinstance(node, dt.Emph):
            parts.append("*" + _write_tree(node.children) + "*")
        elif isinstance(node, dt.Link):
            parts.append("[" + _write_tree(node.children) + "](" + _href(node.target) + ")")
    text = "".join(parts)
    return "\n".join(_LIST_START.sub(lambda m: "\\" + m.group(0) if m.group(1) else m.group(2) + "\\" + m.group(3), line)
                     for line in text.split("\n"))


def _read_runs(markdown: str) -> list[Run] | None:
    blocks = to_blocks(markdown)
    if not blocks:
        return []
    if len(blocks) == 1 and isinstance(blocks[0], dt.Paragraph):
        return runs_of(blocks[0].content)
    return None


def _plain_spaces(runs: list[Run]) -> list[Run]:
    """Spaces lose bold/italic (nobody sees it): ``*a* **b**`` instead of delimiter soup."""
    out: list[Run] = []
    for r in runs:
        for part in re.split(r"(\s+)", r.piece) if isinstance(r.piece, str) else [r.piece]:
            if part != "":
                plain = isinstance(part, str) and not part.strip()
                out.append(Run(part, r.bold and not plain, r.italic and not plain, r.href))
    return runs_of(group_runs(out))


def _plain_edge_punctuation(runs: list[Run]) -> list[Run]:
    """Punctuation at the edge of a bold/italic stretch loses it: ``**Hallo**.x``."""
    out: list[Run] = []
    for i, r in enumerate(runs):
        if not isinstance(r.piece, str) or not (r.bold or r.italic):
            out.append(r)
            continue
        before = runs[i - 1] if i > 0 else Run("")
        after = runs[i + 1] if i + 1 < len(runs) else Run("")
        m = re.fullmatch(r"([^\w\s]*)(.*?)([^\w\s]*)", r.piece, re.S)
        lead, middle, trail = m.groups()
        if lead and (before.bold, before.italic) != (r.bold, r.italic):
            out.append(Run(lead, False, False, r.href))
        else:
            middle = lead + middle
        if trail and (after.bold, after.italic) != (r.bold, r.italic):
            out.extend([Run(middle, r.bold, r.italic, r.href), Run(trail, False, False, r.href)])
        else:
            out.append(Run(middle + trail, r.bold, r.italic, r.href))
    return runs_of(group_runs([r for r in out if r.piece != ""]))


def write_inlines(inlines) -> str:
    """Inlines as Markdown that reads back to the same look. Where Markdown has no way to
    say it (bold ending in a full stop right before a letter: ``**Hallo.**x``) the
    punctuation, else the bold/italic of that part, is given up: the words always survive."""
    return _write_runs(tuple(runs_of(inlines)))


@lru_cache(maxsize=4096)
def _write_runs(attempt: tuple) -> str:
    """write_inlines for runs; cached, so saving a long text costs only its changed paragraphs."""
    attempt = list(attempt)
    if not any(r[1] or r[2] for r in attempt):
        return _write_tree(group_runs(attempt))  # no bold/italic: escaping alone reads back the same
    steps = [lambda runs: runs, _plain_spaces, _plain_edge_punctuation]
    while True:
        if steps:
            attempt = steps.pop(0)(attempt)
        else:  # give up one bold or italic stretch at a time, from the start
            first = next((i for i, r in enumerate(attempt) if r.bold or r.italic), None)
            if first is None:
                return _write_tree(group_runs(attempt))
            attr = 1 if attempt[first].bold else 2
            end = _extent(attempt, first, attr)
            attempt = runs_of(group_runs([Run(*(v and not (a == attr and first <= i < end) if a in (1, 2) else v
                                                 for a, v in enumerate(r))) for i, r in enumerate(attempt)]))
        for outer in ("longest", "italic", "bold"):
            markdown = _write_tree(group_runs(attempt, outer))
            if _read_runs(markdown) == attempt:
                return markdown


def from_blocks(blocks) -> str:
    """Markdown for blocks (the editor's save format); ``to_blocks`` reads it back."""
    return "\n\n".join(_write_blocks(normalize_blocks(blocks))) + "\n"


def _write_blocks(blocks) -> list[str]:
    chunks: list[str] = []
    previous = None  # (ordered, alternate) of the list just written
    for block in blocks:
        if isinstance(block, dt.BulletList):
            # two lists in a row need different markers, or Markdown joins them
            alternate = previous == (block.ordered, False)
            lines: list[str] = []
            for number, item in enumerate(block.items, 1):
                marker = f"{number}{')' if alternate else '.'} " if block.ordered else ("* " if alternate else "- ")
                body = "\n\n".join(_write_blocks(item)).split("\n")
                lines.append(marker + body[0])
                lines.extend((" " * len(marker) + line) if line else "" for line in body[1:])
            chunks.append("\n".join(lines))
            previous = (block.ordered, alternate)
            continue
        previous = None
        if isinstance(block, dt.Paragraph):
            chunks.append(write_inlines(block.content))
        elif isinstance(block, dt.Heading):
            chunks.append("### " + write_inlines(block.text))
        elif isinstance(block, dt.Table):
            def row(cells):
                return "| " + " | ".join(write_inlines(c) for c in cells) + " |"
            chunks.append("\n".join([row(block.header), "|" + " --- |" * len(block.header)] +
                                     [row(r) for r in block.rows]))
    return chunks


def missing_in(tree) -> list[str]:
    """Labels of the missing values in inlines, blocks or any part of a document tree, in reading order."""
    return [node.label for node in dt.nodes(tuple(tree)) if isinstance(node, dt.Missing)]


def missing_in_blocks(blocks) -> list[str]:
    return missing_in(blocks)
