"""Herford's per-channel texts („Allgemeines zu …“, „Gründe für den Kanal …“) use the facts the clerk
gave for that channel, and read as before where none are given."""
from __future__ import annotations

import pytest

from wizards.assemble import Assembler

FACTS = {"zweck": "Programm des Kulturzentrums bekannt machen", "zielgruppe": "junge Erwachsene",
         "inhalte": "Konzerthinweise und Rückblicke", "zustaendig": "Kulturzentrum Musterstadt, Frau Beispiel",
         "betreuungszeiten": "werktags 9 bis 15 Uhr", "abonnenten": "etwa 1.200",
         "abonnenten_stand": "2026-10-01", "ende": "2027-06-30"}
WHERE = {  # which section shows which fact, as the reader sees it
    "gruende_kanal": ("Programm des Kulturzentrums bekannt machen", "junge Erwachsene", "Konzerthinweise und Rückblicke"),
    "plattform_allgemein": ("Kulturzentrum Musterstadt, Frau Beispiel", "werktags 9 bis 15 Uhr", "etwa 1.200",
                            "01.10.2026", "30.06.2027"),
}


def _read(markdown: str) -> str:
    return " ".join(markdown.replace("\\", "").split())  # Markdown escapes off: the words as read


def _texts(definition, project, section_id: str) -> list[str]:
    assembler = Assembler(definition, project)
    section = definition.sections[section_id]
    return [_read(assembler.render_variant(section_id, "herford", item)[1]) for item in assembler.items_for(section)]


@pytest.mark.parametrize("style", ["herford"])
@pytest.mark.parametrize("section_id", sorted(WHERE))
def test_facts_of_a_channel_appear_in_its_own_text_only(definition, example, section_id):
    before = _texts(definition, example, section_id)
    example.answers["kanaele"][1].update(FACTS)  # Facebook; Instagram keeps no facts
    instagram, facebook = _texts(definition, example, section_id)
    for value in WHERE[section_id]:
        assert value in facebook, (value, facebook)
    assert instagram == before[0]  # nothing given: the text reads as before


@pytest.mark.parametrize("style", ["herford"])
def test_each_fact_shows_alone(definition, example):
    """A single fact gives a whole sentence or line, never a dangling label or an empty list."""
    for key, value in FACTS.items():
        if key == "abonnenten_stand":
            continue
        example.answers["kanaele"][1] = {k: v for k, v in example.answers["kanaele"][1].items() if k not in FACTS}
        example.answers["kanaele"][1][key] = value
        texts = " ".join(_texts(definition, example, s)[1] for s in WHERE)
        shown = {"ende": "30.06.2027"}.get(key, value)
        assert texts.count(shown) == 1, (key, texts)
        assert "Folgendes vorgenommen: Der Auftritt" not in texts  # the list is never empty
