"""The headless command line, as IT staff or a script would use it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "wizards.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_version():
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("Konzeptassistent ")


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_example_then_export(tmp_path, style):
    project = tmp_path / f"{style}.konzept"
    assert cli("example", "--style", style, "--out", project).returncode == 0
    result = cli("export", project, "--docx", tmp_path / "k.docx", "--pdf", tmp_path / "k.pdf")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Musterstadt" in PdfReader(tmp_path / "k.pdf").pages[0].extract_text()
    assert (tmp_path / "k.docx").stat().st_size > 5000


def test_errors_are_one_german_line_and_nonzero(tmp_path):
    broken = tmp_path / "kaputt.konzept"
    broken.write_text("{nicht json", encoding="utf-8")
    for args in (("export", broken, "--pdf", tmp_path / "x.pdf"),
                 ("export", tmp_path / "fehlt.konzept", "--pdf", tmp_path / "x.pdf"),
                 ("example", "--style", "barock", "--out", tmp_path / "x.konzept"),
                 ("export",)):
        result = cli(*args)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Fehler: "), result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_export_into_missing_folder_is_a_clear_error(tmp_path):
    project = tmp_path / "k.konzept"
    cli("example", "--style", "herford", "--out", project)
    result = cli("export", project, "--pdf", tmp_path / "gibtsnicht" / "k.pdf")
    assert result.returncode == 1
    assert result.stderr.startswith("Fehler: ") and "Traceback" not in result.stderr


def test_help_of_every_command_is_german():
    for args in (("--help",), ("export", "--help"), ("example", "--help"), ("check", "--help")):
        result = cli(*args)
        assert result.returncode == 0, args
        assert "Diese Hilfe anzeigen" in result.stdout


def _export(project, tmp_path, docx, pdf, sequential=False):
    import os

    env = dict(os.environ)
    env.pop("KONZEPTASSISTENT_SEQUENTIAL", None)
    if sequential:
        env["KONZEPTASSISTENT_SEQUENTIAL"] = "1"
    return subprocess.run([sys.executable, "-m", "wizards.cli", "export", str(project), "--docx", str(docx),
                           "--pdf", str(pdf)], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize("sequential", [False, True])
def test_docx_and_pdf_fail_in_order_whether_or_not_the_pdf_is_made_alongside(tmp_path, sequential):
    project = tmp_path / "k.konzept"
    cli("example", "--style", "heilbronn", "--out", project)
    # the Word file fails first: no PDF is written
    result = _export(project, tmp_path, tmp_path / "fehlt" / "k.docx", tmp_path / "k.pdf", sequential)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("Fehler: Die Word-Datei") and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "k.pdf").exists()
    # the PDF fails: the Word file is written, then the PDF's error follows
    result = _export(project, tmp_path, tmp_path / "k.docx", tmp_path / "fehlt" / "k.pdf", sequential)
    assert result.returncode == 1
    assert result.stdout == f"Geschrieben: {tmp_path / 'k.docx'}\n"
    assert result.stderr.startswith("Fehler: Die PDF-Datei") and len(result.stderr.splitlines()) == 1
    assert (tmp_path / "k.docx").stat().st_size > 5000 and not list(tmp_path.rglob("*.pdf"))


def test_pdf_made_alongside_equals_the_one_made_alone(tmp_path):
    project = tmp_path / "k.konzept"
    cli("example", "--style", "sassenberg", "--out", project)
    texts = []
    for sequential in (False, True):
        pdf = tmp_path / f"k-{sequential}.pdf"
        result = _export(project, tmp_path, tmp_path / f"k-{sequential}.docx", pdf, sequential)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert result.stdout.splitlines() == [f"Geschrieben: {tmp_path / f'k-{sequential}.docx'}", f"Geschrieben: {pdf}"]
        texts.append([page.extract_text() for page in PdfReader(pdf).pages])
    assert texts[0] == texts[1] and len(texts[0]) > 3
