"""A catalogue section added once more on the Aufbau page, with its own heading and text; a per-channel
section renamed there for every channel (issue 11). Driven click by click through the real widgets."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QListWidget, QPushButton

from tests.e2e.test_clerk_flows import click, click_step, keys
from tests.gui.modal_helpers import on_modal

from tests.gui.test_outline_page import _open_outline, _select, _texts


def _press_ok(dialog):
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def _type_heading(qtbot, heading):
    """The next modal dialog is the heading question: clear its line, type ``heading``, press OK."""
    def act(dialog):
        line = dialog.findChild(QLineEdit)
        line.selectAll()
        keys(qtbot, line, heading)
        _press_ok(dialog)
    on_modal(act)


def test_adding_a_section_once_more_with_its_own_heading_and_text(window, qtbot, tmp_path, gui_definition):
    from wizards.assemble import Assembler

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    project = window.session.project
    _select(qtbot, page, "zweck")
    offered = []

    def choose(dialog):
        catalogue = dialog.findChild(QListWidget, "catalogueList")
        offered.extend(catalogue.item(i).text().splitlines()[0] for i in range(catalogue.count()))
        row = next(i for i in range(catalogue.count()) if catalogue.item(i).data(Qt.ItemDataRole.UserRole) == "zweck")
        catalogue.setCurrentRow(row)
        _type_heading(qtbot, "Zweck des Jugendzentrums")
        _press_ok(dialog)

    on_modal(choose)
    click(qtbot, page.findChild(QPushButton, "outline:add"))
    assert f"{gui_definition.sections['zweck'].title} (weiterer Abschnitt)" in offered
    assert gui_definition.sections["ziele"].title in offered  # sections not yet in the outline as before
    entry = project.find("zweck~2")
    assert entry is not None and entry.heading == "Zweck des Jugendzentrums" and entry.text is None
    assert page.current_key() == "zweck~2"
    assert any("Zweck des Jugendzentrums  (weiterer Abschnitt)" in t for t in _texts(page))

    # its own page: editing the second „Zweck“ leaves the first untouched
    first_before = project.find("zweck").text
    click_step(qtbot, window, "section:zweck~2")
    section_page = window.current_page()
    block = next(iter(section_page.blocks.values()))
    assert block.editor.objectName() == "editor:zweck~2"
    block.editor.edit.setFocus()
    block.editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(block.editor.edit, " Das Jugendzentrum postet selbst.")
    block.editor.flush()
    assert project.find("zweck~2").text.rstrip().endswith("Das Jugendzentrum postet selbst.")
    assert project.find("zweck").text == first_before
    rendered = {r.key: r for e in project.walk() for r in Assembler(gui_definition, project).sections_of(e)}
    assert "Das Jugendzentrum postet selbst." not in rendered["zweck"].markdown
    from wizards import doctree as dt

    numbers = {dt.plain_text(b.text): b.number for b in window.session.document().blocks if isinstance(b, dt.Heading)}
    first_heading = rendered["zweck"].heading
    assert numbers["Zweck des Jugendzentrums"] and numbers["Zweck des Jugendzentrums"] != numbers[first_heading]

    # removing it takes only the second one
    click_step(qtbot, window, "outline:")
    page.refresh()
    assert f"{numbers['Zweck des Jugendzentrums']} Zweck des Jugendzentrums  (weiterer Abschnitt)" in _texts(page)
    assert any(t.startswith(f"{numbers[first_heading]} ") and "weiterer" not in t for t in _texts(page))
    _select(qtbot, page, "zweck~2")
    on_modal(lambda box: next(b for b in box.buttons() if b.text().replace("&", "") in ("Yes", "Ja")).click())
    click(qtbot, page.findChild(QPushButton, "outline:remove"))
    assert project.find("zweck~2") is None and project.find("zweck") is not None


def test_renaming_a_per_channel_section_on_the_aufbau_page_reaches_the_document(window, qtbot, tmp_path,
                                                                               gui_definition):
    from wizards import doctree as dt
    from wizards.project import example_project, save_project

    path = tmp_path / "k.konzept"
    save_project(example_project(gui_definition, "sassenberg"), path)
    assert window.open_path(path)
    click_step(qtbot, window, "outline:")
    page = window.current_page()
    _select(qtbot, page, "art_umfang_kanal")
    explained = []

    def rename(dialog):
        explained.append(dialog.labelText())
        combo = dialog.findChild(QComboBox)
        assert combo.findText("{Plattform}") >= 0 and combo.findText("{Kontoname}") >= 0
        combo.lineEdit().selectAll()
        keys(qtbot, combo.lineEdit(), "Unser Auftritt auf {Plattform}")
        _press_ok(dialog)

    on_modal(rename)
    click(qtbot, page.findChild(QPushButton, "outline:rename"))
    assert "{Plattform}" in explained[0] and "angehängt" in explained[0]
    assert window.session.project.find("art_umfang_kanal").heading == "Unser Auftritt auf {Plattform}"
    headings = [dt.plain_text(b.text) for b in window.session.document().blocks if isinstance(b, dt.Heading)]
    platforms = {str(k.get("plattform_name")) for k in window.session.assembler().context["kanaele"]}
    for platform in platforms:
        assert f"Unser Auftritt auf {platform}" in headings


def test_neutral_forms_are_offered_and_reach_the_document(window, qtbot, tmp_path, gui_definition):
    from wizards.writers.debug import render_debug

    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    combo = page.findChild(QComboBox, "outline:gender")
    index = combo.findData("neutral")
    assert index >= 0 and "Nutzende" in combo.itemText(index) and "wo möglich" in combo.itemText(index)
    combo.setCurrentIndex(index)
    assert window.session.project.design["gender"] == "neutral"
    text = render_debug(window.session.document())
    assert "Nutzenden" in text and "Nutzerinnen und Nutzer" not in text and "Bürgerinnen und Bürger" in text


def test_a_per_channel_section_added_once_more_is_headed_by_the_account_name(window, qtbot, tmp_path,
                                                                             gui_definition):
    from wizards import doctree as dt
    from wizards.project import example_project, save_project

    path = tmp_path / "k.konzept"
    save_project(example_project(gui_definition, "sassenberg"), path)
    assert window.open_path(path)
    click_step(qtbot, window, "outline:")
    page = window.current_page()
    _select(qtbot, page, "art_umfang_kanal")
    titles = []

    def heading(dialog):
        titles.append(dialog.windowTitle())
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findText("{Kontoname}"))
        _press_ok(dialog)

    def choose(dialog):
        catalogue = dialog.findChild(QListWidget, "catalogueList")
        row = next(i for i in range(catalogue.count())
                   if catalogue.item(i).data(Qt.ItemDataRole.UserRole) == "art_umfang_kanal")
        catalogue.setCurrentRow(row)
        on_modal(heading)
        _press_ok(dialog)

    on_modal(choose)
    click(qtbot, page.findChild(QPushButton, "outline:add"))
    assert titles == ["Weiterer Abschnitt"]
    assert window.session.project.find("art_umfang_kanal~2").heading == "{Kontoname}"
    headings = [dt.plain_text(b.text) for b in window.session.document().blocks if isinstance(b, dt.Heading)]
    for channel in window.session.project.answers["kanaele"]:
        assert channel["name"] in headings  # the account's name alone, once per channel


def test_a_further_use_keeps_a_heading_of_its_own(window, qtbot, tmp_path, gui_definition):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    key = window.session.add_section("zweck", another=True, heading="Zweck des Museums")
    page.refresh()
    _select(qtbot, page, key)
    asked = []

    def empty(dialog):
        asked.append(dialog.labelText())
        dialog.findChild(QLineEdit).clear()
        _press_ok(dialog)

    on_modal(empty)
    click(qtbot, page.findChild(QPushButton, "outline:rename"))
    assert "leer lassen" not in asked[0]
    assert window.session.project.find(key).heading == "Zweck des Museums"  # not the first one's heading again
