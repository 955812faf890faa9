"""Nothing lost between windows, colleagues and crashes: lock, changed-on-disk, recovery (D3, D4)."""
from __future__ import annotations

import datetime as dt
import json
import os
import uuid

import pytest
from modal_helpers import answer
from PySide6.QtWidgets import QFileDialog


@pytest.fixture
def saved(gui_definition, tmp_path):
    from wizards.project import example_project, save_project

    path = tmp_path / "Lindenau.konzept"
    save_project(example_project(gui_definition, "heilbronn"), path)
    return path


@pytest.fixture
def second(app, qtbot, gui_definition):
    """Another program window on the same files (a second instance)."""
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    win = MainWindow(Settings(), gui_definition)
    win.show()
    yield win
    if win.session is not None:
        win.session.modified = False
    win.close()
    win.deleteLater()


def _colleague_saves(path, gui_definition, name="Nachbarstadt"):
    from wizards.project import load_project, save_project

    project = load_project(path)
    project.answers["verwaltung.name"] = name
    save_project(project, path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))  # coarse file-system clocks


def test_second_window_offers_read_only_or_a_copy(window, second, saved, tmp_path, monkeypatch):
    assert window.open_path(saved)
    seen = []
    answer("Schreibgeschützt öffnen", seen)
    assert second.open_path(saved)
    assert "bereits" in seen[0] or "gerade" in seen[0]
    assert second.session.read_only and "schreibgeschützt" in second.windowTitle()
    # saving a read-only project asks for another file and leaves the original alone
    before = saved.read_bytes()
    second.session.set_answer("verwaltung.name", "Anderswo")
    copy = tmp_path / "Kopie.konzept"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    assert second.save()
    assert saved.read_bytes() == before and copy.is_file()
    assert not second.session.read_only and second.session.path == copy

    second.show_start()
    answer("Kopie öffnen")
    assert second.open_path(saved)
    assert second.session.path is None and second.session.copy_of == "Lindenau.konzept"
    assert "Kopie von Lindenau.konzept" in second.windowTitle()
    second.session.modified = False
    # once the first window lets go, the file can be edited again
    window.show_start()
    second.show_start()
    assert second.open_path(saved) and not second.session.read_only and second.session.lock is not None


def test_save_asks_before_overwriting_a_file_changed_on_disk(window, saved, gui_definition):
    assert window.open_path(saved)
    window.session.set_answer("verwaltung.name", "Meine Änderung")
    _colleague_saves(saved, gui_definition)
    seen = []
    answer("Abbrechen", seen)
    assert not window.save()
    assert "gespeichert, nachdem Sie sie hier geöffnet haben" in seen[0]
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]["verwaltung.name"] == "Nachbarstadt"
    answer("Trotzdem überschreiben")
    assert window.save()
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]["verwaltung.name"] == "Meine Änderung"
    # saved now: the next save does not ask again
    window.session.set_answer("verwaltung.name", "Noch einmal")
    assert window.save()


def _leave_backup(gui_definition, original, name: str, minutes_ago: int = 5, fingerprint=None):
    """A recovery file as a crashed program leaves it."""
    from desktop.recovery import FORMAT, SUFFIX, recovery_dir
    from wizards.project import load_project

    project = load_project(original)
    project.answers["verwaltung.name"] = name
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    saved_at = (dt.datetime.now() - dt.timedelta(minutes=minutes_ago)).isoformat(timespec="seconds")
    path = folder / f"sitzung-{uuid.uuid4().hex[:12]}{SUFFIX}"
    path.write_text(json.dumps({"format": FORMAT, "format_version": 1, "saved_at": saved_at,
                                "original": str(original), "name": original.name,
                                "original_fingerprint": fingerprint,
                                "project": project.to_dict()}), encoding="utf-8")
    return path


def test_restoring_an_old_backup_never_overwrites_a_newer_file_silently(window, saved, gui_definition):
    from wizards.atomic import FileFingerprint

    known = FileFingerprint.of(saved)
    _leave_backup(gui_definition, saved, "Wiederhergestellt",
                  fingerprint={"size": known.size, "mtime_ns": known.mtime_ns, "sha256": known.sha256})
    _colleague_saves(saved, gui_definition)  # a colleague saved the file after the crash
    seen = []
    answer("Wiederherstellen", seen)
    assert window.recovery.offer_restore()
    assert "Achtung" in seen[0] and "noch einmal gespeichert" in seen[0]
    assert window.session.answer("verwaltung.name") == "Wiederhergestellt"
    asked = []
    answer("Abbrechen", asked)
    assert not window.save()
    assert asked and "gespeichert, nachdem" in asked[0]
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]["verwaltung.name"] == "Nachbarstadt"


def test_discard_removes_every_backup(window, saved, gui_definition):
    from desktop.recovery import recovery_dir

    _leave_backup(gui_definition, saved, "Alt", minutes_ago=60)
    _leave_backup(gui_definition, saved, "Neu", minutes_ago=5)
    seen = []
    answer("Verwerfen", seen)
    assert not window.recovery.offer_restore()
    assert "ältere Sicherung" in seen[0]
    assert list(recovery_dir().glob("*.wiederherstellung")) == []


def test_decide_later_then_open_the_file_offers_the_backup(window, saved, gui_definition):
    _leave_backup(gui_definition, saved, "Ungespeichert")
    answer("Später entscheiden")
    assert not window.recovery.offer_restore()
    seen = []
    answer("Sicherung wiederherstellen", seen)
    assert window.open_path(saved)
    assert "automatische Sicherung" in seen[0]
    assert window.session.answer("verwaltung.name") == "Ungespeichert" and window.session.modified
    assert window.session.path == saved


def test_open_the_saved_file_instead_of_the_backup(window, saved, gui_definition):
    _leave_backup(gui_definition, saved, "Ungespeichert")
    answer("Gespeicherte Datei öffnen")
    assert window.open_path(saved)
    assert window.session.answer("verwaltung.name") != "Ungespeichert" and not window.session.modified


@pytest.mark.parametrize("content", [b"{ nicht json", b"\xff\xfe\x00binary\x00", b"[1, 2]", b""])
def test_a_broken_file_gets_one_plain_german_line(window, tmp_path, monkeypatch, content):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    bad = tmp_path / "kaputt.konzept"
    bad.write_bytes(content)
    assert not window.open_path(bad)
    assert len(shown) == 1 and "\n" not in shown[0]
    for jargon in ("JSON", "UTF", "Unicode", "Error", "Traceback", "codec"):
        assert jargon not in shown[0], shown[0]
    assert window.session is None and not (tmp_path / ".kaputt.konzept.lock").exists()


def test_a_lock_left_by_another_computer_can_be_taken_over(window, saved):
    from desktop.file_guard import lock_path

    # a program on „ANDERER-PC“ crashed while the file was open on a network folder
    lock_path(saved).write_text("99999\npython3\nANDERER-PC\n", encoding="utf-8")
    seen = []
    answer("Hier bearbeiten", seen)
    assert window.open_path(saved)
    assert "ANDERER-PC" in seen[0]
    assert not window.session.read_only and window.session.lock is not None and window.session.lock.held


def test_a_lock_of_a_running_program_on_this_computer_cannot_be_taken_over(window, second, saved):
    from PySide6.QtWidgets import QAbstractButton, QApplication

    assert window.open_path(saved)
    buttons = []

    def look(dialog):
        buttons.extend(b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton))
        dialog.reject()
    from modal_helpers import on_modal
    on_modal(look)
    assert not second.open_path(saved)
    assert "Hier bearbeiten" not in buttons and "Schreibgeschützt öffnen" in buttons
    QApplication.processEvents()
