"""``--smoke-test``: check an installation (also a frozen build) without showing windows.

Prints one line per check and returns 0 only if all pass.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path


def smoke_test() -> int:
    failures = 0

    def check(name: str, fn):
        nonlocal failures
        started = time.perf_counter()
        try:
            detail = fn() or ""
        except Exception as exc:  # noqa: BLE001 - report every failure, keep going
            failures += 1
            print(f"FEHLER {name}: {type(exc).__name__}: {exc}", flush=True)
        else:
            print(f"OK     {name} ({time.perf_counter() - started:.2f} s){' – ' + detail if detail else ''}", flush=True)

    state = {}

    def definition():
        from wizards.loader import bundled_definition

        state["definition"] = bundled_definition()
        d = state["definition"]
        return f"{len(d.styles)} Stile, {len(d.steps)} Schritte, {len(d.sections)} Abschnitte"

    check("Definition laden", definition)
    if "definition" in state:
        from wizards.assemble import assemble
        from wizards.design import Design
        from wizards.project import example_project

        out = Path(tempfile.mkdtemp(prefix="konzept-smoke-"))
        for style in state["definition"].styles:
            def export(style=style):
                from wizards.writers.docx import write_docx
                from wizards.writers.pdf import write_pdf

                document = assemble(state["definition"], example_project(state["definition"], style))
                write_pdf(document, out / f"{style}.pdf", Design())
                write_docx(document, out / f"{style}.docx", Design())
                sizes = [(out / f"{style}{s}").stat().st_size for s in (".pdf", ".docx")]
                if min(sizes) < 1000:
                    raise RuntimeError("Datei zu klein")
                return f"PDF {sizes[0] // 1024} KB, DOCX {sizes[1] // 1024} KB"
            check(f"Beispiel im Stil {style} exportieren", export)

    def translator():
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

        app = QCoreApplication.instance() or QCoreApplication([])
        t = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not t.load(QLocale(QLocale.Language.German, QLocale.Country.Germany), "qtbase", "_", folder):
            raise RuntimeError(f"qtbase_de.qm nicht gefunden in {folder}")
        app.installTranslator(t)
        text = QCoreApplication.translate("QPlatformTheme", "Cancel")
        if text != "Abbrechen":
            raise RuntimeError(f"Übersetzung fehlt („Cancel“ → „{text}“)")
        return "„Cancel“ → „Abbrechen“"

    check("Deutsche Qt-Übersetzung", translator)

    def pdf_module():
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
        from PySide6.QtPdfWidgets import QPdfView  # noqa: F401

    check("QtPdf für die Vorschau", pdf_module)

    def styles():
        from resources import resource_path

        path = resource_path("styles", "app.qss")
        if not path.is_file():
            raise RuntimeError(f"{path} fehlt")

    check("Stylesheet vorhanden", styles)
    print("Alle Prüfungen bestanden." if not failures else f"{failures} Prüfung(en) fehlgeschlagen.", flush=True)
    return 0 if not failures else 1
