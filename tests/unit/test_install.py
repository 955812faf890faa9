"""A non-editable install still finds its wizard definitions and resources."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_installed_package_finds_definitions_and_resources(tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(ROOT)], check=True, timeout=300)
    assert (target / "wizards" / "definitions" / "nutzungskonzept" / "wizard.yaml").is_file()
    assert (target / "resources" / "hilfe" / "handbuch.md").is_file()  # the offline handbook (Hilfe, F1)
    code = (
        "import wizards, resources, pathlib, sys\n"
        f"assert pathlib.Path(wizards.__file__).parent == pathlib.Path({str(target / 'wizards')!r})\n"
        "from wizards.cli import main\n"
        "sys.exit(main(['example', '--style', 'sassenberg', '--out', 'k.konzept']) or "
        "main(['export', 'k.konzept', '--pdf', 'k.pdf', '--docx', 'k.docx']))\n"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], cwd=work, env=env, check=True, timeout=120)
    assert (work / "k.pdf").stat().st_size > 5000
