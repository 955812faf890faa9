"""The Herford style in the third person (texts/herford-dritte.yaml): the whole catalogue, for several
kinds of body and channels, speaks about the body without „wir“, names it with one article, and
keeps every fact of the „wir“ text (addresses, dates, legal citations)."""
from __future__ import annotations

import re

import pytest

from wizards.assemble import assemble
from wizards.project import example_project
from wizards.writers.debug import render_debug

FIRST_PERSON = re.compile(r"\b(?:[Ww]ir|[Uu]ns|[Uu]nser\w*)\b")
ARTICLES = "der|die|das|des|dem|den"
FACTS = {"zweck": "Programm des Kulturzentrums bekannt machen", "zielgruppe": "junge Erwachsene",
         "inhalte": "Konzerthinweise und Rückblicke", "zustaendig": "Kulturzentrum Musterstadt",
         "betreuungszeiten": "werktags 9 bis 15 Uhr", "abonnenten": "etwa 1.200",
         "abonnenten_stand": "2026-10-01", "ende": "2027-06-30"}
CHANNELS = [("instagram", "basis"), ("facebook", "seite"), ("mastodon", "basis"), ("whatsapp", "basis")]
# what a reader checks against the answers: link targets, dates, legal citations
CHECKED = re.compile(r"\]\([^)]*\)|\d\d\.\d\d\.\d{4}|Art\. \d+[^,;.)]*DSGVO|§ \d+[^,;.)]*|EuGH C-\d+/\d+")


def _document(definition, kind_id: str, perspective: str) -> str:
    kind = definition.data.koerperschaften[kind_id]
    project = example_project(definition, "herford")
    answers = project.answers
    answers["verwaltung.art"] = kind_id
    answers["verwaltung.bundesland"] = (kind.get("laender") or ["NW"])[0]
    if kind.get("einrichtung"):
        answers["verwaltung.traeger"] = "Kreis Musterland"
        answers["verwaltung.traeger_vertretung"] = "Landrätin Dr. Erika Beispiel"
    answers["kanaele"] = [
        {"_id": f"k{i}", "plattform": platform, "name": f"@musterstadt{i}", "url": f"https://example.org/k{i}",
         "kontotyp": kontotyp, "statistik": i == 1, "frequenz": "etwa zwei Beiträge pro Woche", **(FACTS if i == 0 else {})}
        for i, (platform, kontotyp) in enumerate(CHANNELS)]
    for section_id in definition.sections:
        if project.find(section_id) is None:
            project.add_section(section_id)
    project.design = {**project.design, "perspective": perspective}
    return render_debug(assemble(definition, project))


@pytest.mark.parametrize("kind_id", ["gemeinde", "landkreis", "zweckverband", "jugendzentrum", "museum"])
def test_third_person_herford_speaks_about_the_body(definition, kind_id):
    text = _document(definition, kind_id, "dritte")
    assert FIRST_PERSON.findall(text) == []
    noun = definition.data.koerperschaften[kind_id]["noun"]
    assert not re.search(rf"\b(?:{ARTICLES}) (?:{ARTICLES}) {noun}\b", text, re.IGNORECASE)  # no doubled article
    assert "FEHLT" not in text and "fehlerhaft" not in text
    assert "Programm des Kulturzentrums bekannt machen" in text and "werktags 9 bis 15 Uhr" in text


@pytest.mark.parametrize("kind_id", ["gemeinde", "jugendzentrum"])
def test_third_person_keeps_every_fact_of_the_wir_text(definition, kind_id):
    wir, dritte = (_document(definition, kind_id, p) for p in ("wir", "dritte"))
    assert FIRST_PERSON.search(wir)  # the style's own voice, for contrast
    assert set(CHECKED.findall(dritte)) == set(CHECKED.findall(wir))
    headings = [line.split("{#")[0] for line in wir.splitlines() if line.startswith("#")]
    assert len(headings) == len([line for line in dritte.splitlines() if line.startswith("#")])
