"""Small German texts shared by several windows and pages; a leaf module (no Qt, no desktop imports).

Kept apart so that pages, dialogs and the bootstrap module can all use them without importing
each other (which used to close an import circle through ``app`` and ``pages.outline``).
"""
from __future__ import annotations

from pathlib import Path

from wizards.errors import KonzeptError


def german_error_text(exc: BaseException) -> str:
    """One German line for an error a clerk may see; never a traceback."""
    if isinstance(exc, KonzeptError):
        return str(exc)
    if isinstance(exc, OSError):
        name = f"„{Path(exc.filename).name}“ " if exc.filename else ""
        return f"Die Datei {name}konnte nicht bearbeitet werden: {exc.strerror or exc}."
    return ("Im Programm ist ein unerwarteter Fehler aufgetreten. Ihre Eingaben sind noch da; "
            "bitte speichern Sie das Projekt und starten Sie das Programm neu.")


def short_label(style) -> str:
    """The style's name without its description ("Kompakt – …" → "Kompakt")."""
    return style.label.split(" – ")[0]
