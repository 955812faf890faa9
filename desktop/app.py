"""QApplication setup: German translator, style sheet, error hook, main window."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QLoggingCategory, QTimer, QTranslator, Qt
from PySide6.QtWidgets import QApplication

from resources import resource_path

from .texts import german_error_text

APP_NAME = "Konzeptassistent"


def install_translator(app: QApplication) -> QTranslator | None:
    """Load Qt's own German texts (buttons, dialogs). Returns the translator or None."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.German, QLocale.Country.Germany), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def load_style_sheet(app: QApplication) -> None:
    path = resource_path("styles", "app.qss")
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError:
        pass


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # reportlab's outline destinations make QtPdf warn on every load; they still work.
    QLoggingCategory.setFilterRules("qt.pdf.bookmarks=false")
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    if not getattr(app, "_konzept_translator", None):
        app._konzept_translator = install_translator(app)
    load_style_sheet(app)
    return app


def set_window_icon(app: QApplication) -> None:
    """The program's icon on its windows; set right after the first paint, as loading the SVG icon
    engine for it would delay that paint (the window system shows its default icon a moment longer)."""
    from PySide6.QtGui import QIcon

    icon = resource_path("icons", "app.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def install_excepthook() -> None:
    """Show unexpected errors as a German message; keep the window alive."""
    def hook(exc_type, exc, tb):
        traceback.print_exception(exc_type, exc, tb)  # for the developer's console / log
        if issubclass(exc_type, KeyboardInterrupt):
            return
        from PySide6.QtWidgets import QMessageBox

        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, german_error_text(exc), QMessageBox.StandardButton.Ok, parent)
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb))[-4000:])
        box.exec()
    sys.excepthook = hook


def run(path: str | None = None, example: bool = False) -> int:
    app = create_app()
    install_excepthook()
    from .main_window import MainWindow
    from .settings import Settings

    window = MainWindow(Settings())
    window.show_fitted()

    def start():
        if window.recovery.offer_restore():  # work left by a crashed program comes first
            return
        if path:
            window.open_path(Path(path))
        elif example:
            window.open_example()
    window.after_first_paint(lambda: set_window_icon(app))
    window.after_first_paint(start)  # a restore question or the project comes after the window
    return app.exec()
