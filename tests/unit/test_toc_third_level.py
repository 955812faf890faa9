"""The table of contents goes as deep as the numbered outline (up to three levels): a numbered
third-level heading („aa)“ under „a)“) is listed in DOCX, PDF and HTML; a text's own unnumbered
sub-headings are not."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest

from wizards import doctree as dt
from wizards.export import export_project
from wizards.layout import layout
from wizards.project import load_project

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "klammer.konzept"
THIRD = "Kontakt in Datenschutzfragen"


@pytest.fixture
def project(definition):
    project = load_project(EXAMPLE)
    project.design["toc"] = True
    return project


def test_layout_lists_numbered_third_level_only(definition, project):
    from wizards.assemble import assemble
    from wizards.design import Design

    document = layout(assemble(definition, project), Design.from_dict(project.design))
    toc = next(b for b in document.blocks if isinstance(b, dt.TableOfContents))
    third = [(e.number, dt.plain_text(e.text)) for e in toc.entries if e.level == 3]
    assert third == [("aa)", THIRD)]
    numbered_deep = [b for b in document.blocks if isinstance(b, dt.Heading) and b.level == 3 and b.number]
    assert len(third) == len(numbered_deep)


def test_docx_toc_has_the_third_level(definition, project, tmp_path):
    target = tmp_path / "klammer.docx"
    export_project("docx", definition, project, target)
    entries = [(p.style.name, " ".join(p.text.split())) for p in docx.Document(str(target)).paragraphs
               if p.style.name.startswith("toc ")]
    assert ("toc 3", f"aa) {THIRD}") in entries
    # Word's own update (F9) keeps three levels
    assert 'TOC \\o "1-3"' in _document_xml(target)


def test_pdf_toc_has_the_third_level(definition, project, tmp_path):
    target = tmp_path / "klammer.pdf"
    export_project("pdf", definition, project, target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    toc_page = next(page for page in text.split("\f") if "Inhaltsverzeichnis" in page)
    assert re.search(rf"aa\)\s+{THIRD}[\s.]*\d+", toc_page), toc_page


def _document_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode()


def test_html_toc_has_the_third_level(definition, project, tmp_path):
    target = tmp_path / "klammer.html"
    export_project("html", definition, project, target)
    nav = re.search(r"<nav .*?</nav>", target.read_text(encoding="utf-8"), re.S).group(0)
    assert f"aa) {THIRD}</a>" in nav
