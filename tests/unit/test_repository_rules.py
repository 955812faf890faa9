"""Rules of the house a reader relies on (docs/ARCHITECTURE.md): every module says what it is,
and no module points outside the repository."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("wizards", "desktop", "resources")
OUTSIDE = ("../shared", "shared/content", "shared/reviews", "shared/DESIGN")


def modules():
    return [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]


def test_every_module_opens_with_a_docstring():
    missing = [str(p.relative_to(ROOT)) for p in modules()
               if p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []


def test_no_module_points_outside_the_repository():
    found = [f"{p.relative_to(ROOT)}: {needle}" for p in modules() for needle in OUTSIDE
             if needle in p.read_text(encoding="utf-8")]
    found += [f"README.md: {needle}" for needle in OUTSIDE if needle in (ROOT / "README.md").read_text(encoding="utf-8")]
    assert found == []


def test_no_data_or_document_points_outside_the_repository():
    """Content files (YAML, Markdown) and the docs stand alone too: a clone has no ../shared."""
    files = [p for folder in (*PACKAGES, "docs", "packaging") for suffix in ("*.yaml", "*.md")
             for p in (ROOT / folder).rglob(suffix) if "node_modules" not in p.parts]
    found = [f"{p.relative_to(ROOT)}: {needle}" for p in files for needle in OUTSIDE
             if needle in p.read_text(encoding="utf-8")]
    assert files and found == []
