"""Hilfe → Rechtsdaten: the clerk's IT sees version and Rechtsstand and installs a newer file."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.legal_data_dialog import LegalDataDialog
from wizards import legal_data


def _offer(tmp_path, version: int, name: str = "normen.yaml"):
    text = (legal_data.DATA_DIR / "normen.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: \d+$", f"version: {version}", text, count=1)
    text = re.sub(r"(?m)^rechtsstand: .*$", "rechtsstand: 2027-02-01", text, count=1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, kind=kind: shown.append((kind, text))))
    return shown


def _rows(dialog):
    return [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]


def test_dialog_shows_every_file_and_installs_a_newer_one(qtbot, gui_definition, tmp_path, monkeypatch, messages):
    dialog = LegalDataDialog(gui_definition)
    qtbot.addWidget(dialog)
    assert [row[0] for row in _rows(dialog)] == ["Länder", "Plattformen", "Normen", "Prüfregeln"]
    assert all(row[3] == "mitgeliefert" for row in _rows(dialog))
    assert dialog.summary.text().startswith("Rechtsstand ")

    offered = _offer(tmp_path, 3)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(offered), "")))
    dialog.install_button.click()
    assert messages[-1][0] == "information" and "Version 3" in messages[-1][1]
    assert _rows(dialog)[2] == ["Normen", "3", "01.02.2027", "installiert"]
    assert "aktualisiert: Normen" in dialog.summary.text()

    older = _offer(tmp_path, 2, "alt.yaml")
    assert not dialog.install_file(older)
    assert messages[-1][0] == "warning" and "nicht neuer" in messages[-1][1] and "\n" not in messages[-1][1]
    assert _rows(dialog)[2][1] == "3"


def test_help_menu_offers_the_dialog_and_about_shows_the_rechtsstand(window, monkeypatch):
    actions = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert "&Rechtsdaten aktualisieren …" in actions
    shown = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda parent, title, text: shown.append(text)))
    window._about()
    assert legal_data.load().summary() in shown[0]
