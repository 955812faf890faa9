"""Page layout: the one step between assembly and the writers that decides the page furniture.

``layout(document, design)`` turns every decision the clerk's design implies into ordinary
nodes of the document tree, once, so that every writer renders the same pages:

- the council cover sheet (``CoverSheet``) and the title page (``TitleBlock``), in
  ``Document.front`` with a ``PageBreak`` between them; the text starts on a new page;
- the table of contents: kept, dropped or placed (after the title, else first), with its
  entries (headings of levels 1–2, and numbered outline headings of level 3) filled in;
- the version history: on the title page, else as a ``Heading`` and a ``Table`` at the end;
- the running header and footer (``PageFurniture``) and the metadata fallbacks (author);
- every text sanitised once (design fields bypass the assembler), so writers never need to.

Writers call it themselves when handed an assembled document (``furniture is None``); a laid-out
document passes through unchanged. See docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import re
from dataclasses import replace

from wizards import doctree as dt
from wizards.design import HISTORY_COLUMNS, HISTORY_KEYS, Design
from wizards.sanitize import clean
from wizards.templating import MONTHS

TOC_TITLE = "Inhaltsverzeichnis"
HISTORY_TITLE = "Versionshistorie"
HISTORY_ANCHOR = "versionshistorie"
HISTORY_WIDTHS = (2.5, 2.0, 7.5)  # „Version“ in bold fits its column in Word and LibreOffice
TITLE_LOGO_CM = 2.5
HEADER_LOGO_CM = 0.9
TOC_LEVELS = 2  # deeper: only numbered headings (the outline's third level, not a text's sub-headings)
TOC_NUMBERED_LEVELS = 3


def layout(document: dt.Document, design: Design | None = None) -> dt.Document:
    """The document with its page furniture as nodes, decided once for every writer."""
    if document.furniture is not None:
        return document
    design = design or Design()
    document = dt.walk(document, _sanitised)
    meta = document.meta
    name = clean(design.header_text).strip() or meta.author.strip()
    meta = replace(meta, title=clean(meta.title), author=clean(meta.author).strip() or name,
                   subject=clean(meta.subject), keywords=tuple(clean(k) for k in meta.keywords),
                   version=clean(meta.version))

    title = next((b for b in document.blocks if isinstance(b, dt.Title)), None)
    body = [b for b in document.blocks if not (design.title_page and isinstance(b, dt.Title))]
    body = _title_lines_as_paragraphs(body)
    body = _with_anchors(body)
    body = _place_toc(body, design)
    history = _history_table(design)
    history_label = clean(design.history_label).strip() or HISTORY_TITLE
    position = design.history_position or ("titel" if design.title_page else "ende")
    on_title_page = history is not None and design.title_page and position == "titel"
    if history is not None and not on_title_page:
        if position in ("titel", "inhalt"):  # under the title (and its lines), before or after the TOC
            toc_at = next((i for i, b in enumerate(body) if isinstance(b, dt.TableOfContents)), None)
            at = toc_at + 1 if position == "inhalt" and toc_at is not None else _after_title(body)
            body[at:at] = [replace(history, caption=history_label)]
        else:
            body += ([dt.PageBreak()] if position == "seite" else []) + [
                dt.Heading(1, (dt.Text(history_label),), "", HISTORY_ANCHOR), history]

    front: list[dt.Block] = []
    cover = _cover_sheet(design, name, meta.title, meta.rechtsstand)
    if cover is not None:
        front.append(cover)
    if design.title_page:
        if front:
            front.append(dt.PageBreak())
        front.append(dt.TitleBlock(
            logo=_logo(design, name, TITLE_LOGO_CM),
            name=name,
            title=title.text if title is not None else (dt.Text(meta.title),),
            subtitle=title.subtitle if title is not None else (),
            lines=tuple(title_page_lines(meta, design, title)),
            history=replace(history, caption=history_label) if on_title_page else None,
        ))
    furniture = dt.PageFurniture(
        header_left=name,
        header_right=cover.head if cover is not None else "",
        header_logo=None if cover is not None else _logo(design, name, HEADER_LOGO_CM),
        footer_left=meta.title,
    )
    return replace(document, meta=meta, blocks=tuple(body), front=tuple(front), furniture=furniture)


def outline_lines(document: dt.Document) -> list[str]:
    """The outline as the reader sees it: one heading a line, number first, indented by level."""
    return [("  " * (b.level - 1) + " ".join(part for part in (b.number, dt.plain_text(b.text)) if part)).rstrip()
            for b in document.blocks if isinstance(b, dt.Heading)]


# ---------------------------------------------------------------- text


def _sanitised(node):
    """Text nodes without characters no format can hold (hand-built trees, review documents)."""
    if isinstance(node, dt.Text):
        text = clean(node.text)
        return node if text == node.text else dt.Text(text)
    if isinstance(node, dt.Missing):
        label = clean(node.label)
        return node if label == node.label else dt.Missing(label)
    if isinstance(node, dt.Link):
        target = clean(node.target)
        return node if target == node.target else dt.Link(target, node.children)
    return node


def stand_line(meta: dt.DocumentMeta) -> str:
    """„Stand: September 2026“ from the document's ISO date, or "" when there is none."""
    date = (meta.date or "").strip()
    match = re.match(r"^(\d{4})-(\d{2})", date)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"Stand: {MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
    return f"Stand: {date}" if date else ""


def version_line(meta: dt.DocumentMeta, design: Design) -> str:
    version = (meta.version or "").strip()
    if not version and design.history:
        version = clean(str(design.history[-1].get("version", ""))).strip()
    return f"Version {version}" if version else ""


def title_page_lines(meta: dt.DocumentMeta, design: Design, title: dt.Title | None) -> list[str]:
    """„Stand: …“ and „Version …“ for the title page, unless the subtitle already says it, then the
    clerk's own lines under the title (a chosen „Stand“ wording among them)."""
    subtitle = dt.plain_text(title.subtitle) if title is not None else ""
    lines = []
    stand = stand_line(meta)
    if (not design.stand_line and stand and "Stand" not in subtitle
            and stand.removeprefix("Stand: ") not in subtitle):
        lines.append(stand)
    version = version_line(meta, design)
    if version and version not in subtitle:
        lines.append(version)
    if title is not None:
        lines.extend(dt.plain_text(line) for line in title.lines)
    return lines


def _title_lines_as_paragraphs(blocks: list[dt.Block]) -> list[dt.Block]:
    """Without a title page the lines under the title are small paragraphs right after it."""
    out: list[dt.Block] = []
    for block in blocks:
        if isinstance(block, dt.Title) and block.lines:
            out.append(replace(block, lines=()))
            out.extend(dt.Paragraph(line, "small") for line in block.lines)
        else:
            out.append(block)
    return out


def _after_title(blocks: list[dt.Block]) -> int:
    """Index after the title and the small paragraphs under it (0 without a title)."""
    titles = [i for i, b in enumerate(blocks) if isinstance(b, dt.Title)]
    if not titles:
        return 0
    at = titles[0] + 1
    while at < len(blocks) and isinstance(blocks[at], dt.Paragraph) and blocks[at].style == "small":
        at += 1
    return at


# ---------------------------------------------------------------- pieces


def _with_anchors(blocks: list[dt.Block]) -> list[dt.Block]:
    """Every heading gets a unique anchor: bookmarks, TOC links and the outline need one."""
    seen: set[str] = set()
    out: list[dt.Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, dt.Heading):
            count += 1
            anchor = base = block.anchor or f"abschnitt-{count}"
            n = 1
            while anchor in seen or anchor == HISTORY_ANCHOR:
                n += 1
                anchor = f"{base}-{n}"
            seen.add(anchor)
            if anchor != block.anchor:
                block = replace(block, anchor=anchor)
        out.append(block)
    return out


def wants_toc(blocks, design: Design) -> bool:
    """The clerk's explicit choice, else the house style's (an assembled TableOfContents node)."""
    if design.toc is not None:
        return design.toc
    return any(isinstance(b, dt.TableOfContents) for b in blocks)


def _place_toc(blocks: list[dt.Block], design: Design) -> list[dt.Block]:
    existing = next((b for b in blocks if isinstance(b, dt.TableOfContents)), None)
    wanted = wants_toc(blocks, design)
    if existing is not None:
        at = blocks.index(existing)
    else:
        at = _after_title(blocks)
        if at < len(blocks) and isinstance(blocks[at], dt.Table) and blocks[at].caption:
            at += 1  # the version table under the title comes before the TOC
    blocks = [b for b in blocks if not isinstance(b, dt.TableOfContents)]
    if not wanted:
        return blocks
    entries = tuple(
        dt.TocEntry(b.level, b.number, _without_links(b.text), b.anchor)
        for b in blocks if isinstance(b, dt.Heading)
        and (b.level <= TOC_LEVELS or (b.number and b.level <= TOC_NUMBERED_LEVELS))
    )
    toc = dt.TableOfContents(existing.title if existing is not None else TOC_TITLE, entries)
    return blocks[:at] + [toc] + blocks[at:]


def _without_links(inlines: tuple[dt.Inline, ...]) -> tuple[dt.Inline, ...]:
    """Heading text for the TOC: links become their text (the entry itself is the link)."""
    return dt.walk(inlines, lambda node: node.children if isinstance(node, dt.Link) else node)


def _history_table(design: Design) -> dt.Table | None:
    if not design.history:
        return None
    rows = tuple(tuple((dt.Text(clean(str(entry.get(k, "")))),) for k in HISTORY_KEYS) for entry in design.history)
    header = tuple(clean(own).strip() or default for own, default in zip(design.history_columns, HISTORY_COLUMNS))
    return dt.Table(header=tuple((dt.Text(h),) for h in header), rows=rows, widths=HISTORY_WIDTHS)


def _cover_sheet(design: Design, name: str, title: str, rechtsstand: str = "") -> dt.CoverSheet | None:
    """Texts of the council cover sheet („Anlage 2 zur Vorlage VO/2026/042“ …), or None."""
    cover = design.cover_sheet
    if not cover.get("enabled"):
        return None

    def value(key: str) -> str:
        return clean(str(cover.get(key, ""))).strip()

    head = f"Anlage {value('anlage')}" if value("anlage") else "Anlage"
    if value("vorlage"):
        head += f" zur Vorlage {value('vorlage')}"
    rows = [(label, value(key)) for label, key in (("Gremium:", "gremium"), ("Sitzung:", "sitzung")) if value(key)]
    if name:
        rows.append(("Verwaltung:", name))
    if rechtsstand:  # the council sees which legal data the text was written with
        rows.append(("Rechtsstand:", rechtsstand))
    return dt.CoverSheet(head=head, rows=tuple(rows), title=title)


def _logo(design: Design, name: str, height_cm: float) -> dt.Image | None:
    if not design.logo_path:
        return None
    return dt.Image(design.logo_path, height_cm, f"Logo: {name}" if name else "Logo der Verwaltung")
