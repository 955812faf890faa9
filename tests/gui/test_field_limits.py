"""A field never takes more text than the project file can save (no text that is later refused)."""
from __future__ import annotations


def test_line_and_multiline_fields_respect_the_save_limit(qapp, gui_definition):
    from desktop.widgets.fields import LineField, MultilineField
    from wizards.project import MAX_FIELD_CHARS

    line = LineField(gui_definition.question("verwaltung.name"))
    line.edit.setText("x" * (MAX_FIELD_CHARS + 500))
    assert len(line.value()) == MAX_FIELD_CHARS
    multi = MultilineField(gui_definition.question("datenschutz.dsb_anschrift"))
    multi.edit.setPlainText("y" * (MAX_FIELD_CHARS + 1))
    assert "Höchstens 2.000 Zeichen" in multi.problem()
    multi.edit.setPlainText("Rathausplatz 1")
    assert multi.problem() == ""
