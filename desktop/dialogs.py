"""Dialogs: add a catalogue section, compare variants, design options, messages."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QScrollArea,
    QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from .texts import german_error_text, short_label
from .widgets.fields import readable_combo


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Fehler") -> None:
    QMessageBox.warning(parent, title, german_error_text(exc))


def ask_destructive(parent: QWidget | None, title: str, question: str, action: str, name: str) -> bool:
    """Ask before something is thrown away; „Behalten“ is the default, so Enter never destroys."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    act = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Behalten", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is act


def open_local(path: Path) -> bool:
    """Open a local file or folder with the system's program (file URLs only)."""
    url = QUrl.fromLocalFile(str(Path(path).resolve()))
    if not url.isLocalFile():
        return False
    return QDesktopServices.openUrl(url)


class AddSectionDialog(QDialog):
    """The catalogue: every section not yet in the outline, with its one-line summary; below them the
    sections already in it, offered once more as „… (weiterer Abschnitt)“ with a heading of its own."""

    def __init__(self, sections, parent=None, present=()):
        super().__init__(parent)
        self.setWindowTitle("Abschnitt hinzufügen")
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        intro = QLabel("Wählen Sie einen Abschnitt aus dem Katalog. Er wird hinter dem markierten Abschnitt eingefügt. "
                       "Ein Abschnitt, den das Konzept schon enthält, lässt sich als weiterer Abschnitt mit eigener "
                       "Überschrift und eigenem Text noch einmal einfügen (z. B. „Ziele“ für eine Einrichtung).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("catalogueList")
        self.list.setAccessibleName("Verfügbare Abschnitte")
        self.list.setWordWrap(True)
        for s, another in [(s, False) for s in sections] + [(s, True) for s in present]:
            title = f"{s.title} (weiterer Abschnitt)" if another else s.title
            item = QListWidgetItem(f"{title}\n{s.summary}" if s.summary else title)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, another)
            item.setToolTip(s.summary)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Hinzufügen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def another(self) -> bool:
        """Whether the chosen section is already in the outline (to be added once more)."""
        item = self.list.currentItem()
        return bool(item and item.data(Qt.ItemDataRole.UserRole + 1))


class VariantCompareDialog(QDialog):
    """All variants of a section side by side, each with a button to choose it."""

    def __init__(self, title: str, variants, current: str, parent=None, edited: bool = False):
        super().__init__(parent)
        self.setWindowTitle(f"Varianten vergleichen – {title}")
        self.chosen: str | None = None
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1280, screen.width() - 40) if screen else 1200, min(680, screen.height() - 60) if screen else 640)
        layout = QVBoxLayout(self)
        intro = QLabel("Jeder Stil bringt einen eigenen Textvorschlag mit – Ihre Angaben sind schon eingesetzt. "
                       "Wählen Sie den Vorschlag, der am besten passt; Sie können ihn danach frei bearbeiten.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        for style, heading, markdown in variants:
            column = QVBoxLayout()
            mine = style.id == current
            caption = QLabel(f"<b>{short_label(style)}</b>" +
                             ((" (Ihr Text, von Ihnen bearbeitet)" if edited else " (aktuell)") if mine else ""))
            caption.setWordWrap(True)
            browser = QTextBrowser(self)
            browser.setOpenLinks(False)
            browser.setObjectName(f"Variante-{style.id}")
            browser.setAccessibleName(f"Variante {short_label(style)}")
            show_markdown(browser, markdown, heading)
            choose = QPushButton("Diese Variante wählen", self)
            choose.setObjectName(f"choose:{style.id}")
            choose.setAccessibleName(f"Variante {short_label(style)} wählen")
            choose.setEnabled(style.id != current)
            choose.clicked.connect(lambda _=False, sid=style.id: self._choose(sid))
            column.addWidget(caption)
            column.addWidget(browser, 1)
            column.addWidget(choose)
            row.addLayout(column, 1)
        layout.addLayout(row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self, style_id: str):
        self.chosen = style_id
        self.accept()


def show_markdown(browser: QTextBrowser, markdown: str, heading: str = "") -> None:
    """A text as the editor and the PDF show it (missing values as „[[…]]“)."""
    from PySide6.QtGui import QTextCursor

    from wizards import doctree as dt
    from wizards.markdown import plain_inlines, to_blocks

    from .widgets.richtext import MarkerHighlighter, fill_document

    blocks = to_blocks(markdown)
    if heading:
        blocks = (dt.Heading(3, plain_inlines(heading)),) + blocks
    browser.clear()
    fill_document(QTextCursor(browser.document()), blocks)
    browser.highlighter = MarkerHighlighter(browser.document())


class DesignDialog(QDialog):
    """„Gestaltung“: the fields of wizards.design.Design."""

    def __init__(self, design_dict: dict, last_dir: str = "", parent=None):
        super().__init__(parent)
        from wizards.design import FONTS, Design

        self.Design = Design
        self.last_dir = last_dir
        self.setWindowTitle("Gestaltung")
        design = self.original = Design.from_dict(design_dict)
        self.color = design.primary_color
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        form_layout = QVBoxLayout(inner)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)

        look = QGroupBox("Aussehen", inner)
        form = QFormLayout(look)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.logo = QLineEdit(design.logo_path, look)
        self.logo.setAccessibleName("Logo-Datei")
        self.logo.setPlaceholderText("kein Logo")
        form.addRow("Logo:", self._with_browse(self.logo, "Logo wählen", "Bilder (*.png *.jpg *.jpeg *.svg)"))
        self.color_button = QPushButton(self.color, look)
        self.color_button.setAccessibleName("Hausfarbe wählen")
        self.color_button.setToolTip("Farbe für Überschriften und Linien")
        self.color_button.clicked.connect(self._pick_color)
        self._show_color()
        form.addRow("Hausfarbe:", self.color_button)
        self.font = readable_combo(QComboBox(look))
        self.font.setAccessibleName("Schrift")
        for fid, (label_, _word) in FONTS.items():
            self.font.addItem(label_, fid)
        self.font.setCurrentIndex(max(0, self.font.findData(design.font)))
        form.addRow("Schrift:", self.font)
        self.header = QLineEdit(design.header_text, look)
        self.header.setPlaceholderText("Name der Verwaltung")
        self.header.setAccessibleName("Text der Kopfzeile")
        form.addRow("Kopfzeile:", self.header)
        self.title_page = QCheckBox("Eigenes Titelblatt", look)
        self.title_page.setChecked(design.title_page)
        form.addRow("", self.title_page)
        self.toc = readable_combo(QComboBox(look))
        self.toc.setAccessibleName("Inhaltsverzeichnis")
        for text, value in (("wie im Stil vorgesehen", None), ("ja", True), ("nein", False)):
            self.toc.addItem(text, value)
        self.toc.setCurrentIndex({None: 0, True: 1, False: 2}[design.toc])
        form.addRow("Inhaltsverzeichnis:", self.toc)
        form_layout.addWidget(look)

        history = QGroupBox("Versionshistorie (Tabelle am Ende des Dokuments)", inner)
        hl = QVBoxLayout(history)
        self.history = QTableWidget(0, 3, history)
        self.history.setAccessibleName("Versionshistorie")
        self.history.setHorizontalHeaderLabels(["Stand", "Version", "Änderung"])
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setMinimumHeight(110)
        for entry in design.history:
            self._add_history_row(entry)
        hb = QHBoxLayout()
        add = QPushButton("Zeile hinzufügen", history)
        add.clicked.connect(lambda: self._add_history_row({}))
        remove = QPushButton("Zeile entfernen", history)
        remove.clicked.connect(lambda: self.history.removeRow(self.history.currentRow()))
        hb.addWidget(add)
        hb.addWidget(remove)
        hb.addStretch(1)
        hl.addWidget(self.history)
        hl.addLayout(hb)
        form_layout.addWidget(history)

        cover = QGroupBox("Deckblatt für die Ratsvorlage", inner)
        cf = QFormLayout(cover)
        cf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.cover_enabled = QCheckBox("Deckblatt voranstellen", cover)
        self.cover_enabled.setChecked(bool(design.cover_sheet.get("enabled")))
        cf.addRow("", self.cover_enabled)
        self.cover = {}
        for key, text, hint in (("anlage", "Anlage Nr.:", "z. B. 2"), ("vorlage", "Vorlage:", "z. B. VO/2026/042"),
                                ("gremium", "Gremium:", "z. B. Hauptausschuss"), ("sitzung", "Sitzung:", "z. B. 12.05.2026")):
            edit = QLineEdit(str(design.cover_sheet.get(key, "")), cover)
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(text.rstrip(":"))
            cf.addRow(text, edit)
            self.cover[key] = edit
        form_layout.addWidget(cover)

        files = QGroupBox("Word-Vorlage und Archivierung", inner)
        ff = QFormLayout(files)
        ff.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.template = QLineEdit(design.template_path, files)
        self.template.setPlaceholderText("mitgelieferte Vorlage")
        self.template.setAccessibleName("Eigene Word-Vorlage")
        ff.addRow("Eigene Word-Vorlage:", self._with_browse(self.template, "Word-Vorlage wählen",
                                                             "Word-Vorlagen (*.docx *.dotx)"))
        self.pdfa = QCheckBox("PDF/A für die Archivierung erzeugen", files)
        self.pdfa.setChecked(design.pdfa)
        ff.addRow("", self.pdfa)
        form_layout.addWidget(files)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(640, min(700, screen.height() - 60) if screen else 640)

    def _with_browse(self, edit: QLineEdit, title: str, filters: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        browse = QPushButton("Durchsuchen …", box)
        browse.setAccessibleName(title)
        browse.clicked.connect(lambda: self._browse(edit, title, filters))
        clear = QPushButton("Leeren", box)
        clear.setAccessibleName(f"{title}: leeren")
        clear.clicked.connect(edit.clear)
        row.addWidget(browse)
        row.addWidget(clear)
        return box

    def _browse(self, edit: QLineEdit, title: str, filters: str):
        path, _ = QFileDialog.getOpenFileName(self, title, edit.text() or self.last_dir, filters)
        if path:
            edit.setText(path)

    def _pick_color(self):
        color = QColorDialog.getColor(QColor(self.color), self, "Hausfarbe wählen")
        if color.isValid():
            self.color = color.name().upper()
            self._show_color()

    def _show_color(self):
        self.color_button.setText(self.color)
        self.color_button.setIcon(_swatch(self.color))

    def _add_history_row(self, entry: dict):
        row = self.history.rowCount()
        self.history.insertRow(row)
        for col, key in enumerate(("stand", "version", "aenderung")):
            self.history.setItem(row, col, QTableWidgetItem(str(entry.get(key, ""))))

    def design_dict(self) -> dict:
        from dataclasses import replace

        # the settings this dialog does not show (numbering, title block, voice) stay as they were
        design = replace(
            self.original,
            logo_path=self.logo.text().strip(), primary_color=self.color, font=self.font.currentData(),
            title_page=self.title_page.isChecked(), toc=self.toc.currentData(), header_text=self.header.text().strip(),
            history=[{key: (self.history.item(r, c).text().strip() if self.history.item(r, c) else "")
                      for c, key in enumerate(("stand", "version", "aenderung"))}
                     for r in range(self.history.rowCount())],
            cover_sheet={"enabled": self.cover_enabled.isChecked(),
                         **{k: e.text().strip() for k, e in self.cover.items()}},
            template_path=self.template.text().strip(), pdfa=self.pdfa.isChecked(),
        )
        return design

    def _accept(self):
        problems = self.design_dict().validate()
        if problems:
            QMessageBox.warning(self, "Gestaltung prüfen", "Bitte prüfen Sie:\n\n" + "\n".join(f"• {p}" for p in problems))
            return
        self.accept()


def _swatch(color: str):
    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
