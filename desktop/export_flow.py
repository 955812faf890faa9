"""Export from the window: warn about gaps, write off the UI thread, confirm.

The document is written on a worker thread from a snapshot of the project, so the window
never freezes (a long name once blocked it for 46 s). The file is first written into a
hidden folder beside the target and moved into place on the UI thread only when the
clerk did not cancel: „Abbrechen“ never leaves a half-written or unwanted file.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QProgressDialog, QVBoxLayout,
    QWidget,
)

UNCHANGED = " Die bisherige Datei ist unverändert."


def write_document(kind: str, definition, project, target: Path) -> None:
    """Assemble ``project`` and write it as ``kind`` with the clerk's design (as the command line does)."""
    from wizards.export import export_project

    export_project(kind, definition, project, target)


def _error_text(exc: BaseException, target: Path, stage: str, existed: bool) -> str:
    from wizards.atomic import WriteError, german_reason

    from .texts import german_error_text

    if isinstance(exc, OSError) and not isinstance(exc, WriteError):
        text = german_reason(exc, target, stage)
    else:
        text = german_error_text(exc)
    return text if existed else text.replace(UNCHANGED, "")


class ExportJob(QObject):
    """One export on a worker thread. ``done(target or None, German error or "")`` on the UI thread."""

    done = Signal(object, str)
    _written = Signal(str, str)  # worker → UI thread: temp file, error

    def __init__(self, kind: str, definition, project, target: Path, write: Callable | None = None,
                 parent: QObject | None = None, inputs=()):
        super().__init__(parent)
        self.kind, self.target = kind, Path(target)
        self.inputs = [p for p in inputs if p]  # files never to be overwritten: the project, letterhead, logo
        self.cancelled = False
        self.finished = False
        self.result: Path | None = None
        self.error = ""
        self._existed = self.target.exists()
        self._folder: Path | None = None
        self._project = project
        self._written.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, args=(definition, project, write), name="export",
                                        daemon=True)

    def start(self) -> None:
        from wizards.atomic import checked_output_paths
        from wizards.errors import KonzeptError
        from wizards.export import OUTPUT_LABELS, design_inputs, design_of

        try:  # the final target: the writer itself only sees the hidden temporary file
            checked_output_paths({OUTPUT_LABELS.get(self.kind, self.kind): str(self.target)},
                                 [*self.inputs, *design_inputs(design_of(self._project))])
        except KonzeptError as exc:
            self._end(None, str(exc))
            return
        try:
            self._folder = Path(tempfile.mkdtemp(prefix=".konzept-export-", dir=self.target.parent))
        except OSError as exc:
            self._end(None, _error_text(exc, self.target, "create", self._existed))
            return
        self._thread.start()

    def _run(self, definition, project, write) -> None:
        temp = self._folder / self.target.name
        try:
            (write or write_document)(self.kind, definition, project, temp)
            error = ""
        except Exception as exc:  # noqa: BLE001 - every failure becomes one German line, never a crash
            error = _error_text(exc, self.target, "replace", self._existed)
        self._written.emit(str(temp), error)

    def _finish(self, temp: str, error: str) -> None:
        result = None
        if not error and not self.cancelled:
            try:
                os.replace(temp, self.target)
                result = self.target
            except OSError as exc:
                error = _error_text(exc, self.target, "replace", self._existed)
        shutil.rmtree(self._folder, ignore_errors=True)
        self._end(result, "" if self.cancelled else error)

    def _end(self, result: Path | None, error: str) -> None:
        self.result, self.error, self.finished = result, error, True
        self.done.emit(result, error)

    def cancel(self) -> None:
        """The clerk cancelled: the window is free at once; the written file is thrown away."""
        self.cancelled = True

    def wait(self) -> Path | None:
        """Block until the job is done (tests and printing); returns the written file or None."""
        if self._thread.ident is not None:
            self._thread.join()
        while not self.finished:
            QCoreApplication.processEvents()
        return self.result


def run_with_progress(job: ExportJob, parent: QWidget, text: str = "") -> QProgressDialog:
    """Start ``job`` behind a progress dialog whose „Abbrechen“ cancels it."""
    from wizards.export import NAMES

    text = text or f"Das Konzept wird als {NAMES.get(job.kind, job.kind)} exportiert …"
    progress = QProgressDialog(text, "Abbrechen", 0, 0, parent)
    progress.setObjectName("exportProgress")
    progress.setWindowTitle("Export")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # a quick export shows no flashing dialog
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(job.cancel)
    job.done.connect(lambda *_: progress.close())
    job.done.connect(lambda *_: progress.deleteLater())
    job.start()
    return progress


# ---------------------------------------------------------------- before and after


@dataclass(frozen=True)
class Gap:
    """Something the export would leave open: a missing answer or an empty section."""

    text: str  # German, for the list
    jump: Callable[[], None]


def confirm_gaps(parent: QWidget, gaps: list[Gap], kind: str) -> str:
    """Ask before exporting an incomplete concept: "export", "cancel", or "jump" (to the chosen gap).

    With "jump" the chosen gap's ``jump`` has been called already.
    """
    dialog = QDialog(parent)
    dialog.setObjectName("gapDialog")
    dialog.setWindowTitle("Konzept noch nicht vollständig")
    layout = QVBoxLayout(dialog)
    count = len(gaps)
    intro = QLabel(f"Es fehl{'en' if count != 1 else 't'} noch {count} Angabe{'n' if count != 1 else ''} oder "
                   f"Abschnitt{'e' if count != 1 else ''}. Im exportierten Dokument erscheinen fehlende Angaben "
                   "gelb markiert in eckigen Klammern. Doppelklicken Sie auf einen Eintrag, um dorthin zu gehen.",
                   dialog)
    intro.setWordWrap(True)
    layout.addWidget(intro)
    listing = QListWidget(dialog)
    listing.setObjectName("gapList")
    listing.setAccessibleName("Fehlende Angaben und leere Abschnitte")
    listing.setWordWrap(True)
    for gap in gaps:
        item = QListWidgetItem(gap.text)
        listing.addItem(item)
    listing.setCurrentRow(0)
    layout.addWidget(listing, 1)
    buttons = QDialogButtonBox(dialog)
    go = buttons.addButton("&Zur Stelle gehen", QDialogButtonBox.ButtonRole.ActionRole)
    go.setObjectName("gapGo")
    from wizards.export import NAMES

    anyway = buttons.addButton(f"&Trotzdem als {NAMES.get(kind, kind)} exportieren",
                               QDialogButtonBox.ButtonRole.AcceptRole)
    anyway.setObjectName("gapExport")
    cancel = buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setObjectName("gapCancel")
    go.setDefault(True)
    layout.addWidget(buttons)
    choice = ["cancel"]

    def jump(*_):
        choice[0] = "jump"
        dialog.accept()
    go.clicked.connect(jump)
    listing.itemActivated.connect(jump)
    anyway.clicked.connect(lambda: (choice.__setitem__(0, "export"), dialog.accept()))
    buttons.rejected.connect(dialog.reject)
    dialog.resize(560, 380)
    dialog.exec()
    if choice[0] == "jump" and listing.currentRow() >= 0:
        gaps[listing.currentRow()].jump()
    return choice[0]


def export_done(parent: QWidget, path: Path) -> None:
    """Say where the exported file is; open it or its folder on request."""
    from .dialogs import open_local

    box = QMessageBox(QMessageBox.Icon.Information, "Export abgeschlossen",
                      f"Das Konzept wurde exportiert:\n{path}", QMessageBox.StandardButton.NoButton, parent)
    open_file = box.addButton("Datei öffnen", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Ordner öffnen", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Schließen", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file or clicked is open_folder:
        target = path if clicked is open_file else path.parent
        if not open_local(target):
            QMessageBox.information(parent, "Export abgeschlossen",
                                    f"Auf diesem Rechner ist kein Programm dafür eingerichtet. Sie finden die "
                                    f"Datei hier:\n{path}")
