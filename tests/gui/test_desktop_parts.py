"""Desktop parts: translator, CLI delegation, session, editor, dialogs, errors, settings."""
from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QRadioButton


def test_qt_dialogs_are_german(app):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert box.button(QDialogButtonBox.StandardButton.Save).text() == "Speichern"


def test_cli_commands_are_delegated_without_importing_qt():
    code = ("import sys; from desktop.__main__ import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "Konzeptassistent" in out.stdout
    assert out.stdout.strip().endswith("NOQT")


def test_session_is_the_one_place_of_change(qtbot, gui_definition):
    from desktop.session import ProjectSession

    session = ProjectSession.new(gui_definition, "heilbronn")
    kinds = []
    session.changed.connect(kinds.append)
    assert not session.modified
    with qtbot.waitSignal(session.modified_changed):
        session.set_answer("verwaltung.name", "Lindenau")
    session.set_answer("verwaltung.name", "Lindenau")  # unchanged: no signal
    assert kinds == ["answers"] and session.modified
    session.set_section_text("zweck", "", "Eigener Text.\n")
    assert session.project.find("zweck").text == "Eigener Text.\n"
    session.set_section_text("zweck", "", None)
    assert session.project.find("zweck").text is None
    key = session.add_custom_section("Barrierefreiheit")
    assert session.move_section(key, -1)
    session.rename_section(key, "Barrierefreie Beiträge")
    assert session.section_title(key) == "Barrierefreie Beiträge"
    session.remove_section(key)
    assert session.project.find(key) is None
    assert kinds.count("outline") == 4


def test_editor_stores_markdown_only_when_the_clerk_edits(qtbot, app):
    from desktop.widgets.richtext import RichTextEditor
    from wizards.sanitize import MISSING_CLOSE, MISSING_OPEN

    editor = RichTextEditor("Test")
    qtbot.addWidget(editor)
    edits = []
    editor.edited.connect(edits.append)
    editor.set_markdown(f"Wir sind **{MISSING_OPEN}Name der Verwaltung{MISSING_CLOSE}**.\n\n- eins\n- zwei\n")
    editor.flush()
    assert edits == []  # loading is not an edit
    assert "[[Name der Verwaltung]]" in editor.edit.toPlainText()
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.edit, " drei")
    qtbot.waitUntil(lambda: bool(edits), timeout=2000)
    assert f"{MISSING_OPEN}Name der Verwaltung{MISSING_CLOSE}" in edits[-1]
    assert "- eins" in edits[-1] and "drei" in edits[-1]


def test_start_screen_offers_every_style_and_recent_files(window, gui_definition, tmp_path):
    for style in gui_definition.styles:
        assert window.start.findChild(QRadioButton, f"startStyle:{style}") is not None
    window.settings.add_recent(tmp_path / "a.konzept")
    window.start.refresh_recent()
    assert window.start.recent.count() == 1


def test_unreadable_project_shows_german_message(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    bad = tmp_path / "kaputt.konzept"
    bad.write_text("{ nicht json", encoding="utf-8")
    assert not window.open_path(bad)
    assert shown and "kaputt.konzept" in shown[0] and "Traceback" not in shown[0]


def test_export_error_is_a_german_message(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from wizards.errors import ExportError

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "x.pdf"), "")))

    def fail(*a, **k):
        raise ExportError("Die Logo-Datei „logo.png“ wurde nicht gefunden.")
    monkeypatch.setattr("wizards.writers.pdf.write_pdf", fail)
    window.open_example()
    assert window.export("pdf").wait() is None
    assert shown == ["Die Logo-Datei „logo.png“ wurde nicht gefunden."]
    assert list(tmp_path.iterdir()) == []  # no half-written file, no temporary folder


def test_excepthook_shows_message_and_keeps_running(app, monkeypatch):
    from desktop.app import install_excepthook

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    old = sys.excepthook
    install_excepthook()
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert shown and "unerwarteter Fehler" in shown[0]


def test_unsaved_changes_prompt_on_close(window, monkeypatch):
    window.open_example()
    window.session.set_answer("verwaltung.name", "Anderswo")
    assert window.isWindowModified()
    asked = []

    def answer(self):
        asked.append(self.text())
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.close()
    assert window.isVisible() and asked and "speichern" in asked[0]


def test_step_list_marks_and_jumps(window, qtbot):
    window.new_project("heilbronn")
    window.update_states()
    assert window.step_list.states["questions:verwaltung"] == "missing"
    window.step_list.setCurrentRow(len(window.step_list.steps) - 1)
    assert window.current_id == "export:"
    page = window.current_page()
    assert page.missing.count() > 0
    page.missing.setCurrentRow(0)
    page.missing.itemActivated.emit(page.missing.item(0))
    assert window.current_id != "export:"


def test_design_dialog_round_trip(window, qtbot):
    from desktop.dialogs import DesignDialog

    window.open_example()
    dialog = DesignDialog({"primary_color": "#336699", "title_page": True}, "", window)
    dialog.pdfa.setChecked(True)
    dialog.cover_enabled.setChecked(True)
    dialog.cover["vorlage"].setText("VO/2026/042")
    design = dialog.design_dict()
    assert design.primary_color == "#336699" and design.title_page and design.pdfa
    assert not design.validate()
    window.session.set_design(design.to_dict())
    assert window.session.project.design["cover_sheet"]["vorlage"] == "VO/2026/042"


def test_variant_choice_changes_the_template_text(window, qtbot, gui_definition):
    window.open_example()
    window.go_to("section:zweck")
    page = window.current_page()
    before = next(iter(page.blocks.values())).editor.edit.toPlainText()
    other = next(s for s in gui_definition.styles if s != window.session.project.style)
    page.variant.setCurrentIndex(page.variant.findData(other))
    assert window.session.project.find("zweck").variant == other
    after = next(iter(page.blocks.values())).editor.edit.toPlainText()
    assert after != before


def test_smoke_test_passes():
    out = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], capture_output=True, text=True,
                         timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Deutsche Qt-Übersetzung" in out.stdout


def test_per_channel_section_stores_item_texts(window, qtbot, monkeypatch):
    from desktop.session import ProjectSession

    window.set_session(ProjectSession.example(window.definition(), "sassenberg"))
    window.go_to("section:art_umfang_kanal")
    page = window.current_page()
    assert page.tabs is not None and page.tabs.count() == 2
    item_ids = list(page.blocks)
    page.tabs.setCurrentIndex(1)
    block = page.blocks[item_ids[1]]
    block.editor.edit.moveCursor(block.editor.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(block.editor.edit, " Nur fuer diesen Kanal.")
    block.editor.flush()
    entry = window.session.project.find("art_umfang_kanal")
    assert list(entry.item_texts) == [item_ids[1]]
    assert "Nur fuer diesen Kanal." in " ".join(entry.item_texts[item_ids[1]].split())
    assert entry.text is None
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        b for b in box.buttons() if b.text() == "&Verwerfen").click())  # reset asks first
    qtbot.mouseClick(block.reset, Qt.MouseButton.LeftButton)
    assert entry.item_texts == {}


def test_per_channel_heading_renamed_on_the_tab_reaches_the_document(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop.session import ProjectSession
    from wizards.assemble import assemble
    from wizards.layout import outline_lines

    window.set_session(ProjectSession.example(window.definition(), "sassenberg"))
    window.go_to("section:art_umfang_kanal")
    page = window.current_page()
    item_ids = list(page.blocks)
    page.tabs.setCurrentIndex(1)
    block = page.blocks[item_ids[1]]
    offered = []

    def answer(parent, title, text, items, current, editable):
        offered.extend(items)
        return "Gemeinde Musterstadt", True
    monkeypatch.setattr(QInputDialog, "getItem", answer)
    qtbot.mouseClick(block.rename, Qt.MouseButton.LeftButton)
    assert "Gemeinde Musterstadt" in offered  # the account's name is offered
    document = assemble(window.definition(), window.session.project)
    headings = "\n".join(outline_lines(document))
    assert "Gemeinde Musterstadt" in headings
    assert page.preview_heading() == "Gemeinde Musterstadt"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", True))  # empty: the template's heading again
    qtbot.mouseClick(block.rename, Qt.MouseButton.LeftButton)
    assert window.session.project.find("art_umfang_kanal").item_headings == {}
    assert "Gemeinde Musterstadt" not in "\n".join(outline_lines(assemble(window.definition(), window.session.project)))
