"""Editors for the question types of the wizard definition (one factory, no per-step code).

Each editor is a ``FieldEditor`` with ``value()``, ``set_value(v)`` and an ``edited``
signal that fires only on the clerk's changes (never on ``set_value``).
"""
from __future__ import annotations

import copy
import re

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QValidator
from shiboken6 import isValid
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QStyledItemDelegate, QToolButton, QVBoxLayout, QWidget,
)

from wizards.project import MAX_FIELD_CHARS
from wizards.schema import WEEKDAYS, Question

EMPTY_CHOICE = "– bitte wählen –"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def readable_combo(combo: QComboBox) -> QComboBox:
    """Let the style sheet draw the open list, so the highlighted item is visible and readable
    (the menu-like default delegate ignores it: white on white in the review)."""
    combo.setItemDelegate(QStyledItemDelegate(combo))
    return combo


def plain_label(question: Question) -> str:
    return question.label + (" *" if question.required else "")


class FieldEditor(QWidget):
    edited = Signal(object)

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self._loading = False

    def value(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def set_value(self, value) -> None:
        self._loading = True
        try:
            self._set(value)
        finally:
            self._loading = False

    def _set(self, value) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _emit(self, *_):
        if not self._loading:
            self.edited.emit(self.value())

    def focus_widget(self) -> QWidget:
        return self

    def problem(self) -> str:
        """A German hint if the current value looks wrong (shown under the field)."""
        return ""


class LineField(FieldEditor):
    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(question.placeholder or _default_placeholder(question.type))
        self.edit.setAccessibleName(question.label)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(MAX_FIELD_CHARS)  # what the project file accepts; longer text could not be saved
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._emit)  # also undo, redo, paste from the Bearbeiten menu

    def value(self):
        return self.edit.text().strip()

    def _set(self, value):
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self):
        return self.edit

    def problem(self) -> str:
        text = self.value()
        if not text:
            return ""
        q = self.question
        if q.pattern and not re.fullmatch(q.pattern, text):
            return "Bitte prüfen Sie die Eingabe (z. B. fünf Ziffern bei der Postleitzahl)."
        if q.type == "email" and not _EMAIL.match(text):
            return "Das sieht nicht wie eine E-Mail-Adresse aus (name@beispiel.de)."
        if q.type == "url" and not re.match(r"^(https?://|www\.)", text, re.I):
            return "Bitte die vollständige Adresse angeben, beginnend mit https://"
        return ""


def _default_placeholder(qtype: str) -> str:
    return {"email": "name@beispiel.de", "url": "https://", "phone": "z. B. 01234 5678-0"}.get(qtype, "")


class MultilineField(FieldEditor):
    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(question.placeholder)
        self.edit.setAccessibleName(question.label)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._emit)

    def value(self):
        return self.edit.toPlainText().strip()

    def _set(self, value):
        self.edit.setPlainText("" if value is None else str(value))

    def focus_widget(self):
        return self.edit

    def problem(self) -> str:
        if len(self.value()) > MAX_FIELD_CHARS:
            return (f"Höchstens {MAX_FIELD_CHARS:,} Zeichen – längerer Text lässt sich nicht speichern; "
                    "bitte kürzen.").replace(",", ".")
        return ""


class DateValidator(QValidator):
    """Digits and dots while typing; a real date (or nothing) to be accepted."""

    def validate(self, text: str, pos: int):
        text = text.strip()
        if not text or parse_date(text).isValid():
            return QValidator.State.Acceptable, text, pos
        if re.fullmatch(r"[0-9. ]{0,24}", text):  # too long or odd: the hint under the field says why
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


def parse_date(text: str) -> QDate:
    """„15.11.2026“, „1.2.2026“ or „15.11.26“ (20xx); anything else is invalid."""
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", text.strip())
    if not m:
        return QDate()
    year = int(m.group(3))
    return QDate(year + 2000 if year < 100 else year, int(m.group(2)), int(m.group(1)))


class DateField(FieldEditor):
    """A date typed as „15.11.2026“ or picked in a calendar; stored as ISO string, empty
    when not set. A typed text that is no date yet changes nothing (a hint says why)."""

    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self._value = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("TT.MM.JJJJ, z. B. 15.11.2026")
        self.edit.setValidator(DateValidator(self.edit))
        self.edit.setAccessibleName(question.label)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("TT.MM.JJJJ, z. B. 15.11.2026") + 40)
        self.pick = QToolButton(self)
        self.pick.setText("Kalender …")
        self.pick.setObjectName("calendarButton")
        self.pick.setToolTip("Das Datum in einem Kalender auswählen")
        self.pick.setAccessibleName(f"{question.label}: im Kalender wählen")
        self.today = QPushButton("Heute", self)
        self.today.setToolTip("Das heutige Datum eintragen")
        self.today.setAccessibleName(f"{question.label}: heute")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        layout.addWidget(self.today)
        layout.addStretch(1)
        self.calendar: QCalendarWidget | None = None
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self.commit)
        self.pick.clicked.connect(self.open_calendar)
        self.today.clicked.connect(lambda: self._pick(QDate.currentDate()))

    def value(self):
        return self._value

    def _set(self, value):
        d = QDate.fromString(str(value), "yyyy-MM-dd") if value else QDate()
        self._value = d.toString("yyyy-MM-dd") if d.isValid() else ""
        self.edit.setText(d.toString("dd.MM.yyyy") if d.isValid() else "")

    def _typed(self, text: str):
        if not text.strip():
            self._value = ""  # the clerk emptied the field
        self._emit()  # the hint under the field follows the typing; the date itself waits for commit()

    def commit(self):
        """Take the typed date once typing is done (Enter, Tab, leaving the field, saving):
        „1“ on the way to „15.11.2026“ in front of „1.2.2027“ must not become the 11th."""
        d = parse_date(self.edit.text())
        if d.isValid() and d.toString("yyyy-MM-dd") != self._value:
            self._value = d.toString("yyyy-MM-dd")
            self._emit()

    def _pick(self, d: QDate):
        self.edit.setText(d.toString("dd.MM.yyyy"))
        self.commit()
        self._emit()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem(self) -> str:
        text = self.edit.text().strip()
        if text and not parse_date(text).isValid():
            return "Bitte ein Datum wie 15.11.2026 eingeben (Tag.Monat.Jahr). Bis dahin gilt das bisherige Datum."
        return ""

    def open_calendar(self):
        """A calendar below the field, at the date shown or else today; Esc closes it."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setObjectName("datePopup")
            self.calendar.setGridVisible(True)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setAccessibleName(f"{self.question.label}: Kalender")
            self.calendar.activated.connect(self._calendar_chosen)
            self.calendar.clicked.connect(self._calendar_chosen)
        shown = parse_date(self.edit.text())
        start = shown if shown.isValid() else QDate.currentDate()
        self.calendar.setSelectedDate(start)
        self.calendar.setCurrentPage(start.year(), start.month())
        self.calendar.adjustSize()
        self.calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _calendar_chosen(self, d: QDate):
        self.calendar.hide()
        self._pick(d)

    def focus_widget(self):
        return self.edit


class ChoiceField(FieldEditor):
    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self.combo = readable_combo(QComboBox(self))
        self.combo.setAccessibleName(question.label)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self._fill(question.options)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        self.combo.currentIndexChanged.connect(self._emit)

    def _fill(self, options) -> None:
        self.combo.addItem(EMPTY_CHOICE, "")
        for option in options:
            self.combo.addItem(option.label, option.id)

    def set_filter_value(self, filter_value) -> None:
        """Offer only the options that fit the answer the question's options_filter names.

        A choice that no longer fits becomes the only fitting option, or else empty (and the
        change is reported like an edit, so the answer and the shown choice agree)."""
        if not self.question.options_filter:
            return
        current = self.value()
        offered = list(self.question.offered_options(filter_value))
        if current and all(o.id != current for o in offered):
            chosen = offered[0].id if len(offered) == 1 else ""
        else:
            chosen = current
        blocked = self.combo.blockSignals(True)
        self.combo.clear()
        self._fill(offered)
        self.combo.setCurrentIndex(max(self.combo.findData(chosen), 0))
        self.combo.blockSignals(blocked)
        if chosen != current:
            self._emit()

    def value(self):
        return self.combo.currentData() or ""

    def _set(self, value):
        index = self.combo.findData(value or "")
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self):
        return self.combo


class ReferenceField(FieldEditor):
    """One entry of another group (type reference), or the body itself: the answer is the entry's
    ``_id`` ("" = the body). The entries come from ``set_entries``; renaming one only changes
    its label here. A reference to a removed entry stays visible as such until the clerk chooses."""

    GONE = "– entfernt, bitte neu wählen –"

    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self.combo = readable_combo(QComboBox(self))
        self.combo.setAccessibleName(question.label)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        self._entries: list[tuple[str, str]] = []
        self._body = "Ihre Verwaltung"
        self._value = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addStretch(0)
        self._fill()
        self.combo.currentIndexChanged.connect(self._chosen)

    def set_entries(self, entries: list, body: str) -> None:
        """The group's entries (dicts with ``_id`` and ``name``) and the body's name for the first item."""
        self._entries = [(str(e.get("_id")), str(e.get("name") or "").strip() or f"Eintrag {n}")
                         for n, e in enumerate(entries, 1) if isinstance(e, dict) and e.get("_id")]
        self._body = body
        self._fill()

    def _fill(self) -> None:
        blocked = self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(f"{self._body} (Hauptverwaltung)", "")
        for entry_id, name in self._entries:
            self.combo.addItem(name, entry_id)
        if self._value and self.combo.findData(self._value) < 0:
            self.combo.addItem(self.GONE, self._value)
        self.combo.setCurrentIndex(max(self.combo.findData(self._value), 0))
        self.combo.blockSignals(blocked)

    def _chosen(self, _index: int) -> None:
        self._value = self.combo.currentData() or ""
        gone = self.combo.findText(self.GONE)
        if 0 <= gone != self.combo.currentIndex():
            self._fill()  # a removed entry, once replaced, leaves the list
        self._emit()

    def value(self):
        return self._value

    def _set(self, value):
        self._value = value if isinstance(value, str) else ""
        self._fill()

    def problem(self) -> str:
        if self._value and all(entry_id != self._value for entry_id, _ in self._entries):
            return "Die gewählte Einrichtung wurde entfernt. Bitte wählen Sie, wer den Kanal betreibt."
        return ""

    def focus_widget(self):
        return self.combo


class MultiChoiceField(FieldEditor):
    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for i, option in enumerate(question.options):
            box = QCheckBox(option.label, self)
            box.setAccessibleName(f"{question.label}: {option.label}")
            box.toggled.connect(self._emit)
            layout.addWidget(box, i, 0)
            self.boxes.append((option.id, box))

    def value(self):
        return [oid for oid, box in self.boxes if box.isChecked()]

    def _set(self, value):
        chosen = set(value or [])
        for oid, box in self.boxes:
            box.setChecked(oid in chosen)

    def focus_widget(self):
        return self.boxes[0][1] if self.boxes else self


class YesNoField(FieldEditor):
    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self.box = QCheckBox(question.label, self)
        self.box.setAccessibleName(question.label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.box.toggled.connect(self._emit)

    def value(self):
        return self.box.isChecked()

    def _set(self, value):
        self.box.setChecked(bool(value))

    def focus_widget(self):
        return self.box


class WeeklyField(FieldEditor):
    """Opening hours per weekday: {"mo": "08:00–12:00 Uhr", ...}; empty days are left out."""

    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        for row, (day, name) in enumerate(WEEKDAYS):
            label = QLabel(name, self)
            edit = QLineEdit(self)
            edit.setPlaceholderText("geschlossen" if day in ("sa", "so") else "z. B. 08:00–12:00 Uhr")
            edit.setAccessibleName(f"{question.label}: {name}")
            label.setBuddy(edit)
            edit.textChanged.connect(self._emit)
            layout.addWidget(label, row, 0)
            layout.addWidget(edit, row, 1)
            self.edits[day] = edit
        layout.setColumnStretch(1, 1)

    def value(self):
        return {day: e.text().strip() for day, e in self.edits.items() if e.text().strip()}

    def _set(self, value):
        value = value if isinstance(value, dict) else {}
        for day, edit in self.edits.items():
            edit.setText(str(value.get(day, "") or ""))

    def focus_widget(self):
        return self.edits["mo"]


class GroupField(FieldEditor):
    """A list of items (channels, persons), each a box with the group's fields."""

    def __init__(self, question: Question, parent=None):
        super().__init__(question, parent)
        self.items: list[dict] = []
        self.item_label = question.item_label or "Eintrag"
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.box_area = QVBoxLayout()
        self.layout_.addLayout(self.box_area)
        self.add_button = QPushButton(f"{self.item_label} hinzufügen", self)
        self.add_button.setObjectName("addItemButton")
        self.add_button.setAccessibleName(f"{self.item_label} hinzufügen")
        self.add_button.setToolTip(f"Einen weiteren Eintrag „{self.item_label}“ anlegen")
        self.add_button.clicked.connect(self.add_item)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.boxes: list[QGroupBox] = []
        self.editors: list[dict[str, FieldEditor]] = []
        self.references: dict[str, tuple[list, str]] = {}  # group id -> (entries, body name)

    def set_reference_entries(self, group_id: str, entries: list, body: str) -> None:
        """The entries the fields of type reference to ``group_id`` offer (in every item)."""
        self.references[group_id] = (entries, body)
        for editors in self.editors:
            for field in self.question.fields:
                if field.entries_of == group_id:
                    editors[field.id].set_entries(entries, body)

    def value(self):
        return copy.deepcopy(self.items)

    def _set(self, value):
        self.items = copy.deepcopy(value) if isinstance(value, list) else []
        self._rebuild()

    def _rebuild(self):
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        self.boxes, self.editors = [], []
        for index, item in enumerate(self.items):
            self._add_box(index, item)

    def _title(self, index: int, item: dict) -> str:
        name = str(item.get("name", "") or "").strip()
        return f"{self.item_label} {index + 1}" + (f": {name}" if name else "")

    def _add_box(self, index: int, item: dict):
        box = QGroupBox(self._title(index, item), self)
        box.setAccessibleName(self._title(index, item))
        grid = QVBoxLayout(box)
        editors = {}
        for field in self.question.fields:
            editor = make_editor(field, box)
            if field.options_filter:
                editor.set_filter_value(item.get(field.options_filter[1], ""))
            if field.entries_of in self.references:
                editor.set_entries(*self.references[field.entries_of])
            editor.set_value(item.get(field.id, field.default))
            editor.edited.connect(lambda v, i=index, f=field.id: self._field_edited(i, f, v))
            if field.type != "yesno":
                label = QLabel(plain_label(field), box)
                label.setWordWrap(True)
                label.setBuddy(editor.focus_widget())
                grid.addWidget(label)
            grid.addWidget(editor)
            if field.help:
                hint = QLabel(field.help, box)
                hint.setWordWrap(True)
                hint.setProperty("role", "hint")
                grid.addWidget(hint)
            editors[field.id] = editor
        row = QHBoxLayout()
        # the order of the entries is the document's (channels: the order of the per-channel sections)
        for delta, text, where in ((-1, "Nach oben", "eine Stelle nach oben"), (1, "Nach unten", "eine Stelle nach unten")):
            move = QPushButton(text, box)
            move.setObjectName("moveUpButton" if delta < 0 else "moveDownButton")
            move.setAccessibleName(f"{self._title(index, item)} {where}")
            move.setToolTip(f"Diesen Eintrag {where} schieben; die Reihenfolge gilt auch im Konzept")
            move.setEnabled(0 <= index + delta < len(self.items))
            move.clicked.connect(lambda _=False, i=index, d=delta: self.move_item(i, d))
            row.addWidget(move)
        remove = QPushButton(f"{self.item_label} entfernen", box)
        remove.setAccessibleName(f"{self._title(index, item)} entfernen")
        remove.setToolTip("Diesen Eintrag löschen")
        remove.clicked.connect(lambda _=False, i=index: self.remove_item(i))
        row.addStretch(1)
        row.addWidget(remove)
        grid.addLayout(row)
        self.box_area.addWidget(box)
        self.boxes.append(box)
        self.editors.append(editors)

    def _field_edited(self, index: int, field_id: str, value):
        if index >= len(self.items):
            return
        self.items[index][field_id] = value
        for field in self.question.fields:
            if field.options_filter and field.options_filter[1] == field_id:
                self.editors[index][field.id].set_filter_value(value)
        if field_id == "name":
            self.boxes[index].setTitle(self._title(index, self.items[index]))
        self._emit()

    def add_item(self):
        item = {f.id: copy.deepcopy(f.default) for f in self.question.fields if f.default is not None}
        self.items.append(item)
        if self.boxes:  # the entry before it can now move down
            self.boxes[-1].findChild(QPushButton, "moveDownButton").setEnabled(True)
        self._add_box(len(self.items) - 1, item)
        self._emit()
        first = self.editors[-1][self.question.fields[0].id].focus_widget()
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = self.parent()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parent()
        if scroll is not None:  # the new entry comes into view, once the layout has placed it
            box = self.boxes[-1]
            QTimer.singleShot(0, lambda: isValid(box) and isValid(scroll) and scroll.ensureWidgetVisible(box, 0, 0))

    def remove_item(self, index: int):
        if 0 <= index < len(self.items):
            self.items.pop(index)
            self._rebuild()
            self._emit()

    def move_item(self, index: int, delta: int):
        """Swap an entry with its neighbour; the focus stays on the moved entry's button."""
        other = index + delta
        if not (0 <= index < len(self.items) and 0 <= other < len(self.items)):
            return
        self.items[index], self.items[other] = self.items[other], self.items[index]
        self._rebuild()
        self._emit()
        name = "moveUpButton" if delta < 0 else "moveDownButton"
        button = self.boxes[other].findChild(QPushButton, name)
        if not button.isEnabled():  # at the top or bottom now: the way back
            button = self.boxes[other].findChild(QPushButton, "moveDownButton" if delta < 0 else "moveUpButton")
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_ids(self, items: list[dict]):
        """Take over the ids the session gave new items (without rebuilding)."""
        for mine, theirs in zip(self.items, items):
            if isinstance(theirs, dict) and theirs.get("_id"):
                mine["_id"] = theirs["_id"]

    def focus_widget(self):
        return self.add_button


EDITORS = {
    "text": LineField, "email": LineField, "url": LineField, "phone": LineField,
    "multiline": MultilineField, "date": DateField, "choice": ChoiceField,
    "multichoice": MultiChoiceField, "yesno": YesNoField, "weekly": WeeklyField, "group": GroupField,
    "reference": ReferenceField,
}


def make_editor(question: Question, parent: QWidget | None = None) -> FieldEditor:
    return EDITORS[question.type](question, parent)
