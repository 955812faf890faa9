"""The clerk's own outline: numbering schemes, nesting to three levels, unnumbered sections,
the title block, the outline command and format 2 (issue 11). Exports are reopened."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from wizards import doctree as dt
from wizards.assemble import assemble
from wizards.design import Design
from wizards.export import write
from wizards.layout import layout, outline_lines
from wizards.numbering import SCHEMES, alpha, number, roman
from wizards.project import EXAMPLES, FORMAT_VERSION, OutlineEntry, Project, load_project, named_example, save_project

ROOT = Path(__file__).resolve().parents[2]


def _three_levels(definition, example) -> Project:
    """Heilbronn outline with a custom section at level 3 and a question heading."""
    project = example
    project.outline = [
        OutlineEntry(section="zweck", heading="Warum nutzen wir soziale Medien?"),
        OutlineEntry(section="datenschutz", children=[
            OutlineEntry(section="datenschutzerklaerung", children=[
                OutlineEntry(custom_id="eigener-kinder", heading="Kinder und Jugendliche", text="Text.")]),
            OutlineEntry(section="dsfa_hinweis"),
        ]),
        OutlineEntry(custom_id="eigener-schluss", heading="Schlussbemerkung", text="Ende."),
    ]
    return project


def _headings(document) -> list[tuple[int, str, str]]:
    return [(b.level, b.number, dt.plain_text(b.text)) for b in document.blocks if isinstance(b, dt.Heading)]


def test_number_forms():
    assert [roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
    assert [alpha(n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert number(SCHEMES["1."].patterns, 2, 3, "2.") == "2.3."
    assert number(SCHEMES["1)"].patterns, 3, 2, "b)") == "bb)"
    assert number(SCHEMES["I."].patterns, 2, 1, "IV.") == "1."
    assert number(SCHEMES["keine"].patterns, 1, 1, "") == ""


@pytest.mark.parametrize("scheme, expected", [
    ("keine", ["", "", "", "", "", ""]),
    ("1", ["1", "2", "2.1", "2.1.1", "2.2", "3"]),
    ("1.", ["1.", "2.", "2.1.", "2.1.1.", "2.2.", "3."]),
    ("1.-1.1", ["1.", "2.", "2.1", "2.1.1", "2.2", "3."]),
    ("1)", ["1)", "2)", "a)", "aa)", "b)", "3)"]),
    ("I.", ["I.", "II.", "1.", "a)", "2.", "III."]),
])
@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_numbering_scheme_is_independent_of_the_style(definition, scheme, expected, style):
    """Same numbers in every style; custom sections and a question heading follow the scheme."""
    from wizards.assemble import anchor_for
    from wizards.project import example_project

    project = _three_levels(definition, example_project(definition, style))
    project.design = {"numbering": scheme}
    anchors = [anchor_for(e.key) for e in project.walk()]
    by_anchor = {b.anchor: b for b in assemble(definition, project).blocks if isinstance(b, dt.Heading)}
    assert [by_anchor[a].number for a in anchors] == expected
    assert [by_anchor[a].level for a in anchors] == [1, 1, 2, 3, 2, 1]
    assert dt.plain_text(by_anchor[anchors[0]].text) == "Warum nutzen wir soziale Medien?"
    assert dt.plain_text(by_anchor[anchors[3]].text) == "Kinder und Jugendliche"


def test_unnumbered_entry_keeps_the_count(definition, example):
    project = _three_levels(definition, example)
    project.design = {"numbering": "1."}
    project.outline[1].numbered = False
    headings = [(n, t) for _, n, t in _headings(assemble(definition, project))]
    assert ("", "Datenschutz") in headings and ("2.", "Schlussbemerkung") in headings
    assert ("2.1.", "Datenschutzerklärung") not in headings  # children of an unnumbered one: own count


def test_indent_outdent_and_limits_keep_edited_texts(example):
    project = example
    keys = [e.key for e in project.outline]
    second, third = keys[1], keys[2]
    project.find(third).text = "Mein bearbeiteter Text."
    assert project.indent(third)
    assert project.level_of(third) == 2 and project.find(second).children[-1].key == third
    assert not project.indent(keys[0])  # nothing before the first
    assert project.outdent(third) and project.level_of(third) == 1
    assert project.find(third).text == "Mein bearbeiteter Text."
    assert not project.outdent(third)  # already on top


def test_nesting_stops_at_three_levels(example):
    project = example
    a, b, c, d = (e.key for e in project.outline[:4])
    assert project.indent(b) and project.indent(c) and project.indent(c)  # c under b under a
    assert project.level_of(c) == 3
    assert project.indent(d)  # d becomes a child of a (level 2)
    assert not project.indent(d) or project.level_of(d) <= 3
    assert not project.reorder([(a, [(b, [(c, [(d, [])])])])] + [(e.key, []) for e in project.outline[1:]])


def test_reorder_after_drag_and_drop(example):
    project = example
    def tree(entries):
        return [(e.key, tree(e.children)) for e in entries]
    keys = [e.key for e in project.outline]
    rest = tree(project.outline[2:])
    structure = [(keys[1], [(keys[0], tree(project.outline[0].children))] + tree(project.outline[1].children))] + rest
    assert project.reorder(structure)
    assert project.outline[0].key == keys[1] and project.outline[0].children[0].key == keys[0]
    assert not project.reorder(structure[1:])  # an entry missing: refused, nothing changes
    assert project.outline[0].key == keys[1]


def _project_file(tmp_path, definition, example) -> Path:
    project = _three_levels(definition, example)
    project.design = {"numbering": "1.", "toc": True}
    path = tmp_path / "drei.konzept"
    save_project(project, path)
    return path


def test_docx_heading_styles_follow_the_levels(tmp_path, definition, example):
    project = load_project(_project_file(tmp_path, definition, example))
    target = tmp_path / "k.docx"
    write("docx", assemble(definition, project), target, Design.from_dict(project.design))
    styles = {p.text.strip(): p.style.name for p in Docx(target).paragraphs if p.style.name.startswith("Heading")}
    assert any(t.endswith("Warum nutzen wir soziale Medien?") and s == "Heading 1" for t, s in styles.items())
    assert any(t.endswith("Datenschutzerklärung") and s == "Heading 2" for t, s in styles.items())
    assert any(t.endswith("Kinder und Jugendliche") and s == "Heading 3" for t, s in styles.items())


def test_pdf_bookmarks_follow_the_levels(tmp_path, definition, example):
    project = load_project(_project_file(tmp_path, definition, example))
    target = tmp_path / "k.pdf"
    write("pdf", assemble(definition, project), target, Design.from_dict(project.design))
    outline = PdfReader(target).outline

    def titles(items, depth=1):
        out = []
        for item in items:
            if isinstance(item, list):
                out += titles(item, depth + 1)
            else:
                out.append((depth, item.title))
        return out
    marks = titles(outline)
    assert (1, "2. Datenschutz") in marks
    assert (2, "2.1. Datenschutzerklärung") in marks
    assert (3, "2.1.1. Kinder und Jugendliche") in marks


def test_title_block_settings(definition, example):
    project = example
    project.design = {"title": "Soziale Medien – Konzept", "subtitle": "Entwurf für den Hauptausschuss",
                      "stand_line": "ein", "stand_text": "Fassung vom {datum}",
                      "title_lines": ["Gemeinde Musterstadt", "Rathausplatz 1, 12345 Musterstadt"]}
    doc = layout(assemble(definition, project), Design.from_dict(project.design))
    title = next(b for b in doc.blocks if isinstance(b, dt.Title))
    assert dt.plain_text(title.text) == "Soziale Medien – Konzept"
    assert dt.plain_text(title.subtitle) == "Entwurf für den Hauptausschuss"
    small = [dt.plain_text(b.content) for b in doc.blocks if isinstance(b, dt.Paragraph) and b.style == "small"]
    assert small[:3] == ["Fassung vom 01.11.2026", "Gemeinde Musterstadt", "Rathausplatz 1, 12345 Musterstadt"]


def test_stand_line_off_drops_the_style_subtitle(definition, example):
    project = example
    project.style = "herford"
    project.design = {"stand_line": "aus"}
    text = " ".join(dt.plain_text(b.subtitle) for b in assemble(definition, project).blocks if isinstance(b, dt.Title))
    assert "Stand" not in text


@pytest.mark.parametrize("position", ["titel", "inhalt", "ende", "seite"])
@pytest.mark.parametrize("title_page", [False, True])
def test_version_table_label_and_position_never_twice(tmp_path, definition, example, position, title_page):
    project = example
    project.design = {"title_page": title_page, "history_label": "Änderungsverlauf", "history_position": position,
                      "history": [{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erste Fassung"}]}
    design = Design.from_dict(project.design)
    target = tmp_path / "k.pdf"
    write("pdf", assemble(definition, project), target, design)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert text.count("Änderungsverlauf") == 1
    assert text.count("Erste Fassung") == 1
    assert "Versionshistorie" not in text
    title = dt.plain_text(next(b for b in assemble(definition, project).blocks if isinstance(b, dt.Title)).text)
    assert text.count(title.split()[0]) >= 1


@pytest.mark.parametrize("title_page", [False, True])
def test_version_table_after_the_table_of_contents(tmp_path, definition, title_page):
    """Some houses put the document history after the TOC, before the first section."""
    import docx

    from wizards.project import example_project

    project = example_project(definition, "herford")  # has a table of contents
    project.design = {**project.design, "title_page": title_page, "history_label": "Dokumentenhistorie",
                      "history_position": "inhalt",
                      "history": [{"stand": "01.03.2026", "version": "1.0", "aenderung": "Erste Fassung"}]}
    design = Design.from_dict(project.design)
    document = assemble(definition, project)
    write("pdf", document, tmp_path / "k.pdf", design)
    write("docx", document, tmp_path / "k.docx", design)
    first = next(b for b in document.blocks if isinstance(b, dt.Heading) and b.number)
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "k.pdf").pages)
    toc, history = text.index("Inhaltsverzeichnis"), text.index("Dokumentenhistorie")
    assert toc < history < text.index("Erste Fassung") and text.count("Dokumentenhistorie") == 1
    body = text[history:]
    assert dt.plain_text(first.text) in body  # the first section follows the history
    word = docx.Document(str(tmp_path / "k.docx"))
    paragraphs = word.paragraphs
    at_toc = next(i for i, p in enumerate(paragraphs) if p.text == "Inhaltsverzeichnis")
    at_history = next(i for i, p in enumerate(paragraphs) if p.text == "Dokumentenhistorie")
    at_first = next(i for i, p in enumerate(paragraphs) if p.style.name.startswith("Heading")
                    and p.text.endswith(dt.plain_text(first.text)))
    last_toc_entry = max(i for i, p in enumerate(paragraphs) if p.style.name.lower().startswith("toc "))
    assert at_toc < last_toc_entry < at_history < at_first


def test_outline_command_prints_numbers_and_levels(tmp_path, definition, example):
    path = _project_file(tmp_path, definition, example)
    out = subprocess.run([sys.executable, "-m", "wizards.cli", "outline", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "1. Warum nutzen wir soziale Medien?" in lines
    assert "  2.1. Datenschutzerklärung" in lines
    assert "    2.1.1. Kinder und Jugendliche" in lines


def test_format_1_files_open_and_stay_the_same(tmp_path, definition, style):
    """A file written by an earlier version (format 1) opens unchanged and is saved in the current format."""
    from wizards.project import example_project

    project = example_project(definition, style)
    old = project.to_dict()
    old["format_version"] = 1
    path = tmp_path / "alt.konzept"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    reopened = load_project(path)
    assert assemble(definition, reopened) == assemble(definition, project)
    save_project(reopened, path)
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == FORMAT_VERSION
    assert assemble(definition, load_project(path)) == assemble(definition, project)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_further_examples_export_and_example_command(tmp_path, definition, name):
    out = subprocess.run([sys.executable, "-m", "wizards.cli", "example", "--name", name, "--out",
                          str(tmp_path / "x.konzept")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    project = load_project(tmp_path / "x.konzept")
    assert project.to_dict() == named_example(definition, name).to_dict()
    document = layout(assemble(definition, project), Design.from_dict(project.design))
    assert outline_lines(document)
    write("docx", document, tmp_path / "x.docx", Design.from_dict(project.design))
    assert Docx(tmp_path / "x.docx").paragraphs


@pytest.mark.parametrize("preset", ["rheinland-pfalz", "baden-wuerttemberg", "bayern", "webseite", "einrichtung-kurz"])
def test_presets_set_outline_and_numbering_and_keep_edited_texts(tmp_path, definition, example, preset):
    from wizards.assemble import apply_preset

    example.find("zweck").text = "Unser eigener Zweck-Text."
    apply_preset(definition, example, preset)
    assert example.design["numbering"] == definition.presets[preset].numbering
    zweck = example.find("zweck")
    assert zweck is not None and zweck.text == "Unser eigener Zweck-Text."
    document = layout(assemble(definition, example), Design.from_dict(example.design))
    lines = outline_lines(document)
    expected_top = [item for item in definition.presets[preset].outline if item.heading]
    for item in expected_top:
        assert any(line.strip().endswith(item.heading) for line in lines), item.heading
    target = tmp_path / "v.pdf"
    write("pdf", document, target, Design.from_dict(example.design))
    assert "Unser eigener Zweck-Text." in "".join(p.extract_text() for p in PdfReader(target).pages)


def test_web_page_preset_title_and_question_headings(definition, example):
    from wizards.assemble import apply_preset

    apply_preset(definition, example, "webseite")
    document = assemble(definition, example)
    title = next(b for b in document.blocks if isinstance(b, dt.Title))
    assert dt.plain_text(title.text) == "Soziale Medien der Gemeinde Musterstadt – Fragen und Antworten"
    headings = [h for h in _headings(document) if h[0] == 1]
    assert headings and all(number == "" for _, number, _ in headings)
    assert all(text.endswith("?") for _, _, text in headings)


def test_broken_preset_is_refused_with_file_and_key(tmp_path):
    import shutil

    from wizards.errors import DefinitionError
    from wizards.loader import DEFINITIONS_DIR, validate_definition

    folder = tmp_path / "nutzungskonzept"
    shutil.copytree(DEFINITIONS_DIR / "nutzungskonzept", folder)
    text = (folder / "presets.yaml").read_text(encoding="utf-8")
    (folder / "presets.yaml").write_text(text.replace("- {section: gruende, heading: Erforderlichkeit}",
                                                      "- {section: gibtsnicht}"), encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        validate_definition(folder)
    assert "presets.yaml" in str(err.value) and "gibtsnicht" in str(err.value)


@pytest.mark.parametrize("form, present, absent", [
    ("stern", "Bürger*innen", ["Bürgerinnen und Bürger", "Nutzerinnen und Nutzer", "Bürger:innen"]),
    ("doppelpunkt", "Nutzer:innen", ["Nutzerinnen und Nutzer", "Bürger*innen", "Nutzer*innen"]),
    ("paarform", "Bürgerinnen und Bürger", ["Bürger*innen", "Nutzer*innen", "Bürger:innen"]),
])
def test_gender_form_applies_to_every_variant(definition, form, present, absent):
    """Sections from all three styles in one concept: one gender form throughout; edited text stays."""
    from wizards.project import example_project

    project = example_project(definition, "sassenberg")
    project.find("zweck").variant = "herford"
    project.find("einleitung").variant = "heilbronn"
    project.find("alternativen").text = "Wir antworten allen Bürger*innen und Bürgerinnen und Bürgern."
    project.design = {"gender": form}
    full = render_plain(assemble(definition, project))
    assert present in full
    for form_text in absent:
        assert form_text not in full.replace("Wir antworten allen Bürger*innen und Bürgerinnen und Bürgern.", ""), form_text
    assert "Wir antworten allen Bürger*innen und Bürgerinnen und Bürgern." in full


def render_plain(document) -> str:
    from wizards.writers.debug import render_debug

    return render_debug(document).replace("\\*", "*")
