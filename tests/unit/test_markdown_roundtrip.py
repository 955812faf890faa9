"""Markdown ↔ document tree: any input parses, and what the editor writes reads back the same."""
from __future__ import annotations

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from wizards import doctree as dt
from wizards.markdown import MAX_LIST_DEPTH, Run, from_blocks, group_runs, normalize_blocks, runs_of, to_blocks
from wizards.sanitize import MISSING_CLOSE, MISSING_OPEN

SPECIAL = "*_[]<>&#|\\`-+.)!~ "
words = st.text(string.ascii_letters + "äöüßÄ", min_size=1, max_size=8)
any_text = st.text(string.ascii_letters + "äö0123456789" + SPECIAL + "\t", min_size=1, max_size=20)


def inlines(text, spaced=False):
    missing = words.map(lambda w: dt.Emph((dt.Missing(w), dt.Text(" ")))) if spaced else words.map(dt.Missing)
    leaf = st.one_of(text.map(dt.Text), st.just(dt.LineBreak()), missing)
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=3).map(lambda c: dt.Strong(tuple(c))),
            st.lists(children, min_size=1, max_size=3).map(lambda c: dt.Emph(tuple(c))),
            st.lists(children, min_size=1, max_size=3).map(
                lambda c: dt.Link("https://example.org/seite?a=1", tuple(c))),
        ),
        max_leaves=4,
    )


def blocks(text, depth=0, spaced=False):
    line = st.lists(inlines(text, spaced), min_size=1, max_size=5).map(tuple)
    simple = st.one_of(line.map(dt.Paragraph), line.map(lambda t: dt.Heading(3, t)))
    if depth >= 3:
        return st.lists(simple, min_size=1, max_size=3)
    items = st.lists(st.deferred(lambda: blocks(text, depth + 1, spaced)).map(tuple), min_size=1, max_size=3)
    lists = st.builds(lambda i, o: dt.BulletList(tuple(i), o), items, st.booleans())
    table = st.builds(lambda h, r: dt.Table(tuple(h), (tuple(r),)),
                      st.lists(line, min_size=1, max_size=3), st.lists(line, min_size=1, max_size=3))
    return st.lists(st.one_of(simple, lists, table), min_size=1, max_size=3)


def look(blocks):
    """What a reader sees: blocks with their text runs; a space shows no bold or italic."""
    def inl(inlines):
        runs = []
        for r in runs_of(inlines):
            for part in re.split(r"(\s+)", r.piece) if isinstance(r.piece, str) else [r.piece]:
                blank = isinstance(part, str) and not part.strip()
                runs.append(Run(part, r.bold and not blank, r.italic and not blank, r.href))
        return runs_of(group_runs([r for r in runs if r.piece != ""]))

    out = []
    for block in blocks:
        if isinstance(block, dt.Paragraph):
            out.append(("p", inl(block.content)))
        elif isinstance(block, dt.Heading):
            out.append(("h", inl(block.text)))
        elif isinstance(block, dt.BulletList):
            out.append(("l", block.ordered, [look(item) for item in block.items]))
        elif isinstance(block, dt.Table):
            out.append(("t", [inl(c) for c in block.header], [[inl(c) for c in row] for row in block.rows]))
    return out


def plain(blocks) -> str:
    """The words of a tree, without structure or formatting."""
    out = []

    def walk(node):
        if isinstance(node, dt.Text):
            out.append(node.text)
        elif isinstance(node, dt.Missing):
            out.append(f"[{node.label}]")
        elif isinstance(node, (tuple, list)):
            for child in node:
                walk(child)
        elif isinstance(node, (dt.Strong, dt.Emph, dt.Link)):
            walk(node.children)
        elif isinstance(node, (dt.Paragraph,)):
            walk(node.content)
        elif isinstance(node, dt.Heading):
            walk(node.text)
        elif isinstance(node, dt.BulletList):
            walk(node.items)
        elif isinstance(node, dt.Table):
            walk(node.header)
            walk(node.rows)
    walk(blocks)
    return "".join("".join(out).split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks(words.map(lambda w: w + " "), spaced=True))
def test_what_the_editor_writes_reads_back_exactly(tree):
    """Words, missing values and line breaks with any bold/italic/link: the look survives.
    (Where the look changes inside a word, Markdown sometimes cannot say it; see below.)"""
    markdown = from_blocks(tree)
    assert look(to_blocks(markdown)) == look(normalize_blocks(tree))
    assert from_blocks(to_blocks(markdown)) == markdown


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks(any_text))
def test_markup_characters_typed_as_text_stay_text(tree):
    markdown = from_blocks(tree)
    back = to_blocks(markdown)
    assert plain(back) == plain(normalize_blocks(tree))
    assert from_blocks(back) == markdown


@settings(max_examples=300, deadline=None)
@given(st.text(SPECIAL + "ab\n1" + MISSING_OPEN + MISSING_CLOSE, max_size=200))
def test_any_markdown_parses_and_writes_back_stably(source):
    tree = to_blocks(source)
    again = to_blocks(from_blocks(tree))
    assert plain(again) == plain(tree)
    assert from_blocks(again) == from_blocks(tree)


def test_literal_markup_survives():
    for text in ("_Presse_", "__init__", "</b> bleibt", "**kein Fett**", "&amp;", "1. Mai", "- kein Punkt",
                 "# keine Überschrift", "a | b", "[kein Link](https://x.de)", "`code`", "C:\\Pfad\\"):
        tree = (dt.Paragraph((dt.Text(text),)),)
        assert to_blocks(from_blocks(tree)) == tree, text


def test_hard_line_breaks_survive():
    address = (dt.Paragraph((dt.Text("Gemeinde Musterstadt"), dt.LineBreak(), dt.Text("Hauptstraße 1"),
                             dt.LineBreak(), dt.Text("12345 Musterstadt"))),)
    assert to_blocks(from_blocks(address)) == address


def test_bold_ending_in_a_space_is_bold_without_stars():
    tree = (dt.Paragraph((dt.Text("eine "), dt.Strong((dt.Text("freundliche "),)), dt.Text("Kommunikation"))),)
    markdown = from_blocks(tree)
    assert markdown == "eine **freundliche** Kommunikation\n"
    assert to_blocks(markdown) == (dt.Paragraph((dt.Text("eine "), dt.Strong((dt.Text("freundliche"),)),
                                                 dt.Text(" Kommunikation"))),)


def test_pathological_nesting_parses_quickly_and_keeps_the_words():
    for source in ("*" * 5000 + "a" + "*" * 5000, "_" * 6000 + "x" + "_" * 6000, "[" * 3000 + "a" + "]" * 3000,
                   "- " * 300 + "x", "".join("  " * i + "- b\n" for i in range(40))):
        tree = to_blocks(source)
        assert plain(tree).strip("*_[]- ")
    assert plain(to_blocks("".join("  " * i + f"- {i}\n" for i in range(15)))).replace("-", "") == "".join(map(str, range(15)))
    deep = to_blocks("".join("  " * i + f"- {i}\n" for i in range(8)))

    def depth(blocks):
        return max((1 + max((depth(i) for i in b.items), default=0) for b in blocks if isinstance(b, dt.BulletList)),
                   default=0)
    assert depth(deep) == MAX_LIST_DEPTH
    assert plain(deep) == "".join(str(i) for i in range(8))


def test_empty_items_and_lists_are_left_out():
    assert to_blocks("Text\n\n- \n") == (dt.Paragraph((dt.Text("Text"),)),)
    assert to_blocks("- a\n-\n- b") == (dt.BulletList(((dt.Paragraph((dt.Text("a"),)),),
                                                        (dt.Paragraph((dt.Text("b"),)),))),)
    assert from_blocks((dt.BulletList(((), (dt.Paragraph(()),))),)) == "\n"


def test_editor_leftovers_and_hostile_texts_export(definition, tmp_path):
    """Texts the old editor saved (empty bullet, bold ending in a space, literal </b>) and
    hostile nesting export to PDF and DOCX."""
    from wizards.assemble import assemble
    from wizards.project import example_project
    from wizards.writers.docx import write_docx
    from wizards.writers.pdf import write_pdf

    texts = ["Wir gestalten.\n\n- \n", "- a\n-\n\n1. \n", "eine **freundliche **Kommunikation",
             "[presse@musterstadt.de](mailto:presse@musterstadt.de) und danach Text", "vorher </b> nachher",
             "*" * 500 + "a" + "*" * 500, "_" * 600 + "x" + "_" * 600, "- " * 200 + "x",
             "".join("  " * i + f"- Ebene {i}\n" for i in range(12))]
    project = example_project(definition, "herford")
    entries = [e for e in project.walk() if not e.is_custom][:len(texts)]
    for entry, text in zip(entries, texts):
        entry.text = text
    document = assemble(definition, project)
    write_pdf(document, tmp_path / "k.pdf")
    write_docx(document, tmp_path / "k.docx")
    assert (tmp_path / "k.pdf").stat().st_size > 1000 and (tmp_path / "k.docx").stat().st_size > 1000


def test_a_pdf_failure_names_its_section_without_exception_names(definition, monkeypatch):
    """Whatever reportlab trips over, the clerk reads which section and what to try, in German."""
    from reportlab.platypus import paragraph

    from wizards.assemble import assemble
    from wizards.errors import ExportError
    from wizards.project import example_project
    from wizards.writers.pdf import render_pdf

    wrap = paragraph.Paragraph.wrap

    def failing_wrap(self, *args):
        if "KAPUTT" in self.text:
            raise IndexError("list index out of range")
        return wrap(self, *args)

    monkeypatch.setattr(paragraph.Paragraph, "wrap", failing_wrap)
    project = example_project(definition, "sassenberg")
    project.find("zweck").text = "Ein Satz.\n\n- KAPUTT\n"
    document = assemble(definition, project)
    with pytest.raises(ExportError) as caught:
        render_pdf(document)
    message = str(caught.value)
    assert "IndexError" not in message and "\n" not in message, message
    assert "im Abschnitt „2 Zweck" in message or "im Abschnitt „2. Zweck" in message, message
