"""Start screen: new concept (choose a style), open a file, open the example, recent files."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QRadioButton, QScrollArea, QVBoxLayout, QWidget,
)

from .pages.base import label


def outline_sample(style, definition) -> str:
    """„1. Zweck · 2. Art und Umfang · …“ – how the style numbers and names its sections."""
    from wizards.assemble import section_number

    parts, counter = [], 0
    for item in style.outline:
        section = definition.sections[item.section]
        if not section.numbered:
            continue
        counter += 1
        number = section_number(style, 1, counter, "")
        heading = section.variants[style.id].heading
        # the style's own heading where it needs no data, else the catalogue's neutral name
        parts.append(f"{number} {heading if '{' not in heading else section.title}".strip())
    return " · ".join(parts)


class StartScreen(QScrollArea):
    new_requested = Signal(str)  # style id
    open_requested = Signal()
    example_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("startScreen")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(self)
        inner.setObjectName("startInner")
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(32, 24, 32, 24)
        title = QLabel("Konzeptassistent", inner)
        title.setObjectName("startTitle")
        outer.addWidget(title)
        outer.addWidget(label("Schritt für Schritt zum Social-Media-Nutzungskonzept Ihrer Verwaltung – mit den "
                              "Textbausteinen, die die Datenschutzaufsicht erwartet. Alles bleibt auf diesem Rechner.",
                              inner, "lead"))
        columns = QHBoxLayout()
        columns.setSpacing(24)

        # ---------------- new concept
        new_box = QFrame(inner)
        new_box.setObjectName("card")
        nl = QVBoxLayout(new_box)
        nl.addWidget(label("Neues Konzept beginnen", new_box, "cardTitle"))
        nl.addWidget(label("Wählen Sie einen Stil. Er bestimmt Tonfall, Gliederung und Textvorschläge; Sie können "
                           "ihn später unter „Aufbau und Stil“ wechseln.", new_box, "hint"))
        self.style_area = QVBoxLayout()
        self.style_group = QButtonGroup(self)
        self.loading = label("Die Textbausteine werden geladen …", new_box, "hint")
        self.style_area.addWidget(self.loading)
        nl.addLayout(self.style_area)
        nl.addStretch(1)
        self.new_button = QPushButton("Neues Konzept beginnen", new_box)
        self.new_button.setObjectName("newButton")
        self.new_button.setProperty("role", "primary")
        self.new_button.setEnabled(False)
        self.new_button.setToolTip("Ein leeres Konzept im gewählten Stil anlegen")
        self.new_button.clicked.connect(self._new)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.new_button)
        nl.addLayout(row)
        columns.addWidget(new_box, 3)

        # ---------------- existing
        old_box = QFrame(inner)
        old_box.setObjectName("card")
        ol = QVBoxLayout(old_box)
        ol.addWidget(label("Weiterarbeiten", old_box, "cardTitle"))
        self.open_button = QPushButton("Konzept öffnen …", old_box)
        self.open_button.setObjectName("openButton")
        self.open_button.setToolTip("Eine gespeicherte Projektdatei (.konzept) öffnen")
        self.open_button.clicked.connect(self.open_requested)
        self.example_button = QPushButton("Beispiel ansehen (Gemeinde Musterstadt)", old_box)
        self.example_button.setObjectName("exampleButton")
        self.example_button.setToolTip("Ein vollständig ausgefülltes, erfundenes Beispiel öffnen")
        self.example_button.clicked.connect(self.example_requested)
        ol.addWidget(self.open_button)
        ol.addWidget(self.example_button)
        ol.addWidget(label("Zuletzt verwendet", old_box, "groupLabel"))
        self.no_recent = label("Noch keine Konzepte geöffnet.", old_box, "hint")
        ol.addWidget(self.no_recent)
        # the list of recent files is made when there is one (``_make_recent_list``); until then the
        # stretch keeps the panel's content at the top
        self._recent_layout = ol
        ol.addStretch(1)
        self.recent = None
        columns.addWidget(old_box, 2)
        outer.addLayout(columns, 1)
        self.setWidget(inner)
        self.refresh_recent()

    def _make_recent_list(self) -> None:
        from PySide6.QtWidgets import QListWidget

        ol = self._recent_layout
        old_box = self.no_recent.parentWidget()
        self.recent = QListWidget(old_box)
        self.recent.setObjectName("recentList")
        self.recent.setAccessibleName("Zuletzt verwendete Konzepte")
        self.recent.setAccessibleDescription("Doppelklick oder Eingabetaste öffnet das Konzept")
        self.recent.setToolTip("Doppelklick öffnet das Konzept")
        self.recent.setWordWrap(True)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent.currentItemChanged.connect(lambda *_: self.open_recent_button.setEnabled(
            self.recent.currentItem() is not None))
        stretch = ol.count() - 1
        ol.insertWidget(stretch, self.recent, 1)
        self.recent_hint = label("Doppelklick auf einen Eintrag öffnet ihn.", old_box, "hint")
        ol.insertWidget(stretch + 1, self.recent_hint)
        self.open_recent_button = QPushButton("Ausgewähltes Konzept öffnen", old_box)
        self.open_recent_button.setObjectName("openRecentButton")
        self.open_recent_button.setEnabled(False)
        self.open_recent_button.clicked.connect(self._open_recent)
        recent_row = QHBoxLayout()
        recent_row.addStretch(1)
        recent_row.addWidget(self.open_recent_button)
        ol.insertLayout(stretch + 2, recent_row)
        QWidget.setTabOrder(self.example_button, self.recent)  # where it stands, also when made later
        QWidget.setTabOrder(self.recent, self.open_recent_button)

    def set_definition(self, definition) -> None:
        if self.style_group.buttons():
            return  # already filled (the loader and an early open may both deliver it)
        self.loading.hide()
        remembered = self.settings.get("last_style")
        first = remembered if remembered in definition.styles else next(iter(definition.styles), None)
        for style in definition.styles.values():
            button = QRadioButton(style.label, self)
            button.setObjectName(f"startStyle:{style.id}")
            button.setAccessibleName(f"Stil {style.label}")
            button.setAccessibleDescription(style.description)
            button.setProperty("styleId", style.id)
            button.setChecked(style.id == first)
            self.style_group.addButton(button)
            self.style_area.addWidget(button)
            desc = label(style.description, self, "hint")
            desc.setContentsMargins(24, 0, 0, 0)
            self.style_area.addWidget(desc)
            sample = label("Gliederung: " + outline_sample(style, definition), self, "sample")
            sample.setContentsMargins(24, 0, 0, 8)
            self.style_area.addWidget(sample)
        if definition.presets:
            from PySide6.QtWidgets import QComboBox

            from .widgets.fields import readable_combo  # the open list's highlight stays visible

            self.preset = readable_combo(QComboBox(self))
            self.preset.setObjectName("startPreset")
            self.preset.setAccessibleName("Aufbau des Konzepts")
            self.preset.addItem("Wie im gewählten Stil", "")
            for preset in definition.presets.values():
                self.preset.addItem(preset.label, preset.id)
                self.preset.setItemData(self.preset.count() - 1, preset.description, Qt.ItemDataRole.ToolTipRole)
            caption = label("&Aufbau (Gliederung und Nummerierung):", self, "groupLabel")
            caption.setBuddy(self.preset)
            self.style_area.addWidget(caption)
            self.style_area.addWidget(self.preset)
        self.new_button.setEnabled(True)

    def chosen_preset(self) -> str:
        """A preset for the outline ("" = the style's own outline)."""
        preset = getattr(self, "preset", None)
        return preset.currentData() or "" if preset is not None else ""

    def chosen_style(self) -> str | None:
        button = self.style_group.checkedButton()
        return button.property("styleId") if button else None

    def _new(self):
        style = self.chosen_style()
        if style:
            self.settings.set("last_style", style)
            self.new_requested.emit(style)

    def _open_recent(self):
        item = self.recent.currentItem()
        if item is not None:
            self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def refresh_recent(self) -> None:
        files = self.settings.recent_files()
        if self.recent is None:
            if not files:
                return  # „Noch keine Konzepte geöffnet.“ stays
            self._make_recent_list()
        from PySide6.QtWidgets import QListWidgetItem

        self.recent.clear()
        for path in files:
            p = Path(path)
            item = QListWidgetItem(f"{p.stem}\n{p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        has = self.recent.count() > 0
        for widget in (self.recent, self.recent_hint, self.open_recent_button):
            widget.setVisible(has)
        self.open_recent_button.setEnabled(self.recent.currentItem() is not None)
        self.no_recent.setVisible(not has)
        self._recent_layout.setStretch(self._recent_layout.count() - 1, 0 if has else 1)
