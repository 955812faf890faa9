"""The further catalogue sections (issue 11, item 4): help, a text in every style, grammatical for
every kind of body and for one or several channels."""
from __future__ import annotations

import re

import pytest

from wizards.assemble import assemble
from wizards.project import example_project
from wizards.writers.debug import render_debug

NEW = ("zielgruppen", "redaktionelle_betreuung", "technische_betreuung", "freigabe", "betroffenenrechte",
       "schutz_beschaeftigte", "sicherheit_haftung", "beschreibung_angebot")
BODIES = (("gemeinde", "NW"), ("landkreis", "BW"), ("zweckverband", "RP"), ("jugendzentrum", "NI"))
PLURAL_ONLY = re.compile(r"\b(unsere Kanäle|unseren Kanälen|der Kanäle|den Kanälen|die Kanäle|der Konten|den Konten)\b")


def _only_new_sections(definition, style, body, land, channels):
    project = example_project(definition, style)
    project.answers.update({"verwaltung.art": body, "verwaltung.bundesland": land})
    project.answers["kanaele"] = project.answers["kanaele"][:channels]
    project.outline = []
    for section_id in NEW:
        project.add_section(section_id)
    return project


def test_every_new_section_has_help_and_a_summary(definition):
    for section_id in NEW:
        section = definition.sections[section_id]
        assert section.help_worum and section.help_erwartung, section_id
        assert section.summary and len(section.summary) <= 90, section_id


@pytest.mark.parametrize("body,land", BODIES)
@pytest.mark.parametrize("channels", [1, 2])
def test_new_sections_fill_for_every_body_and_channel_count(definition, style, body, land, channels):
    document = assemble(definition, _only_new_sections(definition, style, body, land, channels))
    assert document.missing == () and document.warnings == ()
    text = render_debug(document)
    assert "Musterstadt" in text and "FEHLT" not in text
    if channels == 1:
        assert PLURAL_ONLY.findall(text) == []
    if body == "jugendzentrum":
        assert "Bürgerinnen und Bürger im Gebiet" not in text and "Bürger*innen des" not in text


def test_house_voices(definition):
    texts = {style: render_debug(assemble(definition, _only_new_sections(definition, style, "gemeinde", "NW", 2)))
             for style in ("heilbronn", "herford", "sassenberg")}
    assert "Bürgerinnen und Bürger" in texts["heilbronn"] and " wir " not in texts["heilbronn"]
    assert " wir " in texts["herford"] and " Sie " in texts["herford"]
    assert "Bürger*innen" in texts["sassenberg"]
    for text in texts.values():  # the rights: who handles them, and the provider as addressee
        assert "Art. 12 ff. DSGVO" in text and "Art. 26 Abs. 3 DSGVO" in text and "Meta Platforms Ireland" in text
        assert "Zwei-Faktor" in text and re.search(r"(Straf)?[aA]nzeige", text)
