"""Several operators in one concept: facilities with their own channels (issue 11, item 7).

Each channel names who runs it (the body itself or one of its facilities); the texts name the
right one, the Impressum keeps the legal entity as provider, and a channel pointing at a removed
facility shows a gap the check names – never the wrong operator.
"""
from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from wizards.assemble import assemble
from wizards.checks import check_project
from wizards.context import build_context
from wizards.errors import DefinitionError
from wizards.loader import DEFINITIONS_DIR, load_definition
from wizards.project import OutlineEntry, Project, example_project, named_example
from wizards.writers.debug import render_debug

STYLES = ("heilbronn", "herford", "sassenberg")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def betreiber(definition) -> Project:
    return named_example(definition, "betreiber")


def _text(definition, project: Project, style: str | None = None) -> str:
    if style:
        project = copy.deepcopy(project)
        project.apply_style(definition, style)
        if project.find("angebot") is None:  # the channel overview, where each channel's operator is named
            project.outline.insert(1, OutlineEntry(section="angebot"))
    return render_debug(assemble(definition, project))


# ---------------------------------------------------------------- definition


def _broken(tmp_path, change):
    folder = tmp_path / "nutzungskonzept"
    shutil.copytree(DEFINITIONS_DIR / "nutzungskonzept", folder)
    path = folder / "steps.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kanaele = next(q for s in data["steps"] for q in s["questions"] if q["id"] == "kanaele")
    change(next(f for f in kanaele["fields"] if f["id"] == "betrieben_von"))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_reference_to_something_that_is_no_group_is_refused(tmp_path):
    folder = _broken(tmp_path, lambda f: f.update(entries_of="verwaltung.name"))
    with pytest.raises(DefinitionError, match="betrieben_von.*entries_of.*keine Gruppe"):
        load_definition(folder=folder)


def test_reference_without_its_group_is_refused(tmp_path):
    folder = _broken(tmp_path, lambda f: f.pop("entries_of"))
    with pytest.raises(DefinitionError, match="betrieben_von.*entries_of"):
        load_definition(folder=folder)


def test_facility_kinds_are_the_bodies_without_legal_personality(definition):
    kinds = next(f for f in definition.question("einrichtungen").fields if f.id == "art").options
    assert {o.id for o in kinds} >= {"jugendzentrum", "museum", "tourist_information", "einrichtung"}
    assert "stadt" not in {o.id for o in kinds}
    assert all("(Einrichtung)" not in o.label for o in kinds)


# ---------------------------------------------------------------- context


def test_each_channel_gets_its_operator_with_grammar(definition, betreiber):
    ctx = build_context(definition, betreiber.answers)
    by_name = {str(k["name"]): k["betreiber"] for k in ctx["kanaele"]}
    assert by_name["@musterstadt.example"]["hauptverwaltung"] is True
    assert by_name["@musterstadt.example"]["name"] == "Stadt Musterstadt"
    juz = by_name["@juz.musterstadt.example"]
    assert (juz["nom"], juz["gen"], juz["dat"], juz["von"]) == (
        "das Jugendzentrum Musterstadt", "des Jugendzentrums Musterstadt", "dem Jugendzentrum Musterstadt",
        "vom Jugendzentrum Musterstadt")
    ti = by_name["Tourist-Information Musterstadt"]
    assert (ti["nom"], ti["gen"], ti["von"]) == (
        "die Tourist-Information Musterstadt", "der Tourist-Information Musterstadt",
        "von der Tourist-Information Musterstadt")
    assert ctx["betreiber_nennen"] is True
    assert [str(b["name"]) for b in ctx["betreiber_liste"]] == [
        "Stadt Musterstadt", "Jugendzentrum Musterstadt", "Tourist-Information Musterstadt"]
    assert ctx["rechtstraeger"] == {"name": "Stadt Musterstadt", "vertretung": "Bürgermeisterin Erika Beispiel",
                                    "nom": "die Stadt Musterstadt"}
    assert [len(e["kanaele"]) for e in ctx["einrichtungen"]] == [1, 1]


def test_a_name_not_starting_with_its_kind_is_quoted_after_the_kind(definition, betreiber):
    answers = copy.deepcopy(betreiber.answers)
    answers["einrichtungen"][0].update(name="Haus am Markt", art="museum")
    juz = build_context(definition, answers)["einrichtungen"][0]
    assert (juz["nom"], juz["gen"]) == ("das Museum „Haus am Markt“", "des Museums „Haus am Markt“")


def test_a_single_operator_names_none(definition):
    ctx = build_context(definition, example_project(definition).answers)
    assert ctx["betreiber_nennen"] is False
    assert all(k["betreiber"]["hauptverwaltung"] for k in ctx["kanaele"])
    assert ctx["einrichtungen"] == []


def test_renaming_a_facility_carries_its_channels_along(definition, betreiber):
    answers = copy.deepcopy(betreiber.answers)
    answers["einrichtungen"][0]["name"] = "Jugendhaus Mitte"
    project = Project.from_dict({**betreiber.to_dict(), "answers": answers})
    text = _text(definition, project)
    assert "Jugendhaus Mitte (@juz.musterstadt.example auf Instagram)" in text
    assert "Jugendzentrum Musterstadt" not in text


# ---------------------------------------------------------------- texts


@pytest.mark.parametrize("style", STYLES)
def test_every_style_names_the_operator_responsible_unit_and_legal_entity(definition, betreiber, style):
    text = _text(definition, betreiber, style)
    # the channel overview / the list of channels: who runs each
    assert "betrieben vom Jugendzentrum Musterstadt" in text or \
        "| Jugendzentrum Musterstadt |" in text, style
    # responsibilities: the facility's own unit for its channel
    assert "Jugendzentrum Musterstadt (@juz.musterstadt.example auf Instagram)" in text
    assert "Leitung des Jugendzentrums, Tom Beispielmann" in text
    # Impressum: the legal entity stays the provider; the facility is named as running the channel
    impressum = text[text.index("Impressum"):]
    assert "keine eigene Rechtspersönlichkeit" in impressum
    assert "Rechtsträger" in impressum and "Stadt Musterstadt, vertreten durch Bürgermeisterin Erika Beispiel" in impressum
    assert "Parkstraße 7, 12345 Musterstadt" in impressum
    assert "verantwortlich nach § 18 Abs. 2 MStV: Tom Beispielmann" in impressum
    assert "verantwortlich nach § 18 Abs. 2 MStV: Jan Probst" in impressum  # the TI has no own person


@pytest.mark.parametrize("style", STYLES)
def test_single_operator_texts_say_nothing_about_operators(definition, style):
    text = _text(definition, example_project(definition, style), style)
    assert "betrieben vom" not in text and "betrieben von der" not in text
    assert "Rechtsträger" not in text and "Betrieben von" not in text


# ---------------------------------------------------------------- a removed facility


def test_a_removed_facility_leaves_a_gap_and_a_finding_never_the_wrong_operator(definition, betreiber):
    answers = copy.deepcopy(betreiber.answers)
    answers["einrichtungen"].pop(0)  # the youth centre; its channel still points at it
    project = Project.from_dict({**betreiber.to_dict(), "answers": answers})
    project.validate_against(definition)
    text = _text(definition, project)
    assert "Jugendzentrum Musterstadt" not in text
    assert "Betreiber des Kanals – Einrichtung entfernt" in text
    findings = [f for f in check_project(definition, project) if "entfernt" in f.message]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity == "fehler" and finding.key == "kanaele"
    assert "Kanal 3" in finding.message and "„Betrieben von“" in finding.message and "„Einrichtung“" in finding.message
    # the gap is explained by this finding, not reported a second time as a placeholder
    assert not [f for f in check_project(definition, project) if "Platzhalter" in f.message]


def test_a_reference_of_the_wrong_type_is_dropped_on_opening(definition, betreiber):
    data = betreiber.to_dict()
    data["answers"]["kanaele"][2]["betrieben_von"] = ["kein", "Text"]
    project = Project.from_dict(data)
    notes = project.validate_against(definition)
    assert "betrieben_von" not in project.answers["kanaele"][2]
    assert notes


# ---------------------------------------------------------------- the example


def test_example_is_produced_by_the_cli_and_passes_the_check(tmp_path, definition):
    out = tmp_path / "b.konzept"
    run = subprocess.run([sys.executable, "-m", "wizards.cli", "example", "--name", "betreiber", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [e["name"] for e in data["answers"]["einrichtungen"]] == [
        "Jugendzentrum Musterstadt", "Tourist-Information Musterstadt"]
    assert check_project(definition, named_example(definition, "betreiber")) == []


# ---------------------------------------------------------------- companion documents


@pytest.mark.parametrize("style", STYLES)
def test_impressum_document_names_the_operator_per_channel(betreiber, style):
    from wizards.documents import assemble_document

    project = copy.deepcopy(betreiber)
    project.style = style
    text = render_debug(assemble_document("impressum", project))
    short = text[text.index("## Instagram (@juz.musterstadt.example)"):]
    short = short[:short.index("\n## ")]
    assert "Impressum: Jugendzentrum Musterstadt, Parkstraße 7, 12345 Musterstadt; Anbieter: Stadt Musterstadt, " \
           "vertreten durch Bürgermeisterin Erika Beispiel" in short
    main = text[text.index("## Instagram (@musterstadt.example)"):]
    assert "Impressum: Stadt Musterstadt, Rathausplatz 1" in main[:main.index("\n## ")]
    assert "Tom Beispielmann, Jugendzentrum Musterstadt, Parkstraße 7" in text  # § 18 Abs. 2 MStV for its channel


@pytest.mark.parametrize("style", STYLES)
def test_privacy_notice_keeps_the_legal_entity_as_controller(betreiber, style):
    from wizards.documents import assemble_document

    project = copy.deepcopy(betreiber)
    project.style = style
    text = render_debug(assemble_document("datenschutzhinweise", project))
    controller = text[text.index("{#abschnitt-verantwortlich}"):]
    controller = controller[:controller.index("\n# ")]
    assert "Stadt Musterstadt, vertreten durch Bürgermeisterin Erika Beispiel" in controller
    assert "Jugendzentrum Musterstadt (@juz.musterstadt.example auf Instagram" in controller
    assert "eigene Rechtspersönlichkeit" in controller


@pytest.mark.parametrize("kind", ["impressum", "datenschutzhinweise", "dsfa", "beschlussvorlage"])
def test_companion_documents_of_a_single_operator_say_nothing_about_operators(definition, kind):
    from wizards.documents import assemble_document

    text = render_debug(assemble_document(kind, example_project(definition)))
    assert "Rechtspersönlichkeit" not in text and "betreibende Stelle" not in text and "betrieben vo" not in text


def test_an_edited_text_naming_a_facility_is_no_old_name_of_the_body(definition, betreiber):
    from wizards.consistency import stale_mentions

    project = copy.deepcopy(betreiber)
    project.answers["einrichtungen"][0]["name"] = "Jugendzentrum Alte Mühle"
    project.find("einleitung").text = "Das Jugendzentrum Alte Mühle zeigt sein Programm. Die Stadt Altdorf grüßt."
    assert [m.mention for m in stale_mentions(definition, project)] == ["Stadt Altdorf"]


@pytest.mark.parametrize("style", STYLES)
def test_council_resolution_names_who_runs_each_channel(betreiber, style):
    from wizards.documents import assemble_document

    project = copy.deepcopy(betreiber)
    project.style = style
    text = render_debug(assemble_document("beschlussvorlage", project))
    assert "@juz.musterstadt.example" in text and "betrieben vom Jugendzentrum Musterstadt" in text
    assert "betrieben von der Tourist-Information Musterstadt" in text


def test_a_facility_without_a_channel_has_every_name_but_no_channels(definition, betreiber):
    answers = copy.deepcopy(betreiber.answers)
    answers["kanaele"] = [k for k in answers["kanaele"] if k.get("betrieben_von") != "einrichtung-touristinfo"]
    ctx = build_context(definition, answers)
    ti = ctx["einrichtungen"][1]
    assert (ti["kanaele"], ti["kanaele_text"], ti["von"]) == ([], "", "von der Tourist-Information Musterstadt")
    assert [str(b["name"]) for b in ctx["betreiber_liste"]] == ["Stadt Musterstadt", "Jugendzentrum Musterstadt"]
