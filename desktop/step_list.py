"""The step list: always visible, every step reachable, with a mark for done / missing.

Steps are derived from the definition (question steps) and the project's outline
(one step per section), so nothing here is written per section.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QStyledItemDelegate

LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT = 16


class _IndentDelegate(QStyledItemDelegate):
    """Indents sub-sections by their outline level (leading spaces break word wrap)."""

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        level = index.data(LEVEL_ROLE) or 0
        option.rect.adjust(level * INDENT, 0, 0, 0)

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        view = self.parent()
        level = index.data(LEVEL_ROLE) or 0
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        available = view.viewport().width() - level * INDENT - view.iconSize().width() - 36
        if available > 40:
            rect = QFontMetrics(font).boundingRect(QRect(0, 0, available, 10000), Qt.TextFlag.TextWordWrap, text)
            return QSize(size.width(), max(size.height(), rect.height() + 12))
        return size


from resources import resource_path
from wizards.progress import DONE, MISSING, NEUTRAL

STATE_TEXT = {DONE: "vollständig", MISSING: "Angaben fehlen", NEUTRAL: ""}


@dataclass(frozen=True)
class StepRef:
    kind: str  # "questions" | "outline" | "section" | "documents" | "export"
    key: str  # step id / outline key / ""
    title: str
    level: int = 0

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"


def build_steps(session) -> list[StepRef]:
    steps = [StepRef("questions", s.id, s.title) for s in session.definition.steps]
    steps.append(StepRef("outline", "", "Aufbau und Stil"))

    def walk(entries, level):
        for entry in entries:
            steps.append(StepRef("section", entry.key, session.section_title(entry.key), level))
            walk(entry.children, level + 1)
    walk(session.project.outline, 0)
    steps.append(StepRef("documents", "", "Dokumente"))
    steps.append(StepRef("export", "", "Prüfen und exportieren"))
    return steps


class StepList(QListWidget):
    step_chosen = Signal(str)  # StepRef.id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepList")
        self.setAccessibleName("Schritte des Assistenten")
        self.setAccessibleDescription("Wählen Sie einen Schritt, um direkt dorthin zu springen.")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIconSize(QSize(16, 16))
        self.icons = {state: QIcon(str(resource_path("icons", f"{state}.svg"))) for state in (DONE, MISSING, NEUTRAL)}
        self.setItemDelegate(_IndentDelegate(self))
        self.steps: list[StepRef] = []
        self.states: dict[str, str] = {}
        self._silent = False
        self.currentRowChanged.connect(self._row_changed)

    def set_steps(self, steps: list[StepRef], current_id: str | None = None) -> None:
        self._silent = True
        try:
            self.clear()
            self.steps = steps
            for step in steps:
                item = QListWidgetItem(self._label(step))
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                item.setData(LEVEL_ROLE, step.level)
                if step.kind in ("outline", "documents", "export"):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.addItem(item)
                self._apply_state(item, step, self.states.get(step.id, NEUTRAL))
            if current_id:
                self.select(current_id)
        finally:
            self._silent = False

    @staticmethod
    def _label(step: StepRef) -> str:
        return step.title

    def _apply_state(self, item: QListWidgetItem, step: StepRef, state: str):
        item.setIcon(self.icons[state])
        text = STATE_TEXT[state]
        item.setToolTip(f"{step.title}: {text}" if text else step.title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step.title}, {text}" if text else step.title)

    def set_states(self, states: dict[str, str]) -> None:
        self.states = dict(states)
        for row, step in enumerate(self.steps):
            self._apply_state(self.item(row), step, self.states.get(step.id, NEUTRAL))

    def select(self, step_id: str) -> None:
        for row, step in enumerate(self.steps):
            if step.id == step_id:
                was, self._silent = self._silent, True
                self.setCurrentRow(row)
                self._silent = was
                return

    def _row_changed(self, row: int):
        if not self._silent and 0 <= row < len(self.steps):
            self.step_chosen.emit(self.steps[row].id)

    def step_for(self, step_id: str) -> StepRef | None:
        return next((s for s in self.steps if s.id == step_id), None)
