"""A per-channel section can carry its own heading per channel, e.g. the account's name alone."""
from __future__ import annotations

import json
import re

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from wizards.assemble import Assembler, assemble
from wizards.design import Design
from wizards.errors import ProjectFileError
from wizards.export import write


@pytest.fixture
def example(definition):
    """The style whose outline has per-channel sections (Art und Umfang, Gründe je Kanal)."""
    return example_project(definition, "sassenberg")
from wizards.project import OutlineEntry, example_project, load_project, save_project


def test_item_heading_replaces_only_that_channels_heading(definition, example):
    entry = example.find("art_umfang_kanal")
    before = {r.item_id: r.heading for r in Assembler(definition, example).sections_of(entry)}
    first, second = list(before)
    entry.item_headings[first] = "@musterstadt.example"
    after = {r.item_id: r.heading for r in Assembler(definition, example).sections_of(entry)}
    assert after == {first: "@musterstadt.example", second: before[second]}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_item_heading_is_numbered_in_the_exported_document(tmp_path, definition, example, kind):
    example.design = {**example.design, "numbering": "1."}
    entry = example.find("art_umfang_kanal")
    entry.item_headings["kanal-facebook"] = "Unsere Seite *Musterstadt* auf Facebook"
    target = tmp_path / f"k.{kind}"
    write(kind, assemble(definition, example), target, Design.from_dict(example.design))
    if kind == "docx":
        lines = [p.text.strip() for p in Docx(target).paragraphs if p.style.name.startswith("Heading")]
    else:
        lines = [" ".join(page.extract_text().split()) for page in PdfReader(target).pages]
    # numbered, and the asterisks stay as typed (a heading the clerk typed is plain text)
    numbered = re.compile(r"\b3\.2\.\s*Unsere Seite \*Musterstadt\* auf Facebook")
    assert any(numbered.search(line) for line in lines), lines


def test_item_headings_survive_saving_and_old_files_read_without_them(tmp_path, definition, example):
    example.find("gruende_kanal").item_headings["kanal-instagram"] = "Instagram"
    path = tmp_path / "k.konzept"
    save_project(example, path)
    data = json.loads(path.read_text(encoding="utf-8"))

    def entries(items):
        for e in items:
            yield e
            yield from entries(e.get("children", []))
    stored = {e.get("section") or e.get("custom"): e.get("item_headings") for e in entries(data["outline"])}
    assert stored.pop("gruende_kanal") == {"kanal-instagram": "Instagram"}
    assert set(stored.values()) == {None}  # the key is written only where there are headings
    assert load_project(path).find("gruende_kanal").item_headings == {"kanal-instagram": "Instagram"}
    assert OutlineEntry.from_dict({"section": "zweck"}, "x").item_headings == {}
    with pytest.raises(ProjectFileError, match="item_headings"):
        OutlineEntry.from_dict({"section": "zweck", "item_headings": {"k": 3}}, "x")


FACTS = {"zweck": "Programm des Kulturzentrums bekannt machen", "zielgruppe": "junge Erwachsene",
         "inhalte": "Konzerthinweise und Rückblicke", "zustaendig": "Kulturzentrum Musterstadt",
         "betreuungszeiten": "werktags 9 bis 15 Uhr", "abonnenten": "etwa 1.200",
         "abonnenten_stand": "2026-10-01", "ende": "2027-06-30"}


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_channel_facts_appear_in_the_per_channel_text_of_every_style(definition, example, style):
    example.answers["kanaele"][1].update(FACTS)
    assembler = Assembler(definition, example)
    facebook = assembler.items_for(definition.sections["art_umfang_kanal"])[1]
    instagram = assembler.items_for(definition.sections["art_umfang_kanal"])[0]
    _, text = assembler.render_variant("art_umfang_kanal", style, facebook)
    flat = " ".join(text.replace("\\", "").split())  # Markdown escapes off: the words as read
    for value in ("Programm des Kulturzentrums bekannt machen", "junge Erwachsene", "Konzerthinweise und Rückblicke",
                  "Kulturzentrum Musterstadt", "werktags 9 bis 15 Uhr", "etwa 1.200", "01.10.2026", "30.06.2027"):
        assert value in flat, (style, value, flat)
    _, other = assembler.render_variant("art_umfang_kanal", style, instagram)
    assert "Kulturzentrum" not in other and "1.200" not in other  # facts stay with their channel


@pytest.mark.parametrize("perspective", ["", "wir"])
def test_heilbronn_platform_and_reasons_texts_use_the_channel_facts(definition, perspective):
    """plattform_allgemein describes the account with its facts, gruende_kanal gives its purpose, audience and
    end; a channel without facts keeps today's text."""
    from wizards.project import example_project

    project = example_project(definition, "heilbronn")
    project.design = {"perspective": perspective}
    project.answers["kanaele"][1].update(FACTS)
    assembler = Assembler(definition, project)
    instagram, facebook = assembler.items_for(definition.sections["gruende_kanal"])[:2]

    def flat(section, item):
        return " ".join(assembler.render_variant(section, "heilbronn", item)[1].replace("\\", "").split())

    platform, reasons = flat("plattform_allgemein", facebook), flat("gruende_kanal", facebook)
    for value in ("Konzerthinweise und Rückblicke", "Kulturzentrum Musterstadt", "werktags 9 bis 15 Uhr",
                  "etwa 1.200 Abonnentinnen und Abonnenten (Stand: 01.10.2026)", "30.06.2027"):
        assert value in platform, (value, platform)
    for value in ("Programm des Kulturzentrums bekannt machen", "junge Erwachsene", "30.06.2027"):
        assert value in reasons, (value, reasons)
    assert "in dieser Zielgruppe" in reasons
    plain_platform, plain_reasons = flat("plattform_allgemein", instagram), flat("gruende_kanal", instagram)
    for value in FACTS.values():
        assert value not in plain_platform + plain_reasons
    assert "in der genannten Zielgruppe spürbar verringern" in plain_reasons
