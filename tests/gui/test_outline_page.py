"""„Aufbau und Stil“: numbering, nesting (buttons, shortcuts, drag and drop), unnumbered sections and the
title block, driven through the real widgets; the exported PDF follows (issue 11)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit, QPushButton
from pypdf import PdfReader

from tests.e2e.test_clerk_flows import click, click_step, keys


def _open_outline(window, qtbot, tmp_path, gui_definition):
    from wizards.project import example_project, save_project

    path = tmp_path / "musterstadt.konzept"
    save_project(example_project(gui_definition, "heilbronn"), path)
    assert window.open_path(path)
    click_step(qtbot, window, "outline:")
    return window.current_page()


def _select(qtbot, page, key):
    page._select(key)
    assert page.current_key() == key
    page.tree.setFocus()


def _texts(page):
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    out, it = [], QTreeWidgetItemIterator(page.tree)
    while it.value():
        item = it.value()
        depth, parent = 0, item.parent()
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        out.append("  " * depth + item.text(0))
        it += 1
    return out


def test_numbering_scheme_shows_in_the_tree_and_the_document(window, qtbot, tmp_path, gui_definition):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    combo = page.findChild(QComboBox, "outline:numbering")
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("I."))
    assert window.session.project.design["numbering"] == "I."
    assert any(text.startswith("I. ") for text in _texts(page))
    assert any(text.startswith("  1. Datenschutzerklärung") for text in _texts(page))


def test_indent_outdent_with_buttons_and_shortcuts(window, qtbot, tmp_path, gui_definition):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    project = window.session.project
    _select(qtbot, page, "verantwortung")
    click(qtbot, page.findChild(QPushButton, "outline:indent"))
    assert project.level_of("verantwortung") == 2
    assert [c.key for c in project.find("art_umfang").children] == ["verantwortung"]
    qtbot.keyClick(page.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert project.level_of("verantwortung") == 1
    qtbot.keyClick(page.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert project.level_of("verantwortung") == 2
    qtbot.keyClick(page.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.modified


def test_unnumbered_toggle(window, qtbot, tmp_path, gui_definition):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    _select(qtbot, page, "zweck")
    button = page.findChild(QPushButton, "outline:numbered")
    click(qtbot, button)
    assert window.session.project.find("zweck").numbered is False
    assert button.isChecked()
    unnumbered = sum("(ohne Nummer)" in t for t in _texts(page))
    click(qtbot, button)
    assert window.session.project.find("zweck").numbered is None
    assert sum("(ohne Nummer)" in t for t in _texts(page)) == unnumbered - 1
    # a section the catalogue leaves unnumbered (the introduction) can get a number
    _select(qtbot, page, "einleitung")
    assert button.isChecked()
    window.session.rename_section("einleitung", "Einleitung")
    _select(qtbot, page, "einleitung")
    click(qtbot, button)
    assert window.session.project.find("einleitung").numbered is True
    headings = [b for b in window.session.document().blocks if getattr(b, "anchor", "") == "abschnitt-einleitung"]
    assert headings and headings[0].number == "1."


def test_drag_and_drop_nests_a_section(window, qtbot, tmp_path, gui_definition):
    """After a drop (Qt has moved the item in the tree), the page hands the new structure to the project."""
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    tree = page.tree
    source = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                  if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "alternativen")
    target = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                  if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "verantwortung")
    # move the item in the widget as a drop would, then let the page take the structure
    index = tree.indexOfTopLevelItem(source)
    tree.takeTopLevelItem(index)
    target.addChild(source)
    tree.dropped.emit(tree.structure())
    assert [c.key for c in window.session.project.find("verantwortung").children] == ["alternativen"]
    # a structure four levels deep is refused and the tree shows the project again
    from PySide6.QtWidgets import QMessageBox

    shown = []
    import desktop.pages.outline as outline_module
    original = outline_module.QMessageBox.information
    outline_module.QMessageBox.information = staticmethod(lambda *a, **k: shown.append(a[2]))
    try:
        deep = [("zweck", [("art_umfang", [("verantwortung", [("alternativen", [])])])])] + [
            (k, []) for k in ("einleitung", "datenschutz")]
        tree.dropped.emit(deep)
    finally:
        outline_module.QMessageBox.information = original
    assert shown and "drei Ebenen" in shown[0]
    assert window.session.project.level_of("alternativen") == 2


def test_title_dialog_sets_the_title_block(window, qtbot, tmp_path, gui_definition, monkeypatch):
    from desktop import title_dialog

    page = _open_outline(window, qtbot, tmp_path, gui_definition)

    def fill(dialog):
        keys(qtbot, dialog.title, "Soziale Medien – Konzept")
        dialog.stand.setCurrentIndex(dialog.stand.findData("ein"))
        dialog.stand_text.setText("Fassung vom {datum}")
        dialog.lines.setPlainText("Rathausplatz 1, 12345 Musterstadt")
        dialog.history_label.setText("Änderungen")
        return 1

    monkeypatch.setattr(title_dialog.TitleDialog, "exec", fill)
    click(qtbot, page.findChild(QPushButton, "outline:title"))
    design = window.session.project.design
    assert design["title"] == "Soziale Medien – Konzept"
    assert design["stand_line"] == "ein" and design["stand_text"] == "Fassung vom {datum}"
    assert design["title_lines"] == ["Rathausplatz 1, 12345 Musterstadt"]

    from wizards.export import design_of, write

    target = tmp_path / "titel.pdf"
    write("pdf", window.session.document(), target, design_of(window.session.project))
    first = PdfReader(target).pages[0].extract_text()
    assert "Soziale Medien – Konzept" in first
    assert "Fassung vom 01.11.2026" in first
    assert "Rathausplatz 1, 12345 Musterstadt" in first


def test_new_concept_with_a_preset_from_the_start_screen(window, qtbot):
    from tests.e2e.test_clerk_flows import click

    start = window.start
    qtbot.waitUntil(lambda: start.new_button.isEnabled(), timeout=10000)
    combo = start.findChild(QComboBox, "startPreset")
    combo.setCurrentIndex(combo.findData("rheinland-pfalz"))
    click(qtbot, start.new_button)
    project = window.session.project
    assert project.design["numbering"] == "1.-1.1"
    assert project.outline[1].section == "gruende" and project.outline[1].heading == "Erforderlichkeit der Nutzung"


def test_apply_preset_on_the_aufbau_page_asks_first(window, qtbot, tmp_path, gui_definition, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No))
    combo = page.findChild(QComboBox, "outline:preset")
    combo.setCurrentIndex(combo.findData("webseite"))
    click(qtbot, page.findChild(QPushButton, "outline:apply_preset"))
    assert asked and window.session.project.design.get("numbering") != "keine"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    click(qtbot, page.findChild(QPushButton, "outline:apply_preset"))
    assert window.session.project.design["numbering"] == "keine"
    assert any("Warum sind wir in den sozialen Medien?" in t for t in _texts(page))


def test_gender_form_choice_reaches_the_document(window, qtbot, tmp_path, gui_definition):
    from wizards.writers.debug import render_debug

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    combo = page.findChild(QComboBox, "outline:gender")
    combo.setCurrentIndex(combo.findData("doppelpunkt"))
    assert window.session.project.design["gender"] == "doppelpunkt"
    text = render_debug(window.session.document())
    assert "Bürger:innen" in text and "Bürgerinnen und Bürger" not in text


def test_perspective_choice_is_a_document_setting(window, qtbot, tmp_path, gui_definition):
    from PySide6.QtWidgets import QLabel

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    combo = page.findChild(QComboBox, "outline:perspective")
    assert combo.accessibleName() == "Perspektive der Texte" and "bearbeiteten Texte" in combo.toolTip()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Wie im gewählten Stil", "Wir-Form (wir, unser Team)", "Dritte Person (Die Gemeinde …)"]
    assert any(lab.buddy() is combo and lab.text() == "&Perspektive:" for lab in page.findChildren(QLabel))
    combo.setCurrentIndex(combo.findData("wir"))
    assert window.session.project.design["perspective"] == "wir"
    combo.setCurrentIndex(combo.findData(""))
    assert window.session.project.design["perspective"] == ""


def test_wir_form_reaches_the_exported_docx_and_back(window, qtbot, tmp_path, gui_definition, monkeypatch, exports):
    """A heilbronn project (third person) in „Wir-Form“: the Word file says „wir“; switching back restores it."""
    from docx import Document as Docx
    from PySide6.QtWidgets import QFileDialog

    def export_text(name: str) -> str:
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
        window.export("docx").wait()
        assert exports[-1] == target
        return "\n".join(p.text for p in Docx(str(target)).paragraphs)

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    combo = page.findChild(QComboBox, "outline:perspective")
    combo.setCurrentIndex(combo.findData("wir"))
    window.go_to("section:zweck")  # the section page shows the text the document gets
    editor_text = next(iter(window.current_page().blocks.values())).editor.markdown()
    assert editor_text.startswith("Wir verstehen uns als moderne")
    wir = export_text("wir.docx")
    assert "Wir, die Gemeindeverwaltung Musterstadt, sind mit eigenen Auftritten" in wir
    assert "Darüber hinaus sind wir auf folgenden Wegen erreichbar" in wir
    assert "Die Gemeindeverwaltung Musterstadt ist mit eigenen Auftritten" not in wir
    combo.setCurrentIndex(combo.findData(""))
    native = export_text("dritte.docx")
    assert "Die Gemeindeverwaltung Musterstadt ist mit eigenen Auftritten" in native
    assert "Wir, die Gemeindeverwaltung" not in native


def test_design_dialog_keeps_the_perspective(app, qtbot):
    """„Gestaltung …“ rewrites the design from its own fields: the perspective chosen on the Aufbau page stays."""
    from desktop.dialogs import DesignDialog

    dialog = DesignDialog({"perspective": "wir", "gender": "stern"}, "")
    qtbot.addWidget(dialog)
    design = dialog.design_dict()
    assert (design.perspective, design.gender) == ("wir", "stern")


def test_variant_box_names_the_other_voice_until_a_perspective_is_chosen(window, qtbot, tmp_path, gui_definition):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    window.go_to("section:zweck")
    combo = window.current_page().variant
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Heilbronn-Stil", "Herford-Stil (Wir-Form)", "Sassenberg-Stil (Wir-Form)"]
    window.go_to("outline:")
    perspective = page.findChild(QComboBox, "outline:perspective")
    perspective.setCurrentIndex(perspective.findData("dritte"))
    window.go_to("section:zweck")
    combo = window.current_page().variant
    assert [combo.itemText(i) for i in range(combo.count())] == ["Heilbronn-Stil", "Herford-Stil", "Sassenberg-Stil"]


def test_no_preset_shown_that_was_not_applied(window, qtbot, tmp_path, gui_definition):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    combo = page.findChild(QComboBox, "outline:preset")
    assert combo.currentIndex() == -1 and "Stils" in combo.placeholderText()
    numbering = window.session.project.design.get("numbering")
    click(qtbot, page.findChild(QPushButton, "outline:apply_preset"))  # nothing chosen: nothing happens
    assert window.session.project.design.get("numbering") == numbering
    combo.setCurrentIndex(combo.findData("webseite"))
    page.refresh()  # a pick not yet applied stays
    assert combo.currentData() == "webseite"


def test_removing_a_section_with_subsections_says_so(window, qtbot, tmp_path, gui_definition, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    project = window.session.project
    parent, child = project.outline[1].key, project.outline[2].key
    _select(qtbot, page, child)
    click(qtbot, page.findChild(QPushButton, "outline:indent"))
    assert [c.key for c in project.find(parent).children] == [child]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No))
    _select(qtbot, page, parent)
    click(qtbot, page.findChild(QPushButton, "outline:remove"))
    child_title = window.session.section_title(child)
    assert "seinem Unterabschnitt" in asked[0] and f"„{child_title}“" in asked[0]
    assert project.find(parent) is not None and project.find(child) is not None
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    click(qtbot, page.findChild(QPushButton, "outline:remove"))
    assert project.find(parent) is None and project.find(child) is None
