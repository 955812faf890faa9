"""The core's export flows: one writer per kind, the clerk's design, and a review PDF equal to the CLI's."""
from __future__ import annotations

import copy
import io
import re

import pytest
from pypdf import PdfReader

from wizards import cli
from wizards.export import KINDS, design_of, export_notes, export_project, write_review
from wizards.project import save_project


def _stable(pdf: bytes) -> bytes:
    """The PDF without what differs between two runs (creation time in info and XMP, document id)."""
    pdf = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", pdf)
    pdf = re.sub(rb">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<]*<", b"><", pdf)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"", pdf)


@pytest.fixture
def versions(definition, tmp_path):
    from wizards.project import example_project

    old = example_project(definition, "herford")
    new = copy.deepcopy(old)
    new.answers["konzept.version"] = "2.0"
    new.answers["verwaltung.name"] = "Neustadt"
    new.design = {"primary_color": "#7A1F2B", "header_text": "Stadtverwaltung Neustadt", "toc": True,
                  "history": [{"stand": "01.2027", "version": "2.0", "aenderung": "Jahresprüfung"}]}
    paths = tmp_path / "alt.konzept", tmp_path / "neu.konzept"
    save_project(old, paths[0])
    save_project(new, paths[1])
    return old, new, paths


def test_review_pdf_equals_what_the_command_line_writes(definition, versions, tmp_path):
    old, new, (old_path, new_path) = versions
    by_cli = tmp_path / "cli.pdf"
    assert cli.main(["compare", str(old_path), str(new_path), "--pdf", str(by_cli)]) == 0
    by_core = tmp_path / "core.pdf"
    from wizards.project import load_project

    write_review("pdf", definition, load_project(old_path), load_project(new_path), by_core)
    assert _stable(by_core.read_bytes()) == _stable(by_cli.read_bytes())
    page = PdfReader(io.BytesIO(by_core.read_bytes())).pages[1].extract_text()
    assert "Stadtverwaltung Neustadt" in page  # the clerk's design: the own running header
    assert "Versionshistorie" in " ".join(p.extract_text() for p in PdfReader(by_core).pages)


@pytest.mark.parametrize("kind", KINDS)
def test_export_project_writes_each_kind_with_the_design(definition, versions, tmp_path, kind):
    _old, new, _paths = versions
    target = tmp_path / f"konzept.{kind}"
    document = export_project(kind, definition, new, target)
    data = target.read_bytes()
    assert data[:4] in (b"PK\x03\x04", b"%PDF", b"<!DO")
    if kind == "html":
        assert "Stadtverwaltung Neustadt" in data.decode("utf-8")
    assert document.meta.author.endswith("Neustadt")
    assert design_of(new).primary_color == "#7A1F2B"


def test_export_notes_name_what_is_missing(definition, versions):
    from wizards.assemble import assemble

    _old, new, _paths = versions
    new = copy.deepcopy(new)
    new.answers["verwaltung.name"] = ""
    notes = export_notes(assemble(definition, new), design_of(new))
    assert any(note.startswith("noch fehlende Angaben:") for note in notes)


def test_unknown_kind_is_a_german_error(definition, versions, tmp_path):
    from wizards.errors import KonzeptError

    with pytest.raises(KonzeptError, match="Unbekanntes Exportformat"):
        export_project("odt", definition, versions[1], tmp_path / "x.odt")
