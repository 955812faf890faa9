"""„Prüfen und exportieren“: what is still missing (with jump links), hints, design, export."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton

from .base import Page, label


class ExportPage(Page):
    def __init__(self, session, window=None):
        super().__init__("Prüfen und exportieren",
                         "Hier sehen Sie, welche Angaben im Konzept noch fehlen. Ein Doppelklick (oder die "
                         "Eingabetaste) führt Sie direkt zur passenden Stelle. Exportieren können Sie jederzeit – "
                         "fehlende Angaben erscheinen im Dokument gelb markiert in eckigen Klammern.")
        self.session = session
        self.window_ = window
        self.summary = label("", self.inner, "summary")
        self.body.addWidget(self.summary)
        self.missing = QListWidget(self.inner)
        self.missing.setObjectName("missingList")
        self.missing.setAccessibleName("Fehlende Angaben")
        self.missing.setWordWrap(True)
        self.missing.setMinimumHeight(150)
        self.missing.itemActivated.connect(self._jump)
        self.body.addWidget(self.missing)
        self.warnings_caption = label("Hinweise", self.inner, "groupLabel")
        self.body.addWidget(self.warnings_caption)
        self.warnings = label("", self.inner, "problem")
        self.body.addWidget(self.warnings)

        self.body.addWidget(label("Gestaltung und Export", self.inner, "groupLabel"))
        self.body.addWidget(label("Logo, Hausfarbe, Titelblatt, Inhaltsverzeichnis, Versionshistorie, Deckblatt für "
                                  "die Ratsvorlage, eigene Word-Vorlage und PDF/A stellen Sie unter „Gestaltung“ ein.",
                                  self.inner, "hint"))
        row = QHBoxLayout()
        self.design_button = QPushButton("Gestaltung …", self.inner)
        self.design_button.setObjectName("designButton")
        self.design_button.setToolTip("Logo, Farbe, Titelblatt und weitere Gestaltung festlegen")
        self.docx_button = QPushButton("Als Word-Datei exportieren …", self.inner)
        self.docx_button.setObjectName("exportDocxButton")
        self.docx_button.setToolTip("Das Konzept als bearbeitbares Word-Dokument (.docx) speichern")
        self.pdf_button = QPushButton("Als PDF exportieren …", self.inner)
        self.pdf_button.setObjectName("exportPdfButton")
        self.pdf_button.setToolTip("Das Konzept als PDF für den Rat oder die Veröffentlichung speichern")
        self.pdf_button.setProperty("role", "primary")
        for b in (self.design_button, self.docx_button, self.pdf_button):
            b.setAccessibleName(b.text().replace(" …", ""))
            row.addWidget(b)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        if window is not None:
            self.design_button.clicked.connect(window.edit_design)
            self.docx_button.clicked.connect(lambda: window.export("docx"))
            self.pdf_button.clicked.connect(lambda: window.export("pdf"))
        self.refresh()

    def refresh(self):
        document = self.session.document()
        self.missing.clear()
        seen = set()
        for m in document.missing:
            if (m.label, m.section) in seen:
                continue
            seen.add((m.label, m.section))
            where = "im Titel" if m.section == "Titel" else f"im Abschnitt „{m.section}“"
            item = QListWidgetItem(f"„{m.label}“ fehlt {where}")
            item.setData(Qt.ItemDataRole.UserRole, (m.label, m.section))
            item.setToolTip("Doppelklicken, um zur Eingabe zu springen")
            self.missing.addItem(item)
        count = self.missing.count()
        if count:
            self.summary.setText(f"Es fehlen noch {count} Angabe{'n' if count != 1 else ''}:")
        else:
            self.summary.setText("Alle Angaben sind vorhanden. Das Konzept ist bereit für den Export.")
        self.missing.setVisible(bool(count))
        from wizards.design import Design
        from wizards.writers.pdf import unprintable_warning

        notes = list(document.warnings)
        boxes = unprintable_warning(document, Design.from_dict(self.session.project.design))
        if boxes:
            notes.append(boxes)
        self.warnings.setText("\n".join(f"• {w}" for w in notes))
        self.warnings.setVisible(bool(notes))
        self.warnings_caption.setVisible(bool(notes))

    def _jump(self, item: QListWidgetItem):
        if self.window_ is not None:
            label_, section = item.data(Qt.ItemDataRole.UserRole)
            self.window_.jump_to_missing(label_, section)
