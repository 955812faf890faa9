"""Facilities with their own channels in the GUI, click by click: add a facility, a channel run by it,
export, and find the facility named at that channel in the DOCX (issue 11, item 7)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from test_clerk_flows import click, click_step, field, keys  # noqa: E402  (the clerk-flow helpers)


def _combo_texts(combo):
    return [combo.itemText(i) for i in range(combo.count())]


def test_facility_channel_is_named_in_the_exported_docx(window, qtbot, tmp_path, monkeypatch, exports):
    window.open_example()
    click_step(qtbot, window, "questions:kanaele")

    # ---- a facility with its own account
    facilities = field(window, "einrichtungen")
    click(qtbot, facilities.add_button)
    editors = facilities.editors[0]
    keys(qtbot, editors["name"].focus_widget(), "Jugendzentrum Musterstadt")
    editors["art"].focus_widget().setFocus()
    keys(qtbot, editors["art"].focus_widget(), "Jugendzentrum")
    keys(qtbot, editors["stelle"].focus_widget(), "Leitung des Jugendzentrums")
    keys(qtbot, editors["email"].focus_widget(), "juz@musterstadt.example")
    facility = window.session.answer("einrichtungen")[0]
    assert (facility["name"], facility["art"]) == ("Jugendzentrum Musterstadt", "jugendzentrum")
    assert facility.get("_id")

    # ---- a channel run by it
    channels = field(window, "kanaele")
    run_by = channels.editors[0]["betrieben_von"].combo
    assert _combo_texts(run_by) == ["Gemeinde Musterstadt (Hauptverwaltung)", "Jugendzentrum Musterstadt"]
    click(qtbot, channels.add_button)
    editors = channels.editors[-1]
    editors["plattform"].focus_widget().setFocus()
    keys(qtbot, editors["plattform"].focus_widget(), "Instagram")
    editors["betrieben_von"].focus_widget().setFocus()
    keys(qtbot, editors["betrieben_von"].focus_widget(), "Jugend")
    assert editors["betrieben_von"].combo.currentText() == "Jugendzentrum Musterstadt"
    keys(qtbot, editors["name"].focus_widget(), "@juz.musterstadt")
    keys(qtbot, editors["url"].focus_widget(), "https://www.instagram.com/juz.musterstadt")
    keys(qtbot, editors["frequenz"].focus_widget(), "zwei Beiträge pro Woche")
    channel = window.session.answer("kanaele")[-1]
    assert channel["betrieben_von"] == facility["_id"]

    # ---- renaming the facility: the channel keeps it, the list shows the new name
    name_edit = field(window, "einrichtungen").editors[0]["name"].focus_widget()
    name_edit.setFocus()
    name_edit.end(False)
    keys(qtbot, name_edit, " Mitte")
    assert window.session.answer("kanaele")[-1]["betrieben_von"] == facility["_id"]
    assert channels.editors[-1]["betrieben_von"].combo.currentText() == "Jugendzentrum Musterstadt Mitte"

    # ---- export and reopen
    click_step(qtbot, window, "export:")
    page = window.current_page()
    target = tmp_path / "konzept.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), a[3])))
    click(qtbot, page.docx_button)
    window.export_job.wait()
    assert exports == [target]

    import docx
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    at_channel = [p for p in paragraphs if "Jugendzentrum Musterstadt Mitte" in p and "@juz.musterstadt auf Instagram" in p]
    assert len(at_channel) >= 2, paragraphs  # introduction, responsibilities, Impressum
    impressum = [p for p in at_channel if "§ 18 Abs. 2 MStV" in p]
    assert impressum, at_channel
    assert any("Anbieter auch ihrer Kanäle ist daher der Rechtsträger: Gemeinde Musterstadt" in p for p in paragraphs)


def test_removing_the_facility_shows_at_the_channel_and_in_the_check(window, qtbot, monkeypatch):
    from modal_helpers import answer

    window.open_example()
    click_step(qtbot, window, "questions:kanaele")
    facilities = field(window, "einrichtungen")
    click(qtbot, facilities.add_button)
    keys(qtbot, facilities.editors[0]["name"].focus_widget(), "Museum am Markt")
    keys(qtbot, facilities.editors[0]["stelle"].focus_widget(), "Museumsleitung")
    channels = field(window, "kanaele")
    run_by = channels.editors[1]["betrieben_von"]
    run_by.focus_widget().setFocus()
    keys(qtbot, run_by.focus_widget(), "Museum")
    assert window.session.answer("kanaele")[1]["betrieben_von"]

    answer("Entfernen")
    remove = next(b for b in facilities.boxes[0].findChildren(type(facilities.add_button)) if b.text().endswith("entfernen"))
    remove.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(remove, Qt.Key.Key_Space)
    assert window.session.answer("einrichtungen") == []
    assert run_by.combo.currentText() == run_by.GONE  # not silently the body

    click_step(qtbot, window, "export:")
    page = window.current_page()
    rows = [i for i in range(page.findings.count()) if "Betrieben von" in page.findings.item(i).text()]
    assert rows, [page.findings.item(i).text() for i in range(page.findings.count())]
    item = page.findings.item(rows[0])
    page.findings.setCurrentRow(rows[0])
    page.findings.itemActivated.emit(item)
    assert window.current_id == "questions:kanaele"
