"""Hand-built documents shared by the writer tests (and any test that needs a tree without assembling)."""
from __future__ import annotations

from wizards.doctree import (
    BulletList,
    Document,
    DocumentMeta,
    Emph,
    Heading,
    LineBreak,
    Link,
    Missing,
    MissingValue,
    PageBreak,
    Paragraph,
    Strong,
    Table,
    TableOfContents,
    Text,
    Title,
)


def T(s: str) -> tuple:
    return (Text(s),)


def sample_document(toc: bool = True) -> Document:
    """A hand-built document that uses every node type (blocks and inlines)."""
    blocks = [
        Title(T("Nutzungskonzept für den Instagram-Account des Jugendzentrums Musterstadt"),
              subtitle=T("Stand: März 2026")),
    ]
    if toc:
        blocks.append(TableOfContents())
    blocks += [
        Paragraph(T("Die Gemeinde Musterstadt ist Teil der öffentlichen Verwaltung & informiert <Bürgerinnen> "
                    "und Bürger über ihre Arbeit. Größe: ẞ, Haken ✓, Kästchen ☐ – „Zitat“ € 5 %."), style="lead"),
        Heading(1, T("Allgemeines zu Instagram"), number="I.", anchor="allgemeines"),
        Paragraph((Text("Instagram ist ein "), Strong(T("soziales Netzwerk")), Text(" mit "),
                   Emph(T("visuellem")), Text(" Schwerpunkt; siehe "),
                   Link("https://www.instagram.com/", T("instagram.com")), Text(" oder schreiben Sie an "),
                   Link("mailto:presse@musterstadt.example", T("presse@musterstadt.example")),
                   Text(". Zuständig ist "), Missing("Name der Leitung"), Text("."), LineBreak(),
                   Text("Zweite Zeile nach einem Zeilenumbruch."))),
        Heading(1, T("Zweck der Nutzung"), number="II.", anchor="zweck"),
        Paragraph(T("Wir erreichen damit Zielgruppen, die klassische Kanäle nicht mehr erreichen. " * 8)),
        BulletList(items=(
            (Paragraph(T("Krisenmeldungen")),),
            (Paragraph(T("Stellenangebote")), BulletList(items=((Paragraph(T("Ausbildung")),),
                                                               (Paragraph(T("Praktika")),)))),
            (Paragraph(T("Veranstaltungen")),),
        )),
        Heading(2, T("Formate"), number="II.1", anchor="formate"),
        BulletList(items=((Paragraph(T("Bilder mit Text")),), (Paragraph(T("kurze Videos")),)), ordered=True),
        Paragraph(T("Eine zweite nummerierte Liste beginnt wieder bei 1:")),
        BulletList(items=((Paragraph(T("Stories")),), (Paragraph(T("Reels")),)), ordered=True),
        Heading(3, T("Kontotyp"), anchor="kontotyp"),
        Paragraph(T("Wir betreiben bewusst nur ein Basiskonto."), style="small"),
        PageBreak(),
        Heading(1, T("Alternative Kontaktmöglichkeiten"), number="III.", anchor="kontakt"),
        Table(header=(T("Tag"), T("Servicezeiten")),
              rows=((T("Montag"), T("8:00–12:00 Uhr")), (T("Donnerstag"), T("8:00–18:00 Uhr")),
                    (T("Freitag"), (Missing("Freitagszeiten"),)))),
        Paragraph((Text("Gemeinde Musterstadt"), LineBreak(), Text("Marktplatz 1"), LineBreak(),
                   Link("mailto:info@musterstadt.example", T("info@musterstadt.example")))),
        Heading(1, T("Datenschutz"), number="IV.", anchor="datenschutz"),
        Paragraph(T("Art. 35 Abs. 1 DSGVO verlangt eine Datenschutz-Folgenabschätzung.")),
    ]
    return Document(
        meta=DocumentMeta(title="Nutzungskonzept Instagram", author="Gemeinde Musterstadt",
                          keywords=("Social Media", "Instagram"), date="2026-03-01", version="1.0"),
        blocks=tuple(blocks),
        missing=(MissingValue("Name der Leitung", "I. Allgemeines zu Instagram"),),
    )
