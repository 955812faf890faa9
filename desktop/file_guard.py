"""One writer at a time for an open project file, and the questions when that is not so.

``ProjectLock``: a ``QLockFile`` beside the project (``.<name>.lock``), so a second program – also on
another PC using the same network folder – learns that the file is open. The holder's computer name
goes into the question („Schreibgeschützt öffnen“ or „Kopie öffnen“). Changes by others in between are
noticed with ``wizards.atomic.FileFingerprint`` (see ``ProjectSession.changed_on_disk``).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo
from PySide6.QtWidgets import QMessageBox


def lock_path(project: Path) -> Path:
    return project.with_name(f".{project.name}.lock")


class ProjectLock:
    """Holds the lock of one project file while it is open for editing."""

    def __init__(self, project: Path | str):
        self.project = Path(project)
        self._lock = QLockFile(str(lock_path(self.project)))
        self._lock.setStaleLockTime(0)  # stale only when its program is gone (same host) – never by age
        self.held = False

    def acquire(self) -> bool:
        """True if this program may edit the file: it holds the lock, or no lock can be kept there
        (a read-only folder: saving would fail with its own message anyway)."""
        if self._lock.tryLock(0):
            self.held = True
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def holder_host(self) -> str:
        """The name of the computer whose program holds the lock ("" if unknown)."""
        info = self._lock.getLockInfo()  # (pid, host name, application name), or a false value
        return str(info[1]) if info and len(info) > 1 and info[1] else ""

    def held_elsewhere(self) -> bool:
        """Held by a program on another computer: this one cannot tell whether it still runs."""
        host = self.holder_host()
        return bool(host) and host != QSysInfo.machineHostName()

    def take_over(self) -> bool:
        """The clerk says the other computer's program is gone (crashed, switched off): take the lock."""
        self._lock.removeStaleLockFile()
        return self.acquire()

    def release(self) -> None:
        if self.held:
            self._lock.unlock()
            self.held = False


def ask_locked(parent, path: Path, host: str, elsewhere: bool = False) -> str:
    """The file is open in another program: "readonly", "copy", "take_over" or "" (cancel).

    ``elsewhere``: the lock belongs to another computer, whose program may have crashed long ago; only
    then can the clerk take the file over.
    """
    where = f" auf dem Rechner „{host}“" if host else ""
    box = QMessageBox(QMessageBox.Icon.Information, "Konzept ist bereits geöffnet",
                      f"„{path.name}“ ist gerade in einem anderen Fenster des Konzeptassistenten{where} "
                      "geöffnet. Damit niemand die Änderungen des anderen überschreibt, kann die Datei nur "
                      "dort bearbeitet werden.\n\nSie können sie hier schreibgeschützt ansehen oder eine Kopie "
                      "öffnen, die Sie unter einem neuen Namen speichern.",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("lockedBox")
    read_only = box.addButton("&Schreibgeschützt öffnen", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("&Kopie öffnen", QMessageBox.ButtonRole.ActionRole)
    take_over = None
    if elsewhere:
        box.setInformativeText(f"Ist der Konzeptassistent auf „{host}“ sicher beendet (etwa nach einem Absturz "
                               "oder weil der Rechner aus ist), können Sie die Datei hier bearbeiten.")
        take_over = box.addButton("Hier &bearbeiten", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Abbrechen", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    if take_over is not None and clicked is take_over:
        return "take_over"
    return {read_only: "readonly", copy: "copy"}.get(clicked, "")


def ask_overwrite_newer(parent, path: Path) -> str:
    """The file changed on disk since it was opened here: "overwrite", "save_as" or "" (cancel)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Datei wurde inzwischen geändert",
                      f"„{path.name}“ wurde gespeichert, nachdem Sie sie hier geöffnet haben – vermutlich von "
                      "einem anderen Fenster oder einer Kollegin. Wenn Sie jetzt speichern, gehen diese "
                      "Änderungen verloren.\n\nSpeichern Sie Ihren Stand besser unter einem anderen Namen und "
                      "vergleichen Sie beide Fassungen.",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("changedOnDiskBox")
    save_as = box.addButton("&Unter anderem Namen speichern …", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("Trotzdem ü&berschreiben", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Abbrechen", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.exec()
    return {save_as: "save_as", overwrite: "overwrite"}.get(box.clickedButton(), "")
