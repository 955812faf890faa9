"""„Prüfen und exportieren“: which formats are accessible, and the concept for the website's CMS."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel


def test_page_says_which_formats_are_accessible_and_copies_for_the_web(window, qtbot):
    window.open_example()
    window.go_to("export:")
    page = window.current_page()
    texts = " ".join(w.text() for w in page.inner.findChildren(QLabel))
    assert "Barrierefrei sind das PDF" in texts and "Veröffentlichung im Internet" in texts
    QApplication.clipboard().clear()
    qtbot.mouseClick(page.web_button, Qt.MouseButton.LeftButton)
    data = QApplication.clipboard().mimeData()
    title = window.session.document().meta.title
    assert data.hasHtml() and data.html().lstrip().startswith("<h1>") and title in data.html()
    assert "<script" not in data.html() and "<style" not in data.html()
    assert data.text().startswith(title.split()[0]) and "<" not in data.text().replace("<Bürger", "")
    QApplication.clipboard().clear()  # the clipboard must not outlive the application with our data
