"""Rich text editor with a small toolbar, stored as Markdown.

The document is built from, and saved as, the same document tree the exporters render
(``wizards.markdown``): what the clerk sees is what the PDF shows, and text that looks like
markup (``_Presse_``, ``</b>``) stays text. Missing values appear as „[[Bezeichnung]]“ and
are highlighted. ``edited`` fires with the Markdown only when the clerk changed the text,
never when it is loaded; loading is no undo step.
"""
from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction, QColor, QFont, QKeySequence, QSyntaxHighlighter, QTextBlockFormat, QTextCharFormat, QTextCursor,
    QTextDocument, QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QVBoxLayout, QWidget

from wizards import doctree as dt
from wizards.markdown import MAX_LIST_DEPTH, Run, from_blocks, group_runs, runs_of, to_blocks

_MARKER = re.compile(r"\[\[([^\[\]]+)\]\]")
LINK_COLOR = QColor("#1F4E79")
LINE_BREAK = "\u2028"  # QTextDocument's line separator inside a paragraph
_ORDERED = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
            QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
            QTextListFormat.Style.ListUpperRoman}
_HEADING_SCALE = 1.15


class MarkerHighlighter(QSyntaxHighlighter):
    """Missing values („[[…]]“) in yellow; unknown words underlined when a speller is set."""

    def __init__(self, document: QTextDocument, speller=None):
        super().__init__(document)
        self.speller = speller
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#FFE58F"))
        self.fmt.setForeground(QColor("#5C3B00"))
        self.spell_fmt = QTextCharFormat()
        self.spell_fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.spell_fmt.setUnderlineColor(QColor("#C00000"))

        self.undrawable_fmt = QTextCharFormat()
        self.undrawable_fmt.setBackground(QColor("#F4C7C3"))
        self.undrawable_fmt.setForeground(QColor("#7A1200"))
        self.undrawable_fmt.setToolTip("Dieses Zeichen kann das PDF nicht darstellen (leeres Kästchen).")

    def _mark(self, text: str, start: int, length: int, fmt: QTextCharFormat) -> None:
        """setFormat in Qt's positions (emoji count twice there)."""
        begin = qt_position(text, start)
        self.setFormat(begin, qt_position(text, start + length) - begin, fmt)

    def highlightBlock(self, text: str) -> None:
        markers = [(m.start(), m.end()) for m in _MARKER.finditer(text)]
        for start, end in markers:
            self._mark(text, start, end - start, self.fmt)
        if self.speller is not None and self.speller.available:
            for start, length in self.speller.misspelled(text):
                if not any(s <= start < e for s, e in markers):
                    self._mark(text, start, length, self.spell_fmt)
        for i, ch in enumerate(text):
            if ord(ch) > 0x7E and not pdf_can_draw(ch):
                self._mark(text, i, 1, self.undrawable_fmt)


def qt_position(text: str, index: int) -> int:
    """A Python string index as a Qt text position (UTF-16: characters beyond U+FFFF count twice)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def python_index(text: str, position: int) -> int:
    """A Qt text position as a Python string index."""
    index = units = 0
    while index < len(text) and units < position:
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


@lru_cache(maxsize=1)
def _pdf_coverage() -> frozenset[int]:
    from wizards.writers.pdf import FALLBACK, coverage, fonts

    return coverage(fonts("sans")) | coverage(FALLBACK)


def pdf_can_draw(ch: str) -> bool:
    """Whether the PDF's fonts (text font or fallback) have a glyph for the character."""
    if ch.isspace() or not ch.isprintable() or ch in "\ufffc":
        return True
    return ord(ch) in _pdf_coverage()


# ---------------------------------------------------------------- document ↔ tree


def _char_format(run: Run, heading: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if run.bold or heading else QFont.Weight.Normal)
    fmt.setFontItalic(run.italic)
    if heading:
        fmt.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 1)
    if run.href:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.href)
        fmt.setForeground(LINK_COLOR)
        fmt.setFontUnderline(True)
    return fmt


def _insert_inlines(cursor: QTextCursor, inlines, heading: bool = False) -> None:
    for run in runs_of(inlines):
        piece = run.piece
        if isinstance(piece, dt.LineBreak):
            text = " " if heading else LINE_BREAK
        elif isinstance(piece, dt.Missing):
            text = f"[[{piece.label}]]"
        else:
            text = piece
        cursor.insertText(text, _char_format(run, heading))


def fill_document(cursor: QTextCursor, blocks) -> None:
    """Insert blocks at the cursor (which stands in an empty block)."""
    first = [True]

    def new_block(block_fmt: QTextBlockFormat | None = None):
        block_fmt = QTextBlockFormat(block_fmt or QTextBlockFormat())
        block_fmt.setBottomMargin(6)  # air between paragraphs, as in the PDF
        if first[0]:
            first[0] = False
            cursor.setBlockFormat(block_fmt)
        else:
            cursor.insertBlock(block_fmt, QTextCharFormat())
        cursor.setBlockCharFormat(QTextCharFormat())

    def put(blocks, depth: int):
        for block in blocks:
            if isinstance(block, dt.BulletList):
                put_list(block, depth + 1)
            elif isinstance(block, dt.Heading):
                fmt = QTextBlockFormat()
                fmt.setHeadingLevel(3)
                new_block(fmt)
                _insert_inlines(cursor, block.text, heading=True)
            elif isinstance(block, dt.Paragraph):
                new_block()
                _insert_inlines(cursor, block.content)
            elif isinstance(block, dt.Table):
                put_table(block)

    def put_list(block: dt.BulletList, depth: int):
        depth = min(depth, MAX_LIST_DEPTH)
        qlist = None
        for item in block.items:
            head, rest = (item[0], item[1:]) if item and isinstance(item[0], (dt.Paragraph, dt.Heading)) else (None, item)
            new_block()
            if qlist is None:
                fmt = QTextListFormat()
                fmt.setStyle(QTextListFormat.Style.ListDecimal if block.ordered else _bullet_style(depth))
                fmt.setIndent(depth)
                qlist = cursor.createList(fmt)
            else:
                qlist.add(cursor.block())
            if head is not None:
                _insert_inlines(cursor, head.content if isinstance(head, dt.Paragraph) else head.text)
            for sub in rest:
                if isinstance(sub, dt.BulletList):
                    put_list(sub, depth + 1)
                else:  # a second paragraph of an item: one more item line
                    new_block()
                    qlist.add(cursor.block())
                    _insert_inlines(cursor, sub.content if isinstance(sub, dt.Paragraph) else
                                    sub.text if isinstance(sub, dt.Heading) else ())

    def put_table(block: dt.Table):
        new_block()
        rows = ([block.header] if block.header else []) + list(block.rows)
        columns = max((len(r) for r in rows), default=1) or 1
        table = cursor.insertTable(max(len(rows), 1), columns)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                cell_cursor = table.cellAt(r, c).firstCursorPosition()
                _insert_inlines(cell_cursor, cell)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        first[0] = False

    put(blocks, 0)


def _bullet_style(depth: int) -> QTextListFormat.Style:
    return (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
            QTextListFormat.Style.ListSquare)[(depth - 1) % 3]


def _block_runs(block, heading: bool = False) -> list[Run]:
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        fmt = fragment.charFormat()
        bold = fmt.fontWeight() >= QFont.Weight.DemiBold and not heading
        italic = fmt.fontItalic()
        href = fmt.anchorHref() if fmt.isAnchor() else ""
        text = fragment.text().replace("\ufffc", "")
        for n, line in enumerate(text.split(LINE_BREAK)):
            if n:
                runs.append(Run(dt.LineBreak(), False, False, href))
            pos = 0
            for m in _MARKER.finditer(line):
                if m.start() > pos:
                    runs.append(Run(line[pos:m.start()], bold, italic, href))
                runs.append(Run(dt.Missing(m.group(1)), bold, italic, href))
                pos = m.end()
            if pos < len(line):
                runs.append(Run(line[pos:], bold, italic, href))
    return runs


def document_blocks(document: QTextDocument) -> tuple[dt.Block, ...]:
    """The editor's content as document-tree blocks."""
    out: list[dt.Block] = []
    stack: list[dict] = []  # open lists: indent, object index, ordered, items

    def close_list():
        entry = stack.pop()
        node = dt.BulletList(tuple(tuple(item) for item in entry["items"]), entry["ordered"])
        if stack:
            if not stack[-1]["items"]:
                stack[-1]["items"].append([])
            stack[-1]["items"][-1].append(node)
        else:
            out.append(node)

    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        if table is not None:
            while stack:
                close_list()
            rows = [tuple(group_runs(_cell_runs(table.cellAt(r, c))) for c in range(table.columns()))
                    for r in range(table.rows())]
            out.append(dt.Table(rows[0], tuple(rows[1:])))
            block = document.findBlock(table.lastPosition() + 1)
            continue
        qlist = block.textList()
        heading = block.blockFormat().headingLevel() > 0
        inlines = group_runs(_block_runs(block, heading))
        if qlist is None:
            while stack:
                close_list()
            if inlines:
                out.append(dt.Heading(3, inlines) if heading else dt.Paragraph(inlines))
        else:
            indent = max(1, qlist.format().indent())
            index = qlist.objectIndex()
            while stack and stack[-1]["indent"] > indent:
                close_list()
            if stack and stack[-1]["indent"] == indent and stack[-1]["index"] != index:
                close_list()
            if not stack or stack[-1]["indent"] < indent:
                stack.append({"indent": indent, "index": index, "items": [],
                              "ordered": qlist.format().style() in _ORDERED})
            stack[-1]["items"].append([dt.Paragraph(inlines)] if inlines else [])
        block = block.next()
    while stack:
        close_list()
    return tuple(out)


def _cell_runs(cell) -> list[Run]:
    runs: list[Run] = []
    block = cell.firstCursorPosition().block()
    end = cell.lastCursorPosition().block()
    while block.isValid():
        if runs:
            runs.append(Run(" "))
        runs.extend(_block_runs(block))
        if block == end:
            break
        block = block.next()
    return runs


# ---------------------------------------------------------------- the widgets


class TextEdit(QTextEdit):
    """QTextEdit with the keys clerks know from Word: Strg+Y and Strg+Umschalt+Z redo,
    Enter after a heading continues with normal text; spelling suggestions in the context menu."""

    speller = None
    highlighter = None

    def misspelled_at(self, cursor: QTextCursor) -> tuple[QTextCursor, str] | None:
        """The unknown word under the cursor, selected, with its text."""
        if self.speller is None or not self.speller.available:
            return None
        block = cursor.block()
        text = block.text()
        offset = python_index(text, cursor.position() - block.position())
        for start, length in self.speller.misspelled(text):
            if start <= offset <= start + length:
                word = QTextCursor(block)
                word.setPosition(block.position() + qt_position(text, start))
                word.setPosition(block.position() + qt_position(text, start + length), QTextCursor.MoveMode.KeepAnchor)
                return word, word.selectedText()
        return None

    def spelling_menu(self, pos):
        menu = self.createStandardContextMenu(pos)
        hit = self.misspelled_at(self.cursorForPosition(pos))
        if hit is not None:
            word_cursor, word = hit
            first = menu.actions()[0] if menu.actions() else None
            suggestions = self.speller.suggestions(word)
            for suggestion in suggestions:
                action = QAction(suggestion, menu)
                font = action.font()
                font.setBold(True)
                action.setFont(font)
                action.triggered.connect(lambda _=False, c=word_cursor, w=suggestion: c.insertText(w))
                menu.insertAction(first, action)
            if not suggestions:
                none = QAction("(keine Vorschläge)", menu)
                none.setEnabled(False)
                menu.insertAction(first, none)
            ignore = QAction(f"„{word}“ nicht mehr anstreichen", menu)
            ignore.triggered.connect(lambda _=False, w=word: self._ignore(w))
            menu.insertAction(first, ignore)
            menu.insertSeparator(first)
        return menu

    def _ignore(self, word: str) -> None:
        self.speller.ignore(word)
        self.parent().rehighlight()

    def contextMenuEvent(self, e):
        menu = self.spelling_menu(e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def event(self, e):
        if e.type() == QEvent.Type.ShortcutOverride and _is_redo(e):
            e.accept()  # the editor handles it, not a window shortcut
            return True
        return super().event(e)

    def keyPressEvent(self, e):
        if _is_redo(e):
            self.redo()
            e.accept()
            return
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not e.modifiers() & Qt.KeyboardModifier.ShiftModifier \
                and self.textCursor().blockFormat().headingLevel() > 0:
            cursor = self.textCursor()
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self.setTextCursor(cursor)
            e.accept()
            return
        super().keyPressEvent(e)


def _is_redo(e) -> bool:
    combo = e.keyCombination()
    mods = combo.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (combo.key() == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier) or \
        (combo.key() == Qt.Key.Key_Z and mods == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


class RichTextEditor(QWidget):
    edited = Signal(str)  # Markdown (with internal missing-value markers)

    def __init__(self, accessible_name: str = "Text", parent: QWidget | None = None, speller=None):
        super().__init__(parent)
        self._loading = False
        self.edit = TextEdit(self)
        self.edit.setAcceptRichText(True)  # pasted formats: only what Markdown can say is kept on save
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setAccessibleDescription(
            "Text des Abschnitts. Fehlende Angaben stehen in doppelten eckigen Klammern.")
        self.edit.setMinimumHeight(260)
        self.highlighter = MarkerHighlighter(self.edit.document(), speller)
        self.edit.speller, self.edit.highlighter = speller, self.highlighter
        if speller is not None and not speller.available:
            speller.start()
            self._spell_timer = QTimer(self)  # underline once the word list has loaded
            self._spell_timer.setInterval(250)
            self._spell_timer.timeout.connect(self._spelling_ready)
            self._spell_timer.start()
        self.toolbar = QToolBar(self)
        self.toolbar.setAccessibleName("Textformat")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_: dict[str, QAction] = {}
        for key, text, tip, shortcut, slot in (
            ("bold", "F", "Fett (Strg+B)", QKeySequence.StandardKey.Bold, self.toggle_bold),
            ("italic", "K", "Kursiv (Strg+I)", QKeySequence.StandardKey.Italic, self.toggle_italic),
            ("bullets", "• Liste", "Aufzählung mit Punkten", None, lambda: self.toggle_list(False)),
            ("numbers", "1. Liste", "Nummerierte Aufzählung", None, lambda: self.toggle_list(True)),
            ("indent", "→ Einrücken", "Aufzählungspunkt eine Ebene tiefer (Strg+M)", "Ctrl+M", lambda: self.indent(1)),
            ("outdent", "← Ausrücken", "Aufzählungspunkt eine Ebene höher (Strg+Umschalt+M)", "Ctrl+Shift+M",
             lambda: self.indent(-1)),
            ("heading", "Zwischenüberschrift", "Absatz als Zwischenüberschrift (ohne Nummer)", None,
             self.toggle_heading),
            ("link", "Link …", "Markierten Text mit einer Internetadresse verknüpfen (Strg+K)", "Ctrl+K", self.insert_link),
        ):
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            if shortcut is not None:
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            if key in ("bold", "italic", "heading"):
                action.setCheckable(True)
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            button.setAccessibleName(tip.split(" (")[0])
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # like Word: the cursor stays in the text
            self.actions_[key] = action
            self.addAction(action)
        for key, attr in (("bold", "setBold"), ("italic", "setItalic")):
            button = self.toolbar.widgetForAction(self.actions_[key])
            f = button.font()
            getattr(f, attr)(True)
            button.setFont(f)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.edit.currentCharFormatChanged.connect(self._format_changed)
        self.edit.cursorPositionChanged.connect(self._cursor_moved)
        # Coalesce keystrokes: converting to Markdown on every key is wasteful.
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.setInterval(150)
        self._emit_timer.timeout.connect(self.flush)
        self._dirty = False

    # ------------------------------------------------------------ content

    def set_markdown(self, markdown: str, undoable: bool = False, emit: bool = True) -> None:
        """Show a text. ``undoable``: as one step the clerk can take back with Strg+Z
        (choosing a variant, resetting to the template), emitted as an edit unless ``emit``
        is false; otherwise loading, which is neither an edit nor an undo step."""
        self._loading = not (undoable and emit)
        document = self.edit.document()
        try:
            self._emit_timer.stop()
            blocks = to_blocks(markdown or "")
            if not undoable:
                self._dirty = False
                document.setUndoRedoEnabled(False)
            cursor = QTextCursor(document)
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.setCharFormat(QTextCharFormat())
            fill_document(cursor, blocks)
            cursor.endEditBlock()
            if not undoable:
                document.setUndoRedoEnabled(True)  # also empties the undo stack
                document.setModified(False)
            start = QTextCursor(document)
            self.edit.setTextCursor(start)
        finally:
            self._loading = False
        if undoable and emit:
            self.flush()

    def _spelling_ready(self):
        speller = self.highlighter.speller
        if speller.available or speller.error:
            self._spell_timer.stop()
            if speller.available:
                self.rehighlight()

    def rehighlight(self) -> None:
        """Underline anew (the word list changed); Qt reports that as a text change, which it is not."""
        loading, self._loading = self._loading, True
        try:
            self.highlighter.rehighlight()
        finally:
            self._loading = loading

    def markdown(self) -> str:
        return from_blocks(document_blocks(self.edit.document()))

    def _changed(self):
        if self._loading:
            return
        self._dirty = True
        self._emit_timer.start()

    def flush(self):
        """Emit pending edits now (before saving, switching pages or exporting)."""
        self._emit_timer.stop()
        if self._dirty:
            self._dirty = False
            self.edited.emit(self.markdown())

    # ------------------------------------------------------------ formatting

    def _merge(self, fmt: QTextCharFormat):
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        # without a selection only what is typed next changes (Word does the same at a word's end)
        self.edit.mergeCurrentCharFormat(fmt)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_bold(self):
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if self.edit.fontWeight() < QFont.Weight.DemiBold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self):
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.edit.fontItalic())
        self._merge(fmt)

    def toggle_list(self, ordered: bool):
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and (current.format().style() in _ORDERED) == ordered:
            for block in _selected_blocks(cursor):
                if block.textList() is None:
                    continue
                block.textList().remove(block)  # the list object goes away with its last item
                plain = QTextCursor(block)
                block_fmt = plain.blockFormat()
                block_fmt.setIndent(0)
                plain.setBlockFormat(block_fmt)
        elif current is not None:
            fmt = current.format()
            fmt.setStyle(QTextListFormat.Style.ListDecimal if ordered else _bullet_style(max(1, fmt.indent())))
            current.setFormat(fmt)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc)
            fmt.setIndent(1)
            block_fmt = cursor.blockFormat()
            block_fmt.setHeadingLevel(0)
            cursor.setBlockFormat(block_fmt)
            cursor.createList(fmt)
        cursor.endEditBlock()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def indent(self, delta: int):
        """A list item one level deeper (delta 1) or higher (-1)."""
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        if current is None:
            if delta > 0:
                self.toggle_list(False)
            return
        level = max(1, current.format().indent()) + delta
        cursor.beginEditBlock()
        for block in _selected_blocks(cursor):
            qlist = block.textList()
            if qlist is None:
                continue
            ordered = qlist.format().style() in _ORDERED
            qlist.remove(block)
            if level < 1:
                plain = QTextCursor(block)
                fmt = plain.blockFormat()
                fmt.setIndent(0)
                plain.setBlockFormat(fmt)
                continue
            level = min(level, MAX_LIST_DEPTH)
            target = _neighbour_list(block, level)
            if target is not None:
                target.add(block)
            else:
                fmt = QTextListFormat()
                fmt.setStyle(QTextListFormat.Style.ListDecimal if ordered else _bullet_style(level))
                fmt.setIndent(level)
                QTextCursor(block).createList(fmt)
        cursor.endEditBlock()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_heading(self):
        cursor = self.edit.textCursor()
        on = cursor.blockFormat().headingLevel() == 0
        cursor.beginEditBlock()
        for block in _selected_blocks(cursor):
            whole = QTextCursor(block)
            if block.textList() is not None:
                block.textList().remove(block)
            fmt = whole.blockFormat()
            fmt.setHeadingLevel(3 if on else 0)
            fmt.setIndent(0)
            whole.setBlockFormat(fmt)
            whole.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            char = QTextCharFormat()
            char.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
            char.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 1 if on else 0)
            whole.mergeCharFormat(char)
        cursor.endEditBlock()
        self.actions_["heading"].setChecked(on)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def insert_link(self):
        cursor = self.edit.textCursor()
        url, ok = QInputDialog.getText(self, "Link einfügen", "Internetadresse (https://…) oder E-Mail (mailto:…):",
                                       text="https://")
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        url = url.strip()
        if not ok or not url or url == "https://":
            return
        if "@" in url and not url.startswith(("mailto:", "http")):
            url = "mailto:" + url
        elif not url.lower().startswith(("http://", "https://", "mailto:")):
            url = "https://" + url
        fmt = _char_format(Run("", href=url))
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            cursor.insertText(url.removeprefix("mailto:"), fmt)
        cursor.clearSelection()
        self.edit.setTextCursor(cursor)
        self.edit.setCurrentCharFormat(_plain_after_link(cursor.charFormat()))

    def _format_changed(self, fmt: QTextCharFormat):
        self.actions_["bold"].setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold)
        self.actions_["italic"].setChecked(fmt.fontItalic())

    def _cursor_moved(self):
        cursor = self.edit.textCursor()
        self.actions_["heading"].setChecked(cursor.blockFormat().headingLevel() > 0)
        if cursor.hasSelection():
            return
        fmt = cursor.charFormat()
        if not fmt.isAnchor():
            return
        # a link ends where its address ends: typing at its end (or in a new line) is plain text
        ahead = QTextCursor(cursor)
        ahead.movePosition(QTextCursor.MoveOperation.NextCharacter)
        continues = ahead.position() != cursor.position() and not cursor.atBlockEnd() and \
            ahead.charFormat().isAnchor() and ahead.charFormat().anchorHref() == fmt.anchorHref() and \
            not cursor.atBlockStart()
        if not continues:
            self.edit.setCurrentCharFormat(_plain_after_link(fmt))


def _plain_after_link(fmt: QTextCharFormat) -> QTextCharFormat:
    plain = QTextCharFormat(fmt)
    plain.setAnchor(False)
    plain.setAnchorHref("")
    plain.clearForeground()
    plain.setFontUnderline(False)
    return plain


def _selected_blocks(cursor: QTextCursor) -> list:
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].isValid():
        blocks.append(blocks[-1].next())
    return [b for b in blocks if b.isValid()]


def _neighbour_list(block, level: int):
    """The list at ``level`` that this item continues (the nearest one above it)."""
    previous = block.previous()
    while previous.isValid() and previous.textList() is not None:
        qlist = previous.textList()
        indent = max(1, qlist.format().indent())
        if indent == level:
            return qlist
        if indent < level:
            return None
        previous = previous.previous()
    return None
