"""„Aufbau und Stil“: choose the house style and the numbering; add, remove, reorder, nest,
rename and number sections (buttons, shortcuts, drag and drop); the title block."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QFormLayout, QHBoxLayout, QInputDialog, QMessageBox,
    QPushButton, QRadioButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from wizards.design import PERSPECTIVE_CHOICES
from wizards.numbering import SCHEMES, STYLE_DEFAULT_LABEL
from wizards.voice import GENDER_FORMS

from .base import Page, label
from ..widgets.fields import readable_combo

KEY_ROLE = Qt.ItemDataRole.UserRole


class OutlineTree(QTreeWidget):
    """The outline; sections can be dragged to another place or level. After a drop it reports the
    new structure, and the page asks the project to take it (or refreshes if it cannot)."""

    dropped = Signal(list)
    nudged = Signal(int)  # Qt.Key of an arrow pressed with Alt+Shift: move or (un)indent the current section

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def keyPressEvent(self, event):
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        wanted = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        if event.key() in arrows and event.modifiers() == wanted:
            self.nudged.emit(event.key())
            event.accept()
            return
        super().keyPressEvent(event)

    def dropEvent(self, event):
        super().dropEvent(event)
        self.dropped.emit(self.structure())

    def structure(self) -> list:
        def of(item):
            return [(item.child(i).data(0, KEY_ROLE), of(item.child(i))) for i in range(item.childCount())]
        root = self.invisibleRootItem()
        return [(root.child(i).data(0, KEY_ROLE), of(root.child(i))) for i in range(root.childCount())]


class OutlinePage(Page):
    section_opened = Signal(str)  # outline key of the section to show (double-click)

    def __init__(self, session):
        super().__init__("Aufbau und Stil", "Wählen Sie den Stil des Konzepts und legen Sie fest, welche Abschnitte "
                         "es in welcher Reihenfolge enthält. Jeder Abschnitt hat danach eine eigene Seite.")
        self.session = session
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

        self.body.addWidget(label("Nummerierung und Titel", self.inner, "groupLabel"))
        form = QFormLayout()
        self.numbering = readable_combo(QComboBox(self.inner))
        self.numbering.setObjectName("outline:numbering")
        self.numbering.setAccessibleName("Nummerierung der Überschriften")
        self.numbering.addItem(STYLE_DEFAULT_LABEL, "")
        for scheme in SCHEMES.values():
            self.numbering.addItem(scheme.label, scheme.id)
        self.numbering.currentIndexChanged.connect(self._numbering_chosen)
        numbering_label = label("&Nummerierung:", self.inner)
        numbering_label.setBuddy(self.numbering)
        form.addRow(numbering_label, self.numbering)
        self.gender = readable_combo(QComboBox(self.inner))
        self.gender.setObjectName("outline:gender")
        self.gender.setAccessibleName("Schreibweise für Personen")
        self.gender.setToolTip("Gilt für alle Textvorschläge, auch wenn Sie Texte aus verschiedenen Stilen wählen; "
                               "Ihre selbst bearbeiteten Texte bleiben, wie Sie sie geschrieben haben.")
        for key, text in GENDER_FORMS.items():
            self.gender.addItem(text, key)
        self.gender.currentIndexChanged.connect(
            lambda _i: self.session.set_design_values(gender=self.gender.currentData() or ""))
        gender_label = label("&Schreibweise:", self.inner)
        gender_label.setBuddy(self.gender)
        form.addRow(gender_label, self.gender)
        self.perspective = readable_combo(QComboBox(self.inner))
        self.perspective.setObjectName("outline:perspective")
        self.perspective.setAccessibleName("Perspektive der Texte")
        self.perspective.setToolTip("Ob die Textvorschläge „wir“ schreiben oder von der Verwaltung in der dritten Person "
                                    "sprechen; gilt für alle Textvorschläge, auch aus verschiedenen Stilen. "
                                    "Ihre selbst bearbeiteten Texte bleiben, wie Sie sie geschrieben haben.")
        for key, text in PERSPECTIVE_CHOICES.items():
            self.perspective.addItem(text, key)
        self.perspective.currentIndexChanged.connect(
            lambda _i: self.session.set_design_values(perspective=self.perspective.currentData() or ""))
        perspective_label = label("&Perspektive:", self.inner)
        perspective_label.setBuddy(self.perspective)
        form.addRow(perspective_label, self.perspective)
        preset_row = QHBoxLayout()
        self.preset = readable_combo(QComboBox(self.inner))
        self.preset.setObjectName("outline:preset")
        self.preset.setAccessibleName("Vorlage für den Aufbau")
        self.preset.setPlaceholderText("Keine – Aufbau des gewählten Stils")
        self._preset_shown_for = None  # the project whose (empty) preset the combo shows
        for preset in session.definition.presets.values():
            self.preset.addItem(preset.label, preset.id)
            self.preset.setItemData(self.preset.count() - 1, preset.description, Qt.ItemDataRole.ToolTipRole)
        preset_row.addWidget(self.preset, 1)
        apply_button = QPushButton("Ü&bernehmen …", self.inner)
        apply_button.setObjectName("outline:apply_preset")
        apply_button.setToolTip("Gliederung und Nummerierung der gewählten Vorlage übernehmen; "
                                "Ihre bearbeiteten Texte und eigenen Abschnitte bleiben erhalten")
        apply_button.clicked.connect(self.apply_preset)
        preset_row.addWidget(apply_button)
        preset_label = label("&Vorlage für den Aufbau:", self.inner)
        preset_label.setBuddy(self.preset)
        form.addRow(preset_label, preset_row)
        title_button = QPushButton("&Titel, Stand und Versionshistorie …", self.inner)
        title_button.setObjectName("outline:title")
        title_button.setToolTip("Titel, Untertitel, Stand-Zeile, Zeilen unter dem Titel und die Versionshistorie festlegen")
        title_button.clicked.connect(self.edit_title)
        form.addRow("", title_button)
        self.body.addLayout(form)

        self.body.addWidget(label("Abschnitte", self.inner, "groupLabel"))
        self.body.addWidget(label(
            "Abschnitte lassen sich mit der Maus an eine andere Stelle oder Ebene ziehen. Tastatur: "
            "Alt+Umschalt+Pfeil nach rechts/links rückt ein oder aus, Alt+Umschalt+Pfeil nach oben/unten verschiebt.",
            self.inner, "hint"))
        row = QHBoxLayout()
        self.tree = OutlineTree(self.inner)
        self.tree.dropped.connect(self._dropped)
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
            ("up", "Nach oben", "Den markierten Abschnitt eine Stelle nach oben schieben (Alt+Umschalt+Pfeil nach oben)",
             lambda: self.move(-1)),
            ("down", "Nach unten", "Den markierten Abschnitt eine Stelle nach unten schieben (Alt+Umschalt+Pfeil nach unten)",
             lambda: self.move(1)),
            ("indent", "Einrücken", "Den markierten Abschnitt zum Unterabschnitt des vorigen machen (Alt+Umschalt+Pfeil nach rechts)",
             self.indent),
            ("outdent", "Ausrücken", "Den markierten Abschnitt eine Ebene höher stellen (Alt+Umschalt+Pfeil nach links)",
             self.outdent),
            ("numbered", "Ohne Nummer", "Den markierten Abschnitt ohne Nummer zeigen; gedrückt = ohne Nummer, noch einmal klicken = mit Nummer",
             self.toggle_numbered),
            ("remove", "Entfernen", "Den markierten Abschnitt aus dem Konzept nehmen", self.remove),
        ):
            button = QPushButton(text, self.inner)
            button.setObjectName(f"outline:{key}")
            button.setToolTip(tip)
            button.setAccessibleName(text.replace(" …", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        self.buttons["numbered"].setCheckable(True)
        self.tree.nudged.connect(self._nudged)
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
        design = self.session.project.design
        index = self.numbering.findData(design.get("numbering", "") if isinstance(design, dict) else "")
        self.numbering.blockSignals(True)
        self.numbering.setCurrentIndex(max(index, 0))
        self.numbering.blockSignals(False)
        self.gender.blockSignals(True)
        self.gender.setCurrentIndex(max(self.gender.findData(design.get("gender", "") if isinstance(design, dict)
                                                             else ""), 0))
        self.gender.blockSignals(False)
        self.perspective.blockSignals(True)
        self.perspective.setCurrentIndex(max(self.perspective.findData(
            design.get("perspective", "") if isinstance(design, dict) else ""), 0))
        self.perspective.blockSignals(False)
        chosen = self.preset.findData(design.get("preset", "") if isinstance(design, dict) else "")
        if chosen >= 0:
            self.preset.setCurrentIndex(chosen)
        elif self._preset_shown_for is not self.session.project:
            self.preset.setCurrentIndex(-1)  # never show a preset that was not applied; keep a pick not yet applied
        self._preset_shown_for = self.session.project
        current = self.current_key()
        numbers = self._numbers()
        self.tree.clear()

        def fill(parent, entries):
            for entry in entries:
                number = numbers.get(entry.key, "")
                text = (f"{number} " if number else "") + self.session.section_title(entry.key)
                if entry.is_custom:
                    text += "  (eigener Abschnitt)"
                elif entry.instance:
                    text += "  (weiterer Abschnitt)"
                if entry.numbered is False or (entry.numbered is None and not entry.is_custom
                                               and not self.session.definition.sections[entry.section].numbered):
                    text += "  (ohne Nummer)"
                item = QTreeWidgetItem([text])
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

    def _numbers(self) -> dict[str, str]:
        """Outline key → the number its (first) heading has in the document, as the reader sees it."""
        from wizards import doctree as dt
        from wizards.assemble import anchor_for

        try:
            document = self.session.document()
        except Exception:  # noqa: BLE001 - numbers are a courtesy; the preview reports real errors
            return {}
        entries = {anchor_for(e.key): e.key for e in self.session.project.walk()}
        longest_first = sorted(entries, key=len, reverse=True)  # „ziele-2“ before „ziele“ (a further use)
        numbers: dict[str, str] = {}
        for block in document.blocks:
            if isinstance(block, dt.Heading) and block.number and block.anchor:
                # a section's anchor, or „anchor-item“ for one channel of a per-channel section
                owner = next((a for a in longest_first if block.anchor == a or block.anchor.startswith(a + "-")), None)
                if owner is not None:
                    numbers.setdefault(entries[owner], block.number)
        return numbers

    def _update_buttons(self):
        key = self.current_key()
        has = key is not None
        for name in ("rename", "up", "down", "remove", "indent", "outdent", "numbered"):
            self.buttons[name].setEnabled(has)
        entry = self.session.project.find(key) if has else None
        numbered = entry is None or (entry.numbered if entry.numbered is not None else (
            entry.is_custom or self.session.definition.sections[entry.section].numbered))
        self.buttons["numbered"].setChecked(not numbered)

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
        self.section_opened.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def add_from_catalogue(self):
        from ..dialogs import AddSectionDialog

        present = {e.section for e in self.session.project.walk() if not e.is_custom}
        catalogue = self.session.definition.sections.values()
        dialog = AddSectionDialog([s for s in catalogue if s.id not in present], self,
                                  present=[s for s in catalogue if s.id in present])
        if not (dialog.exec() and dialog.chosen()):
            return
        heading = ""
        section = self.session.definition.sections[dialog.chosen()]
        if dialog.another() and section.repeat and not section.merge_repeats:
            heading, ok = self._ask_channel_heading("", section, "Weiterer Abschnitt", may_be_empty=False)
            if not ok or not heading.strip():
                return
        elif dialog.another():  # a second „Ziele“: it needs a heading of its own to be told apart
            heading, ok = QInputDialog.getText(
                self, "Weiterer Abschnitt", f"„{section.title}“ ist schon im Konzept. Überschrift des weiteren "
                "Abschnitts (er bekommt einen eigenen Text, zunächst den der Vorlage):", text=section.title)
            if not ok or not heading.strip():
                return
        key = self.session.add_section(dialog.chosen(), after=self.current_key(), another=dialog.another(),
                                       heading=heading)
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
        entry = self.session.project.find(key)
        section = None if entry.is_custom else self.session.definition.sections[entry.section]
        if section is not None and section.repeat and not section.merge_repeats:
            heading, ok = self._ask_channel_heading(entry.heading, section, may_be_empty=not entry.instance)
        else:
            hint = "Neue Überschrift:" if entry.is_custom or entry.instance else \
                "Neue Überschrift (leer lassen für die Überschrift der Vorlage):"
            heading, ok = QInputDialog.getText(self, "Abschnitt umbenennen", hint,
                                               text=entry.heading or self.session.section_title(key))
        if ok:
            self.session.rename_section(key, heading)
            self.refresh()

    def _ask_channel_heading(self, heading: str, section, title: str = "Abschnitt umbenennen", may_be_empty=True):
        """A per-channel section appears once per channel: its heading is a pattern with the channel in it."""
        from wizards.assemble import ACCOUNT, PLATFORM

        current = heading or f"{section.title.removesuffix(' je Kanal').removesuffix(' (je Kanal)')} – {PLATFORM}"
        suggestions = list(dict.fromkeys([current, PLATFORM, ACCOUNT, f"{PLATFORM} ({ACCOUNT})"]))
        return QInputDialog.getItem(
            self, title,
            f"Dieser Abschnitt steht im Konzept einmal je Kanal. Die Überschrift gilt für jeden Kanal:\n"
            f"{PLATFORM} wird zum Namen der Plattform (z. B. Instagram), {ACCOUNT} zum Namen des Kontos.\n"
            f"Ohne Platzhalter wird die Plattform angehängt (z. B. „Angebot – Instagram“).\n"
            + ("Leer lassen für die Überschriften der Vorlage. " if may_be_empty else "")
            + "Überschriften, die Sie auf der Seite des Abschnitts für einen einzelnen Kanal geändert haben, gehen vor.",
            suggestions, 0, True)

    def _numbering_chosen(self, _index: int):
        self.session.set_design_values(numbering=self.numbering.currentData() or "")
        self.refresh()

    def apply_preset(self):
        preset_id = self.preset.currentData()
        if not preset_id:
            return
        answer = QMessageBox.question(
            self, "Vorlage übernehmen",
            f"Gliederung und Nummerierung von „{self.preset.currentText()}“ übernehmen? Abschnitte, die die Vorlage "
            "nicht enthält, werden entfernt; deren bearbeitete Texte gehen verloren. Ihre eigenen Abschnitte "
            "bleiben am Ende erhalten.")
        if answer == QMessageBox.StandardButton.Yes:
            self.session.apply_preset(preset_id)
            self.refresh()

    def edit_title(self):
        from ..title_dialog import TitleDialog

        dialog = TitleDialog(self.session, self)
        if dialog.exec():
            self.session.set_design_values(**dialog.values())

    def _dropped(self, structure: list):
        key = self.current_key()
        if not self.session.reorder_sections(structure):
            QMessageBox.information(self, "Abschnitt verschieben",
                                    "So tief lassen sich Abschnitte nicht schachteln (höchstens drei Ebenen).")
        self.refresh()
        if key:
            self._select(key)

    def _nudged(self, key: int):
        {Qt.Key.Key_Right: self.indent, Qt.Key.Key_Left: self.outdent,
         Qt.Key.Key_Up: lambda: self.move(-1), Qt.Key.Key_Down: lambda: self.move(1)}[Qt.Key(key)]()
        self.tree.setFocus()

    def indent(self):
        key = self.current_key()
        if key and self.session.indent_section(key):
            self.refresh()
            self._select(key)

    def outdent(self):
        key = self.current_key()
        if key and self.session.outdent_section(key):
            self.refresh()
            self._select(key)

    def toggle_numbered(self):
        key = self.current_key()
        entry = self.session.project.find(key) if key else None
        if entry is None:
            return
        default = entry.is_custom or self.session.definition.sections[entry.section].numbered
        numbered = default if entry.numbered is None else entry.numbered
        self.session.set_numbered(key, None if (not numbered) == default else not numbered)
        self.refresh()
        self._select(key)

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
        entry = self.session.project.find(key)
        below = [self.session.section_title(e.key) for e in _descendants(entry)] if entry is not None else []
        if below:
            named = ", ".join(f"„{t}“" for t in below[:5]) + (f" und {len(below) - 5} weitere" if len(below) > 5 else "")
            question = (f"Den Abschnitt „{title}“ mit {'seinem Unterabschnitt' if len(below) == 1 else 'seinen Unterabschnitten'} "
                        f"{named} aus dem Konzept entfernen? Bearbeitete Texte gehen dabei verloren. Wenn Sie "
                        f"Unterabschnitte behalten möchten, rücken Sie sie vorher aus.")
        else:
            question = f"Den Abschnitt „{title}“ aus dem Konzept entfernen? Ein bearbeiteter Text geht dabei verloren."
        answer = QMessageBox.question(self, "Abschnitt entfernen", question)
        if answer == QMessageBox.StandardButton.Yes:
            self.session.remove_section(key)
            self.refresh()


def _descendants(entry):
    for child in entry.children:
        yield child
        yield from _descendants(child)
