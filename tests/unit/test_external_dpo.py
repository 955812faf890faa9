"""An external data-protection officer can be a firm without a person's name (issue 11, item 9)."""
from __future__ import annotations

import pytest

from wizards.assemble import assemble
from wizards.checks import check_project
from wizards.documents import assemble_document, document_ids
from wizards.project import Project, example_project
from wizards.writers.debug import render_debug

FIRM = "Datenschutz Nordlicht GmbH"


def _with_every_section(definition, project):
    for section_id in definition.sections:
        if project.find(section_id) is None:
            project.add_section(section_id)
    return project


def _extern(definition, style, person=None, legacy_name=None):
    project = _with_every_section(definition, example_project(definition, style))
    project.answers.pop("datenschutz.dsb_name", None)
    project.answers.update({"datenschutz.dsb_art": "extern", "datenschutz.dsb_firma": FIRM})
    if person:
        project.answers["datenschutz.dsb_ansprechperson"] = person
    if legacy_name:
        project.answers["datenschutz.dsb_name"] = legacy_name
    return project


def _texts(definition, project):
    yield "nutzungskonzept", assemble(definition, project)
    for kind in document_ids():
        if kind != "nutzungskonzept":
            yield kind, assemble_document(kind, project)


def test_a_firm_alone_is_complete_in_every_document(definition, style):
    project = _extern(definition, style)
    printed = 0
    for kind, document in _texts(definition, project):
        labels = {m.label for m in document.missing}
        assert not any("Datenschutzbeauftragte" in label and "Stellungnahme" not in label for label in labels), kind
        text = render_debug(document)
        assert "FEHLT: Name" not in text and "FEHLT: Unternehmen" not in text and "Clara Schutzmann" not in text, kind
        printed += FIRM in text
    assert printed >= 2  # the concept and the privacy notice name the firm
    assert [f for f in check_project(definition, project) if f.key.startswith("datenschutz.dsb")] == []


def test_the_firms_contact_person_is_printed_with_the_firm(definition, style):
    text = render_debug(assemble(definition, _extern(definition, style, person="Jonas Prüfer")))
    assert f"Jonas Prüfer, {FIRM}" in text


def test_an_internal_officer_still_needs_a_name(definition, style):
    project = _with_every_section(definition, example_project(definition, style))
    assert "Clara Schutzmann" in render_debug(assemble(definition, project))
    del project.answers["datenschutz.dsb_name"]
    document = assemble(definition, project)
    assert "Name der oder des Datenschutzbeauftragten" in {m.label for m in document.missing}
    assert "datenschutz.dsb_name" in {f.key for f in check_project(definition, project)}


def test_an_external_firm_is_required(definition):
    project = _extern(definition, "heilbronn")
    del project.answers["datenschutz.dsb_firma"]
    assert "datenschutz.dsb_firma" in {f.key for f in check_project(definition, project)}


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_a_file_of_the_current_format_with_extern_and_a_name_keeps_the_name(definition, style):
    project = _extern(definition, style, legacy_name="Clara Schutzmann")
    # as it was saved: the person in dsb_name; opening the file moves it to the visible field
    reopened = Project.from_json(project.to_json())
    assert reopened.answers["datenschutz.dsb_name"] == "Clara Schutzmann"
    assert f"Clara Schutzmann, {FIRM}" in render_debug(assemble(definition, reopened))
    reopened.validate_against(definition)
    assert reopened.answers["datenschutz.dsb_ansprechperson"] == "Clara Schutzmann"
    assert "datenschutz.dsb_name" not in reopened.answers
    assert f"Clara Schutzmann, {FIRM}" in render_debug(assemble(definition, reopened))
