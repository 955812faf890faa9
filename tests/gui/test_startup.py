"""Start-up: the definition loads after the first paint, and whoever needs it first gets it."""
from __future__ import annotations


def test_example_opens_right_after_the_first_paint(app, qtbot):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    win = MainWindow(Settings())  # no definition: it loads on a thread after the first paint
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication

    win.show()
    # the first paint schedules the loader start; the clerk clicks before that has run
    QApplication.sendEvent(win, QPaintEvent(win.rect()))
    definition = win.definition()
    assert "herford" in definition.styles
    win.open_example()
    assert win.session is not None and win.session.project.find("zweck") is not None
    win.session.modified = False
    if win.preview is not None:
        win.preview.timer.stop()
    win.close()
    win.deleteLater()


def test_the_menus_are_complete_at_the_first_paint_and_bearbeiten_fills_when_opened(app, qtbot):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    win = MainWindow(Settings())  # as at start: the definition comes later
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles == ["&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"]
    menu = win.menuBar().actions()[1].menu()
    menu.aboutToShow.emit()  # the clerk opens it before the definition has loaded
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["&Rückgängig", "&Wiederholen"] and "&Suchen und Ersetzen …" in texts
    assert [a.text() for a in win.menuBar().actions()] == titles
    win.close()
    win.deleteLater()


def test_a_shortcut_typed_before_the_menus_are_filled_is_not_lost(app, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    monkeypatch.setattr(MainWindow, "_first_painted", lambda self: None)  # the key comes before the deferred work
    opened = []
    monkeypatch.setattr(MainWindow, "open_dialog", lambda self: opened.append("Öffnen"))
    win = MainWindow(Settings())
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    file_menu, view_menu = win.menuBar().actions()[0].menu(), win.menuBar().actions()[2].menu()
    assert file_menu.actions() == [] and view_menu.actions() == []  # the titles are there, the actions come later
    QTest.keyClick(win.start.open_button, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Öffnen"]
    assert "Ö&ffnen …" in [a.text() for a in file_menu.actions()]
    assert "&Vorschau anzeigen" in [a.text() for a in view_menu.actions()]
    win.close()
    win.deleteLater()


def test_a_menu_opened_before_the_deferred_work_shows_its_actions(app, qtbot, monkeypatch):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    monkeypatch.setattr(MainWindow, "_first_painted", lambda self: None)
    win = MainWindow(Settings())
    help_menu = win.menuBar().actions()[3].menu()
    help_menu.aboutToShow.emit()  # the clerk opens „Hilfe“ at once
    assert [a.text() for a in help_menu.actions() if a.text()][:3] == ["&Hilfe zu dieser Seite", "Hand&buch", "&Tastenkürzel"]
    win.close()
    win.deleteLater()
