"""Removing a channel asks first and can be undone; edited texts that still name it are found (item 8)."""
from __future__ import annotations

from modal_helpers import answer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


def _remove_buttons(page):
    field = page.editors["kanaele"]
    return [b for b in field.findChildren(QPushButton) if b.text().endswith("entfernen") and b.isVisible()]


def _press_first_remove(page, qtbot):
    """Press the first channel's remove button with the keyboard (Tab to it, space): a mouse click at its
    place could fall outside the small offscreen screen once the channel form is long."""
    button = _remove_buttons(page)[0]
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _platforms(window):
    return [k.get("plattform") for k in window.session.answer("kanaele")]


def test_removing_a_channel_asks_and_can_be_undone(window, qtbot):
    window.open_example()
    window.go_to("questions:kanaele")
    page = window.current_page()
    before = _platforms(window)
    assert before == ["instagram", "facebook"]

    seen = []
    answer("Behalten", seen)
    _press_first_remove(page, qtbot)
    assert seen and "wirklich entfernen" in seen[0]
    assert _platforms(window) == before
    qtbot.waitUntil(lambda: len(_remove_buttons(page)) == 2)  # the page shows both channels again

    answer("Entfernen")
    _press_first_remove(page, qtbot)
    assert _platforms(window) == ["facebook"]
    assert window.undo_bar.isVisible() and "entfernt" in window.undo_bar.label.text()
    qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
    assert _platforms(window) == before  # back at its place, with everything it held
    assert not window.undo_bar.isVisible()
    qtbot.waitUntil(lambda: len(_remove_buttons(page)) == 2)


def test_an_empty_new_channel_goes_without_asking(window, qtbot):
    window.open_example()
    window.go_to("questions:kanaele")
    page = window.current_page()
    qtbot.mouseClick(page.editors["kanaele"].add_button, Qt.MouseButton.LeftButton)
    assert len(window.session.answer("kanaele")) == 3
    qtbot.waitUntil(lambda: len(_remove_buttons(page)) == 3)
    qtbot.mouseClick(_remove_buttons(page)[-1], Qt.MouseButton.LeftButton)  # no dialog: nothing to lose
    assert len(window.session.answer("kanaele")) == 2


def test_edited_text_naming_a_removed_channel_is_a_finding_with_a_jump(window, qtbot):
    window.open_example()
    window.go_to("section:einleitung")
    einleitung = window.session.assembler().sections_of(window.session.project.find("einleitung"))[0].markdown
    window.session.set_section_text("einleitung", "", einleitung + "\n\nNeu: mehr Fotos.")
    window.go_to("questions:kanaele")
    answer("Entfernen")
    qtbot.mouseClick(_remove_buttons(window.current_page())[0], Qt.MouseButton.LeftButton)
    window.go_to("export:")
    page = window.current_page()
    rows = [i for i in range(page.findings.count()) if "Instagram" in page.findings.item(i).text()]
    assert rows, [page.findings.item(i).text() for i in range(page.findings.count())]
    item = page.findings.item(rows[0])
    assert "nicht mehr unter Ihren Kanälen" in item.text()
    page.findings.setCurrentRow(rows[0])
    page.findings.itemActivated.emit(item)
    assert window.current_id == "section:einleitung"
