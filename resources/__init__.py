"""Bundled files: fonts, icons, Qt style sheets, the reference DOCX, the example project.

``resource_path`` is the one way to find them — from a source checkout, an installed
wheel and a frozen (PyInstaller) build alike, since this package travels with its data.
"""
from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath(*parts)
