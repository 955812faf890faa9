"""Neutral forms („Nutzende“) as the document's gender form: declined by what precedes them, the pair
form where German has no idiomatic neutral noun (issue 11, item 8)."""
from __future__ import annotations

import re

import pytest

from wizards.assemble import assemble
from wizards.design import PERSPECTIVE_CHOICES
from wizards.documents import assemble_document, document_ids
from wizards.project import EXAMPLES, example_project, named_example
from wizards.voice import GENDER_FORMS, NEUTRAL_STEMS, apply_gender
from wizards.writers.debug import render_debug


@pytest.mark.parametrize("source, expected", [
    # a determiner (optionally an adjective between) → -en
    ("Der Dialog mit den Nutzerinnen und Nutzern", "Der Dialog mit den Nutzenden"),
    ("Daten der Besucherinnen und Besucher", "Daten der Besuchenden"),
    ("das Verhalten ihrer Nutzer\\*innen", "das Verhalten ihrer Nutzenden"),
    ("Dank an allen Mitarbeiterinnen und Mitarbeitern", "Dank an allen Mitarbeitenden"),
    ("unsere Mitarbeiter:innen", "unsere Mitarbeitenden"),
    ("die genannten Mitarbeiterinnen und Mitarbeiter", "die genannten Mitarbeitenden"),
    ("Die Abonnentinnen und Abonnenten sehen", "Die Abonnierenden sehen"),
    ("Kinder unter den Nutzer\\*innen", "Kinder unter den Nutzenden"),
    # no determiner: nominative/accusative -e, dative after a preposition -en
    ("Nutzer\\*innen folgen Seiten.", "Nutzende folgen Seiten."),
    ("Anfragen können Nutzer\\*innen trotzdem stellen.", "Anfragen können Nutzende trotzdem stellen."),
    ("Welche Folgen das für Nutzerinnen und Nutzer hat", "Welche Folgen das für Nutzende hat"),
    ("Austausch mit Leserinnen und Lesern", "Austausch mit Lesenden"),
    ("von anderen Nutzerinnen und Nutzern", "von anderen Nutzenden"),
    ("viele Teilnehmer:innen", "viele Teilnehmende"),
    # „die“ after a comma is a relative pronoun, not the article of the noun
    ("die Daten, die Nutzerinnen und Nutzer eingeben", "die Daten, die Nutzende eingeben"),
    ("Plattformen, auf denen Nutzerinnen und Nutzer schreiben", "Plattformen, auf denen Nutzende schreiben"),
    ("eine Plattform, auf der Nutzerinnen und Nutzer schreiben", "eine Plattform, auf der Nutzende schreiben"),
    ("wir erklären, welche Rechte Nutzer\\*innen haben", "wir erklären, welche Rechte Nutzende haben"),
    ("Daten über die registrierten Nutzerinnen und Nutzer", "Daten über die registrierten Nutzenden"),
    # no idiomatic neutral noun: the pair form, declined as before
    ("alle Bürger\\*innen", "alle Bürgerinnen und Bürger"),
    ("mit den Kolleg:innen", "mit den Kolleginnen und Kollegen"),
    ("etwa Pendlerinnen und Pendler", "etwa Pendlerinnen und Pendler"),
])
def test_neutral_forms_are_declined_by_what_precedes_them(source, expected):
    assert apply_gender(source, "neutral") == expected


def test_the_choice_names_its_fallback():
    label = GENDER_FORMS["neutral"]
    assert "Nutzende" in label and "wo möglich" in label and "Bürgerinnen und Bürger" in label


STEMS = "|".join(NEUTRAL_STEMS)
NEUTRAL = "|".join(NEUTRAL_STEMS.values())
LEFT_OVER = re.compile(rf"\b(?:{STEMS})(?:innen und|\\?\*innen|:innen)")
# a determiner right before (or one adjective between) and still the strong „-e“: „die Nutzende“
# (after a comma „die“ is a relative pronoun: „die Daten, die Nutzende bereitstellen“ is right)
WRONG = re.compile(rf"(?<!, )\b(?:die|der|den|allen|alle|unsere|unseren|ihre|ihren|ihrer|seiner|diese|diesen|keine)\s+"
                   rf"(?:[a-zäöü]+en\s+)?(?:{NEUTRAL})e\b")


def _projects(definition):
    yield from (example_project(definition, style) for style in ("heilbronn", "herford", "sassenberg"))
    yield from (named_example(definition, name) for name in EXAMPLES)


@pytest.mark.parametrize("perspective", list(PERSPECTIVE_CHOICES))
def test_every_example_and_document_in_neutral_forms(definition, perspective):
    """Every text of the examples (concept and companion documents), in every perspective: no pair or
    short form of a noun that has a neutral one, no neutral noun wrongly declined, and the neutral nouns
    really used."""
    used = 0
    for project in _projects(definition):
        project.design = {**project.design, "gender": "neutral", "perspective": perspective}
        texts = [render_debug(assemble(definition, project))]
        texts += [render_debug(assemble_document(kind, project)) for kind in document_ids()]
        for text in texts:
            text = " ".join(text.split())
            assert not LEFT_OVER.findall(text), LEFT_OVER.findall(text)
            assert not WRONG.findall(text), [m.group(0) for m in WRONG.finditer(text)]
            used += len(re.findall(rf"\b(?:{NEUTRAL})(?:e|en)\b", text))
    assert used > 20
    # nouns without a neutral form stay in the pair form
    project = example_project(definition, "sassenberg")
    project.design = {"gender": "neutral"}
    text = render_debug(assemble(definition, project)).replace("\\*", "*")
    assert "Bürgerinnen und Bürger" in text and "Bürger*innen" not in text
