"""Fachliche Prüfung: completeness, answers, channels, review date, repealed norms, CLI."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from wizards.checks import FEHLER, HINWEIS, REQUIRED_TOPICS, Finding, check_project, covered_topics, has_errors
from wizards.cli import main
from wizards.project import example_project, save_project
from wizards.schema import TOPICS, Variant

TODAY = dt.date(2026, 11, 22)
REQUIRED = ("zweck", "art_umfang", "verantwortung", "alternativen", "datenschutzerklaerung", "dsfa", "dsb",
            "moderation", "kontotyp", "ueberpruefung")


def _findings(definition, project, **kw):
    return check_project(definition, project, today=kw.pop("today", TODAY))


def _topics(findings, kind="abschnitt"):
    return {f.topic for f in findings if f.kind == kind}


def test_example_in_every_style_passes_without_any_finding(definition, example):
    findings = _findings(definition, example)
    assert [f for f in findings if f.severity == FEHLER] == []
    assert findings == [], "\n".join(str(f) for f in findings)


def test_required_topics_are_the_ten_and_point_to_a_covering_section(definition):
    assert tuple(r.topic for r in REQUIRED_TOPICS) == REQUIRED
    for rule in REQUIRED_TOPICS:
        assert rule.topic in TOPICS
        section = definition.sections[rule.section]
        assert rule.topic in section.topics, rule.section
        assert rule.severity in (FEHLER, HINWEIS) and rule.why


def test_every_style_covers_every_required_topic(definition, example):
    covered = covered_topics(definition, example)
    assert set(REQUIRED) <= set(covered), set(REQUIRED) - set(covered)


@pytest.mark.parametrize("key, topic", [("zweck", "zweck"), ("alternativen", "alternativen"),
                                        ("verantwortung", "verantwortung")])
def test_removed_section_is_reported_with_authority_and_jump_key(definition, key, topic):
    project = example_project(definition, "heilbronn")
    project.remove(key)
    findings = [f for f in _findings(definition, project) if f.kind == "abschnitt" and f.topic == topic]
    assert [(f.topic, f.severity, f.key) for f in findings] == [(topic, FEHLER, key)]
    assert "LfDI" in findings[0].message and "fehlt" in findings[0].message


def test_topic_covered_through_variant_covers(definition):
    # heilbronn covers "ueberpruefung" only through the variant of "sensibilisierung" (covers:)
    project = example_project(definition, "heilbronn")
    assert covered_topics(definition, project)["ueberpruefung"] == "sensibilisierung"
    project.remove("sensibilisierung")
    findings = _findings(definition, project)
    assert [(f.topic, f.severity, f.key) for f in findings] == [("ueberpruefung", HINWEIS, "ueberpruefung")]
    project.add_section("ueberpruefung")
    assert _findings(definition, project) == []


def test_custom_sections_cover_nothing(definition):
    project = example_project(definition, "heilbronn")
    project.remove("alternativen")
    project.add_custom_section("Alternative Kontaktmöglichkeiten", "Sie erreichen uns per Post, E-Mail und Telefon.")
    assert "alternativen" in _topics(_findings(definition, project))


def test_section_emptied_by_the_clerk_covers_nothing(definition):
    project = example_project(definition, "heilbronn")
    project.find("zweck").text = "   "
    assert "zweck" in _topics(_findings(definition, project))


def test_repeated_section_without_channels_covers_nothing(definition):
    project = example_project(definition, "sassenberg")
    covered = covered_topics(definition, project)
    assert covered["kontotyp"] == "art_umfang_kanal"
    project.answers["kanaele"] = []
    findings = _findings(definition, project)
    assert "kontotyp" in _topics(findings)
    assert any(f.key == "kanaele" and f.kind == "angabe" and f.severity == FEHLER for f in findings)


@pytest.mark.parametrize("land, severity", [("BW", FEHLER), ("NW", HINWEIS)])
def test_moderation_is_an_error_in_bw_and_a_hint_elsewhere(definition, land, severity):
    # in the Heilbronn style the section on responsibilities also covers moderation (covers:)
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = land
    assert covered_topics(definition, project)["moderation"] == "verantwortung"
    project.remove("verantwortung")
    found = [f for f in _findings(definition, project) if f.topic == "moderation" and f.kind == "abschnitt"]
    assert [(f.severity, f.key) for f in found] == [(severity, "netiquette")]
    assert "Grundregel 3" in found[0].message


# --------------------------------------------------------------------------- answers

def test_missing_required_answer(definition):
    project = example_project(definition, "heilbronn")
    del project.answers["redaktion.stelle"]
    findings = [f for f in _findings(definition, project) if f.kind == "angabe"]
    assert [(f.key, f.severity, f.topic) for f in findings] == [("redaktion.stelle", FEHLER, "verantwortung")]
    assert "Zuständige Organisationseinheit" in findings[0].message and "LfDI" in findings[0].message


def test_required_answer_respects_when(definition):
    project = example_project(definition, "heilbronn")
    assert project.answers["datenschutz.dsb_art"] == "intern"
    assert "datenschutz.dsb_firma" not in project.answers
    assert _findings(definition, project) == []
    project.answers["datenschutz.dsb_art"] = "extern"
    keys = [f.key for f in _findings(definition, project)]
    assert keys == ["datenschutz.dsb_firma"]


def test_missing_field_in_a_channel(definition):
    project = example_project(definition, "sassenberg")
    project.answers["kanaele"][0]["frequenz"] = ""
    findings = _findings(definition, project)
    assert [(f.key, f.kind) for f in findings] == [("kanaele", "angabe")]
    assert "Kanal 1" in findings[0].message


def test_missing_land_is_one_finding_not_a_flood_of_placeholders(definition):
    project = example_project(definition, "sassenberg")
    del project.answers["verwaltung.bundesland"]
    findings = _findings(definition, project)
    assert [f.key for f in findings] == ["verwaltung.bundesland"]
    assert "Aufsichtsbehörde" in findings[0].message


def test_placeholder_left_in_a_text_names_the_section(definition):
    sections = dict(definition.sections)
    zweck = sections["zweck"]
    variants = dict(zweck.variants)
    v = variants["heilbronn"]
    variants["heilbronn"] = Variant(v.heading, v.text + "\n\nFax: {{ kontakt.fax }}", v.covers, v.norms)
    sections["zweck"] = dataclasses.replace(zweck, variants=variants)
    patched = dataclasses.replace(definition, sections=sections)
    project = example_project(definition, "heilbronn")
    del project.answers["kontakt.fax"]
    findings = _findings(patched, project)
    assert [(f.key, f.kind, f.severity) for f in findings] == [("zweck", "angabe", FEHLER)]
    assert "Platzhalter" in findings[0].message and "Faxnummer" in findings[0].message


def test_pattern_mismatch_is_a_hint(definition):
    project = example_project(definition, "heilbronn")
    project.answers["anschrift.plz"] = "1234"
    assert [(f.key, f.severity) for f in _findings(definition, project)] == [("anschrift.plz", HINWEIS)]


# --------------------------------------------------------------------------- channels and dates

def _whatsapp():
    return {"_id": "kanal-wa", "plattform": "whatsapp", "name": "Musterstadt informiert",
            "url": "https://whatsapp.com/channel/musterstadt", "kontotyp": "basis", "statistik": False,
            "frequenz": "bei Bedarf"}


@pytest.mark.parametrize("land, severity", [("BW", FEHLER), ("NW", HINWEIS)])
def test_messenger_channel(definition, land, severity):
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = land
    project.answers["kanaele"].append(_whatsapp())
    found = [f for f in _findings(definition, project) if "Messenger" in f.message]
    assert [(f.severity, f.key, f.kind) for f in found] == [(severity, "kanaele", "angabe")]
    assert "LfDI BW" in found[0].message and "Musterstadt informiert" in found[0].message


def test_statistics_switched_on(definition):
    project = example_project(definition, "herford")
    project.answers["kanaele"][0]["statistik"] = True
    found = _findings(definition, project)
    assert [(f.severity, f.topic, f.key) for f in found] == [(HINWEIS, "kontotyp", "kanaele")]
    assert "DSK" in found[0].message and "Rechtsgrundlage" in found[0].message


@pytest.mark.parametrize("stand, today, reported", [
    ("2026-11-01", dt.date(2027, 11, 1), False),
    ("2026-11-01", dt.date(2027, 11, 2), True),
    ("2024-02-29", dt.date(2025, 3, 1), True),
    ("2026-11-01", dt.date(2026, 11, 22), False),
])
def test_review_date_older_than_twelve_months(definition, stand, today, reported):
    project = example_project(definition, "sassenberg")
    project.answers["konzept.stand"] = stand
    found = [f for f in check_project(definition, project, today=today) if f.key == "konzept.stand"]
    assert bool(found) == reported
    if reported:
        assert found[0].severity == HINWEIS and found[0].topic == "ueberpruefung" and "zwölf Monate" in found[0].message


def test_repealed_norm_in_custom_section_is_an_error(definition):
    project = example_project(definition, "herford")
    custom = project.add_custom_section("Impressum", "Angaben nach § 5 TMG finden Sie auf unserer Website.")
    found = _findings(definition, project)
    assert [(f.kind, f.key, f.severity, f.replacement) for f in found] == [("norm", custom.key, FEHLER, "§ 5 DDG")]
    assert has_errors(found)


def test_finding_prints_in_german():
    f = Finding(FEHLER, "zweck", "Es fehlt etwas.", "zweck", "abschnitt")
    assert str(f) == "Fehler: Es fehlt etwas."


# --------------------------------------------------------------------------- command line

def test_cli_check_exit_codes(definition, tmp_path, capsys):
    project = example_project(definition, "heilbronn")
    path = tmp_path / "gut.konzept"
    save_project(project, path)
    assert main(["check", str(path)]) == 0
    assert "Keine Beanstandungen" in capsys.readouterr().out

    project.find("zweck").text = "Wir beachten § 5 TMG."
    project.answers["kanaele"][0]["statistik"] = True
    bad = tmp_path / "alt.konzept"
    save_project(project, bad)
    assert main(["check", str(bad)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("Fehler [zweck]:") and "§ 5 DDG" in lines[0]
    assert lines[-1].startswith("Hinweis [kanaele]:")


def test_cli_check_only_hints_exits_zero(definition, tmp_path, capsys):
    project = example_project(definition, "heilbronn")
    project.answers["kanaele"][0]["statistik"] = True
    path = tmp_path / "p.konzept"
    save_project(project, path)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.startswith("Hinweis")


def test_cli_check_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "fehlt.konzept")]) == 1
    assert "Fehler" in capsys.readouterr().err
