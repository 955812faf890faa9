"""Optional: the full package build as a test (``make package`` does the same).

Not collected by ``make test`` (pytest's testpaths is ``tests/``) and not part of CI.
Run it on purpose, e.g. before a release, on Linux or on the Windows build machine:

    .venv/bin/python -m pytest -m slow packaging/test_package.py

Build and checks take about 70 s on a 2-core machine (about 45 s of it PyInstaller).
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller not installed ([package] extra)")
def test_build_smoke_and_zip():
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "Alles in Ordnung" in result.stdout
    assert "ÜBERSPRUNGEN" not in result.stdout, "the GUI smoke test must run"
    assert list((ROOT / "dist").glob("Konzeptassistent-*.zip"))
