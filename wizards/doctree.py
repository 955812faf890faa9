"""The document tree: the one representation every writer renders.

A closed set of frozen node types. Writers handle every node; nothing else reaches them.
Text in the tree is already sanitised (see ``wizards.sanitize``), but not escaped for
any output format: escaping is each writer's business.

The assembler produces the text (``Title``, ``Heading``, ``Paragraph`` …); the layout step
(``wizards.layout``) adds the page furniture as nodes of the same tree (``CoverSheet``,
``TitleBlock``, the filled ``TableOfContents``, ``PageBreak``, ``PageFurniture``). See
docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, Callable, Iterator, Union

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Emph:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Link:
    target: str  # http(s) URL or mailto: (see allowed_link); writers show other targets as plain text
    children: tuple["Inline", ...]


_LINK_SCHEMES = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def allowed_link(target: str) -> bool:
    """Whether a link target may become a live link in an exported file (no javascript:, file: …)."""
    return bool(_LINK_SCHEMES.match(target.strip()))


@dataclass(frozen=True)
class Missing:
    """A value the clerk has not given yet; shown as „[label]“, highlighted."""

    label: str


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Union[Text, Strong, Emph, Link, Missing, LineBreak]

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    text: tuple[Inline, ...]
    subtitle: tuple[Inline, ...] = ()
    lines: tuple[tuple[Inline, ...], ...] = ()  # lines under the title (Stand, address …); layout places them


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = section, 2 = sub-section, 3 = sub-heading inside a text
    text: tuple[Inline, ...]
    number: str = ""  # "1.", "IV.", "3.1" or "" when unnumbered
    anchor: str = ""  # stable id for bookmarks, links and the preview's scrolling


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Inline, ...]
    style: str = "body"  # body | lead | small


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple["Block", ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; () = the writer sizes by content
    caption: str = ""  # a bold line kept together with the table (e.g. „Versionshistorie“)


@dataclass(frozen=True)
class TocEntry:
    level: int
    number: str
    text: tuple[Inline, ...]  # the heading's text without links (the entry itself links)
    anchor: str  # the heading's anchor


@dataclass(frozen=True)
class TableOfContents:
    """A table of contents. The assembler places an empty one; layout fills in the entries."""

    title: str = "Inhaltsverzeichnis"
    entries: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Image:
    """A picture from a file the clerk chose (the logo); writers check that it can be read."""

    path: str
    height_cm: float
    alt: str


@dataclass(frozen=True)
class CoverSheet:
    """The council cover sheet: „Anlage 2 zur Vorlage VO/2026/042“, a few label/value rows, the title."""

    head: str
    rows: tuple[tuple[str, str], ...]
    title: str


@dataclass(frozen=True)
class TitleBlock:
    """The title page: logo, administration, title, subtitle, „Stand“/„Version“ lines, version table."""

    logo: Image | None
    name: str
    title: tuple[Inline, ...]
    subtitle: tuple[Inline, ...]
    lines: tuple[str, ...]
    history: Table | None = None


Block = Union[Title, Heading, Paragraph, BulletList, Table, TableOfContents, PageBreak, CoverSheet, TitleBlock]

# ---------------------------------------------------------------- document


@dataclass(frozen=True)
class MissingValue:
    """A placeholder left unfilled, with where it shows."""

    label: str
    section: str  # heading of the section it appears in (or "Titel")


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    author: str = ""
    subject: str = "Social-Media-Nutzungskonzept"
    language: str = "de-DE"
    keywords: tuple[str, ...] = ()
    date: str = ""  # ISO date of the concept's „Stand“
    version: str = ""
    rechtsstand: str = ""  # Rechtsstand of the legal data the text was written with („01.12.2026“)


@dataclass(frozen=True)
class PageFurniture:
    """What every page of the text carries: the running header and the footer."""

    header_left: str = ""  # the administration's name (or the clerk's own header text)
    header_right: str = ""  # „Anlage 2 zur Vorlage …“ when there is a cover sheet
    header_logo: Image | None = None  # the logo, right, when there is no cover sheet
    footer_left: str = ""  # the title; writers add „Seite X von Y“ on the right


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta  # meta.author is the administration (assembler); layout resolves fallbacks
    blocks: tuple[Block, ...]
    missing: tuple[MissingValue, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. control characters dropped from the clerk's text
    front: tuple[Block, ...] = ()  # pages before the text (cover sheet, title page): no header/footer
    furniture: PageFurniture | None = None  # None until wizards.layout has laid the document out


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inlines as a reader sees it, markers included."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Strong, Emph, Link)):
            out.append(plain_text(node.children))
        elif isinstance(node, Missing):
            out.append(f"[{node.label}]")
        elif isinstance(node, LineBreak):
            out.append("\n")
    return "".join(out)


def heading_label(heading: Heading) -> str:
    """„1. Zweck“ – the number and the text, as printed."""
    text = plain_text(heading.text)
    return f"{heading.number} {text}" if heading.number else text


def headings(document: Document) -> list[Heading]:
    return [b for b in document.blocks if isinstance(b, Heading)]


# ---------------------------------------------------------------- one generic walk


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def nodes(tree: Any) -> Iterator[Any]:
    """Every node of a tree (a Document, a block, inlines, or tuples of them), depth first, in reading order."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            stack.extend(reversed(node))
        elif is_dataclass(node):
            yield node
            stack.extend(reversed([getattr(node, name) for name in _field_names(type(node))]))


def walk(tree: Any, change: Callable[[Any], Any]) -> Any:
    """The tree rebuilt bottom-up with ``change`` applied to every node (like pandoc's Walk).

    ``change`` gets each node after its children were walked and returns it, a replacement, or
    (for a node inside a tuple, e.g. an inline) a tuple of nodes to splice in its place.
    Unchanged subtrees are returned as they were (no copies).
    """
    if isinstance(tree, tuple):
        items: list[Any] = []
        for item in tree:
            new = walk(item, change)
            if isinstance(new, tuple) and not isinstance(item, tuple):
                items.extend(new)
            else:
                items.append(new)
        return tree if len(items) == len(tree) and all(a is b for a, b in zip(items, tree)) else tuple(items)
    if is_dataclass(tree) and not isinstance(tree, type):
        updates = {}
        for name in _field_names(type(tree)):
            value = getattr(tree, name)
            if isinstance(value, tuple) or is_dataclass(value):
                new = walk(value, change)
                if new is not value:
                    updates[name] = new
        return change(replace(tree, **updates) if updates else tree)
    return tree
