"""A plain-text rendering of the document tree for golden tests and debugging."""
from __future__ import annotations

from .. import doctree as dt


def _inl(inlines) -> str:
    out = []
    for node in inlines:
        if isinstance(node, dt.Text):
            out.append(node.text)
        elif isinstance(node, dt.Strong):
            out.append(f"**{_inl(node.children)}**")
        elif isinstance(node, dt.Emph):
            out.append(f"*{_inl(node.children)}*")
        elif isinstance(node, dt.Link):
            out.append(f"[{_inl(node.children)}]({node.target})")
        elif isinstance(node, dt.Missing):
            out.append(f"[[FEHLT: {node.label}]]")
        elif isinstance(node, dt.LineBreak):
            out.append("⏎")
    return "".join(out)


def _blocks(blocks, indent: str = "") -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, dt.Title):
            lines.append(f"{indent}TITEL: {_inl(block.text)}")
            if block.subtitle:
                lines.append(f"{indent}UNTERTITEL: {_inl(block.subtitle)}")
        elif isinstance(block, dt.Heading):
            number = f"{block.number} " if block.number else ""
            lines.append(f"{indent}{'#' * block.level} {number}{_inl(block.text)}" + (f"  {{#{block.anchor}}}" if block.anchor else ""))
        elif isinstance(block, dt.Paragraph):
            tag = "" if block.style == "body" else f"({block.style}) "
            lines.append(f"{indent}{tag}{_inl(block.content)}")
        elif isinstance(block, dt.BulletList):
            for i, item in enumerate(block.items, 1):
                marker = f"{i}." if block.ordered else "-"
                sub = _blocks(item, indent + "  ")
                if sub:
                    sub[0] = f"{indent}{marker} {sub[0].lstrip()}"
                lines.extend(sub)
        elif isinstance(block, dt.Table):
            lines.append(indent + "| " + " | ".join(_inl(c) for c in block.header) + " |")
            for row in block.rows:
                lines.append(indent + "| " + " | ".join(_inl(c) for c in row) + " |")
        elif isinstance(block, dt.ContactBlock):
            for line in block.lines:
                lines.append(f"{indent}> {_inl(line)}")
        elif isinstance(block, dt.TableOfContents):
            lines.append(f"{indent}[{block.title}]")
        elif isinstance(block, dt.PageBreak):
            lines.append(f"{indent}---- Seitenumbruch ----")
    return lines


def render_debug(document: dt.Document) -> str:
    head = [f"META: {document.meta.title} | {document.meta.author} | {document.meta.language} | {document.meta.date}"]
    body = _blocks(document.blocks)
    tail = [f"FEHLT: {m.label} (in {m.section})" for m in document.missing]
    tail += [f"WARNUNG: {w}" for w in document.warnings]
    return "\n".join(head + [""] + body + ([""] + tail if tail else [])) + "\n"
