"""The document tree: the one representation every writer renders.

A closed set of frozen node types. Writers handle every node; nothing else reaches them.
Text in the tree is already sanitised (see ``wizards.sanitize``), but not escaped for
any output format: escaping is each writer's business.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

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
    target: str  # http(s) URL or mailto:
    children: tuple["Inline", ...]


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


@dataclass(frozen=True)
class ContactBlock:
    """An address or contact card: lines kept together."""

    lines: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class TableOfContents:
    """Placeholder for a table of contents; the writer fills it from the headings."""

    title: str = "Inhaltsverzeichnis"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Title, Heading, Paragraph, BulletList, Table, ContactBlock, TableOfContents, PageBreak]

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


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    blocks: tuple[Block, ...]
    missing: tuple[MissingValue, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. control characters dropped from the clerk's text
    style: str = ""  # house style id, lets writers pick style-specific layout details
    header_text: str = ""  # running header (the administration's name)


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
