"""The core never imports Qt; the program never opens a network connection from the core."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "desktop")


def test_wizards_source_imports_no_qt_or_desktop():
    for path in (ROOT / "wizards").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.relative_to(ROOT)} imports {name}"


def test_exporting_loads_no_qt_module():
    code = (
        "import sys, tempfile, pathlib\n"
        "from wizards.loader import bundled_definition\n"
        "from wizards.project import example_project\n"
        "from wizards.assemble import assemble\n"
        "from wizards.writers.docx import render_docx\n"
        "from wizards.writers.pdf import render_pdf\n"
        "d = bundled_definition()\n"
        "doc = assemble(d, example_project(d, 'herford'))\n"
        "render_docx(doc); render_pdf(doc)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'desktop')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
