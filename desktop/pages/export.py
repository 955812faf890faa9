"""„Prüfen und exportieren“: what is missing, the fachliche Prüfung, hints, design, export."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton

from .base import Page, label


class ExportPage(Page):
    """Shows what is missing and what the check found; the window acts on its signals."""

    design_requested = Signal()
    export_requested = Signal(str)  # "docx" | "pdf"
    missing_chosen = Signal(str, str)  # label of the missing value, heading of its section
    finding_chosen = Signal(object)  # checks.Finding
    section_opened = Signal(str)  # outline key of a section holding a character the PDF cannot draw

    def __init__(self, session):
        super().__init__("Prüfen und exportieren",
                         "Hier sehen Sie, welche Angaben im Konzept noch fehlen. Ein Doppelklick (oder die "
                         "Eingabetaste) führt Sie direkt zur passenden Stelle. Exportieren können Sie jederzeit – "
                         "fehlende Angaben erscheinen im Dokument gelb markiert in eckigen Klammern.")
        self.session = session
        self.summary = label("", self.inner, "summary")
        self.body.addWidget(self.summary)
        self.missing = QListWidget(self.inner)
        self.missing.setObjectName("missingList")
        self.missing.setAccessibleName("Fehlende Angaben")
        self.missing.setWordWrap(True)
        self.missing.setMinimumHeight(150)
        self.missing.itemActivated.connect(self._jump)
        self.body.addWidget(self.missing)
        self.body.addWidget(label("Fachliche Prüfung", self.inner, "groupLabel"))
        self.check_summary = label("", self.inner, "summary")
        self.body.addWidget(self.check_summary)
        self.findings = QListWidget(self.inner)
        self.findings.setObjectName("findingsList")
        self.findings.setAccessibleName("Ergebnisse der fachlichen Prüfung")
        self.findings.setToolTip("Doppelklicken, um zur betroffenen Stelle zu springen")
        self.findings.setWordWrap(True)
        self.findings.setMinimumHeight(120)
        self.findings.setSpacing(3)
        self.findings.itemActivated.connect(self._jump_to_finding)
        self.findings.currentItemChanged.connect(self._finding_selected)
        self.body.addWidget(self.findings)
        self.replace_button = QPushButton("Veraltete Rechtsgrundlage ersetzen", self.inner)
        self.replace_button.setObjectName("replaceNormButton")
        self.replace_button.setToolTip("Ersetzt im gewählten Abschnitt die aufgehobene Vorschrift durch die geltende")
        self.replace_button.setAccessibleName("Veraltete Rechtsgrundlage ersetzen")
        self.replace_button.clicked.connect(self._replace_norm)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addStretch(1)
        self.body.addLayout(replace_row)
        self.warnings_caption = label("Hinweise", self.inner, "groupLabel")
        self.body.addWidget(self.warnings_caption)
        self.glyphs = QListWidget(self.inner)
        self.glyphs.setObjectName("unprintableList")
        self.glyphs.setAccessibleName("Zeichen, die das PDF nicht darstellen kann")
        self.glyphs.setToolTip("Doppelklicken, um zum Abschnitt zu springen")
        self.glyphs.setWordWrap(True)
        self.glyphs.setMaximumHeight(120)
        self.glyphs.itemActivated.connect(
            lambda item: self.section_opened.emit(item.data(Qt.ItemDataRole.UserRole).partition("@")[0]))
        self.body.addWidget(self.glyphs)
        self.warnings = label("", self.inner, "problem")
        self.body.addWidget(self.warnings)

        self.body.addWidget(label("Gestaltung und Export", self.inner, "groupLabel"))
        self.body.addWidget(label("Logo, Hausfarbe, Titelblatt, Inhaltsverzeichnis, Versionshistorie, Deckblatt für "
                                  "die Ratsvorlage, eigene Word-Vorlage und PDF/A stellen Sie unter „Gestaltung“ ein.",
                                  self.inner, "hint"))
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
        # two short rows: they fit a narrow pane (1024×768) without cutting the main button off
        for buttons in ((self.pdf_button, self.docx_button), (self.design_button,)):
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            self.body.addLayout(row)
        # which formats are accessible, and what goes online (BITV 2.0, issue 14)
        self.body.addWidget(label("Barrierefrei sind das PDF (mit Struktur für Screenreader, PDF/UA) und die Webseite. "
                                  "Für die Veröffentlichung im Internet nehmen Sie die Webseite oder das PDF; die "
                                  "Word-Datei ist zum Weiterbearbeiten gedacht.", self.inner, "hint"))
        self.web_button = QPushButton("Für die Website kopieren", self.inner)
        self.web_button.setObjectName("copyForWebButton")
        self.web_button.setToolTip("Das Konzept als barrierefreies HTML und als reinen Text in die Zwischenablage "
                                   "kopieren, zum Einfügen in das Redaktionssystem Ihrer Website")
        self.web_button.setAccessibleName("Für die Website kopieren")
        self.web_button.clicked.connect(self._copy_for_web)
        self.body.addWidget(self.web_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        self.design_button.clicked.connect(self.design_requested)
        self.docx_button.clicked.connect(lambda: self.export_requested.emit("docx"))
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        self.refresh()

    def _copy_for_web(self):
        from PySide6.QtCore import QMimeData
        from PySide6.QtWidgets import QApplication

        from wizards.design import Design
        from wizards.writers.html import render_html_fragment, render_plain_text

        document, design = self.session.document(), Design.from_dict(self.session.project.design)
        data = QMimeData()
        data.setHtml(render_html_fragment(document, design))
        data.setText(render_plain_text(document, design))
        QApplication.clipboard().setMimeData(data)

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
        self._refresh_findings()
        notes = list(document.warnings)
        self.glyphs.clear()
        placed = set()
        for key, heading, chars in self._unprintable_by_section():
            placed |= set(chars)
            shown = ", ".join(f"„{ch}“" for ch in chars)
            item = QListWidgetItem(f"Im Abschnitt „{heading}“ kann das PDF {shown} nicht darstellen (leeres "
                                   "Kästchen). Bitte ersetzen oder entfernen.")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.glyphs.addItem(item)
        elsewhere = [ch for ch in self._unprintable_in_document(document) if ch not in placed]
        if elsewhere:  # in the title, the cover sheet or the design's texts
            notes.append("Im Titel oder in der Gestaltung kann das PDF " + ", ".join(f"„{ch}“" for ch in elsewhere)
                         + " nicht darstellen. Bitte ersetzen oder entfernen.")
        self.glyphs.setVisible(self.glyphs.count() > 0)
        self.warnings.setText("\n".join(f"• {w}" for w in notes))
        self.warnings.setVisible(bool(notes))
        self.warnings_caption.setVisible(bool(notes) or self.glyphs.count() > 0)

    def _design(self):
        from wizards.export import design_of

        return design_of(self.session.project)

    def _unprintable_by_section(self) -> list[tuple[str, str, list[str]]]:
        """(section key, heading, characters) for each section with characters no PDF font can draw."""
        from wizards.writers.pdf.fonts import FALLBACK, coverage, fonts

        main, spare = coverage(fonts(self._design().font)), coverage(FALLBACK)
        found = []
        assembler = self.session.assembler()
        for entry in self.session.project.walk():
            if not entry.is_custom and entry.section not in self.session.definition.sections:
                continue
            for rendered in assembler.sections_of(entry):
                chars = sorted({ch for ch in rendered.heading + rendered.markdown if ord(ch) not in main
                                and ord(ch) not in spare and not ch.isspace() and ch.isprintable()})
                if chars:
                    found.append((rendered.key, rendered.heading or "Einleitung", chars))
        return found

    def _unprintable_in_document(self, document) -> list[str]:
        from wizards.writers.pdf import unprintable_characters

        # each entry reads „x“ followed by a technical description the clerk does not need
        return [entry[1:entry.index("“")] for entry in unprintable_characters(document, self._design())]

    def _refresh_findings(self):
        from wizards.checks import FEHLER, check_project

        findings = check_project(self.session.definition, self.session.project)
        self.findings.clear()
        for finding in sorted(findings, key=lambda f: f.severity != FEHLER):
            prefix = "Fehler" if finding.severity == FEHLER else "Hinweis"
            item = QListWidgetItem(f"{prefix}: {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, finding)
            self.findings.addItem(item)
        errors = sum(f.severity == FEHLER for f in findings)
        if not findings:
            from wizards.checks import success_line

            self.check_summary.setText(success_line(self.session.definition))
        else:
            self.check_summary.setText(f"{errors} Fehler, {len(findings) - errors} Hinweis"
                                       f"{'e' if len(findings) - errors != 1 else ''}. Doppelklick führt zur Stelle.")
        self.findings.setVisible(bool(findings))
        self._finding_selected(self.findings.currentItem())

    def _finding_selected(self, item, _previous=None):
        finding = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.replace_button.setVisible(self.findings.count() > 0 and any(
            self.findings.item(i).data(Qt.ItemDataRole.UserRole).replacement for i in range(self.findings.count())))
        self.replace_button.setEnabled(bool(finding is not None and finding.kind == "norm" and finding.replacement))

    def _replace_norm(self):
        item = self.findings.currentItem()
        if item is None:
            return
        finding = item.data(Qt.ItemDataRole.UserRole)
        if self.session.replace_outdated_norm(finding.key, finding.rule):
            self.refresh()

    def _jump_to_finding(self, item: QListWidgetItem):
        self.finding_chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _jump(self, item: QListWidgetItem):
        label_, section = item.data(Qt.ItemDataRole.UserRole)
        self.missing_chosen.emit(label_, section)
