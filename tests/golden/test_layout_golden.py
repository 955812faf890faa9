"""Golden tests of the laid-out tree: what every writer puts on which page, as the debug writer prints it.

The examples in each style, plain and with a full corporate design, and a small document in
every combination of the design options that move blocks (title page, TOC, cover sheet,
version history, logo). After an intended change, regenerate with:
KONZEPT_UPDATE_GOLDEN=1 make test
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from wizards.assemble import assemble
from wizards.design import Design
from wizards.doctree import Document, DocumentMeta, Heading, Paragraph, TableOfContents, Text, Title
from wizards.layout import layout
from wizards.writers.debug import render_debug

HERE = Path(__file__).resolve().parent / "layout"
LOGO = "logo.png"  # layout does not open the file; the writers do
COVER = {"enabled": True, "anlage": "2", "vorlage": "VO/2026/042", "gremium": "Gemeinderat", "sitzung": "12.01.2027"}
HISTORY = [{"stand": "01.2026", "version": "1.0", "aenderung": "Erstfassung"},
           {"stand": "11.2026", "version": "1.1", "aenderung": "Neue Plattform"}]
DESIGNS = {
    "standard": Design(),
    "voll": Design(title_page=True, toc=True, cover_sheet=COVER, history=HISTORY, logo_path=LOGO,
                   header_text="Stadtverwaltung Musterstadt"),
}


def check(name: str, actual: str) -> None:
    golden = HERE / f"{name}.txt"
    if os.environ.get("KONZEPT_UPDATE_GOLDEN"):
        HERE.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} fehlt: mit KONZEPT_UPDATE_GOLDEN=1 erzeugen"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("design_name", list(DESIGNS))
@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_laid_out_example_matches_golden(definition, style, design_name):
    from wizards.project import example_project

    document = assemble(definition, example_project(definition, style))
    check(f"example-{style}-{design_name}", render_debug(layout(document, DESIGNS[design_name])))


def small_document() -> Document:
    return Document(
        meta=DocumentMeta(title="Konzept", author="Gemeinde Musterstadt", date="2026-03-01"),
        blocks=(Title((Text("Konzept"),), (Text("Entwurf"),)), TableOfContents(),
                Heading(1, (Text("Zweck"),), "1.", "zweck"), Paragraph((Text("Text."),)),
                Heading(2, (Text("Kanäle"),), "1.1", "kanaele"), Heading(1, (Text("Kontakt"),), "2.", "")),
    )


def test_every_option_combination_matches_golden():
    sections = []
    for title_page, toc, cover, history, logo in itertools.product(
            (False, True), (None, True, False), (False, True), (False, True), (False, True)):
        design = Design(title_page=title_page, toc=toc, cover_sheet=COVER if cover else {},
                        history=HISTORY if history else [], logo_path=LOGO if logo else "")
        label = f"titelseite={title_page} toc={toc} deckblatt={cover} historie={history} logo={logo}"
        sections.append(f"######## {label}\n{render_debug(layout(small_document(), design))}")
    check("combinations", "\n".join(sections))


def test_layout_runs_once():
    """A laid-out document passes through unchanged (writers lay out only what is not laid out yet)."""
    design = DESIGNS["voll"]
    laid_out = layout(small_document(), design)
    assert layout(laid_out, design) is laid_out
    assert layout(laid_out, Design()) is laid_out


def test_version_table_positions_and_title_lines_match_golden():
    sections = []
    for title_page, position in itertools.product((False, True), ("", "titel", "ende", "seite")):
        design = Design(title_page=title_page, history=HISTORY, history_position=position, history_label="Fassungen",
                        stand_line="ein", title_lines=["Beschluss des Rates vom 12.01.2027"])
        sections.append(f"######## titelseite={title_page} position={position or 'automatisch'}\n"
                        f"{render_debug(layout(small_document(), design))}")
    check("history-positions", "\n".join(sections))
