"""Stress (issue 12, item 1): thousands of key events and hundreds of edit → preview → export cycles.

Bounded in count, never in time: the cycles are fixed by a seed, so a failure repeats. A crash of the
program is a crash of this test process; every message the clerk would see must be one German line.
``KONZEPT_STRESS_CYCLES`` raises the count for a longer run by hand.
"""
from __future__ import annotations

import os
import random
import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

CYCLES = int(os.environ.get("KONZEPT_STRESS_CYCLES", "200"))
KEY_EVENTS = 3000
JARGON = re.compile(r"Traceback|Error\b|Exception|JSON|UTF-8|\bNone\b|object at 0x|list index")

# Markdown an editor, a paste or an older program can leave behind (review M1–M4, C2)
NASTY = [
    "- \n- Punkt\n",  # an empty bullet
    "-\n",
    "1. eins\n   - zwei\n      - drei\n",
    "Wir achten auf eine **freundliche **Kommunikation.",
    "[presse@lindenau.de](mailto:presse@lindenau.de) und danach Text",
    "Literal </b> und <b> und <Name> und <14",
    "*" * 300 + "a" + "*" * 300,
    "_" * 200 + "x" + "_" * 200,
    "Emoji 👍🇩🇪 und ein sehr " + "langes" * 200 + " Wort",
    "{{ 7*7 }} {% if %} ${HOME}",
    "",
]


def type_text(widget, text: str) -> None:
    """Real key events for every character (QTest.keyClicks only knows ASCII: „ä“ would abort it)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _messages(monkeypatch):
    shown = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def test_typing_thousands_of_keys_into_fields_and_the_editor(window, qtbot, monkeypatch):
    shown = _messages(monkeypatch)
    window.open_example()
    rng = random.Random(12)
    alphabet = "abcdefghijklmnopqrstuvwxyzäöüß ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;-–„“!?()"
    window.go_to("questions:verwaltung")
    fields = [f for f in window.current_page().findChildren(QLineEdit) if f.isVisible() and not f.isReadOnly()]
    typed = 0
    while typed < KEY_EVENTS // 2:
        field = rng.choice(fields)
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60)))
        field.setFocus()
        type_text(field, text)
        if rng.random() < 0.3:
            QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClick(field, Qt.Key.Key_Backspace)
        typed += len(text)
    window.go_to("section:zweck")
    editor = next(iter(window.current_page().blocks.values())).editor.edit
    editor.setFocus()
    while typed < KEY_EVENTS:
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60)))
        type_text(editor, text)
        key = rng.choice([Qt.Key.Key_Return, Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_Z, Qt.Key.Key_Backspace])
        modifier = Qt.KeyboardModifier.NoModifier if key in (Qt.Key.Key_Return, Qt.Key.Key_Backspace) \
            else Qt.KeyboardModifier.ControlModifier
        QTest.keyClick(editor, key, modifier)
        typed += len(text) + 1
    window.flush()
    window.update_states()
    assert window.session.modified and typed >= KEY_EVENTS
    assert shown == []


def test_hundreds_of_edit_preview_export_cycles(window, qtbot, tmp_path, monkeypatch):
    from docx import Document as Docx

    shown = _messages(monkeypatch)
    monkeypatch.setattr("desktop.export_flow.confirm_gaps", lambda *a: "export")
    window.open_example()
    window.session.removal_guard = lambda *a: True  # the confirmation itself is tested elsewhere
    rng = random.Random(7)
    preview = window.preview
    keys = [e.key for e in window.session.project.walk()]
    targets = {"ok": tmp_path / "ok", "missing": tmp_path / "gibt-es-nicht" / "x", "file": tmp_path / "datei"}
    targets["ok"].mkdir()
    targets["file"].write_text("kein Ordner")
    written = failed = 0
    for cycle in range(CYCLES):
        edit = rng.randrange(5)
        if edit == 0:
            window.session.set_section_text(rng.choice(keys), "", rng.choice(NASTY))
        elif edit == 1:
            window.session.set_answer("verwaltung.name", rng.choice(["Lindenau", "", "X" * rng.randint(1, 400),
                                                                     "Bad Münster-Ebernburg", "<b>Ort</b>"]))
        elif edit == 2:
            channels = list(window.session.answer("kanaele") or [])
            if channels and rng.random() < 0.5:
                channels.pop(rng.randrange(len(channels)))
            else:
                channels.append({"plattform": rng.choice(["instagram", "mastodon", "sonstige", "unbekannt"]),
                                 "name": rng.choice(["@ort", "", "Ö" * 50]), "url": "https://example.org"})
            window.session.set_answer("kanaele", channels)
        elif edit == 3:
            window.go_to(rng.choice(window.step_list.steps).id)
        else:
            window.session.set_design({"title_page": rng.random() < 0.5, "toc": rng.random() < 0.5,
                                       "primary_color": rng.choice(["#1F4E79", "rot", ""])})
        if cycle % 4 == 0:  # the preview renders on its thread while the next edits come in
            preview.refresh_now()  # done when its line no longer says it is working (pages or a message)
            qtbot.waitUntil(lambda: "wird aktualisiert" not in preview.status.text(), timeout=60000)
            assert not JARGON.search(preview.status.text()), preview.status.text()
        where = rng.choice(["ok", "ok", "missing", "file"])
        kind = rng.choice(["docx", "pdf"])
        target = targets[where] / f"k{cycle}.{kind}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, t=target, **k: (str(t), "")))
        before = len(shown)
        result = window.export(kind).wait()
        if result is not None:
            written += 1
            assert result == target and target.stat().st_size > 0
            if kind == "pdf":
                assert target.read_bytes()[:5] == b"%PDF-"
            elif cycle % 10 == 0:
                Docx(str(target))  # a written Word file opens again
        else:
            failed += 1
            assert len(shown) == before + 1, shown[before:]
        for message in shown[before:]:
            assert "\n" not in message.strip() and not JARGON.search(message), message
    assert written >= CYCLES // 3 and failed >= CYCLES // 5
    leftovers = [p for p in targets["ok"].iterdir() if not re.fullmatch(r"k\d+\.(docx|pdf)", p.name)]
    assert leftovers == []  # no temporary folder or half-written file stays behind
