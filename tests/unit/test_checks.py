"""Fachliche Prüfung: completeness, answers, channels, review date, repealed norms, CLI."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from wizards.checks import (
    FEHLER, HINWEIS, Finding, check_project, covered_topics, has_errors, success_line, topic_rules,
)
from wizards.cli import main
from wizards.project import EXAMPLES, example_project, save_project
from wizards.schema import TOPICS, Variant

TODAY = dt.date(2026, 11, 22)
REQUIRED = ("zweck", "art_umfang", "verantwortung", "alternativen", "datenschutzerklaerung", "dsfa", "impressum",
            "dsb", "moderation", "kontotyp", "ueberpruefung")


def _findings(definition, project, **kw):
    return check_project(definition, project, today=kw.pop("today", TODAY))


def _topics(findings, kind="abschnitt"):
    return {f.topic for f in findings if f.kind == kind}


def test_example_in_every_style_passes_without_any_finding(definition, example):
    findings = _findings(definition, example)
    assert [f for f in findings if f.severity == FEHLER] == []
    assert findings == [], "\n".join(str(f) for f in findings)


_EXAMPLE_GAPS: dict[str, str] = {}  # a further example the check still finds fault with (none today)


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=_EXAMPLE_GAPS[n]))
                                  if n in _EXAMPLE_GAPS else n for n in EXAMPLES])
def test_every_further_bundled_example_passes_without_any_finding(definition, name):
    from wizards.project import named_example

    findings = _findings(definition, named_example(definition, name))
    assert findings == [], "\n".join(str(f) for f in findings)


def test_required_topics_come_from_the_rules_file_and_point_to_a_covering_section(definition):
    rules = topic_rules(definition)
    assert set(REQUIRED) <= {r.topic for r in rules}
    for rule in rules:
        assert rule.topic in TOPICS
        section = definition.sections[rule.section]
        assert rule.topic in section.topics, rule.section
        assert rule.severity in (FEHLER, HINWEIS) and rule.reasons["sonst"]


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
    assert "Ihre Aufsichtsbehörde (LfDI BW)" in findings[0].message and "fehlt" in findings[0].message


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


def test_section_emptied_by_the_clerk_is_reported_once(definition):
    project = example_project(definition, "heilbronn")
    project.find("zweck").text = ""
    project.find("einleitung").text = " \n "
    project.find("sensibilisierung").text = ""
    found = _findings(definition, project)
    assert [(f.key, f.kind, f.severity) for f in found] == [("zweck", "abschnitt", FEHLER),
                                                            ("ueberpruefung", "abschnitt", HINWEIS),
                                                            ("einleitung", "angabe", HINWEIS)]
    assert "ist leer" in found[2].message


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
    assert ("Grundregel 3" in found[0].message) == (land == "BW")
    assert ("LfDI BW" in found[0].message) == (land == "BW")


# --------------------------------------------------------------------------- answers

def test_missing_required_answer(definition):
    project = example_project(definition, "heilbronn")
    del project.answers["redaktion.stelle"]
    findings = [f for f in _findings(definition, project) if f.kind == "angabe"]
    assert [(f.key, f.severity, f.topic) for f in findings] == [("redaktion.stelle", FEHLER, "verantwortung")]
    assert "Zuständige Organisationseinheit" in findings[0].message and "LfDI BW" in findings[0].message
    project.answers["verwaltung.bundesland"] = "NI"
    message = [f for f in _findings(definition, project) if f.key == "redaktion.stelle"][0].message
    assert "LfDI" not in message and "wer die Kanäle betreut" in message


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
    assert "Musterstadt informiert" in found[0].message
    assert ("LfDI BW" in found[0].message) == (land == "BW")
    if land == "NW":
        assert "Ihrer Aufsichtsbehörde (LDI NRW)" in found[0].message


def test_statistics_in_use_is_an_error_with_the_reason(definition):
    project = example_project(definition, "herford")
    project.answers["kanaele"][0]["statistik"] = True
    found = _findings(definition, project)
    assert [(f.severity, f.topic, f.key) for f in found] == [(FEHLER, "kontotyp", "kanaele")]
    message = found[0].message
    assert "keine Rechtsgrundlage" in message and "zusammengefasst" in message and "ändert daran nichts" in message
    assert "DSK (Datenschutzkonferenz" in message and "Insights (die Besucherstatistik" in message


@pytest.mark.parametrize("land, reported", [("HE", True), ("HH", True), ("BY", False), ("BW", False)])
def test_facebook_page_where_the_authority_demanded_deactivation(definition, land, reported):
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = land
    found = [f for f in _findings(definition, project) if "abschalten" in f.message]
    assert [(f.severity, f.key) for f in found] == ([(FEHLER, "kanaele")] if reported else [])
    if reported:
        own = definition.data.laender[land]
        assert f"Ihre Aufsichtsbehörde ({own['aufsicht_kurz']})" in found[0].message
        assert own["name"] in found[0].message and "23.03.2022" in found[0].message


@pytest.mark.parametrize("land, answers, style, reported", [
    ("BW", {}, "heilbronn", True),
    ("BW", {"datenschutz.dsfa_url": "https://www.musterstadt.example/dsfa"}, "heilbronn", False),
    ("BW", {"datenschutz.dsfa_datum": "2026-10-01"}, "herford", False),
    ("BW", {"datenschutz.dsfa_datum": "   "}, "herford", True),
    ("BW", {}, "sassenberg", False),  # the DSFA in four steps is in the outline
    ("NW", {}, "heilbronn", False),
])
def test_dsfa_required_in_bw_unless_recorded(definition, land, answers, style, reported):
    project = example_project(definition, style)
    project.answers["verwaltung.bundesland"] = land
    project.answers.pop("datenschutz.dsfa_url", None)
    project.answers.pop("datenschutz.dsfa_datum", None)
    project.answers.update(answers)
    found = [f for f in _findings(definition, project) if f.topic == "dsfa" and f.kind == "angabe"]
    assert [(f.severity, f.key) for f in found] == ([(FEHLER, "datenschutz.dsfa_datum")] if reported else [])
    if reported:
        assert "Ihre Aufsichtsbehörde (LfDI BW)" in found[0].message and "Art. 35" in found[0].message


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


@pytest.mark.parametrize("land, severity", [("BW", FEHLER), ("RP", FEHLER), ("NW", HINWEIS), ("BY", HINWEIS)])
def test_impressum_missing_is_an_error_where_the_authority_asks_for_it(definition, style, land, severity):
    project = example_project(definition, style)
    project.answers["verwaltung.bundesland"] = land
    assert "impressum" in covered_topics(definition, project)
    project.remove("impressum")
    found = [f for f in _findings(definition, project) if f.topic == "impressum"]
    assert [(f.severity, f.key, f.kind) for f in found] == [(severity, "impressum", "abschnitt")]
    own = definition.data.laender[land]["aufsicht_kurz"]
    assert (f"Ihre Aufsichtsbehörde ({own})" in found[0].message) == (severity == FEHLER)
    assert "§ 18 Abs. 1 MStV" in found[0].message or "§ 5 DDG" in found[0].message


def test_edited_text_naming_another_lands_authority_is_reported(definition):
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = "BY"
    project.find("zweck").text = "Wir folgen der Richtlinie des LfDI BW."
    found = [f for f in _findings(definition, project) if f.key == "zweck"]
    assert [(f.severity, f.kind) for f in found] == [(HINWEIS, "angabe")]
    assert "„LfDI BW“" in found[0].message and "Baden-Württemberg" in found[0].message
    assert "Zuständig für Ihre Verwaltung ist BayLfD" in found[0].message
    project.answers["verwaltung.bundesland"] = "BW"
    assert [f for f in _findings(definition, project) if f.key == "zweck"] == []


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
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0] == success_line(definition) and out[0].startswith("Keine Beanstandungen")
    assert "aktuelles Recht" not in out[0] and "Rechtsstand" in out[0]
    assert out[1] == definition.data.legal.summary()

    project.find("zweck").text = "Wir beachten § 5 TMG."
    project.answers["kanaele"][0]["statistik"] = True
    project.find("alternativen").text = "Wir folgen dem ULD."
    bad = tmp_path / "alt.konzept"
    save_project(project, bad)
    assert main(["check", str(bad)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("Fehler [kanaele]:") and "Statistik" in lines[0]
    assert lines[1].startswith("Fehler [zweck]:") and "§ 5 DDG" in lines[1]
    assert lines[2].startswith("Hinweis [alternativen]:") and "ULD" in lines[2]
    assert lines[-1].startswith("Rechtsstand ")
    assert not any(line.startswith("Keine Beanstandungen") for line in lines)


def test_cli_check_only_hints_exits_zero(definition, tmp_path, capsys):
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = "NW"
    project.remove("alternativen")
    project.find("zweck").text = "Wir folgen dem ULD."
    path = tmp_path / "p.konzept"
    save_project(project, path)
    assert main(["check", str(path)]) == 1  # alternatives are required everywhere
    capsys.readouterr()
    project.add_section("alternativen")
    save_project(project, path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hinweis") and "Keine Beanstandungen" not in out


def test_cli_check_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "fehlt.konzept")]) == 1
    assert "Fehler" in capsys.readouterr().err


# --------------------------------------------------------------------------- every Land: its own authority only

LAENDER = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")


def _everything_open(definition, land):
    """A project in ``land`` on which every rule fires: no sections, answers missing, a messenger, statistics."""
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = land
    project.outline = []
    for qid in ("redaktion.stelle", "datenschutz.erklaerung_url", "datenschutz.dsfa_url", "datenschutz.dsfa_datum",
                "kontakt.email",
                "datenschutz.dsb_name"):
        project.answers.pop(qid, None)
    project.answers["kanaele"][1]["statistik"] = True
    project.answers["kanaele"].append(_whatsapp())
    return project


def _mentions(text, name):
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


@pytest.mark.parametrize("land", LAENDER)
def test_every_reason_names_the_own_authority_or_the_dsk_never_another_lands(definition, land):
    findings = _findings(definition, _everything_open(definition, land))
    topics = {f.topic for f in findings if f.kind == "abschnitt"}
    assert set(REQUIRED) <= topics
    assert any("Statistik" in f.message for f in findings) and any("Messenger" in f.message for f in findings)
    own = definition.data.laender[land]
    for other_id, other in definition.data.laender.items():
        if other_id == land:
            continue
        for name in (other["aufsicht_kurz"], other["aufsicht"], other["name"]):
            wrong = [f.message for f in findings if _mentions(f.message, name)]
            assert wrong == [], f"{land}: names {name}"
    authority = f"Ihre Aufsichtsbehörde ({own['aufsicht_kurz']})"
    zweck = next(f for f in findings if f.topic == "zweck" and f.kind == "abschnitt")
    assert (authority in zweck.message) == (land in ("BW", "RP"))
    messenger = next(f for f in findings if "Messenger" in f.message)
    assert own["aufsicht_kurz"] in messenger.message


@pytest.mark.parametrize("land", LAENDER)
def test_severity_follows_the_lands_own_demands(definition, land):
    findings = _findings(definition, _everything_open(definition, land))
    row = definition.data.laender[land]
    severity = {f.topic: f.severity for f in findings if f.kind == "abschnitt"}
    assert severity["dsfa"] == (FEHLER if row.get("dsfa_gefordert") else HINWEIS)
    assert severity["impressum"] == (FEHLER if land in ("BW", "RP") else HINWEIS)
    assert severity["moderation"] == (FEHLER if land == "BW" else HINWEIS)
    messenger = next(f for f in findings if "Messenger" in f.message)
    assert messenger.severity == (FEHLER if row.get("messenger_ausgeschlossen") else HINWEIS)
    assert [f.severity for f in findings if "Statistik" in f.message and f.key == "kanaele"] == [FEHLER]
    assert findings == sorted(findings, key=lambda f: f.severity != FEHLER)


def test_terms_are_explained_once(definition):
    findings = _findings(definition, _everything_open(definition, "BY"))
    text = "\n".join(f.message for f in findings)
    assert text.count("DSK (Datenschutzkonferenz") == 1
    assert text.count("Insights (die Besucherstatistik") == 1
    assert "))" not in text  # never an explanation inside parentheses
    first = next(n for n, f in enumerate(findings) if "DSK" in f.message)
    assert "DSK (Datenschutzkonferenz" in findings[first].message


# --------------------------------------------------------------------------- the rules file names real questions and sections

def test_rules_name_only_existing_questions_and_sections(definition):
    from wizards.legal_data import verify_against

    verify_against(definition.data.legal.pruefregeln, definition)  # the bundled rules fit


def _renamed_question(definition, old, new):
    steps = []
    for step in definition.steps:
        questions = tuple(dataclasses.replace(q, id=new) if q.id == old else q for q in step.questions)
        steps.append(dataclasses.replace(step, questions=questions))
    return dataclasses.replace(definition, steps=tuple(steps))


@pytest.mark.parametrize("old", ["redaktion.stelle", "datenschutz.dsfa_url", "verwaltung.bundesland", "kanaele"])
def test_renaming_a_question_fails_loudly(definition, old):
    from wizards.errors import DefinitionError
    from wizards.legal_data import verify_against

    renamed = _renamed_question(definition, old, old + "_neu")
    with pytest.raises(DefinitionError) as exc:
        verify_against(renamed.data.legal.pruefregeln, renamed)
    assert "pruefregeln.yaml" in str(exc.value) and f"„{old}“" in str(exc.value)


@pytest.mark.parametrize("old", ["zweck", "netiquette", "dsfa_rahmen"])
def test_renaming_a_section_fails_loudly(definition, old):
    from wizards.errors import DefinitionError
    from wizards.legal_data import verify_against

    sections = {(k + "_neu" if k == old else k): v for k, v in definition.sections.items()}
    renamed = dataclasses.replace(definition, sections=sections)
    with pytest.raises(DefinitionError) as exc:
        verify_against(renamed.data.legal.pruefregeln, renamed)
    assert f"Abschnitt „{old}“" in str(exc.value)


def test_derived_placeholders_are_the_ones_the_context_writes(definition):
    from wizards.context import build_context
    from wizards.templating import MissingValue

    def labels(value, found):
        if isinstance(value, MissingValue):
            found.add(value.label)
        elif isinstance(value, dict):
            for v in value.values():
                labels(v, found)
        elif isinstance(value, list):
            for v in value:
                labels(v, found)
        return found

    derived = definition.data.legal.pruefregeln["abgeleitete_platzhalter"]
    for qid, expected in derived.items():
        missing = set()
        # a channel without a platform, and no channel at all
        for value in ([{"_id": "k", "name": "x", "url": "https://x.example", "frequenz": "oft"}], None):
            answers = dict(example_project(definition, "heilbronn").answers)
            answers[qid] = value
            labels(dict(build_context(definition, answers)), missing)
        assert set(expected) <= missing, (qid, set(expected) - missing)
