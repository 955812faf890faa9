"""Answering modal dialogs in GUI tests as the clerk would: by clicking a button of the dialog."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication


def on_modal(action, tries: int = 250) -> None:
    """Run ``action(dialog)`` on the next modal dialog (polls for ~5 s, then gives up)."""
    def run(left=tries):
        dialog = QApplication.activeModalWidget()
        if dialog is None and left:
            QTimer.singleShot(20, lambda: run(left - 1))
        elif dialog is not None:
            action(dialog)
    QTimer.singleShot(0, run)


def click_button(dialog, text: str) -> None:
    """Click the button labelled ``text`` (mnemonic ampersands ignored)."""
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button „{text}“ in {[b.text() for b in dialog.findChildren(QAbstractButton)]}")


def answer(text: str, seen: list | None = None) -> None:
    """The next modal dialog: remember its text in ``seen`` and click ``text``."""
    def act(dialog):
        if seen is not None:
            seen.append(dialog.text() if hasattr(dialog, "text") else dialog.windowTitle())
        click_button(dialog, text)
    on_modal(act)
