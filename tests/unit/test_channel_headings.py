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
