"""The main window: fits the screen, remembers itself, start screen, help, printing, export flow."""
from __future__ import annotations

import threading
from pathlib import Path

from modal_helpers import on_modal
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QMessageBox, QPushButton, QRadioButton, QScrollArea


def _window(qtbot, definition, settings=None, area=None, monkeypatch=None):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    if area is not None:
        monkeypatch.setattr(MainWindow, "available_area", lambda self: QRect(area))
    win = MainWindow(settings or Settings(), definition)
    qtbot.addWidget(win)
    return win


def button(dialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def fully_visible(widget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


# ---------------------------------------------------------------- screen


def test_first_start_fits_inside_the_area_without_taskbar(qtbot, gui_definition, monkeypatch):
    from desktop.placement import FRAME_ALLOWANCE

    area = QRect(0, 0, 1366, 728)  # 1366×768 with a 40 px taskbar
    win = _window(qtbot, gui_definition, area=area, monkeypatch=monkeypatch)
    frame = win.geometry().adjusted(0, 0, FRAME_ALLOWANCE[0], FRAME_ALLOWANCE[1])
    assert area.contains(frame), frame
    assert win._maximise  # a laptop screen: opened maximised


def test_window_remembers_size_position_and_maximised_state(qtbot, gui_definition, monkeypatch):
    from desktop.settings import Settings

    area = QRect(0, 0, 1920, 1040)
    win = _window(qtbot, gui_definition, area=area, monkeypatch=monkeypatch)
    assert not win._maximise
    win.show_fitted()
    win.setGeometry(100, 80, 1100, 700)
    assert win.close()
    again = _window(qtbot, gui_definition, Settings(), area=area, monkeypatch=monkeypatch)
    assert (again.x(), again.y(), again.width(), again.height()) == (100, 80, 1100, 700)
    assert not again._maximise
    again.show_fitted()
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    assert again.close()
    third = _window(qtbot, gui_definition, Settings(), area=area, monkeypatch=monkeypatch)
    assert third._maximise and third.width() == 1100
    # a saved place on a screen that is gone: back inside the available area
    Settings().set("window", {"x": 5000, "y": 3000, "width": 1100, "height": 700, "maximized": False})
    moved = _window(qtbot, gui_definition, Settings(), area=area, monkeypatch=monkeypatch)
    assert area.contains(moved.geometry())


def test_usable_at_1024x768(qtbot, gui_definition, monkeypatch):
    """Every page's controls are on screen: nothing cut off, the preview starts hidden and says so."""
    win = _window(qtbot, gui_definition, area=QRect(0, 0, 1024, 728), monkeypatch=monkeypatch)
    win.resize(1024, 728 - 40)
    win.show()
    qtbot.waitExposed(win)
    win.open_example()
    toggle = win.preview_button
    assert fully_visible(toggle) and toggle.text().replace("&", "") == "Vorschau anzeigen"
    assert toggle.isCheckable() and not toggle.isChecked() and not win.preview.isVisible()
    for step in list(win.step_list.steps):
        win.go_to(step.id)
        page = win.current_page()
        QApplication.processEvents()
        assert fully_visible(win.next_button) and fully_visible(win.back_button)
        # a page is never wider than its pane unless it can be scrolled sideways
        assert page.widget().width() <= page.viewport().width() or page.horizontalScrollBar().isVisible(), step.id
    assert fully_visible(win.current_page().pdf_button)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton, pos=toggle.rect().center())
    assert win.preview.isVisible() and win.act_preview.isChecked()
    assert win.settings.get("preview_visible") is True
    win.session.modified = False


# ---------------------------------------------------------------- start screen and reopening


def test_start_screen_lists_each_style_once_and_opens_a_recent_file(window, gui_definition, tmp_path, monkeypatch):
    window.start.set_definition(gui_definition)  # delivered twice (loader and an early open)
    radios = window.start.findChildren(QRadioButton)
    assert len(radios) == len(gui_definition.styles)
    no_list = window.start.findChild(QPushButton, "openRecentButton")  # the list is made with its first entry
    assert window.start.no_recent.isVisible() and (no_list is None or not no_list.isVisible())
    from wizards.project import example_project, save_project

    path = tmp_path / "Lindenau.konzept"
    save_project(example_project(gui_definition, "herford"), path)
    window.settings.add_recent(path)
    window.start.refresh_recent()
    start = window.start
    assert start.open_recent_button.isVisible() and not start.open_recent_button.isEnabled()
    start.recent.setCurrentRow(0)
    assert start.open_recent_button.isEnabled()
    qtbot_click(start.open_recent_button)
    assert window.session is not None and window.session.path == path


def qtbot_click(widget):
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_start_screen_remembers_the_style(qtbot, gui_definition):
    from desktop.settings import Settings

    win = _window(qtbot, gui_definition)
    win.start.findChild(QRadioButton, "startStyle:sassenberg").setChecked(True)
    qtbot_click(win.start.new_button)
    assert win.session.project.style == "sassenberg"
    win.session.modified = False
    again = _window(qtbot, gui_definition, Settings())
    assert again.start.chosen_style() == "sassenberg"


def test_reopening_continues_at_the_last_step(window, qtbot, gui_definition, tmp_path):
    from wizards.project import example_project, save_project

    path = tmp_path / "Lindenau.konzept"
    save_project(example_project(gui_definition, "heilbronn"), path)
    assert window.open_path(path)
    window.go_to("questions:kanaele")
    window.show_start()
    assert window.open_path(path)
    assert window.current_id == "questions:kanaele"


def test_missing_file_on_start_keeps_the_start_screen_clean(window, gui_definition, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: None))
    assert not window.open_path(tmp_path / "weg.konzept")
    window.start.set_definition(gui_definition)
    assert len(window.start.findChildren(QRadioButton)) == len(gui_definition.styles)


# ---------------------------------------------------------------- help and shortcuts


def test_f1_opens_the_handbook_at_the_current_page(window, qtbot):
    from PySide6.QtTest import QTest

    window.open_example()
    window.go_to("questions:kanaele")
    QTest.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog.isVisible()
    assert dialog.browser.textCursor().block().text() == "Kanäle"
    assert {"Verwaltung", "Zuständigkeit", "Kanäle", "Konzept", "Aufbau und Stil", "Abschnitte bearbeiten",
            "Prüfen und exportieren", "Drucken", "Erste Schritte"} <= set(dialog.headings())
    text = dialog.browser.toPlainText()
    assert "JSON" not in text and "UTF-8" not in text
    window.go_to("section:zweck")
    window.act_help.trigger()
    assert dialog.browser.textCursor().block().text() == "Abschnitte bearbeiten"
    dialog.close()


def test_shortcut_list_names_every_menu_shortcut(window, qtbot):
    seen = {}

    def read(dialog):
        seen.update(dialog.shortcuts())
        dialog.reject()
    on_modal(read)
    window.act_shortcuts.trigger()
    assert seen["Drucken"] == "Ctrl+P" or seen["Drucken"] == "Strg+P"
    assert "Hilfe zu dieser Seite" in seen and "Speichern" in seen and "Als Word-Datei exportieren" in seen


# ---------------------------------------------------------------- printing


def test_ctrl_p_prints_the_pdf_through_the_print_dialog(window, qtbot, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtTest import QTest

    import desktop.printing as printing

    out = tmp_path / "gedruckt.pdf"
    asked = []

    class FakePrintDialog:
        """The system dialog: the clerk chooses a printer (here: a PDF file) and presses „Drucken“."""

        def __init__(self, printer, parent=None):
            self.printer = printer
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(72)

        def setWindowTitle(self, title):
            asked.append(title)

        def setMinMax(self, low, high):
            asked.append((low, high))

        def setOption(self, *a):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted
    monkeypatch.setattr(printing, "QPrintDialog", FakePrintDialog)
    written = []
    real = printing.print_pdf
    monkeypatch.setattr(printing, "print_pdf", lambda parent, pdf, printer=None: written.append(
        len(PdfReader(pdf).pages)) or real(parent, pdf, printer))
    window.open_example()
    QTest.keySequence(window, "Ctrl+P")
    window.print_job.wait()
    assert asked[0] == "Drucken" and asked[1] == (1, written[0])
    assert out.exists() and len(PdfReader(out).pages) == written[0] > 1


# ---------------------------------------------------------------- export


def _save_to(monkeypatch, path: Path):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_export_of_an_incomplete_concept_warns_and_can_jump(window, qtbot, tmp_path, monkeypatch, exports):
    window.new_project("heilbronn")
    _save_to(monkeypatch, tmp_path / "leer.pdf")
    listed = []

    def go_there(dialog):
        listing = dialog.findChild(QListWidget, "gapList")
        listed.extend(listing.item(i).text() for i in range(listing.count()))
        button(dialog, "gapGo").click()
    on_modal(go_there)
    window.go_to("export:")
    assert window.export("pdf") is None
    assert listed[0] == "Angabe fehlt: Name (ohne die Art) (Schritt „Verwaltung“)", listed
    assert window.current_id == "questions:verwaltung"
    assert not (tmp_path / "leer.pdf").exists()

    on_modal(lambda dialog: button(dialog, "gapExport").click())
    job = window.export("pdf")
    job.wait()
    assert exports == [tmp_path / "leer.pdf"]


def test_export_lists_an_empty_section(window, qtbot, tmp_path, monkeypatch):
    window.open_example()
    window.session.set_section_text("zweck", "", "")
    texts = [g.text for g in window.export_gaps()]
    assert texts == [f"Der Abschnitt „{window.session.section_title('zweck')}“ ist leer"], texts
    on_modal(lambda dialog: button(dialog, "gapCancel").click())
    _save_to(monkeypatch, tmp_path / "x.pdf")
    assert window.export("pdf") is None


def test_export_runs_off_the_ui_thread_and_can_be_cancelled(window, qtbot, tmp_path, monkeypatch):
    import desktop.export_flow as flow

    release = threading.Event()
    started = threading.Event()
    real = flow.write_document

    def slow_write(kind, definition, project, target):
        started.set()
        release.wait(30)
        real(kind, definition, project, target)
    monkeypatch.setattr(flow, "write_document", slow_write)
    window.open_example()
    target = tmp_path / "konzept.pdf"
    _save_to(monkeypatch, target)
    job = window.export("pdf")
    assert started.wait(10)
    # the window still answers while the writer works
    window.go_to("questions:kanaele")
    assert window.current_id == "questions:kanaele"
    progress = window.findChild(flow.QProgressDialog, "exportProgress")
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    progress.findChild(QPushButton).click()
    release.set()
    assert job.wait() is None
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert "abgebrochen" in window.statusBar().currentMessage()


def test_export_into_a_read_only_folder_says_so_in_one_line(window, qtbot, tmp_path, monkeypatch):
    import errno

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))

    def refuse(*a, **k):  # what a read-only folder answers (the tests may run as root, who may write anyway)
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))
    monkeypatch.setattr("desktop.export_flow.tempfile.mkdtemp", refuse)
    window.open_example()
    _save_to(monkeypatch, tmp_path / "konzept.pdf")
    assert window.export("pdf").wait() is None
    assert shown == [f"Keine Schreibberechtigung im Ordner „{tmp_path}“. Bitte wählen Sie einen anderen Speicherort."]


def test_export_failure_message_names_the_folder(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    window.open_example()
    _save_to(monkeypatch, tmp_path / "fehlt" / "konzept.pdf")
    assert window.export("pdf").wait() is None
    assert len(shown) == 1 and "\n" not in shown[0]
    assert "existiert nicht" in shown[0] and "bisherige Datei" not in shown[0]


def test_export_confirmation_says_exportiert(qtbot, gui_definition, tmp_path):
    import desktop.export_flow as flow

    window = _window(qtbot, gui_definition)  # without the fixture that records confirmations
    texts = []

    def close(box):
        texts.append(box.text())
        box.reject()
    on_modal(close)
    flow.export_done(window, tmp_path / "konzept.pdf")
    assert texts and texts[0].startswith("Das Konzept wurde exportiert:")


def test_step_list_and_check_agree_on_invalid_answers(window, qtbot):
    """An answer the check reports as missing is never marked „vollständig“ (review: Land „XX“)."""
    from wizards.checks import check_project

    window.open_example()
    window.session.set_answer("verwaltung.bundesland", "XX")
    window.update_states()
    assert window.step_list.states["questions:verwaltung"] == "missing"
    findings = check_project(window.session.definition, window.session.project)
    assert any(f.key == "verwaltung.bundesland" for f in findings)
    gaps = [g.text for g in window.export_gaps()]
    assert any("Bundesland" in g for g in gaps), gaps
    next(g for g in window.export_gaps() if "Bundesland" in g.text).jump()
    assert window.current_id == "questions:verwaltung"


def test_outline_double_click_opens_the_section(window, qtbot):
    window.open_example()
    window.go_to("outline:")
    tree = window.current_page().tree
    item = tree.topLevelItem(1)
    key = item.data(0, Qt.ItemDataRole.UserRole)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_id == f"section:{key}"


def test_export_page_buttons_start_the_export(window, qtbot, tmp_path, monkeypatch, exports):
    window.open_example()
    window.go_to("export:")
    _save_to(monkeypatch, tmp_path / "k.docx")
    qtbot.mouseClick(window.current_page().docx_button, Qt.MouseButton.LeftButton)
    window.export_job.wait()
    assert exports == [tmp_path / "k.docx"]


def test_export_never_overwrites_the_project_file(window, qtbot, tmp_path, monkeypatch, gui_definition):
    from wizards.project import example_project, save_project

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    project = tmp_path / "Lindenau.pdf"  # a project file someone renamed
    save_project(example_project(gui_definition, "heilbronn"), project)
    before = project.read_bytes()
    assert window.open_path(project)
    _save_to(monkeypatch, project)  # the clerk picked the project itself as the export file
    job = window.export("pdf")
    assert job.wait() is None and project.read_bytes() == before
    assert len(shown) == 1 and "nicht überschrieben" in shown[0]


def test_tab_order_of_the_navigation_bar_reads_left_to_right(window, qtbot):
    window.open_example()
    assert window.preview_button.nextInFocusChain() is window.back_button
    assert window.back_button.nextInFocusChain() is window.next_button


def test_a_character_the_pdf_cannot_draw_is_shown_with_its_section_and_a_jump(window, qtbot):
    window.open_example()
    window.session.set_section_text("zweck", "", "Wir freuen uns 👍 auf Sie.")
    window.go_to("export:")
    page = window.current_page()
    assert page.glyphs.isVisible() and page.glyphs.count() == 1
    text = page.glyphs.item(0).text()
    assert "„👍“" in text and window.session.section_title("zweck") in text
    assert "U+" not in text and "THUMBS" not in text and "U+" not in page.warnings.text()
    page.glyphs.itemActivated.emit(page.glyphs.item(0))
    assert window.current_id == "section:zweck"


def test_open_folder_without_a_file_manager_says_where_the_file_is(qtbot, gui_definition, tmp_path, monkeypatch):
    import desktop.export_flow as flow
    from modal_helpers import answer

    window = _window(qtbot, gui_definition)  # without the fixture that records confirmations
    monkeypatch.setattr("desktop.dialogs.open_local", lambda path: False)  # no program for folders here
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    answer("Ordner öffnen")
    flow.export_done(window, tmp_path / "konzept.pdf")
    assert shown and str(tmp_path / "konzept.pdf") in shown[0]
