"""A section page as the clerk uses it: variants and resets that say what they do, ask
before discarding edits, and can be undone."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox, QPushButton, QTextBrowser

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def answers(monkeypatch):
    """Answer „Verwerfen“/„Behalten“ boxes by button text; record the questions."""
    asked, replies = [], []

    def fake_exec(box):
        asked.append(box.text())
        wanted = replies.pop(0) if replies else "&Behalten"
        button = next(b for b in box.buttons() if b.text() == wanted)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked, replies


def _zweck(window, qtbot):
    window.open_example()
    window.go_to("section:zweck")
    page = window.current_page()
    block = next(iter(page.blocks.values()))
    block.editor.edit.setFocus()
    block.editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(block.editor.edit, " Eigener Satz am Ende.")
    block.editor.flush()
    return page, block


def test_compare_shows_my_text_and_choosing_asks_and_can_be_undone(window, qtbot, monkeypatch, answers):
    from desktop.dialogs import VariantCompareDialog

    asked, replies = answers
    page, block = _zweck(window, qtbot)
    assert page.variant.currentText().endswith("von Ihnen bearbeitet")
    other = next(s for s in window.session.definition.styles if s != window.session.project.style)
    seen = []

    def fake_exec(dialog):
        mine = dialog.findChild(QTextBrowser, f"Variante-{window.session.project.style}")
        seen.append(mine.toPlainText())
        qtbot.mouseClick(dialog.findChild(QPushButton, f"choose:{other}"), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(VariantCompareDialog, "exec", fake_exec)
    qtbot.mouseClick(page.findChild(QPushButton, "compareButton"), Qt.MouseButton.LeftButton)
    assert "Eigener Satz am Ende." in seen[0]  # the comparison shows the current text, edits included
    assert len(asked) == 1 and "verwerfen" in asked[0]  # kept („Behalten“): nothing changed
    assert "Eigener Satz am Ende." in block.editor.edit.toPlainText()
    assert window.session.project.find("zweck").variant != other

    replies.append("&Verwerfen")
    qtbot.mouseClick(page.findChild(QPushButton, "compareButton"), Qt.MouseButton.LeftButton)
    entry = window.session.project.find("zweck")
    assert entry.variant == other and entry.text is None
    template = block.editor.edit.toPlainText()
    assert "Eigener Satz am Ende." not in template
    _, expected = window.session.assembler().render_variant("zweck", other)
    assert template[:40] in " ".join(expected.replace("**", "").split())
    assert not page.variant.currentText().endswith("bearbeitet")

    block.editor.edit.setFocus()
    qtbot.keyClick(block.editor.edit, Qt.Key.Key_Z, CTRL)  # Strg+Z brings my text back
    block.editor.flush()
    assert "Eigener Satz am Ende." in block.editor.edit.toPlainText()
    assert "Eigener Satz am Ende." in window.session.project.find("zweck").text


def test_reset_asks_and_can_be_undone(window, qtbot, answers):
    asked, replies = answers
    page, block = _zweck(window, qtbot)
    qtbot.mouseClick(block.reset, Qt.MouseButton.LeftButton)
    assert asked and window.session.project.find("zweck").text is not None  # „Behalten“
    replies.append("&Verwerfen")
    qtbot.mouseClick(block.reset, Qt.MouseButton.LeftButton)
    assert window.session.project.find("zweck").text is None
    assert "Eigener Satz am Ende." not in block.editor.edit.toPlainText()
    assert block.state.text().startswith("Text der Vorlage")
    block.editor.edit.setFocus()
    qtbot.keyClick(block.editor.edit, Qt.Key.Key_Z, CTRL)
    block.editor.flush()
    assert "Eigener Satz am Ende." in window.session.project.find("zweck").text
    assert block.state.text() == "Von Ihnen bearbeitet."


def test_ctrl_z_never_empties_a_section(window, qtbot):
    page, block = _zweck(window, qtbot)
    for _ in range(30):
        qtbot.keyClick(block.editor.edit, Qt.Key.Key_Z, CTRL)
    block.editor.flush()
    text = block.editor.edit.toPlainText()
    assert len(text) > 100 and "Eigener Satz" not in text
    window.go_to("section:einleitung")
    window.go_to("section:zweck")  # shown again: still no undo into emptiness
    for _ in range(5):
        qtbot.keyClick(block.editor.edit, Qt.Key.Key_Z, CTRL)
    assert len(block.editor.edit.toPlainText()) > 100
