"""The version table's column labels are the clerk's („Datum / Version / Änderungsgrund“); a file
without them, or with broken ones, opens with today's labels „Stand / Version / Änderung“."""
from __future__ import annotations

import subprocess

import docx
import pytest

from wizards import doctree as dt
from wizards.design import HISTORY_COLUMNS, Design
from wizards.export import export_project
from wizards.layout import layout

HISTORY = [{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"}]
OWN = ["Datum", "Version", "Änderungsgrund"]


def _header(design: Design) -> list[str]:
    document = layout(dt.Document(dt.DocumentMeta("Konzept"), blocks=(dt.Heading(1, (dt.Text("Zweck"),), "1"),)), design)
    tables = [b for b in document.blocks if isinstance(b, dt.Table)]
    return [dt.plain_text(cell) for cell in tables[0].header]


@pytest.mark.parametrize("stored", [None, "Datum", ["Datum", "Version"], ["Datum", 3, "Grund"], {"a": 1}])
def test_missing_or_broken_labels_are_today_s(stored):
    raw = {"history": HISTORY} | ({} if stored is None else {"history_columns": stored})
    design = Design.from_dict(raw)
    assert design.history_columns == ["", "", ""]
    assert _header(design) == list(HISTORY_COLUMNS) == ["Stand", "Version", "Änderung"]


def test_own_labels_round_trip_and_an_empty_one_keeps_today_s():
    design = Design.from_dict({"history": HISTORY, "history_columns": ["Datum", " ", "Änderungsgrund"]})
    assert Design.from_dict(design.to_dict()).history_columns == ["Datum", " ", "Änderungsgrund"]
    assert _header(design) == ["Datum", "Version", "Änderungsgrund"]


def test_every_writer_shows_the_own_labels(definition, tmp_path):
    from wizards.project import example_project

    project = example_project(definition, "heilbronn")
    project.design = {**project.design, "history": HISTORY, "history_columns": OWN, "history_position": "ende"}
    export_project("docx", definition, project, tmp_path / "k.docx")
    rows = [[c.text for c in t.rows[0].cells] for t in docx.Document(str(tmp_path / "k.docx")).tables]
    assert OWN in rows
    export_project("pdf", definition, project, tmp_path / "k.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "k.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert any(line.split() == OWN for line in text.splitlines())
    export_project("html", definition, project, tmp_path / "k.html")
    html = (tmp_path / "k.html").read_text(encoding="utf-8")
    assert all(f">{label}</th>" in html for label in OWN)
