"""„Hilfe“: the offline handbook (F1 opens it at the current page) and the list of shortcuts."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from resources import resource_path

HANDBOOK = resource_path("hilfe", "handbuch.md")
# page kind (StepRef.kind, or "questions:<step id>") -> heading in the handbook
TOPICS = {
    "start": "Erste Schritte",
    "questions:verwaltung": "Verwaltung",
    "questions:zustaendigkeit": "Zuständigkeit",
    "questions:kanaele": "Kanäle",
    "questions:konzept": "Konzept",
    "outline": "Aufbau und Stil",
    "section": "Abschnitte bearbeiten",
    "export": "Prüfen und exportieren",
}


def topic_for(step_id: str | None) -> str:
    """The handbook heading for a step id such as "questions:kanaele" or "section:zweck"."""
    if not step_id:
        return TOPICS["start"]
    kind, _, key = step_id.partition(":")
    return TOPICS.get(f"{kind}:{key}") or TOPICS.get(kind) or TOPICS["start"]


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle("Handbuch – Konzeptassistent")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setAccessibleName("Handbuch")
        self.browser.setOpenLinks(False)
        try:
            self.browser.setMarkdown(HANDBOOK.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText("Das Handbuch wurde nicht gefunden. Bitte lassen Sie das Programm neu "
                                      "installieren.")
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(760, screen.width() - 40) if screen else 760, min(640, screen.height() - 80) if screen else 600)

    def headings(self) -> list[str]:
        block, found = self.browser.document().begin(), []
        while block.isValid():
            if block.blockFormat().headingLevel():
                found.append(block.text())
            block = block.next()
        return found

    def show_topic(self, heading: str) -> bool:
        """Scroll so that ``heading`` is at the top; False if the handbook has no such heading."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and block.text() == heading:
                cursor = QTextCursor(self.browser.document())
                cursor.setPosition(block.position())
                self.browser.moveCursor(QTextCursor.MoveOperation.End)  # so the heading ends at the top
                self.browser.setTextCursor(cursor)
                self.browser.ensureCursorVisible()
                return True
            block = block.next()
        return False


class ShortcutsDialog(QDialog):
    """Every menu command that has a shortcut, read from the window's actions (never out of date)."""

    def __init__(self, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Tastenkürzel")
        layout = QVBoxLayout(self)
        rows = []
        for action in actions:
            keys = action.shortcut()
            if keys.isEmpty():
                continue
            name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").replace(" …", "")
            rows.append((name, keys.toString(QKeySequence.SequenceFormat.NativeText)))
        rows += [("Zum nächsten Eingabefeld", "Tab"), ("Zum vorigen Eingabefeld", "Umschalt+Tab"),
                 ("Menü öffnen", "Alt + unterstrichener Buchstabe")]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(["Befehl", "Tasten"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def shortcuts(self) -> dict[str, str]:
        return {self.table.item(r, 0).text(): self.table.item(r, 1).text() for r in range(self.table.rowCount())}
