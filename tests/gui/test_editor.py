"""The section editor driven with keys and clicks: lossless, Word-like, and whatever it
makes exports."""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog

from wizards import doctree as dt
from wizards.markdown import from_blocks, normalize_blocks, to_blocks
from wizards.sanitize import MISSING_CLOSE, MISSING_OPEN

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(qtbot, app):
    from desktop.widgets.richtext import RichTextEditor

    widget = RichTextEditor("Test")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.edit.setFocus()
    return widget


def _end(editor):
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)


def _click(qtbot, editor, key):
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.actions_[key]), Qt.MouseButton.LeftButton)


# ---------------------------------------------------------------- lossless

words = st.text(string.ascii_letters + "äöüß", min_size=1, max_size=7).map(lambda w: w + " ")
inline = st.recursive(
    st.one_of(words.map(dt.Text), st.just(dt.LineBreak()),
              st.text(string.ascii_letters, min_size=1, max_size=6).map(lambda w: dt.Emph((dt.Missing(w), dt.Text(" "))))),
    lambda c: st.one_of(st.lists(c, min_size=1, max_size=3).map(lambda x: dt.Strong(tuple(x))),
                        st.lists(c, min_size=1, max_size=3).map(lambda x: dt.Emph(tuple(x))),
                        st.lists(c, min_size=1, max_size=3).map(lambda x: dt.Link("mailto:presse@musterstadt.de", tuple(x)))),
    max_leaves=4)
line = st.lists(inline, min_size=1, max_size=4).map(tuple)


def _lists(depth):
    item = st.one_of(line.map(lambda t: (dt.Paragraph(t),)),
                     st.tuples(line.map(dt.Paragraph), st.deferred(lambda: _lists(depth + 1))) if depth < 3
                     else line.map(lambda t: (dt.Paragraph(t),)))
    return st.builds(lambda items, ordered: dt.BulletList(tuple(items), ordered),
                     st.lists(item, min_size=1, max_size=3), st.booleans())


toolbar_blocks = st.lists(st.one_of(line.map(dt.Paragraph), line.map(lambda t: dt.Heading(3, t)), _lists(1)),
                          min_size=1, max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(toolbar_blocks)
def test_markdown_through_the_editor_is_unchanged(editor, tree):
    """Bold, italic, lists, nested lists, links, sub-headings, line breaks: Markdown → editor → Markdown."""
    markdown = from_blocks(tree)
    editor.set_markdown(markdown)
    assert editor.markdown() == markdown


def test_literal_markup_and_addresses_survive_the_editor(editor):
    source = ("Die \\_Presse\\_ nutzt \\_\\_init\\_\\_ und \\</b> und 3 \\< 4 & 1. Mai.\n\n"
              "Gemeinde Musterstadt\\\nHauptstraße 1\\\n12345 Musterstadt\n")
    editor.set_markdown(source)
    assert "_Presse_" in editor.edit.toPlainText() and "</b>" in editor.edit.toPlainText()
    assert editor.markdown() == source
    assert to_blocks(editor.markdown())[1] == dt.Paragraph((
        dt.Text("Gemeinde Musterstadt"), dt.LineBreak(), dt.Text("Hauptstraße 1"), dt.LineBreak(),
        dt.Text("12345 Musterstadt")))


def test_typed_markup_stays_text(editor, qtbot):
    qtbot.keyClicks(editor.edit, "_Presse_ und </b> und **kein Fett**")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, SHIFT)  # a line break, as in an address
    qtbot.keyClicks(editor.edit, "Hauptstrasse 1")
    blocks = to_blocks(editor.markdown())
    assert blocks == (dt.Paragraph((dt.Text("_Presse_ und </b> und **kein Fett**"), dt.LineBreak(),
                                    dt.Text("Hauptstrasse 1"))),)


def test_missing_values_are_kept_as_markers(editor):
    editor.set_markdown(f"Wir sind **{MISSING_OPEN}Name der Verwaltung{MISSING_CLOSE}**.\n")
    assert "[[Name der Verwaltung]]" in editor.edit.toPlainText()
    assert editor.markdown() == f"Wir sind **{MISSING_OPEN}Name der Verwaltung{MISSING_CLOSE}**.\n"


# ---------------------------------------------------------------- Word-like keys


def test_ctrl_b_switches_bold_for_what_comes_next_only(editor, qtbot):
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor.edit, "eins zwei drei")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, CTRL)  # off at the end of „drei“
    qtbot.keyClicks(editor.edit, " vier")
    assert editor.markdown() == "**eins zwei drei** vier\n"
    qtbot.keyClick(editor.edit, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(editor.edit, " fuenf")
    qtbot.keyClick(editor.edit, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(editor.edit, " sechs")
    assert editor.markdown() == "**eins zwei drei** vier *fuenf* sechs\n"


def test_bold_run_ending_in_a_space_has_no_stray_stars(editor, qtbot):
    qtbot.keyClicks(editor.edit, "eine ")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor.edit, "freundliche ")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor.edit, "Kommunikation")
    markdown = editor.markdown()
    assert markdown == "eine **freundliche** Kommunikation\n"
    editor.set_markdown(markdown)
    assert editor.edit.toPlainText() == "eine freundliche Kommunikation"


def test_text_after_a_link_is_no_link(editor, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("presse@musterstadt.de", True))
    qtbot.keyClicks(editor.edit, "Mail: ")
    _click(qtbot, editor, "link")
    qtbot.keyClicks(editor.edit, " oder anrufen")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "Neue Zeile")
    assert editor.markdown() == ("Mail: [presse@musterstadt.de](mailto:presse@musterstadt.de) oder anrufen\n\n"
                                 "Neue Zeile\n")
    # also after reopening, at the end of the line, with Strg+Ende
    editor.set_markdown("Mail: [presse@musterstadt.de](mailto:presse@musterstadt.de)\n")
    qtbot.keyClick(editor.edit, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "Danach")
    assert editor.markdown().endswith("\n\nDanach\n")


def test_loading_is_no_undo_step_and_redo_works(editor, qtbot):
    editor.set_markdown("Der Text der Vorlage.\n")
    _end(editor)
    qtbot.keyClicks(editor.edit, " Mehr")
    for _ in range(5):
        qtbot.keyClick(editor.edit, Qt.Key.Key_Z, CTRL)
    assert editor.edit.toPlainText() == "Der Text der Vorlage."
    qtbot.keyClick(editor.edit, Qt.Key.Key_Y, CTRL)
    assert editor.edit.toPlainText() == "Der Text der Vorlage. Mehr"
    qtbot.keyClick(editor.edit, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.edit.toPlainText() == "Der Text der Vorlage. Mehr"


def test_toolbar_keeps_the_cursor_in_the_text(editor, qtbot):
    qtbot.keyClicks(editor.edit, "Punkte:")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    _click(qtbot, editor, "bullets")
    qtbot.keyClicks(editor.edit, "eins")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "zwei")
    _click(qtbot, editor, "indent")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "drei")
    _click(qtbot, editor, "outdent")
    assert editor.edit.hasFocus()
    assert editor.markdown() == "Punkte:\n\n- eins\n\n  - zwei\n- drei\n"
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)  # Enter in an empty item ends the list, as in Word
    _click(qtbot, editor, "heading")
    qtbot.keyClicks(editor.edit, "Zwischentitel")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "Normaler Text")
    assert editor.markdown().endswith("- drei\n\n### Zwischentitel\n\nNormaler Text\n")


# ---------------------------------------------------------------- whatever it makes exports

OPS = st.lists(st.one_of(
    st.tuples(st.just("type"), st.text(string.ascii_letters + " *_<>/[]#-1.&|`\\", min_size=1, max_size=8)),
    st.sampled_from([("key", "bold"), ("key", "italic"), ("key", "enter"), ("key", "break"), ("key", "back"),
                     ("key", "undo"), ("key", "redo"), ("key", "home"),
                     ("tool", "bullets"), ("tool", "numbers"), ("tool", "indent"), ("tool", "outdent"),
                     ("tool", "heading"), ("tool", "link")])), min_size=1, max_size=25)
KEYS = {"bold": (Qt.Key.Key_B, CTRL), "italic": (Qt.Key.Key_I, CTRL), "enter": (Qt.Key.Key_Return, Qt.KeyboardModifier(0)),
        "break": (Qt.Key.Key_Return, SHIFT), "back": (Qt.Key.Key_Backspace, Qt.KeyboardModifier(0)),
        "undo": (Qt.Key.Key_Z, CTRL), "redo": (Qt.Key.Key_Y, CTRL), "home": (Qt.Key.Key_Home, Qt.KeyboardModifier(0))}


def _drive(qtbot, editor, ops):
    for kind, what in ops:
        if kind == "type":
            qtbot.keyClicks(editor.edit, what)
        elif kind == "key":
            qtbot.keyClick(editor.edit, *KEYS[what])
        else:
            _click(qtbot, editor, what)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS)
def test_whatever_the_editor_makes_is_stable_and_exports(editor, qtbot, monkeypatch, gui_definition, tmp_path, ops):
    from wizards.assemble import assemble
    from wizards.project import example_project
    from wizards.writers.docx import write_docx
    from wizards.writers.pdf import render_pdf

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("https://musterstadt.de", True))
    editor.set_markdown("Vorlage.\n")
    _end(editor)
    _drive(qtbot, editor, ops)
    markdown = editor.markdown()
    editor.set_markdown(markdown)
    assert editor.markdown() == markdown  # what was saved reopens as it was
    assert to_blocks(markdown) == normalize_blocks(to_blocks(markdown))
    project = example_project(gui_definition, "sassenberg")
    project.find("zweck").text = markdown
    document = assemble(gui_definition, project)
    assert render_pdf(document)[:4] == b"%PDF"  # the preview renders the same PDF
    write_docx(document, tmp_path / "k.docx")


def test_characters_the_pdf_cannot_draw_are_marked_where_they_stand(editor):
    editor.set_markdown("Wir freuen uns 👍 über Ihre Nachricht – danke!\n")
    block = editor.edit.document().begin()
    marked = [(r.start, r.length) for r in block.layout().formats()
              if r.format.background().color().name() == "#f4c7c3"]
    thumb = block.text().index("👍")  # Python index; Qt counts the emoji as two units
    assert marked == [(thumb, 2)]
    assert editor.markdown() == "Wir freuen uns 👍 über Ihre Nachricht – danke!\n"
