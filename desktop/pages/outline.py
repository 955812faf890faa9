"""„Aufbau und Stil“: choose the house style, add, remove, reorder and rename sections."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QInputDialog, QMessageBox, QPushButton, QRadioButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout,
)

from .base import Page, label


class OutlinePage(Page):
    def __init__(self, session, window=None):
        super().__init__("Aufbau und Stil", "Wählen Sie den Stil des Konzepts und legen Sie fest, welche Abschnitte "
                         "es in welcher Reihenfolge enthält. Jeder Abschnitt hat danach eine eigene Seite.")
        self.session = session
        self.window_ = window
        self.body.addWidget(label("Stil des Konzepts", self.inner, "groupLabel"))
        self.style_group = QButtonGroup(self)
        self.style_buttons: dict[str, QRadioButton] = {}
        for style in session.definition.styles.values():
            button = QRadioButton(style.label, self.inner)
            button.setObjectName(f"style:{style.id}")
            button.setAccessibleName(f"Stil {style.label}")
            button.setAccessibleDescription(style.description)
            button.setToolTip(style.description)
            self.style_group.addButton(button)
            self.style_buttons[style.id] = button
            self.body.addWidget(button)
            desc = label(style.description, self.inner, "hint")
            desc.setContentsMargins(24, 0, 0, 6)
            self.body.addWidget(desc)
            button.toggled.connect(lambda on, sid=style.id: on and self._style_chosen(sid))
        self.body.addWidget(label(
            "Beim Wechsel des Stils bleiben Ihre bearbeiteten Texte und eigenen Abschnitte erhalten.", self.inner, "hint"))

        self.body.addWidget(label("Abschnitte", self.inner, "groupLabel"))
        row = QHBoxLayout()
        self.tree = QTreeWidget(self.inner)
        self.tree.setObjectName("outlineTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Abschnitte des Konzepts")
        self.tree.setMinimumHeight(260)
        self.tree.setWordWrap(True)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._open(item))
        row.addWidget(self.tree, 1)
        buttons = QVBoxLayout()
        self.buttons = {}
        for key, text, tip, slot in (
            ("add", "Abschnitt hinzufügen …", "Einen Abschnitt aus dem Katalog hinzufügen", self.add_from_catalogue),
            ("custom", "Eigener Abschnitt …", "Einen Abschnitt mit eigener Überschrift und eigenem Text anlegen", self.add_custom),
            ("rename", "Umbenennen …", "Die Überschrift des markierten Abschnitts ändern", self.rename),
            ("up", "Nach oben", "Den markierten Abschnitt eine Stelle nach oben schieben", lambda: self.move(-1)),
            ("down", "Nach unten", "Den markierten Abschnitt eine Stelle nach unten schieben", lambda: self.move(1)),
            ("remove", "Entfernen", "Den markierten Abschnitt aus dem Konzept nehmen", self.remove),
        ):
            button = QPushButton(text, self.inner)
            button.setObjectName(f"outline:{key}")
            button.setToolTip(tip)
            button.setAccessibleName(text.replace(" …", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # ------------------------------------------------------------ state

    def refresh(self):
        button = self.style_buttons.get(self.session.project.style)
        if button is not None and not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        current = self.current_key()
        self.tree.clear()

        def fill(parent, entries):
            for entry in entries:
                item = QTreeWidgetItem([self.session.section_title(entry.key) +
                                        ("  (eigener Abschnitt)" if entry.is_custom else "")])
                item.setData(0, Qt.ItemDataRole.UserRole, entry.key)
                if parent is None:
                    self.tree.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                fill(item, entry.children)
                if entry.key == current:
                    self.tree.setCurrentItem(item)
        fill(None, self.session.project.outline)
        self.tree.expandAll()
        self._update_buttons()

    def current_key(self) -> str | None:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self):
        has = self.current_key() is not None
        for key in ("rename", "up", "down", "remove"):
            self.buttons[key].setEnabled(has)

    def _select(self, key: str):
        it = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in it:
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                self.tree.setCurrentItem(item)
                return

    # ------------------------------------------------------------ actions

    def _style_chosen(self, style_id: str):
        if style_id != self.session.project.style:
            self.session.set_style(style_id)

    def _open(self, item):
        if self.window_ is not None:
            self.window_.go_to(f"section:{item.data(0, Qt.ItemDataRole.UserRole)}")

    def add_from_catalogue(self):
        from ..dialogs import AddSectionDialog

        present = {e.section for e in self.session.project.walk() if not e.is_custom}
        available = [s for s in self.session.definition.sections.values() if s.id not in present]
        if not available:
            QMessageBox.information(self, "Abschnitt hinzufügen", "Alle Abschnitte des Katalogs sind bereits enthalten.")
            return
        dialog = AddSectionDialog(available, self)
        if dialog.exec() and dialog.chosen():
            key = self.session.add_section(dialog.chosen(), after=self.current_key())
            self.refresh()
            self._select(key)

    def add_custom(self):
        heading, ok = QInputDialog.getText(self, "Eigener Abschnitt", "Überschrift des neuen Abschnitts:")
        if ok and heading.strip():
            key = self.session.add_custom_section(heading, after=self.current_key())
            self.refresh()
            self._select(key)

    def rename(self):
        key = self.current_key()
        if key is None:
            return
        heading, ok = QInputDialog.getText(
            self, "Abschnitt umbenennen", "Neue Überschrift (leer lassen für die Überschrift der Vorlage):",
            text=self.session.project.find(key).heading or self.session.section_title(key))
        if ok:
            self.session.rename_section(key, heading)
            self.refresh()

    def move(self, delta: int):
        key = self.current_key()
        if key and self.session.move_section(key, delta):
            self.refresh()
            self._select(key)

    def remove(self):
        key = self.current_key()
        if key is None:
            return
        title = self.session.section_title(key)
        answer = QMessageBox.question(
            self, "Abschnitt entfernen",
            f"Den Abschnitt „{title}“ aus dem Konzept entfernen? Ein bearbeiteter Text geht dabei verloren.")
        if answer == QMessageBox.StandardButton.Yes:
            self.session.remove_section(key)
            self.refresh()
