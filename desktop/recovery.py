"""Autosave and crash recovery: the clerk's work survives a killed program.

While a project is open, every change of the session (``ProjectSession.changed``) starts
a short timer; when the clerk pauses for ``DEBOUNCE_MS`` — or at the latest
``MAX_DELAY_MS`` after the first unsaved change while typing on — the whole project is
written atomically to a recovery file in ``<config dir>/wiederherstellung/``, never over
the clerk's own file. A saved, unmodified project or a normal close removes the file.

Each running program holds a ``QLockFile`` beside its recovery file. At the next start,
a recovery file whose lock can be taken (its program is gone) is offered for restoring.
Restored work opens as a modified project with the original path, so the clerk decides
whether to save it over the original file.

Test hook (data, not code): ``KONZEPTASSISTENT_TEST_TYPING=<text>`` makes the started
program type the text into the first text field of the first page, one chunk of words
every 200 ms, printing ``KA-TYPED <monotonic> <chunk>`` after each (tests/e2e).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from .settings import config_dir

# wizards.project and wizards.atomic are imported where used: the manager is created with the
# window, before its first paint, and only needs them once there is something to restore or save

FORMAT = "konzeptassistent-wiederherstellung"
SUFFIX = ".wiederherstellung"
DEBOUNCE_MS = 1000
MAX_DELAY_MS = 3000
TEST_TYPING_ENV = "KONZEPTASSISTENT_TEST_TYPING"


def recovery_dir() -> Path:
    return config_dir() / "wiederherstellung"


@dataclass
class Candidate:
    """A recovery file left behind by a program that is no longer running."""

    path: Path
    saved_at: str
    original: str
    name: str
    project: Project
    lock: QLockFile
    original_fingerprint: dict | None = None  # the original file as the crashed program knew it

    def original_is_newer(self) -> bool:
        """Whether the original file was saved after the crashed program last read or wrote it."""
        from wizards.atomic import FileFingerprint, modified_after

        if not self.original or not Path(self.original).exists():
            return False
        known = self.original_fingerprint
        if known:
            try:
                return FileFingerprint(self.original, int(known["size"]), int(known["mtime_ns"]),
                                       str(known["sha256"])).changed_on_disk()
            except (KeyError, TypeError, ValueError):
                pass
        try:  # a backup from before fingerprints were recorded: compare with the time of the backup
            return modified_after(self.original, _dt.datetime.fromisoformat(self.saved_at).timestamp())
        except ValueError:
            return True

    def concerns(self, path: Path) -> bool:
        try:
            return bool(self.original) and Path(self.original).resolve() == Path(path).resolve()
        except OSError:
            return False

    def label(self) -> str:
        try:
            when = _dt.datetime.fromisoformat(self.saved_at).strftime("%d.%m.%Y um %H:%M Uhr")
        except ValueError:
            when = "unbekannt"
        return f"„{self.name}“ (zuletzt gesichert am {when})"

    def discard(self) -> None:
        for p in (self.path,):
            try:
                p.unlink()
            except OSError:
                pass
        self.lock.unlock()
        try:
            Path(self.lock.fileName()).unlink()
        except OSError:
            pass


def find_candidates(directory: Path | None = None) -> list[Candidate]:
    """Recovery files of programs that are gone (their lock is free or stale). Never raises."""
    directory = directory or recovery_dir()
    found: list[Candidate] = []
    try:
        files = sorted(directory.glob("*" + SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    for path in files:
        lock = QLockFile(str(path.with_suffix(".lock")))
        lock.setStaleLockTime(0)  # stale = only when its process is gone
        if not lock.tryLock(0):
            continue  # another running program owns it
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("kein Wiederherstellungsformat")
            from wizards.project import Project

            project = Project.from_dict(data.get("project"))
        except Exception:  # noqa: BLE001 - a broken recovery file is not worth a crash
            lock.unlock()
            continue
        known = data.get("original_fingerprint")
        found.append(Candidate(path, str(data.get("saved_at", "")), str(data.get("original") or ""),
                               str(data.get("name") or "Konzept"), project, lock,
                               known if isinstance(known, dict) else None))
    return found


def _fingerprint_data(fingerprint) -> dict | None:
    if fingerprint is None:
        return None
    return {"size": fingerprint.size, "mtime_ns": fingerprint.mtime_ns, "sha256": fingerprint.sha256}


class RecoveryManager(QObject):
    """Autosaves the window's current session; offers restoring after a crash."""

    def __init__(self, window, directory: Path | None = None):
        super().__init__(window)
        self.window = window
        self.directory = directory or recovery_dir()
        self.session = None
        self.path = self.directory / f"sitzung-{os.urandom(6).hex()}{SUFFIX}"  # (uuid would load platform too)
        self.lock = QLockFile(str(self.path.with_suffix(".lock")))
        self.lock.setStaleLockTime(0)
        self._locked = False
        self.last_write = None  # monotonic seconds of the last successful autosave (for tests)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.write_now)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MAX_DELAY_MS)
        self._deadline.timeout.connect(self.write_now)
        if os.environ.get(TEST_TYPING_ENV):
            QTimer.singleShot(0, self._start_test_typing)

    # ------------------------------------------------------------ autosave

    def attach(self, session) -> None:
        """Follow ``session`` (None: no project open). The previous session's file is removed."""
        if self.session is not None:
            try:
                self.session.changed.disconnect(self._changed)
                self.session.modified_changed.disconnect(self._modified_changed)
            except (RuntimeError, TypeError):
                pass
        self.discard()
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
            session.modified_changed.connect(self._modified_changed)
            if session.modified:  # e.g. a restored project: protect it at once
                self.write_now()

    def _changed(self, _kind: str = "") -> None:
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def _modified_changed(self, modified: bool) -> None:
        if not modified:  # saved by the clerk: nothing to recover
            self.discard()

    def write_now(self) -> None:
        self._timer.stop()
        self._deadline.stop()
        session = self.session
        if session is None or not session.modified:
            return
        import time

        data = {
            "format": FORMAT, "format_version": 1,
            "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
            "original": str(session.path) if session.path else "",
            "name": session.display_name,
            "original_fingerprint": _fingerprint_data(session.fingerprint) if session.path else None,
            "project": session.project.to_dict(),
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if not self._locked:
                self._locked = self.lock.tryLock(0)
            from wizards.atomic import PRIVATE_MODE, atomic_write_text

            atomic_write_text(self.path, json.dumps(data, ensure_ascii=False), mode=PRIVATE_MODE)
            self.last_write = time.monotonic()
        except (OSError, TypeError, ValueError):
            # autosave is a safety net; a failure must not interrupt the clerk (the status bar says so)
            try:
                self.window.statusBar().showMessage("Automatische Sicherung fehlgeschlagen – bitte speichern Sie.",
                                                    10000)
            except Exception:  # noqa: BLE001
                pass

    def discard(self) -> None:
        """Remove this program's recovery file (after saving, closing or switching projects)."""
        self._timer.stop()
        self._deadline.stop()
        try:
            self.path.unlink()
        except OSError:
            pass

    def shutdown(self) -> None:
        """A normal end: no recovery file, no lock left behind."""
        self.discard()
        if self._locked:
            self.lock.unlock()
            self._locked = False

    # ------------------------------------------------------------ restore

    def offer_restore(self) -> bool:
        """Ask about work left by a crashed program; True if a project was restored."""
        candidates = find_candidates(self.directory)
        if not candidates:
            return False
        newest = candidates[0]
        more = (f"\n\nEs gibt außerdem {len(candidates) - 1} ältere Sicherung{'en' if len(candidates) > 2 else ''}; "
                "„Verwerfen“ löscht alle.") if len(candidates) > 1 else ""
        box = QMessageBox(QMessageBox.Icon.Question, "Ungesicherte Arbeit wiederherstellen",
                          "Der Konzeptassistent wurde beim letzten Mal nicht ordnungsgemäß beendet.\n\n"
                          f"Es gibt eine automatische Sicherung von {newest.label()}.\n\n"
                          "Möchten Sie diesen Stand wiederherstellen? Ihre Projektdatei bleibt unverändert, "
                          "bis Sie speichern." + self._newer_note(newest) + more,
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("recoveryBox")
        restore = box.addButton("&Wiederherstellen", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Verwerfen", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("&Später entscheiden", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        box.exec()
        clicked = box.clickedButton()
        if clicked is discard:
            for c in candidates:
                c.discard()
            return False
        if clicked is not restore:
            for c in candidates:
                c.lock.unlock()
            return False
        return self.restore(newest, candidates)

    def offer_restore_for(self, path: Path) -> bool:
        """Before opening ``path``: offer an automatic backup of it left by a crashed program
        (e.g. after „Später entscheiden“). True if the backup was restored instead."""
        candidates = find_candidates(self.directory)
        mine = [c for c in candidates if c.concerns(path)]
        if not mine:
            for c in candidates:
                c.lock.unlock()
            return False
        newest = mine[0]
        box = QMessageBox(QMessageBox.Icon.Question, "Automatische Sicherung vorhanden",
                          f"Für „{Path(path).name}“ gibt es eine automatische Sicherung von {newest.label()} mit "
                          "Änderungen, die nicht gespeichert wurden.\n\nMöchten Sie diesen Stand wiederherstellen "
                          "oder die gespeicherte Datei öffnen?" + self._newer_note(newest),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("recoveryForFileBox")
        restore = box.addButton("Sicherung &wiederherstellen", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Gespeicherte Datei öffnen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            return self.restore(newest, candidates)
        for c in candidates:
            c.lock.unlock()
        return False

    @staticmethod
    def _newer_note(candidate: Candidate) -> str:
        if not candidate.original_is_newer():
            return ""
        return ("\n\nAchtung: Die Projektdatei wurde nach dieser Sicherung noch einmal gespeichert. Wenn Sie "
                "wiederherstellen, fragt das Programm vor dem Speichern, ob es die neuere Datei überschreiben soll.")

    def restore(self, candidate: Candidate, candidates: list[Candidate] | None = None) -> bool:
        from wizards.atomic import FileFingerprint

        from .file_guard import ProjectLock
        from .session import ProjectSession

        definition = self.window.definition()
        project = candidate.project
        notes = project.validate_against(definition)
        original = Path(candidate.original) if candidate.original else None
        session = ProjectSession(definition, project, original, notes)
        session.modified = True
        if original is not None:
            lock = ProjectLock(original)
            if lock.acquire():
                session.lock = lock
                if candidate.original_is_newer():  # never equals the file: saving asks first
                    session.fingerprint = FileFingerprint(str(original), -1, -1, "")
                else:
                    session.fingerprint = FileFingerprint.of(original)
            else:  # the file is open elsewhere: the restored state becomes a copy
                session.copy_of, session.path = original.name, None
        self.window.set_session(session)  # attaches this manager, which writes its own file at once
        self.window.setWindowModified(True)
        candidate.discard()
        for other in candidates or []:
            if other is not candidate:
                other.lock.unlock()
        return True

    # ------------------------------------------------------------ test hook

    def _start_test_typing(self) -> None:
        self._typing = os.environ.get(TEST_TYPING_ENV, "").split()
        self._typing_timer = QTimer(self)
        self._typing_timer.setInterval(200)
        self._typing_timer.timeout.connect(self._type_chunk)
        QTimer.singleShot(1500, self._typing_timer.start)

    def _type_chunk(self) -> None:
        import sys
        import time

        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QLineEdit

        if self.session is None:
            return
        page = self.window.current_page() if hasattr(self.window, "current_page") else None
        fields = page.findChildren(QLineEdit) if page is not None else []
        field = next((f for f in fields if f.isVisible() and f.isEnabled() and not f.isReadOnly()), None)
        if field is None or not self._typing:
            return
        chunk = self._typing.pop(0)
        field.setFocus()
        field.end(False)
        QTest.keyClicks(field, " " + chunk)
        print(f"KA-TYPED {time.monotonic():.3f} {chunk}", flush=True)
        if not self._typing:
            self._typing_timer.stop()
            print("KA-TYPED-DONE", flush=True)
