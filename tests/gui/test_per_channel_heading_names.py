"""A per-channel heading the clerk renamed with „{Plattform}“ is named in the step list, on the
section's page and in the outline tree as a clerk reads it: no placeholder braces, marked „(je Kanal)“."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from tests.e2e.test_clerk_flows import click, click_step
from tests.gui.test_outline_page import _open_outline, _select, _texts


def _step_text(window, step_id: str) -> str:
    row = next(i for i, s in enumerate(window.step_list.steps) if s.id == step_id)
    return window.step_list.item(row).text()


def _per_channel_key(session) -> str:
    """The per-channel „Beschreibung des Angebots“, added as the clerk does from the catalogue."""
    assert session.definition.sections["beschreibung_angebot"].repeat
    return session.add_section("beschreibung_angebot")


def test_renamed_per_channel_heading_shows_the_first_channel_not_braces(window, qtbot, tmp_path, gui_definition,
                                                                         monkeypatch):
    page = _open_outline(window, qtbot, tmp_path, gui_definition)
    session = window.session
    key = _per_channel_key(session)
    page.refresh()
    channels = session.answer("kanaele", [])
    first = gui_definition.data.plattformen[channels[0]["plattform"]]["name"]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Unser Auftritt auf {Plattform}", True))
    _select(qtbot, page, key)
    click(qtbot, page.buttons["rename"])
    assert session.project.find(key).heading == "Unser Auftritt auf {Plattform}"  # stored as the pattern

    shown = f"Unser Auftritt auf {first} (je Kanal)"
    assert _step_text(window, f"section:{key}") == shown
    assert any(line.strip().endswith(shown) for line in _texts(page))
    assert not any("{" in _step_text(window, s.id) for s in window.step_list.steps)
    click_step(qtbot, window, f"section:{key}")
    assert window.current_page().title_label.text() == shown
    # the document still has one heading per channel, each with its own platform
    headings = [r.heading for r in session.assembler().sections_of(session.project.find(key))]
    assert headings[0] == f"Unser Auftritt auf {first}" and len(headings) == len(channels)


def test_before_any_channel_the_placeholder_reads_as_dots(window, qtbot, tmp_path, gui_definition):
    _open_outline(window, qtbot, tmp_path, gui_definition)
    session = window.session
    key = _per_channel_key(session)
    session.removal_guard = lambda *args: True  # the question „Kanäle entfernen?“ answered yes
    session.set_answer("kanaele", [])
    session.rename_section(key, "{Plattform} ({Kontoname})")
    assert _step_text(window, f"section:{key}") == "… (…) (je Kanal)"


def test_a_heading_for_all_channels_at_once_is_named_as_in_the_document(window, qtbot, tmp_path, gui_definition):
    _open_outline(window, qtbot, tmp_path, gui_definition)
    session = window.session
    assert session.definition.sections["plattform_allgemein"].merge_repeats
    key = next((e.key for e in session.project.walk() if e.section == "plattform_allgemein"), None) \
        or session.add_section("plattform_allgemein")
    session.rename_section(key, "Allgemeines zu {Plattform}")
    document_heading = session.assembler().sections_of(session.project.find(key))[0].heading
    assert document_heading == f"Allgemeines zu {session.assembler().context['plattformen_text']}"
    assert _step_text(window, f"section:{key}") == document_heading
