"""The annual review from the window is the same PDF the command line writes (with the clerk's design)."""
from __future__ import annotations

import copy
import re

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from wizards import cli
from wizards.project import example_project, save_project


def _stable(pdf: bytes) -> bytes:
    """Without what differs between two runs: creation times (info and XMP) and the document id."""
    pdf = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", pdf)
    pdf = re.sub(rb">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<]*<", b"><", pdf)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"", pdf)


def test_review_pdf_from_window_equals_cli(window, gui_definition, tmp_path, monkeypatch):
    old = example_project(gui_definition, "herford")
    new = copy.deepcopy(old)
    new.answers["konzept.version"] = "2.0"
    new.design = {"header_text": "Stadtverwaltung Neustadt", "primary_color": "#7A1F2B",
                  "history": [{"stand": "01.2027", "version": "2.0", "aenderung": "Jahresprüfung"}]}
    old_path, new_path = tmp_path / "alt.konzept", tmp_path / "neu.konzept"
    save_project(old, old_path)
    save_project(new, new_path)

    assert window.open_path(new_path)
    by_window = tmp_path / "fenster.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(old_path), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(by_window), "")))
    assert window.compare_with_previous().wait() == by_window

    by_cli = tmp_path / "kommandozeile.pdf"
    assert cli.main(["compare", str(old_path), str(new_path), "--pdf", str(by_cli)]) == 0
    assert _stable(by_window.read_bytes()) == _stable(by_cli.read_bytes())
    pages = PdfReader(by_window).pages
    assert "Stadtverwaltung Neustadt" in pages[-1].extract_text()  # the clerk's running header: the design applies
