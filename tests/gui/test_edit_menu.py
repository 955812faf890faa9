"""„Bearbeiten“: undo/redo and the clipboard on the focused field, find and replace across
the concept, German spell checking in the editor."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication


def _menu_titles(window):
    return [a.text() for a in window.menuBar().actions()]


def test_bearbeiten_sits_between_datei_and_ansicht(window):
    titles = _menu_titles(window)
    assert titles.index("&Bearbeiten") == titles.index("&Datei") + 1 == titles.index("&Ansicht") - 1
    texts = [a.text() for a in window.edit_menu.menu.actions() if a.text()]
    assert texts[:5] == ["&Rückgängig", "&Wiederholen", "&Ausschneiden", "&Kopieren", "&Einfügen"]
    assert "&Suchen und Ersetzen …" in texts


def test_undo_redo_and_clipboard_act_on_the_focused_field(window, qtbot):
    window.new_project("herford")
    window.go_to("questions:verwaltung")
    edit = window.current_page().editors["verwaltung.name"].edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Lindenau")
    actions = window.edit_menu.actions
    window.edit_menu.update_actions()  # what the open menu shows
    assert actions["undo"].isEnabled() and not actions["cut"].isEnabled()
    window.edit_menu.menu.aboutToHide.emit()
    actions["undo"].trigger()
    assert edit.text() == ""
    actions["redo"].trigger()
    assert edit.text() == "Lindenau"
    edit.selectAll()
    actions["cut"].trigger()
    assert edit.text() == "" and QApplication.clipboard().text() == "Lindenau"
    assert window.session.answer("verwaltung.name") in (None, "")  # the answer follows undo and cut
    actions["paste"].trigger()
    assert edit.text() == "Lindenau" and window.session.answer("verwaltung.name") == "Lindenau"
    window.go_to("section:zweck")  # the same actions work in the section text
    text = next(iter(window.current_page().blocks.values())).editor.edit
    text.setFocus()
    text.selectAll()
    actions["copy"].trigger()
    assert QApplication.clipboard().text()[:20] == text.toPlainText()[:20]
    QApplication.clipboard().clear()  # the clipboard must not outlive the application with our data


def test_find_and_replace_across_sections_and_answers(window, qtbot):
    window.open_example()
    window.edit_menu.find()
    dialog = window.edit_menu.dialog
    dialog.search.setText("Musterstadt")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    kinds = {h.kind for h in dialog.hits}
    assert kinds == {"text", "answer"} and len(dialog.hits) > 5
    row = next(i for i, h in enumerate(dialog.hits) if h.kind == "text")
    target = dialog.jump(row)
    assert window.current_id == f"section:{dialog.hits[row].key}"
    assert target.textCursor().selectedText() == "Musterstadt"
    answer_row = next(i for i, h in enumerate(dialog.hits) if h.kind == "answer")
    field = dialog.jump(answer_row)
    assert field.hasFocus() and field.selectedText() == "Musterstadt"

    dialog.replace.setText("Lindenau")
    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert dialog.hits == [] and "ersetzt" in dialog.summary.text()
    assert window.session.answer("verwaltung.name") == "Lindenau"
    document = " ".join(r.markdown for e in window.session.project.walk()
                        for r in window.session.assembler().sections_of(e))
    assert "Musterstadt" not in document and "Lindenau" in document
    dialog.hide()


@pytest.fixture
def spelling_editor(qtbot, app):
    from desktop.widgets.richtext import RichTextEditor
    from desktop.widgets.spelling import Speller

    speller = Speller(["Nutzungskonzept"])
    assert speller.wait(60), speller.error
    editor = RichTextEditor("Test", speller=speller)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _underlined(editor, word):
    block = editor.edit.document().begin()
    start = block.text().index(word)
    for r in block.layout().formats():
        if r.start <= start < r.start + r.length and \
                r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
            return True
    return False


def test_unknown_words_are_underlined_with_suggestions(spelling_editor, qtbot):
    editor = spelling_editor
    edits = []
    editor.edited.connect(edits.append)
    editor.set_markdown("Das Konzpet der Verwaltung und das Nutzungskonzept für [[Name der Verwaltung]].\n")
    editor.rehighlight()
    editor.flush()
    assert edits == []  # underlining is no edit
    assert _underlined(editor, "Konzpet")
    assert not _underlined(editor, "Verwaltung") and not _underlined(editor, "Nutzungskonzept")
    assert not _underlined(editor, "Name")
    cursor = editor.edit.textCursor()
    cursor.setPosition(6)
    rect = editor.edit.cursorRect(cursor)
    menu = editor.edit.spelling_menu(rect.center())
    first = menu.actions()[0]
    assert first.text() == "Konzept"
    first.trigger()
    assert editor.edit.toPlainText().startswith("Das Konzept der")
    editor.flush()
    assert edits and edits[-1].startswith("Das Konzept der")


def test_spelling_can_be_switched_off_in_the_menu(window, qtbot):
    window.open_example()
    window.go_to("section:zweck")
    speller = window.edit_menu.speller
    assert speller is not None and speller.wait(60)
    editor = next(iter(window.current_page().blocks.values())).editor
    qtbot.waitUntil(lambda: not editor._spell_timer.isActive(), timeout=5000)
    assert not window.session.modified  # the underlines that appeared are no edit
    window.edit_menu.actions["spelling"].trigger()
    assert not speller.available and window.settings.get("spelling") is False
    window.edit_menu.actions["spelling"].trigger()
    assert speller.available
    editor.edit.setPlainText("Der Kanal heißt Quarkelzwibbel.")
    word = editor.edit.textCursor()
    word.setPosition(20)
    menu = editor.edit.spelling_menu(editor.edit.cursorRect(word).center())
    next(a for a in menu.actions() if "nicht mehr anstreichen" in a.text()).trigger()
    assert "quarkelzwibbel" in window.settings.get("spelling_ignored")  # kept for the next start
