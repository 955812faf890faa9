"""One writer at a time for an open project file.

``ProjectLock``: a ``QLockFile`` beside the project (``.<name>.lock``), so a second program – also on
another PC using the same network folder – learns that the file is open. The holder's computer name
goes into the question („Schreibgeschützt öffnen“ or „Kopie öffnen“). Changes by others in between are
noticed with ``wizards.atomic.FileFingerprint`` (see ``ProjectSession.changed_on_disk``).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


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

    def release(self) -> None:
        if self.held:
            self._lock.unlock()
            self.held = False
