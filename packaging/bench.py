"""Benchmarks of the Konzeptassistent (``make bench``). Not a test: prints ONE JSON object.

Measured here, each the median of several runs, with references from the same run:

- ``start_s``: process start → first paint event of the main window, in a fresh
  subprocess per run (QT_QPA_PLATFORM=offscreen, isolated config dir). The child runs
  the real ``desktop.app.run()``; the only addition is an event filter on the main
  window (installed by wrapping ``MainWindow.show``), so desktop needs no bench hook.
  Reference: a bare minimal QWizard, measured the same way → ``start_ratio``.
- ``preview_refresh_s``: in the same GUI subprocesses, after the example is open and
  its first preview shown: an edit (``session.set_answer``) → ``PreviewPane.preview_updated``
  (new PDF rendered off the UI thread and loaded into QtPdf). The 400 ms debounce
  after typing is *not* included (the bench fires ``refresh_now`` right after the edit);
  ``preview_paint_s`` adds the next paint of the PDF view.
- ``docx_export_s`` / ``pdf_export_s``: the full example (default style) through
  ``write_docx`` / ``write_pdf`` to disk, in this process, warm (first run reported as
  ``*_cold_s``). Reference: LibreOffice headless DOCX→PDF of *our* DOCX (warm profile)
  → ``libreoffice_speedup`` = LibreOffice time / our DOCX+PDF time.
- ``peak_memory_mb``: ru_maxrss of the GUI subprocess after opening the example and
  rendering the preview (and after the edits: ``peak_memory_after_edits_mb``).
- ``bundle_mb``: size of ``dist/Konzeptassistent`` from the last ``make package``
  (null with a note if there is none), and of its ZIP.

    python packaging/bench.py [--runs N] [--quick]
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

# (children import only the above: argparse, statistics, subprocess … are loaded on the parent side)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {
    "start_ratio": 2.0,          # ≤ 2× the bare QWizard
    "preview_refresh_s": 0.150,
    "export_total_s": 0.300,     # DOCX + PDF
    "libreoffice_speedup": 3.0,  # ≥ 3× faster than LibreOffice's conversion alone
    "peak_memory_mb": 150.0,
    "bundle_mb": 120.0,
}


def progress(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def median(values):
    import statistics

    values = [v for v in values if v is not None]
    return round(statistics.median(values), 4) if values else None


# ====================================================================== children (fresh processes)

def _emit(**data) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def _maxrss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def child_wizard() -> int:
    """Reference: the smallest QWizard program, to its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "t"):
                self.t = time.monotonic()
                _emit(event="paint", t=self.t)
                QTimer.singleShot(0, QApplication.quit)
            return False

    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("Schritt 1")
    QVBoxLayout(page).addWidget(QLabel("Hallo"))
    wizard.addPage(page)
    spy = FirstPaint()
    wizard.installEventFilter(spy)
    wizard.show()
    app.exec()
    _emit(event="done", maxrss_mb=_maxrss_mb())
    return 0


def child_gui(edits: int) -> int:
    """The real program: first paint, then the example, its preview, and a few edits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import desktop.main_window as mw
    from desktop import app as desktop_app

    state = {"edit": 0, "t_edit": 0.0, "waiting_paint": False}

    class Spy(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                if "first_paint" not in state:
                    state["first_paint"] = time.monotonic()
                    _emit(event="paint", t=state["first_paint"])
                    QTimer.singleShot(0, open_example)
                elif state["waiting_paint"] and obj is state.get("viewport"):
                    state["waiting_paint"] = False
                    _emit(event="preview_paint", edit=state["edit"], s=time.monotonic() - state["t_edit"])
            return False

    spy = Spy()
    original_show = mw.MainWindow.show

    def show(self):
        state["window"] = self
        self.installEventFilter(spy)
        original_show(self)

    mw.MainWindow.show = show

    def open_example():
        window = state["window"]
        window.definition()  # joins the loader thread started in MainWindow.__init__
        _emit(event="definition_ready", t=time.monotonic())
        state["t_open"] = time.monotonic()
        window.open_example()
        preview = window.preview
        if preview is None or not preview.isVisible():
            _emit(event="error", message="Vorschau nicht sichtbar")
            QApplication.quit()
            return
        state["viewport"] = preview.view.viewport()
        preview.view.viewport().installEventFilter(spy)
        preview.preview_updated.connect(updated)

    def updated(seconds: float):
        now = time.monotonic()
        if state["edit"] == 0:
            _emit(event="example_preview", s=now - state["t_open"], maxrss_mb=_maxrss_mb())
        else:
            _emit(event="preview", edit=state["edit"], s=now - state["t_edit"], signal_s=seconds)
        if state["edit"] >= edits:
            QTimer.singleShot(300, finish)
            return
        QTimer.singleShot(150, edit)  # let the view paint the pages, like a clerk pausing

    def edit():
        window = state["window"]
        state["edit"] += 1
        state["waiting_paint"] = True
        state["t_edit"] = time.monotonic()
        window.session.set_answer("redaktion.stelle", f"Stabsstelle Presse- und Öffentlichkeitsarbeit {state['edit']}")
        window.preview.refresh_now()  # what the 400 ms debounce timer does when it fires

    def finish():
        _emit(event="done", maxrss_mb=_maxrss_mb())
        window = state["window"]
        if window.session is not None:
            window.session.modified = False  # no "save changes?" question
        QApplication.quit()

    QTimer.singleShot(60_000, lambda: (_emit(event="error", message="Zeitüberschreitung"), QApplication.quit()))
    return desktop_app.run()


# ====================================================================== parent side

def _child_env(config: Path) -> dict:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", KONZEPTASSISTENT_CONFIG_DIR=str(config), PYTHONDONTWRITEBYTECODE="")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def run_child(kind: str, edits: int = 0, timeout: float = 90) -> tuple[float | None, list[dict]]:
    """Start a fresh interpreter; return (seconds from spawn to first paint, events)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="konzept-bench-") as config:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--edits", str(edits)]
        t0 = time.monotonic()
        proc = subprocess.run(cmd, env=_child_env(Path(config)), cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout)
    events = []
    for line in proc.stdout.splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            pass
    errors = [e for e in events if e.get("event") == "error"]
    if proc.returncode != 0 or errors or not events:
        progress(f"{kind}: Code {proc.returncode}, {errors}, stderr: {proc.stderr.strip()[-800:]}")
    for e in events:
        if "t" in e:
            e["since_spawn"] = e["t"] - t0
    paint = next((e["t"] for e in events if e.get("event") == "paint"), None)
    return (paint - t0 if paint is not None else None), events


def bench_start_and_preview(runs: int, edits: int) -> dict:
    start, wizard, example, refresh, refresh_signal, paint, mem, mem_after, wizard_mem, ready = ([] for _ in range(10))
    for i in range(runs):
        w, wevents = run_child("wizard")
        wizard.append(w)
        wizard_mem += [e["maxrss_mb"] for e in wevents if e.get("event") == "done"]
        s, events = run_child("gui", edits)
        start.append(s)
        for e in events:
            kind = e.get("event")
            if kind == "definition_ready":
                ready.append(e["since_spawn"])
            elif kind == "example_preview":
                example.append(e["s"])
                mem.append(e["maxrss_mb"])
            elif kind == "preview":
                refresh.append(e["s"])
                refresh_signal.append(e["signal_s"])
            elif kind == "preview_paint":
                paint.append(e["s"])
            elif kind == "done":
                mem_after.append(e["maxrss_mb"])
        progress(f"Lauf {i + 1}/{runs}: Start {s if s is None else round(s, 3)} s, QWizard {w if w is None else round(w, 3)} s, "
                 f"Vorschau {[round(x, 3) for x in refresh[-edits:]]}")
    return {
        "start_s": median(start), "start_runs_s": [round(x, 4) for x in start if x is not None],
        "bare_qwizard_start_s": median(wizard), "bare_qwizard_runs_s": [round(x, 4) for x in wizard if x is not None],
        "bare_qwizard_memory_mb": median(wizard_mem),
        "definition_ready_s": median(ready),
        "example_open_to_preview_s": median(example),
        "preview_refresh_s": median(refresh), "preview_refresh_signal_s": median(refresh_signal),
        "preview_paint_s": median(paint), "preview_refresh_n": len(refresh),
        "peak_memory_mb": median(mem), "peak_memory_after_edits_mb": median(mem_after),
    }


def bench_exports(runs: int, workdir: Path) -> tuple[dict, Path]:
    from wizards.assemble import assemble
    from wizards.design import Design
    from wizards.loader import bundled_definition
    from wizards.project import example_project
    from wizards.writers.docx import write_docx
    from wizards.writers.pdf import write_pdf

    definition = bundled_definition()
    project = example_project(definition)
    design = Design.from_dict(project.design)
    timings = {"assemble": [], "docx": [], "pdf": []}
    cpu = {"docx": [], "pdf": []}
    docx_path, pdf_path = workdir / "konzept.docx", workdir / "konzept.pdf"
    for _ in range(runs + 1):  # the first is cold (font registration, template parsing)
        t = time.perf_counter()
        document = assemble(definition, project)
        timings["assemble"].append(time.perf_counter() - t)
        t, c = time.perf_counter(), time.process_time()
        write_docx(document, docx_path, design)
        timings["docx"].append(time.perf_counter() - t)
        cpu["docx"].append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        write_pdf(document, pdf_path, design)
        timings["pdf"].append(time.perf_counter() - t)
        cpu["pdf"].append(time.process_time() - c)
    docx_s, pdf_s = median(timings["docx"][1:]), median(timings["pdf"][1:])
    from pypdf import PdfReader  # test dependency; only for the page count

    try:
        pages = len(PdfReader(str(pdf_path)).pages)
    except Exception:  # noqa: BLE001
        pages = None
    return {
        "example_style": project.style, "example_pdf_pages": pages,
        "assemble_s": median(timings["assemble"][1:]),
        "docx_export_s": docx_s, "pdf_export_s": pdf_s, "export_total_s": round(docx_s + pdf_s, 4),
        "docx_export_cpu_s": median(cpu["docx"][1:]), "pdf_export_cpu_s": median(cpu["pdf"][1:]),
        "docx_export_cold_s": round(timings["docx"][0], 4), "pdf_export_cold_s": round(timings["pdf"][0], 4),
        "pdfa_enabled": bool(getattr(design, "pdfa", False)),
    }, docx_path


def bench_libreoffice(docx: Path, runs: int, workdir: Path) -> dict:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return {"libreoffice_docx_to_pdf_s": None, "libreoffice_note": "soffice nicht gefunden"}
    profile = workdir / "lo-profile"
    out = workdir / "lo-out"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
           "--convert-to", "pdf", "--outdir", str(out), str(docx)]
    times = []
    for i in range(runs + 1):  # the first creates the profile (cold)
        t = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        elapsed = time.perf_counter() - t
        if result.returncode != 0 or not (out / (docx.stem + ".pdf")).exists():
            return {"libreoffice_docx_to_pdf_s": None, "libreoffice_note": f"Fehler: {result.stderr.strip()[-300:]}"}
        if i:
            times.append(elapsed)
    return {"libreoffice_docx_to_pdf_s": median(times)}


def bundle_info() -> dict:
    folder = ROOT / "dist" / "Konzeptassistent"
    if not folder.is_dir():
        return {"bundle_mb": None, "bundle_note": "kein dist/Konzeptassistent – erst `make package` ausführen"}
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    zips = sorted((ROOT / "dist").glob("Konzeptassistent-*.zip"), key=lambda p: p.stat().st_mtime)
    age_h = (time.time() - (folder / ("Konzeptassistent.exe" if sys.platform == "win32" else "Konzeptassistent"))
             .stat().st_mtime) / 3600
    return {"bundle_mb": round(size / 1_000_000, 1), "bundle_zip_mb": round(zips[-1].stat().st_size / 1_000_000, 1)
            if zips else None, "bundle_built_hours_ago": round(age_h, 1)}


def machine() -> dict:
    import platform

    try:
        from PySide6 import __version__ as pyside
    except ImportError:
        pyside = None
    return {"python": platform.python_version(), "pyside6": pyside, "cpus": os.cpu_count(),
            "platform": platform.platform(terse=True), "loadavg_1min_at_start": _load()}


def _load():
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":  # fresh child process: no argparse & co.
        edits = int(sys.argv[4]) if len(sys.argv) >= 5 else 0
        return child_wizard() if sys.argv[2] == "wizard" else child_gui(edits)
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="Starts (GUI und QWizard) und Export-Läufe")
    parser.add_argument("--edits", type=int, default=4, help="Änderungen mit Vorschau je GUI-Lauf")
    parser.add_argument("--lo-runs", type=int, default=3, help="LibreOffice-Konvertierungen (warm)")
    parser.add_argument("--quick", action="store_true", help="je 3 Läufe, 1 LibreOffice-Lauf")
    parser.add_argument("--child", choices=("gui", "wizard"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "wizard":
        return child_wizard()
    if args.child == "gui":
        return child_gui(args.edits)
    if args.quick:
        args.runs, args.lo_runs = 3, 1

    result: dict = {"machine": machine(), "runs": args.runs}
    progress(f"Start, Vorschau, Speicher: {args.runs} frische Prozesse je Programm …")
    result.update(bench_start_and_preview(args.runs, args.edits))
    with tempfile.TemporaryDirectory(prefix="konzept-bench-") as tmp:
        progress("Export DOCX/PDF …")
        exports, docx = bench_exports(max(args.runs, 5), Path(tmp))
        result.update(exports)
        progress("LibreOffice DOCX→PDF (Referenz) …")
        result.update(bench_libreoffice(docx, args.lo_runs, Path(tmp)))
    result.update(bundle_info())
    result["loadavg_1min_at_end"] = _load()

    def ratio(a, b):
        return round(a / b, 2) if a is not None and b else None

    result["start_ratio"] = ratio(result["start_s"], result["bare_qwizard_start_s"])
    result["libreoffice_speedup"] = ratio(result.get("libreoffice_docx_to_pdf_s"), result["export_total_s"])
    checks = {}
    for key, limit in TARGETS.items():
        value = result.get(key)
        met = None if value is None else (value >= limit if key == "libreoffice_speedup" else value <= limit)
        checks[key] = {"value": value, "target": ("≥ " if key == "libreoffice_speedup" else "≤ ") + str(limit), "met": met}
    result["targets"] = checks
    result["targets_missed"] = [k for k, c in checks.items() if c["met"] is False]
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
