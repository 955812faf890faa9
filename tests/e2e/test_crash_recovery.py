"""Kill the real program mid-edit; the next start offers the typed work back.

1. ``python -m desktop PROJECT`` runs offscreen in a subprocess with the config dir in
   tmp_path. The test hook ``KONZEPTASSISTENT_TEST_TYPING`` types words into the first
   text field of the first page, one every 200 ms, through real key events
   (QTest.keyClicks), and prints each with its monotonic time.
2. While it is still typing, the test sends SIGKILL — no chance to clean up.
3. In-process (pytest-qt), a new main window with the same config dir starts; the
   restore dialog appears and the test clicks „Wiederherstellen“.
4. The restored project holds the typed words up to at most a few seconds before the
   kill (autosave: 1 s after a pause, at the latest 3 s while typing on); the clerk's
   project file is unchanged (autosave never writes over it).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[2]
WORDS = [f"Wort{n:02d}" for n in range(40)]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs POSIX")


def _start_program(project: Path, config: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KONZEPTASSISTENT_CONFIG_DIR=str(config),
               KONZEPTASSISTENT_TEST_TYPING=" ".join(WORDS), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "desktop", str(project)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _click_when_shown(qtbot, button_text: str, seen: list, tries: list | None = None):
    tries = [0] if tries is None else tries

    def click():
        tries[0] += 1
        if tries[0] > 200:  # ~10 s: give up, the test's assertions report it
            return
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "recoveryBox":
                seen.append(w.text())
                for b in w.buttons():
                    if b.text().replace("&", "") == button_text:
                        b.click()
                        return
        from PySide6.QtCore import QTimer
        QTimer.singleShot(50, click)
    from PySide6.QtCore import QTimer
    QTimer.singleShot(50, click)


@pytest.mark.slow
def test_killed_while_typing_then_restored(tmp_path, qtbot, config_dir, gui_definition, capsys):
    from desktop.main_window import MainWindow
    from desktop.recovery import recovery_dir
    from desktop.settings import Settings
    from wizards.project import example_project, save_project

    project_path = tmp_path / "Konzept.konzept"
    save_project(example_project(gui_definition, "heilbronn"), project_path)
    original = project_path.read_bytes()

    proc = _start_program(project_path, config_dir)
    typed: list[tuple[float, str]] = []
    output: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            output.append(line)
            if line.startswith("KA-TYPED "):
                _, t, word = line.split()
                typed.append((float(t), word))
                if len(typed) >= 20:  # ~4 s of typing, still going on
                    break
        assert len(typed) >= 20, "".join(output)[-3000:]
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    files = list(recovery_dir().glob("*.wiederherstellung"))
    assert files, "no recovery file after the kill"
    assert project_path.read_bytes() == original, "autosave wrote over the clerk's file"

    # --- the next start offers to restore
    window = MainWindow(Settings(), gui_definition)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    _click_when_shown(qtbot, "Wiederherstellen", seen)
    assert window.recovery.offer_restore() is True
    assert seen and "nicht ordnungsgemäß beendet" in seen[0] and "Konzept.konzept" in seen[0]

    session = window.session
    assert session is not None and session.modified and session.path == project_path
    restored_text = " ".join(str(v) for v in session.project.answers.values())
    kept = [(t, w) for t, w in typed if w in restored_text]
    lost = [(t, w) for t, w in typed if w not in restored_text]
    assert kept, (typed, restored_text[:500])
    # everything typed more than MAX_DELAY + 1 s before the kill is back
    assert all(killed_at - t < 4.0 for t, _ in lost), (lost, killed_at)
    lost_seconds = killed_at - kept[-1][0]
    with capsys.disabled():
        print(f"\n[crash] {len(typed)} Wörter getippt, {len(kept)} wiederhergestellt, {len(lost)} verloren; "
              f"letztes gesichertes Wort {lost_seconds:.1f} s vor dem SIGKILL")
    assert project_path.read_bytes() == original  # restoring does not save either

    # the old recovery file is gone; this program wrote its own for the restored work
    remaining = list(recovery_dir().glob("*.wiederherstellung"))
    assert remaining == [window.recovery.path]

    # a clean close removes it
    monkey_save = window.session
    monkey_save.modified = False
    window.close()
    assert not list(recovery_dir().glob("*.wiederherstellung"))


def test_no_offer_without_crash_and_discard(tmp_path, qtbot, config_dir, gui_definition):
    from desktop.main_window import MainWindow
    from desktop.recovery import find_candidates, recovery_dir
    from desktop.session import ProjectSession
    from desktop.settings import Settings

    window = MainWindow(Settings(), gui_definition)
    qtbot.addWidget(window)
    assert window.recovery.offer_restore() is False  # nothing there: no dialog
    window.set_session(ProjectSession.new(gui_definition, "heilbronn"))
    window.session.set_answer("verwaltung.name", "Autosavestadt")
    qtbot.waitUntil(lambda: window.recovery.path.exists(), timeout=5000)
    assert "Autosavestadt" in window.recovery.path.read_text(encoding="utf-8")
    assert find_candidates() == []  # our own, still running program is not a crash

    # a second program (same process in this test, different lock) leaving its file: simulate crash
    crashed = recovery_dir() / "sitzung-tot.wiederherstellung"
    crashed.write_bytes(window.recovery.path.read_bytes())
    # its lock, taken by a process that died without unlocking
    lock = recovery_dir() / "sitzung-tot.lock"
    subprocess.run([sys.executable, "-c", "import os, sys; from PySide6.QtCore import QLockFile; "
                    "l = QLockFile(sys.argv[1]); assert l.tryLock(0); os._exit(0)", str(lock)], check=True, cwd=ROOT)
    assert lock.exists()
    other = MainWindow(Settings(), gui_definition)
    qtbot.addWidget(other)
    try:
        assert [c.path for c in find_candidates()] == [crashed]
        for c in find_candidates():
            c.lock.unlock()
        seen: list[str] = []
        _click_when_shown(qtbot, "Verwerfen", seen)
        assert other.recovery.offer_restore() is False
        assert seen and not crashed.exists()
        assert window.recovery.path.exists()  # the running program's file is untouched
    finally:
        window.session.modified = False
        window.close()
        other.close()
