"""The clerk changes the order of channels (and of every other group: persons, facilities) with
„Nach oben“/„Nach unten“ in each entry's box, by keyboard; the concept follows the new order."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton


def _buttons(field, name):
    return [box.findChild(QPushButton, name) for box in field.boxes]


def _platforms(window):
    return [k.get("plattform") for k in window.session.answer("kanaele")]


def test_channels_move_by_keyboard_and_the_document_follows(window, qtbot):
    window.open_example()
    window.go_to("questions:kanaele")
    field = window.current_page().editors["kanaele"]
    ids = [k["_id"] for k in window.session.answer("kanaele")]
    assert _platforms(window) == ["instagram", "facebook"]
    # the first cannot go up, the last not down
    assert [b.isEnabled() for b in _buttons(field, "moveUpButton")] == [False, True]
    assert [b.isEnabled() for b in _buttons(field, "moveDownButton")] == [True, False]

    up = _buttons(field, "moveUpButton")[1]
    assert up.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable with Tab
    up.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(up, Qt.Key.Key_Space)
    assert _platforms(window) == ["facebook", "instagram"]
    assert [k["_id"] for k in window.session.answer("kanaele")] == ids[::-1]  # each channel keeps its own facts
    assert field.boxes[0].title().startswith("Kanal 1")  # the boxes are numbered anew
    # the focus stays with the moved entry: its way back („Nach unten“), so a second key press undoes it
    focused = QApplication.focusWidget()
    assert focused is _buttons(field, "moveDownButton")[0]

    assert window.session.assembler().context["plattformen_text"] == "Facebook und Instagram"  # the texts follow

    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert _platforms(window) == ["instagram", "facebook"]


def test_a_new_entry_can_be_moved_up_at_once(window, qtbot):
    window.open_example()
    window.go_to("questions:kanaele")
    field = window.current_page().editors["kanaele"]
    qtbot.mouseClick(field.add_button, Qt.MouseButton.LeftButton)
    assert [b.isEnabled() for b in _buttons(field, "moveDownButton")] == [True, True, False]
    assert _buttons(field, "moveUpButton")[2].isEnabled()
