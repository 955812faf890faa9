"""Removing a filled channel or person: ask first, then offer „Rückgängig“ in the status bar.

``RemovalGuard`` follows the window's session: the session asks it before filled group entries go
(``ProjectSession.removal_guard``) and reports what went (``items_removed``); the bar at the bottom
of the window puts them back where they were.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

UNDO_SECONDS = 30  # how long „Rückgängig“ stays offered after removing a channel or person


def _what(question, items: list) -> str:
    label = question.item_label or "Eintrag"
    names = [str(i.get("name") or "").strip() for i in items]
    return f"{label} „{names[0]}“" if len(items) == 1 and names[0] else (
        label if len(items) == 1 else f"{len(items)} Einträge")


class RemovalGuard(QWidget):
    """The „Rückgängig“ bar in the window's status bar, and the question before removing."""

    def __init__(self, window, refresh_page):
        super().__init__(window)
        self.window_ = window
        self.refresh_page = refresh_page
        self.setObjectName("undoBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.button = QPushButton("&Rückgängig", self)
        self.button.setObjectName("undoRemovalButton")
        self.button.clicked.connect(self.undo)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_SECONDS * 1000)
        self.timer.timeout.connect(self.hide)
        self._undo = None
        self._placed = False  # put into the status bar on first use: no empty bar before
        self.hide()

    def attach(self, session) -> None:
        session.removal_guard = self.confirm
        session.answer_refused.connect(lambda _qid: QTimer.singleShot(0, self.refresh_page))
        session.items_removed.connect(lambda qid, removed: self.offer_undo(session, qid, removed))
        self.hide()

    def confirm(self, question, items: list) -> bool:
        """Ask before a filled channel or person is removed."""
        label = question.item_label or "Eintrag"
        what = _what(question, items)
        from .dialogs import ask_destructive

        return ask_destructive(self.window_, f"{label} entfernen",
                               f"Möchten Sie {'den ' if what == label else ''}{what} wirklich entfernen? Die Angaben "
                               "dazu werden gelöscht. Mit „Rückgängig“ unten im Fenster holen Sie sie zurück.",
                               "&Entfernen", "confirmRemovalBox")

    def offer_undo(self, session, qid: str, removed: list) -> None:
        """„Kanal „Instagram“ entfernt. [Rückgängig]“ for a while."""
        question = session.definition.question(qid)
        self.label.setText(f"{_what(question, [item for _i, item in removed])} entfernt.")
        self._undo = (session, qid, removed)
        if not self._placed:
            self.window_.statusBar().addPermanentWidget(self)
            self._placed = True
        self.window_.statusBar().show()
        self.show()
        self.timer.start()

    def undo(self) -> None:
        self.hide()
        if self._undo is None:
            return
        session, qid, removed = self._undo
        self._undo = None
        if session is not self.window_.session:
            return
        session.restore_items(qid, removed)
        self.refresh_page()
        self.window_.statusBar().showMessage("Wiederhergestellt.", 4000)
