"""„Titel, Stand und Versionshistorie“: the title block of the document, independent of the style.

Empty fields keep the house style's wording; the dialog shows it as the placeholder.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
)

from wizards.design import DEFAULT_STAND_TEXT, HISTORY_COLUMNS, HISTORY_POSITIONS, STAND_CHOICES, Design

from .widgets.fields import readable_combo


class TitleDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Titel, Stand und Versionshistorie")
        self.setMinimumWidth(560)
        design = Design.from_dict(session.project.design)
        title, subtitle = self._style_wording(session)
        layout = QVBoxLayout(self)
        hint = QLabel("Leere Felder übernehmen die Formulierung des gewählten Stils.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.title = QLineEdit(design.title or "", self)
        self.title.setPlaceholderText(title)
        self.subtitle = QLineEdit(design.subtitle or "", self)
        self.subtitle.setPlaceholderText(subtitle or "(kein Untertitel)")
        self.stand = readable_combo(QComboBox(self))
        for key, text in STAND_CHOICES.items():
            self.stand.addItem(text, key)
        self.stand.setCurrentIndex(max(self.stand.findData(design.stand_line), 0))
        self.stand_text = QLineEdit(design.stand_text or DEFAULT_STAND_TEXT, self)
        self.stand_text.setToolTip("„{datum}“ wird durch das Datum des Stands ersetzt, z. B. „Fassung vom {datum}“.")
        self.lines = QPlainTextEdit("\n".join(design.title_lines), self)
        self.lines.setPlaceholderText("z. B. Gemeinde Musterstadt · Hauptstraße 1 · 12345 Musterstadt")
        self.lines.setTabChangesFocus(True)
        self.lines.setFixedHeight(80)
        self.history_label = QLineEdit(design.history_label, self)
        self.history_label.setPlaceholderText("Versionshistorie")
        self.history_position = readable_combo(QComboBox(self))
        for key, text in HISTORY_POSITIONS.items():
            self.history_position.addItem(text, key)
        self.history_position.setCurrentIndex(max(self.history_position.findData(design.history_position), 0))
        # the version table's three column labels, side by side as in the table
        self.history_columns = []
        columns = QHBoxLayout()
        for number, (own, default) in enumerate(zip(design.history_columns, HISTORY_COLUMNS), start=1):
            edit = QLineEdit(own, self)
            edit.setPlaceholderText(default)
            edit.setAccessibleName(f"Spalte {number} der Versionshistorie")
            edit.setToolTip(f"Überschrift der {number}. Spalte; leer lassen für „{default}“")
            columns.addWidget(edit)
            self.history_columns.append(edit)
        for text, widget, name in (
            ("&Titel:", self.title, "Titel"), ("&Untertitel:", self.subtitle, "Untertitel"),
            ("&Stand-Zeile:", self.stand, "Stand-Zeile"), ("&Wortlaut der Stand-Zeile:", self.stand_text, "Wortlaut"),
            ("&Zeilen unter dem Titel:", self.lines, "Zeilen unter dem Titel"),
            ("&Bezeichnung der Versionshistorie:", self.history_label, "Bezeichnung der Versionshistorie"),
            ("&Ort der Versionshistorie:", self.history_position, "Ort der Versionshistorie"),
        ):
            widget.setAccessibleName(name)
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        caption = QLabel("Spalten der &Versionshistorie:", self)
        caption.setBuddy(self.history_columns[0])
        form.addRow(caption, columns)
        layout.addLayout(form)
        note = QLabel("Eine eigene Stand-Zeile (oder keine) ersetzt den Untertitel des Stils; tragen Sie ihn "
                      "bei Bedarf oben selbst ein. Die Einträge der Versionshistorie legen Sie unter "
                      "„Gestaltung“ fest.", self)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.stand.currentIndexChanged.connect(self._update)
        self._update()

    @staticmethod
    def _style_wording(session) -> tuple[str, str]:
        """The style's title and subtitle, filled with the clerk's answers (for the placeholders)."""
        from wizards import doctree as dt

        try:
            document = session.document()
        except Exception:  # noqa: BLE001 - placeholders only
            return "", ""
        title = next((b for b in document.blocks if isinstance(b, dt.Title)), None)
        if title is None:
            return "", ""
        return dt.plain_text(title.text), dt.plain_text(title.subtitle)

    def _update(self):
        self.stand_text.setEnabled(self.stand.currentData() == "ein")

    def values(self) -> dict:
        """The settings for ``Design`` (None / "" = as the style has it)."""
        subtitle = self.subtitle.text().strip()
        return {
            "title": self.title.text().strip() or None,
            "subtitle": subtitle or None,
            "stand_line": self.stand.currentData(),
            "stand_text": self.stand_text.text().strip() or DEFAULT_STAND_TEXT,
            "title_lines": [line.strip() for line in self.lines.toPlainText().splitlines() if line.strip()],
            "history_label": self.history_label.text().strip(),
            "history_position": self.history_position.currentData(),
            "history_columns": [edit.text().strip() for edit in self.history_columns],
        }
