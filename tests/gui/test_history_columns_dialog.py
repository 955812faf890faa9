"""„Titel, Stand und Versionshistorie“: the clerk names the version table's three columns; the
exported document shows them, and the dialog shows them again when opened next time."""
from __future__ import annotations

import docx
from PySide6.QtWidgets import QLabel, QPushButton

from tests.e2e.test_clerk_flows import click, keys
from tests.gui.test_outline_page import _open_outline

OWN = ["Datum", "Version", "Änderungsgrund"]


def test_clerk_names_the_version_table_columns(window, qtbot, tmp_path, gui_definition, monkeypatch):
    from desktop import title_dialog

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    window.session.set_design_values(history=[{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"}])
    seen = []

    def fill(dialog):
        first, second, third = dialog.history_columns
        seen.append([e.placeholderText() for e in dialog.history_columns])
        # the row's caption „Spalten der &Versionshistorie“ (Alt+V) leads to the first field, Tab to the next
        caption = next(c for c in dialog.findChildren(QLabel) if c.text() == "Spalten der &Versionshistorie:")
        assert caption.buddy() is first
        assert first.nextInFocusChain() is second and second.nextInFocusChain() is third
        keys(qtbot, first, "Datum")  # the second stays empty: it keeps „Version“
        keys(qtbot, third, "Änderungsgrund")
        return 1

    monkeypatch.setattr(title_dialog.TitleDialog, "exec", fill)
    click(qtbot, page.findChild(QPushButton, "outline:title"))
    assert seen == [["Stand", "Version", "Änderung"]]  # today's labels shown as the placeholders
    assert window.session.project.design["history_columns"] == ["Datum", "", "Änderungsgrund"]

    from wizards.export import design_of, write

    target = tmp_path / "historie.docx"
    write("docx", window.session.document(), target, design_of(window.session.project))
    assert OWN in [[c.text for c in t.rows[0].cells] for t in docx.Document(str(target)).tables]

    reopened = title_dialog.TitleDialog(window.session, window)
    assert [e.text() for e in reopened.history_columns] == ["Datum", "", "Änderungsgrund"]
    reopened.deleteLater()
