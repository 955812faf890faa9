"""Common frame of a page: a scrollable column with a title and an intro text."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


class Page(QScrollArea):
    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # text wraps; only a row of buttons wider than a narrow pane scrolls instead of being cut off
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.inner = QWidget(self)
        self.inner.setObjectName("pageInner")
        self.body = QVBoxLayout(self.inner)
        self.body.setContentsMargins(20, 16, 20, 20)
        self.body.setSpacing(8)
        self.title_label = QLabel(title, self.inner)
        self.title_label.setObjectName("pageTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName(title)
        self.body.addWidget(self.title_label)
        self.intro_label = QLabel(intro, self.inner)
        self.intro_label.setObjectName("pageIntro")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.MarkdownText)
        self.intro_label.setVisible(bool(intro))
        self.body.addWidget(self.intro_label)
        self.setWidget(self.inner)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)

    def refresh(self) -> None:
        """Called whenever the page is shown (answers may have changed elsewhere)."""

    def flush(self) -> None:
        """Write pending edits to the session (before saving, exporting, leaving the page)."""

    def preview_heading(self) -> str:
        """The heading the preview should scroll to while this page is shown."""
        return ""

    def focus_first(self) -> None:
        self.focusNextChild()


def label(text: str, parent: QWidget, role: str = "", markdown: bool = False) -> QLabel:
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    if markdown:
        widget.setTextFormat(Qt.TextFormat.MarkdownText)
        widget.setOpenExternalLinks(False)
    if role:
        widget.setProperty("role", role)
    return widget
