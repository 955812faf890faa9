"""The „Bearbeiten“ menu: undo, redo, cut, copy, paste for the field or text that has the
keyboard focus; find and replace across the whole concept (every section's text and every
answer) with a jump to each hit; the spell checker's switch."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout,
)

# The editor's modules (markdown-it, the word list) load when first needed, not with the window.


def _editable(widget):
    """The text widget behind the focus (a combo box's line edit counts)."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return widget if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) else None


class EditMenu:
    """Builds the menu into a main window and keeps its actions in step with the focus."""

    def __init__(self, window, menu=None):
        """``menu``: the window's empty „Bearbeiten“ menu to fill (else one is added)."""
        self.window = window
        self.speller = None
        self.dialog: FindReplaceDialog | None = None
        bar = window.menuBar()
        self.menu = menu if menu is not None else bar.addMenu("&Bearbeiten")
        view = next((a for a in bar.actions() if a.text() == "&Ansicht"), None)
        if menu is None and view is not None:  # between Datei and Ansicht, as in every office program
            bar.insertMenu(view, self.menu)
        self.actions: dict[str, QAction] = {}
        for key, text, keys, slot in (
            ("undo", "&Rückgängig", [QKeySequence.StandardKey.Undo], lambda: self._apply("undo")),
            ("redo", "&Wiederholen", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], lambda: self._apply("redo")),
            (None, None, None, None),
            ("cut", "&Ausschneiden", [QKeySequence.StandardKey.Cut], lambda: self._apply("cut")),
            ("copy", "&Kopieren", [QKeySequence.StandardKey.Copy], lambda: self._apply("copy")),
            ("paste", "&Einfügen", [QKeySequence.StandardKey.Paste], lambda: self._apply("paste")),
            (None, None, None, None),
            ("find", "&Suchen und Ersetzen …", [QKeySequence.StandardKey.Find, QKeySequence("Ctrl+H")], self.find),
            ("spelling", "Rechtschreibprüfung &anzeigen", [QKeySequence("F7")], self._toggle_spelling),
        ):
            if key is None:
                self.menu.addSeparator()
                continue
            action = QAction(text, window)
            shortcuts = []
            for k in keys:
                shortcuts.extend(QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [k])
            action.setShortcuts(shortcuts)
            action.triggered.connect(slot)
            self.menu.addAction(action)
            window.addAction(action)
            self.actions[key] = action
        self.actions["spelling"].setCheckable(True)
        self.actions["spelling"].setChecked(bool(window.settings.get("spelling", True)))
        self.menu.aboutToShow.connect(self.update_actions)
        self.menu.aboutToHide.connect(self._enable_shortcuts)

    def _enable_shortcuts(self) -> None:
        """Greyed out only while the menu is open: the keys always reach the focused field."""
        for key in ("undo", "redo", "cut", "copy", "paste"):
            self.actions[key].setEnabled(True)

    # ------------------------------------------------------------ focused field

    def update_actions(self) -> None:
        widget = _editable(QApplication.focusWidget())
        has_session = self.window.session is not None
        self.actions["find"].setEnabled(has_session)
        if widget is None:
            for key in ("undo", "redo", "cut", "copy", "paste"):
                self.actions[key].setEnabled(False)
            return
        document = widget.document() if hasattr(widget, "document") else None
        selected = widget.hasSelectedText() if isinstance(widget, QLineEdit) else widget.textCursor().hasSelection()
        read_only = widget.isReadOnly()
        self.actions["undo"].setEnabled(not read_only and (document.isUndoAvailable() if document else widget.isUndoAvailable()))
        self.actions["redo"].setEnabled(not read_only and (document.isRedoAvailable() if document else widget.isRedoAvailable()))
        self.actions["cut"].setEnabled(selected and not read_only)
        self.actions["copy"].setEnabled(selected)
        self.actions["paste"].setEnabled(not read_only and bool(QApplication.clipboard().text()))

    def _apply(self, operation: str) -> None:
        widget = _editable(QApplication.focusWidget())
        if widget is not None:
            getattr(widget, operation)()

    # ------------------------------------------------------------ spelling

    def speller_for(self, session):
        """One speller per window; it knows the wizard's wording and the clerk's answers."""
        if self.speller is None:
            from .widgets.spelling import Speller

            texts = []
            definition = session.definition
            for section in definition.sections.values():
                texts.append(section.title)
                texts.extend(source for v in section.variants.values() for source in v.sources)
            texts.extend(str(v) for v in _strings(session.project.answers))
            self.speller = Speller(texts)
            self.speller.enabled = self.actions["spelling"].isChecked()
            settings = self.window.settings
            self.speller.ignored = {str(w) for w in settings.get("spelling_ignored", []) or []}
            self.speller.on_ignore = lambda words: settings.set("spelling_ignored", words)
        return self.speller

    def _toggle_spelling(self) -> None:
        on = self.actions["spelling"].isChecked()
        self.window.settings.set("spelling", on)
        if self.speller is not None:
            self.speller.enabled = on
        from .widgets.richtext import RichTextEditor

        for editor in self.window.findChildren(RichTextEditor):
            editor.rehighlight()

    # ------------------------------------------------------------ find and replace

    def find(self) -> None:
        if self.window.session is None:
            return
        if self.dialog is None:
            self.dialog = FindReplaceDialog(self.window)
        widget = _editable(QApplication.focusWidget())
        if widget is not None:
            chosen = widget.selectedText() if isinstance(widget, QLineEdit) else widget.textCursor().selectedText()
            if chosen and "\u2029" not in chosen:
                self.dialog.search.setText(chosen)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.search.setFocus()
        self.dialog.search.selectAll()


def _strings(value, path=()):
    """Every text in the answers, with where it is: (path, text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if not str(k).startswith("_"):
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@dataclass
class Hit:
    where: str  # what the clerk reads in the list: section title or question label
    kind: str  # "text" or "answer"
    key: str  # outline key, or question id
    item: str  # item id of a per-channel text, or "index/field" of a group answer, or ""
    start: int
    length: int
    context: str


def _plain(markdown: str) -> QTextDocument:
    from wizards.markdown import to_blocks

    from .widgets.richtext import fill_document

    document = QTextDocument()
    fill_document(QTextCursor(document), to_blocks(markdown))
    return document


def _find_all(text: str, needle: str, case: bool) -> list[int]:
    hay, pin = (text, needle) if case else (text.casefold(), needle.casefold())
    if len(hay) != len(text):  # casefold changed lengths (ß → ss): fall back to lower()
        hay, pin = (text, needle) if case else (text.lower(), needle.lower())
    out, pos = [], hay.find(pin)
    while pin and pos >= 0:
        out.append(pos)
        pos = hay.find(pin, pos + len(pin))
    return out


def _context(text: str, start: int, length: int) -> str:
    before = text[max(0, start - 30):start].replace("\u2029", " ").replace("\u2028", " ")
    after = text[start + length:start + length + 30].replace("\u2029", " ").replace("\u2028", " ")
    return f"…{before}[{text[start:start + length]}]{after}…"


class FindReplaceDialog(QDialog):
    """Find text in every section and answer; jump to a hit; replace one or all."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Suchen und Ersetzen")
        self.setObjectName("findReplaceDialog")
        self.resize(620, 440)
        self.hits: list[Hit] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Suchen nach")
        self.replace = QLineEdit(self)
        self.replace.setAccessibleName("Ersetzen durch")
        search_label, replace_label = QLabel("&Suchen nach:", self), QLabel("E&rsetzen durch:", self)
        search_label.setBuddy(self.search)
        replace_label.setBuddy(self.replace)
        form.addRow(search_label, self.search)
        form.addRow(replace_label, self.replace)
        layout.addLayout(form)
        self.case = QCheckBox("&Groß-/Kleinschreibung beachten", self)
        layout.addWidget(self.case)
        self.summary = QLabel("", self)
        self.summary.setProperty("role", "hint")
        layout.addWidget(self.summary)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Fundstellen")
        self.results.setWordWrap(True)
        layout.addWidget(self.results, 1)
        row = QHBoxLayout()
        self.find_button = QPushButton("&Alle finden", self)
        self.find_button.setDefault(True)
        self.replace_button = QPushButton("&Diese ersetzen", self)
        self.replace_all_button = QPushButton("Alle e&rsetzen", self)
        for b in (self.find_button, self.replace_button, self.replace_all_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.hide)
        layout.addWidget(buttons)
        self.find_button.clicked.connect(self.find_all)
        self.search.returnPressed.connect(self.find_all)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.results.itemActivated.connect(lambda item: self.jump(self.results.row(item)))
        self.results.currentRowChanged.connect(lambda _r: self._update_buttons())
        self._update_buttons()

    # ------------------------------------------------------------ finding

    def _sources(self):
        """(where, kind, key, item, plain text) of everything the clerk wrote or will print."""
        session = self.window.session
        self.window.flush()
        assembler = session.assembler()
        for entry in session.project.walk():
            for rendered in assembler.sections_of(entry):
                title = rendered.heading or session.section_title(entry.key)
                yield title, "text", entry.key, rendered.item_id, _plain(rendered.markdown).toPlainText()
        for step in session.definition.steps:
            for question in step.questions:
                value = session.answer(question.id)
                if isinstance(value, str):
                    yield question.label, "answer", question.id, "", value
                elif isinstance(value, list) and question.type == "group":
                    for index, item in enumerate(value):
                        for field in question.fields:
                            text = item.get(field.id) if isinstance(item, dict) else None
                            if isinstance(text, str):
                                name = f"{question.item_label or question.label} {index + 1}: {field.label}"
                                yield name, "answer", question.id, f"{index}/{field.id}", text

    def find_all(self) -> None:
        needle = self.search.text()
        self.hits = []
        self.results.clear()
        if needle:
            for where, kind, key, item, text in self._sources():
                for start in _find_all(text, needle, self.case.isChecked()):
                    self.hits.append(Hit(where, kind, key, item, start, len(needle), _context(text, start, len(needle))))
        for hit in self.hits:
            QListWidgetItem(f"{hit.where}\n{hit.context}", self.results)
        self.summary.setText(f"{len(self.hits)} Fundstelle{'n' if len(self.hits) != 1 else ''}. "
                             "Doppelklick oder Eingabetaste springt hin." if needle else "")
        if self.hits:
            self.results.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.replace_button.setEnabled(0 <= self.results.currentRow() < len(self.hits))
        self.replace_all_button.setEnabled(bool(self.hits))

    # ------------------------------------------------------------ jumping

    def jump(self, row: int):
        """Show the hit: its page, the right tab, the words selected. Returns the widget."""
        if not 0 <= row < len(self.hits):
            return None
        hit = self.hits[row]
        window = self.window
        if hit.kind == "text":
            window.go_to(f"section:{hit.key}")
            page = window.current_page()
            block = page.blocks.get(hit.item) if page is not None else None
            if block is None:
                return None
            if page.tabs is not None:
                page.tabs.setCurrentWidget(block)
            from .widgets.richtext import qt_position

            cursor = block.editor.edit.textCursor()
            text = block.editor.edit.toPlainText()
            cursor.setPosition(qt_position(text, hit.start))
            cursor.setPosition(qt_position(text, hit.start + hit.length), QTextCursor.MoveMode.KeepAnchor)
            block.editor.edit.setTextCursor(cursor)
            block.editor.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            block.editor.edit.ensureCursorVisible()
            return block.editor.edit
        for step in window.session.definition.steps:
            if any(q.id == hit.key for q in step.questions):
                window.go_to(f"questions:{step.id}")
                page = window.current_page()
                editor = page.editors[hit.key]
                target = editor.focus_widget()
                if hit.item:
                    index, field = hit.item.split("/")
                    target = editor.editors[int(index)][field].focus_widget()
                page.ensureWidgetVisible(target)
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(target, QLineEdit):
                    from .widgets.richtext import qt_position

                    text = target.text()
                    target.setSelection(qt_position(text, hit.start),
                                        qt_position(text, hit.start + hit.length) - qt_position(text, hit.start))
                return target
        return None

    # ------------------------------------------------------------ replacing

    def replace_current(self) -> None:
        row = self.results.currentRow()
        target = self.jump(row)
        if target is None:
            return
        if isinstance(target, QTextEdit):
            target.textCursor().insertText(self.replace.text())  # one step Strg+Z takes back
        elif isinstance(target, QLineEdit):
            target.insert(self.replace.text())
        self.window.flush()
        self.find_all()
        self.results.setCurrentRow(min(row, len(self.hits) - 1))

    def replace_all(self) -> None:
        from wizards.markdown import from_blocks

        from .widgets.richtext import document_blocks, qt_position

        needle, new = self.search.text(), self.replace.text()
        if not needle or not self.hits:
            return
        session = self.window.session
        count = len(self.hits)
        texts = {(h.key, h.item) for h in self.hits if h.kind == "text"}
        assembler = session.assembler()
        for key, item in texts:
            entry = session.project.find(key)
            rendered = next(r for r in assembler.sections_of(entry) if r.item_id == item)
            document = _plain(rendered.markdown)
            text = document.toPlainText()
            for start in reversed(_find_all(text, needle, self.case.isChecked())):
                cursor = QTextCursor(document)
                cursor.setPosition(qt_position(text, start))
                cursor.setPosition(qt_position(text, start + len(needle)), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(new)  # keeps the bold/italic/link of the words around it
            session.set_section_text(key, item, from_blocks(document_blocks(document)))
        for hit in sorted({(h.key, h.item) for h in self.hits if h.kind == "answer"}):
            key, item = hit
            value = session.answer(key)
            if item:
                index, field = item.split("/")
                value = [dict(v) for v in value]
                value[int(index)][field] = _replace_text(value[int(index)][field], needle, new, self.case.isChecked())
            else:
                value = _replace_text(value, needle, new, self.case.isChecked())
            session.set_answer(key, value)
        from .pages.section import SectionPage

        page = self.window.current_page()
        if isinstance(page, SectionPage):
            page.refresh(undoable=True)  # the open text changes as one step Strg+Z takes back
        elif page is not None:
            page.refresh()
        self.find_all()
        self.summary.setText(f"{count} Stelle{'n' if count != 1 else ''} ersetzt.")


def _replace_text(text: str, needle: str, new: str, case: bool) -> str:
    for start in reversed(_find_all(text, needle, case)):
        text = text[:start] + new + text[start + len(needle):]
    return text

