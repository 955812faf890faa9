"""One page per outline entry, generated from its ``SectionDef`` (or a custom section)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QTabWidget, QToolButton,
    QVBoxLayout, QWidget,
)

from ..widgets.fields import readable_combo
from ..widgets.richtext import RichTextEditor
from .base import Page, label
from ..texts import short_label


class Collapsible(QWidget):
    """A heading button that shows or hides a Markdown help text."""

    def __init__(self, title: str, markdown: str, expanded: bool, parent: QWidget):
        super().__init__(parent)
        self.button = QToolButton(self)
        self.button.setText(title)
        self.button.setCheckable(True)
        self.button.setChecked(expanded)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.button.setProperty("role", "collapsible")
        self.button.setAccessibleName(title)
        self.text = label(markdown, self, "helpText", markdown=True)
        self.text.setVisible(expanded)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button)
        layout.addWidget(self.text)
        self.button.toggled.connect(self._toggle)

    def _toggle(self, on: bool):
        self.button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.text.setVisible(on)


class TextBlock(QWidget):
    """One editor (a section, or one channel's repetition of it) with its reset button."""

    def __init__(self, page: "SectionPage", item_id: str, name: str, parent: QWidget):
        super().__init__(parent)
        self.page, self.item_id = page, item_id
        self.loaded = None
        menu = getattr(page.window_, "edit_menu", None)
        speller = menu.speller_for(page.session) if menu is not None else None
        self.editor = RichTextEditor(f"Text: {name}", self, speller)
        self.editor.setObjectName(f"editor:{page.key}@{item_id}" if item_id else f"editor:{page.key}")
        self.state = QLabel(self)
        self.state.setProperty("role", "hint")
        self.state.setWordWrap(True)
        self.reset = QPushButton("Auf Vorlage zurücksetzen", self)
        self.reset.setToolTip("Ihre Änderungen verwerfen und wieder den Text der Vorlage verwenden")
        self.reset.setAccessibleName(f"{name}: auf Vorlage zurücksetzen")
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        if item_id and not (page.section is not None and page.section.merge_repeats):
            self.rename = QPushButton("Überschrift ändern …", self)
            self.rename.setToolTip("Die Überschrift dieses Kanals im Konzept ändern, z. B. nur den Namen des Kontos")
            self.rename.setAccessibleName(f"{name}: Überschrift ändern")
            self.rename.clicked.connect(self._rename)
            row.addWidget(self.rename)
        row.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        self.editor.edited.connect(self._edited)
        self.reset.clicked.connect(self._reset)

    def show_rendered(self, rendered, custom: bool):
        if rendered.markdown != self.loaded and not self.editor._dirty:
            self.editor.set_markdown(rendered.markdown)
            self.loaded = rendered.markdown
        self.set_edited(rendered.edited, custom)

    def set_edited(self, edited: bool, custom: bool):
        if custom:
            self.state.setText("Ihr eigener Abschnitt.")
            self.reset.hide()
        else:
            self.state.setText("Von Ihnen bearbeitet." if edited else
                               "Text der Vorlage – Ihre Angaben sind schon eingesetzt. Sie können ihn frei ändern.")
            self.reset.setEnabled(edited)

    def _edited(self, markdown: str):
        self.page.session.set_section_text(self.page.key, self.item_id, markdown)
        self.loaded = markdown  # what the editor shows; a reload would only cost the undo history
        self.set_edited(True, self.page.entry().is_custom)
        self.page.show_variant_state()

    def _reset(self):
        if not confirm_discard(self, "Auf Vorlage zurücksetzen",
                               "Ihre Änderungen an diesem Text verwerfen und wieder den Text der Vorlage verwenden?"):
            return
        self.editor.flush()
        self.page.session.set_section_text(self.page.key, self.item_id, None)
        self.page.refresh(undoable=True)

    def _rename(self):
        """Suggest the current heading, the account's name and the platform's; any text may be typed."""
        session, key = self.page.session, self.page.key
        rendered = next((r for r in session.assembler().sections_of(self.page.entry()) if r.item_id == self.item_id), None)
        item = next((i for i in session.answer("kanaele", []) or [] if i.get("_id") == self.item_id), {})
        platform = session.definition.data.plattformen.get(item.get("plattform", ""), {})
        suggestions = [rendered.heading if rendered else "", str(item.get("name") or ""),
                       str(platform.get("name") or "")]
        suggestions = list(dict.fromkeys(s for s in suggestions if s.strip()))
        heading, ok = QInputDialog.getItem(
            self, "Überschrift ändern",
            "Überschrift für diesen Kanal (leer lassen für die Überschrift der Vorlage):", suggestions, 0, True)
        if ok:
            session.rename_channel_section(key, self.item_id, heading)
            self.page.refresh()

    def replace_text(self, markdown: str) -> None:
        """Show a new template text as one step Strg+Z can take back (the stored text is the template's)."""
        self.editor.set_markdown(markdown, undoable=True, emit=False)
        self.loaded = markdown


def confirm_discard(parent: QWidget, title: str, question: str) -> bool:
    from ..dialogs import ask_destructive

    return ask_destructive(parent, title, question + "\n\nMit Strg+Z im Text holen Sie Ihre Fassung zurück.",
                           "&Verwerfen", "confirmDiscardBox")


class SectionPage(Page):
    def __init__(self, key: str, session, window=None):
        super().__init__(session.section_title(key))
        self.key = key
        self.session = session
        self.window_ = window
        self.blocks: dict[str, TextBlock] = {}
        entry = self.entry()
        section = None if entry.is_custom else session.definition.sections[entry.section]
        self.section = section

        if entry.is_custom:
            self.body.addWidget(label("Überschrift", self.inner, "fieldLabel"))
            self.heading_edit = QLineEdit(entry.heading, self.inner)
            self.heading_edit.setAccessibleName("Überschrift des Abschnitts")
            self.heading_edit.textEdited.connect(self._heading_edited)
            self.body.addWidget(self.heading_edit)
        else:
            if section.summary:
                self.intro_label.setText(section.summary)
                self.intro_label.show()
            if section.help_worum:
                self.body.addWidget(Collapsible("Worum geht es?", section.help_worum, True, self.inner))
            if section.help_erwartung:
                self.body.addWidget(Collapsible("Was erwarten die Aufsichtsbehörden?", section.help_erwartung,
                                                False, self.inner))
            row = QHBoxLayout()
            caption = label("&Textvariante:", self.inner, "fieldLabel")
            self.variant = readable_combo(QComboBox(self.inner))
            self.variant.setObjectName("variantCombo")
            self.variant.setAccessibleName("Textvariante")
            self.variant.setToolTip("Jeder Stil bringt einen eigenen Textvorschlag für diesen Abschnitt mit.")
            for style in session.definition.styles.values():
                if style.id in section.variants:
                    self.variant.addItem(short_label(style), style.id)
                    self.variant.setItemData(self.variant.count() - 1, short_label(style), Qt.ItemDataRole.UserRole + 1)
            caption.setBuddy(self.variant)
            compare = QPushButton("Varianten vergleichen …", self.inner)
            compare.setObjectName("compareButton")
            compare.setToolTip("Alle Textvorschläge nebeneinander ansehen und einen auswählen")
            compare.clicked.connect(self.compare_variants)
            row.addWidget(caption)
            row.addWidget(self.variant, 1)
            row.addWidget(compare)
            self.body.addLayout(row)
            self.variant_note = label("", self.inner, "hint")
            self.body.addWidget(self.variant_note)
            self.variant.currentIndexChanged.connect(self._variant_chosen)

        self.tabs: QTabWidget | None = None
        self.editor_area = QVBoxLayout()
        self.body.addLayout(self.editor_area, 1)  # the editor takes the free height
        self.empty_note = label("", self.inner, "hint")
        self.body.addWidget(self.empty_note)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scroll area itself is no (invisible) tab stop
        self.refresh()

    def entry(self):
        return self.session.project.find(self.key)

    # ------------------------------------------------------------ refresh

    def refresh(self, undoable: bool = False):
        """Show the section as stored. ``undoable``: a changed text replaces the editor's
        as one undo step (variant chosen, reset), instead of loading it afresh."""
        entry = self.entry()
        if entry is None:
            return
        self.set_title(self.session.section_title(self.key))
        rendered = self.session.assembler().sections_of(entry)
        wanted = [r.item_id for r in rendered]
        if list(self.blocks) != wanted:
            self._rebuild(rendered)
        for r in rendered:
            block = self.blocks[r.item_id]
            if undoable and r.markdown != block.loaded:
                block.replace_text(r.markdown)
            block.show_rendered(r, entry.is_custom)
        self.show_variant_state(rendered)
        if not rendered:
            self.empty_note.setText(
                "Dieser Abschnitt erscheint derzeit nicht im Konzept, weil er zu Ihren Angaben nicht passt "
                "(z. B. wenn noch kein Kanal eingetragen ist)." if self.section and self.section.repeat or
                (self.section and self.section.when) else "")
        self.empty_note.setVisible(not rendered)

    def edited(self, rendered=None) -> bool:
        rendered = self.session.assembler().sections_of(self.entry()) if rendered is None else rendered
        return any(r.edited for r in rendered)

    def _other_voices(self) -> dict[str, str]:
        """Style id -> „ (Wir-Form)“ for variants that speak otherwise than the project's style, while the
        document leaves the perspective to each style (choosing one of them would mix voices)."""
        from wizards.design import Design

        project = self.session.project
        own = self.section.variants.get(project.style)
        if Design.from_dict(project.design).perspective or own is None or not own.perspective:
            return {}
        names = {"wir": " (Wir-Form)", "dritte": " (dritte Person)"}
        return {sid: names[v.perspective] for sid, v in self.section.variants.items()
                if v.perspective and v.perspective != own.perspective}

    def show_variant_state(self, rendered=None) -> None:
        """The variant box names the chosen style, „bearbeitet“ once the clerk changed its text."""
        if self.section is None or self.entry() is None:
            return
        edited = self.edited(rendered)
        current = self.entry().variant or self.session.project.style
        voices = self._other_voices()
        self.variant.blockSignals(True)
        for index in range(self.variant.count()):
            label = self.variant.itemData(index, Qt.ItemDataRole.UserRole + 1) + voices.get(self.variant.itemData(index), "")
            chosen = self.variant.itemData(index) == current
            self.variant.setItemText(index, f"{label} – von Ihnen bearbeitet" if chosen and edited else label)
        self.variant.setCurrentIndex(max(0, self.variant.findData(current)))
        self.variant.blockSignals(False)
        self.variant_note.setText("Sie haben den Text bearbeitet. Wenn Sie eine andere Variante wählen, "
                                  "fragt das Programm vorher nach." if edited else "")
        self.variant_note.setVisible(edited)

    def _rebuild(self, rendered):
        for block in self.blocks.values():
            block.setParent(None)
            block.deleteLater()
        if self.tabs is not None:
            self.tabs.setParent(None)
            self.tabs.deleteLater()
            self.tabs = None
        self.blocks = {}
        if self.section is not None and self.section.repeat:
            self.tabs = QTabWidget(self.inner)
            self.tabs.setAccessibleName("Texte je Kanal")
            self.tabs.setDocumentMode(True)
            self.editor_area.addWidget(self.tabs)
            for r in rendered:
                name = self._channel_name(r.item_id)
                block = TextBlock(self, r.item_id, name, self.tabs)
                self.tabs.addTab(block, name)
                self.blocks[r.item_id] = block
        else:
            for r in rendered:
                block = TextBlock(self, r.item_id, self.session.section_title(self.key), self.inner)
                self.editor_area.addWidget(block)
                self.blocks[r.item_id] = block

    def _channel_name(self, item_id: str) -> str:
        for index, item in enumerate(self.session.answer("kanaele", []) or []):
            if item.get("_id") == item_id:
                platform = self.session.definition.data.plattformen.get(item.get("plattform", ""), {})
                return str(platform.get("label") or platform.get("name") or item.get("name") or f"Kanal {index + 1}")
        return "Kanal"

    def flush(self):
        for block in list(self.blocks.values()):
            block.editor.flush()

    def preview_heading(self) -> str:
        entry = self.entry()
        if entry is None:
            return ""
        rendered = self.session.assembler().sections_of(entry)
        if self.tabs is not None and rendered:
            index = self.tabs.currentIndex()
            if 0 <= index < len(rendered):
                return rendered[index].heading
        return rendered[0].heading if rendered else ""

    def focus_first(self):
        if self.blocks:
            next(iter(self.blocks.values())).editor.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ actions

    def _heading_edited(self, text: str):
        if text.strip():
            self.session.rename_section(self.key, text)
            self.set_title(text.strip())

    def _variant_chosen(self):
        style = self.variant.currentData()
        if not self.choose_variant(style):
            self.show_variant_state()  # the clerk kept the text: the box shows the old choice again

    def choose_variant(self, style: str) -> bool:
        """Use another style's text for this section; asks first if the clerk edited it."""
        entry = self.entry()
        if not style or entry is None:
            return False
        self.flush()
        if self.edited() and not confirm_discard(
                self, "Andere Variante wählen",
                "Sie haben diesen Text bearbeitet. Ihre Änderungen verwerfen und den Vorschlag übernehmen?"):
            return False
        for item_id in list(entry.item_texts) + [""]:
            self.session.set_section_text(self.key, item_id, None)
        self.session.set_variant(self.key, style)
        self.refresh(undoable=True)
        return True

    def _current_block(self) -> "TextBlock | None":
        if not self.blocks:
            return None
        if self.tabs is not None and 0 <= self.tabs.currentIndex() < len(self.blocks):
            return list(self.blocks.values())[self.tabs.currentIndex()]
        return next(iter(self.blocks.values()))

    def compare_variants(self):
        from ..dialogs import VariantCompareDialog

        self.flush()
        assembler = self.session.assembler()
        block = self._current_block()
        items = assembler.items_for(self.section) if self.section.repeat else [None]
        item = next((i for i in items if i and block is not None and i.get("_id") == block.item_id),
                    items[0] if items else None)
        current = self.entry().variant or self.session.project.style
        rendered = {r.item_id: r for r in assembler.sections_of(self.entry())}
        mine = rendered.get(block.item_id) if block is not None else None
        variants = []
        for style in self.session.definition.styles.values():
            if style.id in self.section.variants:
                heading, markdown = assembler.render_variant(self.section.id, style.id, item)
                if style.id == current and mine is not None:
                    heading, markdown = mine.heading, block.editor.markdown()  # what the clerk sees now
                variants.append((style, heading, markdown))
        dialog = VariantCompareDialog(self.section.title, variants, current, self, edited=bool(mine and mine.edited))
        if dialog.exec() and dialog.chosen:
            self.choose_variant(dialog.chosen)
