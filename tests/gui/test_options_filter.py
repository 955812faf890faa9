"""Choices that depend on another answer: body types per Land, account kinds per platform."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWidget


def _field(window, qid):
    editor = window.current_page().findChild(QWidget, f"field:{qid}")
    assert editor is not None, qid
    return editor


def _offered(combo) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]


def _choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def _start(window, qtbot):
    qtbot.mouseClick(window.start.findChild(QRadioButton, "startStyle:heilbronn"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.start.new_button, Qt.MouseButton.LeftButton)
    assert window.current_id == "questions:verwaltung"


def test_body_types_follow_the_land(window, qtbot):
    _start(window, qtbot)
    art = _field(window, "verwaltung.art").combo
    assert {"samtgemeinde", "verwaltungsgemeinschaft", "markt"} <= set(_offered(art))  # no Land yet: all
    _choose(_field(window, "verwaltung.bundesland").combo, "NI")
    assert "samtgemeinde" in _offered(art) and "verwaltungsgemeinschaft" not in _offered(art)
    _choose(art, "samtgemeinde")
    assert window.session.answer("verwaltung.art") == "samtgemeinde"
    _choose(_field(window, "verwaltung.bundesland").combo, "BY")
    offered = _offered(art)
    assert "samtgemeinde" not in offered and {"verwaltungsgemeinschaft", "markt", "landkreis"} <= set(offered)
    assert "kreis" not in offered
    # the choice that no longer fits is not kept silently: the answer is empty and asked for again
    assert art.currentData() == "" and not window.session.answer("verwaltung.art")


def test_account_kinds_follow_the_platform(window, qtbot):
    _start(window, qtbot)
    while window.current_id != "questions:kanaele":
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    channels = _field(window, "kanaele")
    qtbot.mouseClick(channels.add_button, Qt.MouseButton.LeftButton)
    editors = channels.editors[-1]
    _choose(editors["plattform"].combo, "facebook")
    kontotyp = editors["kontotyp"].combo
    assert _offered(kontotyp) == ["seite"] and kontotyp.currentText() == "Facebook-Seite"
    assert window.session.answer("kanaele")[-1]["kontotyp"] == "seite"
    _choose(editors["plattform"].combo, "instagram")
    assert _offered(kontotyp) == ["basis", "business"]
