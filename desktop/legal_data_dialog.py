"""Hilfe → „Rechtsdaten aktualisieren …“: show the legal data in use and install a newer file.

The work is done by wizards.legal_data (validation, version check, atomic write); this
dialog only shows it. A refused file leaves the installed data untouched.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from wizards import legal_data

TITLE = "Rechtsdaten"


class LegalDataDialog(QDialog):
    """Version and Rechtsstand of each legal data file, and a button to install a newer one."""

    def __init__(self, definition=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.definition = definition
        self.setWindowTitle(TITLE)
        self.resize(640, 320)
        layout = QVBoxLayout(self)
        intro = QLabel("Länder, Plattformen, Normen und Prüfregeln, nach denen der Konzeptassistent Texte schreibt und "
                       "prüft. Ihre IT kann eine neuere Rechtsdaten-Datei installieren, ohne das Programm zu erneuern.",
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Rechtsstand")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Rechtsdaten", "Version", "Rechtsstand", "Herkunft"])
        self.table.setAccessibleName("Rechtsdaten im Einsatz")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.install_button = QPushButton("Neuere Rechtsdaten installieren …", self)
        self.install_button.setAccessibleName("Neuere Rechtsdaten installieren")
        self.install_button.clicked.connect(self._choose_file)
        layout.addWidget(self.install_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Schließen")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        data = legal_data.load()
        self.summary.setText(data.summary() + "".join(f"\n{note}" for note in data.notes))
        self.table.setRowCount(len(data.files))
        for row, file in enumerate(data.files.values()):
            for col, text in enumerate((file.title, str(file.version), legal_data.german_date(file.rechtsstand),
                                        file.origin)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(file.path))
                self.table.setItem(row, col, item)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Rechtsdaten-Datei wählen", "", "Rechtsdaten (*.yaml *.yml)")
        if path:
            self.install_file(Path(path))

    def install_file(self, path: Path) -> bool:
        """Install ``path`` if it is valid and newer; tell the clerk either way. True if installed."""
        try:
            from wizards.loader import bundled_definition

            installed = legal_data.install(path, definition=self.definition or bundled_definition())
        except legal_data.LegalDataRefused as exc:
            QMessageBox.warning(self, TITLE, str(exc))
            return False
        self.refresh()
        QMessageBox.information(
            self, TITLE, f"{installed.title}: Version {installed.version} mit Rechtsstand "
            f"{legal_data.german_date(installed.rechtsstand)} ist installiert. Die Prüfung auf veraltete Normen "
            "verwendet sie sofort; alles andere nach einem Neustart des Programms.")
        return True
