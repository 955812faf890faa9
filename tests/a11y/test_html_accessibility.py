"""The web page export: semantic, self-contained, and 0 axe-core violations in real Chromium."""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from a11y_browser import Chromium, axe_script, chromium_binary, run_axe
from helpers.documents import sample_document
from wizards.assemble import assemble
from wizards.design import Design
from wizards.documents import assemble_document, document_ids
from wizards.doctree import BulletList, Document, DocumentMeta, Heading, Paragraph, Table, Text, Title
from wizards.writers.html import contrast_on_white, readable_color, render_html, render_html_fragment, render_plain_text


REPO = Path(__file__).resolve().parents[2]
LOGO = REPO / "resources" / "icons" / "app.png"


# ---------------------------------------------------------------- structure, without a browser


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.th: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.th.append(attrs)


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def _stress_design(tmp_path) -> Design:
    return Design(logo_path=str(LOGO), primary_color="#FFF200", toc=True, header_text="Gemeinde Musterstadt",
                  history=[{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erstfassung"}])


def test_example_page_is_semantic_and_self_contained(definition, example):
    page = render_html(assemble(definition, example), Design.from_dict(example.design))
    outline = _outline(page)
    assert page.startswith("<!DOCTYPE html>")
    assert ('html', {'lang': 'de'}) in outline.tags
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    # heading ranks never skip one on the way down
    assert all(b <= a + 1 for a, b in zip(outline.headings, outline.headings[1:]))
    tags = {tag for tag, _ in outline.tags}
    assert {"main", "ul", "a", "title"} <= tags
    assert "script" not in tags and "iframe" not in tags and "link" not in tags
    assert all(th.get("scope") == "col" for th in outline.th)
    for tag, attrs in outline.tags:  # nothing is loaded from elsewhere
        assert not (attrs.get("src") or "").startswith(("http", "//")), (tag, attrs)
    assert "http" not in re.sub(r'href="[^"]*"|content="[^"]*"', "", page.split("</head>")[0])


def test_user_text_is_escaped_and_logo_embedded(tmp_path):
    page = render_html(sample_document(), _stress_design(tmp_path))
    assert "&lt;Bürgerinnen&gt;" in page and "&amp; informiert" in page
    assert "<Bürgerinnen>" not in page
    assert 'src="data:image/png;base64,' in page and 'alt="Logo: Gemeinde Musterstadt"' in page
    assert '<mark>[Name der Leitung]</mark>' in page
    assert '<th scope="col">Servicezeiten</th>' in page and "<ol>" in page and "<nav " in page
    assert '<a href="mailto:presse@musterstadt.example">' in page
    # the chosen yellow would be unreadable on white: headings use a darkened shade
    assert "#FFF200;" not in page.split("mark {")[0]


def test_unsafe_links_become_text():
    from wizards.doctree import Link

    doc = Document(DocumentMeta(title="T"), (Paragraph((Link("javascript:alert(1)", (Text("klick"),)),
                                                         Link("file:///etc/passwd", (Text("datei"),)))),))
    page = render_html(doc)
    assert "javascript:" not in page and "file:" not in page and "klick" in page and "datei" in page


def test_headings_never_skip_a_rank():
    doc = Document(DocumentMeta(title="T"), (
        Title((Text("Titel"),)),
        Heading(3, (Text("Unterpunkt ohne Abschnitt"),)),
        Heading(1, (Text("Abschnitt"),), number="1."),
        Heading(3, (Text("Unterpunkt"),)),
        Heading(2, (Text("Teil"),), number="1.1"),
        Heading(3, (Text("Unterpunkt"),)),
    ))
    assert _outline(render_html(doc)).headings == [1, 2, 2, 3, 3, 4]


def test_empty_header_cell_is_no_header():
    doc = Document(DocumentMeta(title="T"), (Table(header=((), (Text("Kanal"),)), rows=(((Text("a"),), (Text("b"),)),)),))
    page = render_html(doc)
    assert "<th scope=\"col\"></th>" not in page and '<th scope="col">Kanal</th>' in page


@pytest.mark.parametrize("color", ["#FFF200", "#FFFFFF", "#1F4E79", "#E30613", "#00A0E3"])
def test_readable_color_reaches_contrast(color):
    shade = readable_color(color)
    assert contrast_on_white(shade) >= 4.5
    if contrast_on_white(color) >= 4.5:
        assert shade == color


def test_fragment_and_plain_text_for_the_cms(definition, example):
    document = assemble(definition, example)
    fragment = render_html_fragment(document, Design.from_dict(example.design))
    assert fragment.startswith("<h1>") and "<html" not in fragment and "<style" not in fragment
    text = render_plain_text(document)
    assert "<" not in text.replace("<Bürgerinnen>", "")
    first_heading = next(b for b in document.blocks if isinstance(b, Heading))
    assert first_heading.text[0].text in text


def test_plain_text_lists():
    doc = Document(DocumentMeta(title="T"), (
        BulletList(items=((Paragraph((Text("eins"),)),), (Paragraph((Text("zwei"),)),)), ordered=True),))
    assert "1. eins\n2. zwei" in render_plain_text(doc)


# ---------------------------------------------------------------- axe-core in Chromium


@pytest.fixture(scope="module")
def browser():
    binary, axe = chromium_binary(), axe_script()
    missing = []
    if binary is None:
        missing.append("Chromium (Debian-Paket chromium)")
    if axe is None:
        missing.append("axe-core (tests/a11y/node_modules)")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{' and '.join(missing)} missing: .ci/install-system-deps installs them")
        pytest.skip(f"{' and '.join(missing)} not installed; run .ci/install-system-deps")
    chromium = Chromium(binary)
    yield chromium, axe
    chromium.close()


def _violations(browser, tmp_path, page: str, name: str = "seite.html") -> list[dict]:
    chromium, axe = browser
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return run_axe(chromium, path, axe)


def test_axe_finds_faults_in_a_bad_page(browser, tmp_path):
    """The check itself works: a page without language, title and alt text fails."""
    bad = '<!DOCTYPE html><html><head></head><body><img src="data:image/png;base64,iVBORw0KGgo="></body></html>'
    ids = {v["id"] for v in _violations(browser, tmp_path, bad)}
    assert {"html-has-lang", "document-title", "image-alt"} <= ids


def test_examples_have_no_axe_violations(browser, tmp_path, definition, example):
    page = render_html(assemble(definition, example), Design.from_dict(example.design))
    assert _violations(browser, tmp_path, page) == []


def test_every_node_type_with_logo_and_light_colour_has_no_axe_violations(browser, tmp_path):
    page = render_html(sample_document(), _stress_design(tmp_path))
    assert _violations(browser, tmp_path, page) == []


def test_cli_writes_the_page(browser, tmp_path, definition):
    from wizards.cli import main
    from wizards.project import example_project, save_project

    project = tmp_path / "beispiel.konzept"
    save_project(example_project(definition, "sassenberg"), project)
    target = tmp_path / "konzept.html"
    assert main(["export", str(project), "--html", str(target)]) == 0
    chromium, axe = browser
    assert run_axe(chromium, target, axe) == []


@pytest.mark.parametrize("kind", [k for k in document_ids() if k != "nutzungskonzept"])
def test_companion_documents_have_no_axe_violations(browser, tmp_path, definition, kind):
    from wizards.project import example_project

    project = example_project(definition, "heilbronn")
    page = render_html(assemble_document(kind, project), Design.from_dict(project.design))
    assert _violations(browser, tmp_path, page) == []
