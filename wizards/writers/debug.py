"""A plain-text rendering of the document tree (assembled or laid out) for golden tests and debugging."""
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
            lines.extend(_table(block, indent))
        elif isinstance(block, dt.TableOfContents):
            lines.append(f"{indent}[{block.title}]")
            for entry in block.entries:
                number = f"{entry.number} " if entry.number else ""
                lines.append(f"{indent}  {'  ' * (entry.level - 1)}{number}{_inl(entry.text)} -> #{entry.anchor}")
        elif isinstance(block, dt.PageBreak):
            lines.append(f"{indent}---- Seitenumbruch ----")
        elif isinstance(block, dt.CoverSheet):
            lines.append(f"{indent}DECKBLATT: {block.head}")
            lines.extend(f"{indent}  {label} {value}" for label, value in block.rows)
            lines.append(f"{indent}  TITEL: {block.title}")
        elif isinstance(block, dt.TitleBlock):
            lines.append(f"{indent}TITELSEITE:")
            if block.logo is not None:
                lines.append(f"{indent}  {_image(block.logo)}")
            if block.name:
                lines.append(f"{indent}  VERWALTUNG: {block.name}")
            lines.append(f"{indent}  TITEL: {_inl(block.title)}")
            if block.subtitle:
                lines.append(f"{indent}  UNTERTITEL: {_inl(block.subtitle)}")
            lines.extend(f"{indent}  {line}" for line in block.lines)
            if block.history is not None:
                lines.extend(_table(block.history, indent + "  "))
    return lines


def _table(block: dt.Table, indent: str) -> list[str]:
    lines = [f"{indent}{block.caption}:"] if block.caption else []
    if block.widths:
        lines.append(f"{indent}(Spaltenbreiten {' : '.join(f'{w:g}' for w in block.widths)})")
    lines.append(indent + "| " + " | ".join(_inl(c) for c in block.header) + " |")
    lines.extend(indent + "| " + " | ".join(_inl(c) for c in row) + " |" for row in block.rows)
    return lines


def _image(image: dt.Image) -> str:
    return f"BILD: {image.path} ({image.height_cm:g} cm, „{image.alt}“)"


def render_debug(document: dt.Document) -> str:
    head = [f"META: {document.meta.title} | {document.meta.author} | {document.meta.language} | {document.meta.date}"]
    body = _blocks(document.blocks)
    if document.front:
        body = ["==== VOR DEM TEXT (ohne Kopf- und Fußzeile) ===="] + _blocks(document.front) + [
            "==== TEXT ===="] + body
    if document.furniture is not None:
        f = document.furniture
        right = f.header_right or (_image(f.header_logo) if f.header_logo else "")
        head += [f"KOPFZEILE: {f.header_left}" + (f" | {right}" if right else ""),
                 f"FUSSZEILE: {f.footer_left} | Seite X von Y"]
    tail = [f"FEHLT: {m.label} (in {m.section})" for m in document.missing]
    tail += [f"WARNUNG: {w}" for w in document.warnings]
    return "\n".join(head + [""] + body + ([""] + tail if tail else [])) + "\n"
