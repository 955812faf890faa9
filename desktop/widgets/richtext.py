"""Rich text editor with a small toolbar (bold, italic, lists, link), stored as Markdown.

Missing values appear as „[[Bezeichnung]]“ and are highlighted. ``edited`` fires with
the Markdown only when the clerk changed the text, never when it is loaded.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction, QColor, QKeySequence, QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QVBoxLayout, QWidget

from wizards.markdown import markers_from_editor, markers_to_editor

_MARKER = re.compile(r"\[\[[^\]]+\]\]")


class MarkerHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#FFE58F"))
        self.fmt.setForeground(QColor("#5C3B00"))

    def highlightBlock(self, text: str) -> None:
        for m in _MARKER.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.fmt)


class RichTextEditor(QWidget):
    edited = Signal(str)  # Markdown (with internal missing-value markers restored)

    def __init__(self, accessible_name: str = "Text", parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.edit = QTextEdit(self)
        self.edit.setAcceptRichText(True)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setAccessibleDescription(
            "Text des Abschnitts. Fehlende Angaben stehen in doppelten eckigen Klammern.")
        self.edit.setMinimumHeight(260)
        self.highlighter = MarkerHighlighter(self.edit.document())
        self.toolbar = QToolBar(self)
        self.toolbar.setAccessibleName("Textformat")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_: dict[str, QAction] = {}
        for key, text, tip, shortcut, slot in (
            ("bold", "F", "Fett (Strg+B)", QKeySequence.StandardKey.Bold, self.toggle_bold),
            ("italic", "K", "Kursiv (Strg+I)", QKeySequence.StandardKey.Italic, self.toggle_italic),
            ("bullets", "• Liste", "Aufzählung mit Punkten", None, lambda: self.toggle_list(False)),
            ("numbers", "1. Liste", "Nummerierte Aufzählung", None, lambda: self.toggle_list(True)),
            ("link", "Link …", "Markierten Text mit einer Internetadresse verknüpfen (Strg+K)", "Ctrl+K", self.insert_link),
        ):
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            if shortcut is not None:
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            if key in ("bold", "italic"):
                action.setCheckable(True)
            self.toolbar.addAction(action)
            self.toolbar.widgetForAction(action).setAccessibleName(tip.split(" (")[0])
            self.actions_[key] = action
            self.addAction(action)
        f = self.toolbar.widgetForAction(self.actions_["bold"]).font()
        f.setBold(True)
        self.toolbar.widgetForAction(self.actions_["bold"]).setFont(f)
        f = self.toolbar.widgetForAction(self.actions_["italic"]).font()
        f.setItalic(True)
        self.toolbar.widgetForAction(self.actions_["italic"]).setFont(f)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.edit.currentCharFormatChanged.connect(self._format_changed)
        # Coalesce keystrokes: converting to Markdown on every key is wasteful.
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.setInterval(150)
        self._emit_timer.timeout.connect(self.flush)
        self._dirty = False

    # ------------------------------------------------------------ content

    def set_markdown(self, markdown: str) -> None:
        self._loading = True
        try:
            self._emit_timer.stop()
            self._dirty = False
            self.edit.document().setMarkdown(markers_to_editor(markdown or ""),
                                             QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
            self.edit.document().setModified(False)
            cursor = self.edit.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.edit.setTextCursor(cursor)
        finally:
            self._loading = False

    def markdown(self) -> str:
        md = self.edit.document().toMarkdown(QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        return markers_from_editor(md).strip() + "\n"

    def _changed(self):
        if self._loading:
            return
        self._dirty = True
        self._emit_timer.start()

    def flush(self):
        """Emit pending edits now (before saving, switching pages or exporting)."""
        self._emit_timer.stop()
        if self._dirty:
            self._dirty = False
            self.edited.emit(self.markdown())

    # ------------------------------------------------------------ formatting

    def _merge(self, fmt: QTextCharFormat):
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            cursor.select(cursor.SelectionType.WordUnderCursor)
        cursor.mergeCharFormat(fmt)
        self.edit.mergeCurrentCharFormat(fmt)

    def toggle_bold(self):
        fmt = QTextCharFormat()
        fmt.setFontWeight(700 if self.edit.fontWeight() < 600 else 400)
        self._merge(fmt)

    def toggle_italic(self):
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.edit.fontItalic())
        self._merge(fmt)

    def toggle_list(self, ordered: bool):
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        style = QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            block_fmt = cursor.blockFormat()
            current.remove(cursor.block())
            block_fmt.setIndent(0)
            cursor.setBlockFormat(block_fmt)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            cursor.createList(fmt)
        cursor.endEditBlock()

    def insert_link(self):
        cursor = self.edit.textCursor()
        url, ok = QInputDialog.getText(self, "Link einfügen", "Internetadresse (https://…) oder E-Mail (mailto:…):",
                                       text="https://")
        url = url.strip()
        if not ok or not url or url == "https://":
            return
        if "@" in url and not url.startswith(("mailto:", "http")):
            url = "mailto:" + url
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(QColor("#1F4E79"))
        fmt.setFontUnderline(True)
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            cursor.insertText(url, fmt)
        self.edit.setCurrentCharFormat(QTextCharFormat())

    def _format_changed(self, fmt: QTextCharFormat):
        self.actions_["bold"].setChecked(fmt.fontWeight() >= 600)
        self.actions_["italic"].setChecked(fmt.fontItalic())
