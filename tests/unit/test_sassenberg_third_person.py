"""The Sassenberg texts in the third person (texts/sassenberg-dritte.yaml) and the channel facts
in Sassenberg's „Gründe je Kanal“ and „Allgemeines zur Plattform“.

The third-person file is rendered for every body type and channel set, as the reader sees it:
no „wir“, no possessive that only fits one grammatical gender, no doubled article.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from wizards.assemble import Assembler
from wizards.context import build_context
from wizards.loader import bundled_definition
from wizards.project import example_project

TEXTS = Path(__file__).resolve().parents[2] / "wizards" / "definitions" / "nutzungskonzept" / "texts"
FACTS = {"zweck": "Programm des Kulturzentrums bekannt machen", "zielgruppe": "junge Erwachsene",
         "abonnenten": "etwa 1.200", "abonnenten_stand": "2026-10-01", "ende": "2027-06-30"}
CHANNEL_SETS = {"ein Kanal": ["instagram"], "zwei Plattformen": ["facebook", "instagram"],
                "viele": ["tiktok", "whatsapp", "mastodon", "x", "youtube", "linkedin", "facebook", "facebook"]}
FIRST_PERSON = re.compile(r"\b(wir|uns|unser\w*)\b", re.IGNORECASE)
ARTICLES = ("der", "die", "das", "dem", "den", "des", "zur", "zum", "vom", "beim")


def _flat(markdown: str) -> str:
    return " ".join(markdown.replace("\\", "").split())


@lru_cache(maxsize=None)
def _third_person_sections() -> dict:
    return yaml.safe_load((TEXTS / "sassenberg-dritte.yaml").read_text(encoding="utf-8"))["sections"]


def _project(kind_id: str, channels: str):
    definition = bundled_definition()
    kind = definition.data.koerperschaften[kind_id]
    project = example_project(definition, "sassenberg")
    answers = project.answers
    answers.update({"verwaltung.art": kind_id, "verwaltung.bundesland": (kind.get("laender") or ["NW"])[0]})
    if kind.get("einrichtung"):
        answers.update({"verwaltung.traeger": "Kreis Musterland", "verwaltung.traeger_vertretung": "die Landrätin"})
    answers["kanaele"] = [
        {"_id": f"k{i}", "plattform": platform, "name": f"@musterstadt{i}", "url": f"https://example.org/k{i}",
         "statistik": i == 0, "frequenz": "etwa zwei Beiträge pro Woche", **(FACTS if i == 1 else {})}
        for i, platform in enumerate(CHANNEL_SETS[channels])
    ]
    return definition, project


def _render_all(kind_id: str, channels: str) -> dict[str, str]:
    """Every third-person section, filled (per-channel sections once per channel)."""
    definition, project = _project(kind_id, channels)
    context = build_context(definition, project.answers)
    cache = definition.templates
    out = {}
    for sid, variant in _third_person_sections().items():
        items = [{"kanal": k} for k in context["kanaele"]] if definition.sections[sid].repeat else [{}]
        for n, extra in enumerate(items):
            values = {**context, **extra}
            out[f"{sid}#{n}"] = _flat(cache.template(variant["heading"]).render(values) + " "
                                      + cache.template(variant["text"]).render(values))
    return out


KINDS = [k for k in bundled_definition().data.koerperschaften]


@pytest.mark.parametrize("channels", list(CHANNEL_SETS))
@pytest.mark.parametrize("kind_id", KINDS)
def test_third_person_texts_read_without_we_for_every_body(kind_id, channels):
    definition, project = _project(kind_id, channels)
    context = build_context(definition, project.answers)
    body, authority = context["verwaltung"], context["behoerde"]
    phrases = {str(body[case]) for case in ("nom", "gen", "dat", "akk")} | set(map(str, authority.values()))
    schwerpunkt = str(body["schwerpunkt"])
    for key, text in _render_all(kind_id, channels).items():
        # the body type's focus is data shared by every voice, not this file's wording
        read = text.replace(schwerpunkt, "") if schwerpunkt else text
        assert not FIRST_PERSON.search(read), (kind_id, channels, key, read)
        for phrase in phrases:  # the body's name carries its own article: never one in front of it
            for article in ARTICLES:
                assert f" {article} {phrase}" not in f" {read}", (kind_id, channels, key, article, phrase)
        assert "[Textbaustein" not in read


def test_every_sassenberg_section_has_a_third_person_text(definition):
    assert set(_third_person_sections()) == {sid for sid, s in definition.sections.items() if "sassenberg" in s.variants}


@pytest.mark.parametrize("section_id", ["gruende_kanal", "plattform_allgemein"])
def test_channel_facts_appear_in_sassenberg_per_channel_sections(definition, section_id):
    project = example_project(definition, "sassenberg")
    project.answers["kanaele"][1].update(FACTS)
    assembler = Assembler(definition, project)
    instagram, facebook = assembler.items_for(definition.sections[section_id])
    expected = {"gruende_kanal": ("Programm des Kulturzentrums bekannt machen", "junge Erwachsene"),
                "plattform_allgemein": ("etwa 1.200", "01.10.2026", "30.06.2027")}[section_id]
    for text in (_flat(assembler.render_variant(section_id, "sassenberg", facebook)[1]),
                 _flat(_render_variant_third_person(assembler, section_id, facebook))):
        for value in expected:
            assert value in text, (section_id, value, text)
    other = _flat(assembler.render_variant(section_id, "sassenberg", instagram)[1])
    assert "Kulturzentrum" not in other and "1.200" not in other and "befristet" not in other


def _render_variant_third_person(assembler: Assembler, section_id: str, item: dict) -> str:
    variant = _third_person_sections()[section_id]
    return assembler.render(variant["text"], {"kanal": item}, section_id)
