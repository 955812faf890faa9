"""Legal currency: repealed norms are found in every kind of text and a replacement is offered."""
from __future__ import annotations

import dataclasses
import re

import pytest

from wizards.assemble import Assembler
from wizards.checks import check_project
from wizards.norms import (
    apply_to_project, check_project_norms, check_sections, cited_norms, find_repealed, load_rules, norm_key, normalise,
    rendered_sections, replace_hit, replace_repealed, undeclared_norms,
)
from wizards.project import example_project
from wizards.schema import Variant

STYLES = ("heilbronn", "herford", "sassenberg")


# --------------------------------------------------------------------------- the rules file

def test_rules_load_with_dates_and_explanations():
    rules = load_rules()
    ids = [r.id for r in rules]
    for expected in ("tmg_5", "tmg", "ttdsg", "rstv_55_2", "rstv", "bdsg_af", "ldsg_rp_18", "bverwg_2022"):
        assert expected in ids
    for rule in rules:
        assert rule.erklaerung and rule.aktuell and rule.veraltet
        assert rule.seit == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", rule.seit), rule.id
    by_id = {r.id: r for r in rules}
    assert by_id["tmg_5"].seit == "2024-05-14" and by_id["ttdsg"].seit == "2024-05-14"
    assert by_id["rstv_55_2"].seit == "2020-11-07" and by_id["bdsg_af"].seit == "2018-05-25"
    assert by_id["tmg_5"].seit_deutsch == "14.05.2024"


def test_offered_replacements_are_current():
    for rule in load_rules():
        if rule.ersetzung:
            assert find_repealed(rule.ersetzung, "RP") == [], rule.id


# --------------------------------------------------------------------------- finding

@pytest.mark.parametrize("text, rule, replacement", [
    ("Das Impressum folgt § 5 TMG.", "tmg_5", "§ 5 DDG"),
    ("Das Impressum folgt §5 TMG.", "tmg_5", "§5 DDG"),
    ("Das Impressum folgt §\u00a05\u00a0TMG.", "tmg_5", "§\u00a05\u00a0DDG"),
    ("nach § 5 Abs. 1 TMG", "tmg_5", "§ 5 Abs. 1 DDG"),
    ("nach § 5 des Telemediengesetzes (TMG)", "tmg_5", "§ 5 des Digitale-Dienste-Gesetzes (DDG)"),
    ("Es gilt das Telemediengesetz.", "tmg", "Digitale-Dienste-Gesetz"),
    ("Pflichten des Telemediengesetzes", "tmg", "Digitale-Dienste-Gesetzes"),
    ("Pflichten nach dem TMG", "tmg", "DDG"),
    ("§ 13 TMG", "tmg_datenschutz", None),
    ("§§ 11 ff. TMG", "tmg_datenschutz", None),
    ("§ 7 TMG", "tmg_paragraf", None),
    ("Cookies (§ 25 TTDSG)", "ttdsg", "TDDDG"),
    ("das TTDSG", "ttdsg", "TDDDG"),
    ("Telekommunikation-Telemedien-Datenschutz-Gesetz (TTDSG)", "ttdsg",
     "Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz (TDDDG)"),
    ("verantwortlich nach § 55 Abs. 2 RStV", "rstv_55_2", "§ 18 Abs. 2 MStV"),
    ("verantwortlich nach §55 Absatz 2 RStV", "rstv_55_2", "§ 18 Abs. 2 MStV"),
    ("§ 55 Abs. 2 des Rundfunkstaatsvertrages", "rstv_55_2", "§ 18 Abs. 2 MStV"),
    ("gemäß Rundfunkstaatsvertrag", "rstv", "Medienstaatsvertrag"),
    ("gemäß RStV", "rstv", "MStV"),
    ("§ 10 RStV", "rstv_paragraf", None),
    ("nach BDSG a.F.", "bdsg_af", None),
    ("nach BDSG a. F.", "bdsg_af", None),
    ("BVerwG-Urteil von 2022", "bverwg_2022", None),
    ("das Bundesverwaltungsgericht hat 2022 entschieden", "bverwg_2022", None),
])
def test_repealed_norm_is_found(text, rule, replacement):
    hits = find_repealed(text, "BW")
    assert [h.rule.id for h in hits] == [rule]
    assert hits[0].replacement == replacement


@pytest.mark.parametrize("text", [
    "§ 5 DDG", "§ 25 TDDDG", "§ 18 Abs. 2 MStV", "Art. 6 Abs. 1 lit. e DSGVO", "BDSG", "NetzDG",
    "BVerwG 6 C 15.18 vom 11.09.2019", "Kurzgutachten der DSK von 2022", "Telekommunikation",
    "ATMGeräte", "Cookies (§ 25 TDDDG, früher § 25 TTDSG)", "Das TMG wurde 2024 durch das DDG abgelöst.",
    "ältere Vorlagen nennen noch das aufgehobene TMG", "§ 5 TMG (heute § 5 DDG)",
    "Heute gilt § 5 DDG statt § 5 TMG.",
])
def test_current_norms_and_historical_mentions_are_not_reported(text):
    assert find_repealed(text, "RP") == []


def test_rlp_outdated_ldsg_reference_only_in_rlp():
    assert [h.rule.id for h in find_repealed("Betroffenenrechte (§ 18 ff. LDSG)", "RP")] == ["ldsg_rp_18"]
    assert find_repealed("Betroffenenrechte (§ 18 ff. LDSG)", "BW") == []
    assert replace_repealed("Rechte nach § 18 ff. LDSG.", "RP") == "Rechte nach Art. 12 ff. DSGVO i. V. m. §§ 11–13 LDSG."


def test_replace_repealed_keeps_the_rest_of_the_text():
    text = "Impressum nach § 5 TMG; Cookies nach § 25 TTDSG (früher § 13 TMG); § 7 TMG bleibt."
    assert replace_repealed(text) == "Impressum nach § 5 DDG; Cookies nach § 25 TDDDG (früher § 13 TMG); § 7 TMG bleibt."
    assert replace_repealed(text, rule_ids={"ttdsg"}) == (
        "Impressum nach § 5 TMG; Cookies nach § 25 TDDDG (früher § 13 TMG); § 7 TMG bleibt.")


# --------------------------------------------------------------------------- in a project

def test_edited_text_with_tmg_gets_warning_naming_section_and_offering_ddg(definition):
    project = example_project(definition, "heilbronn")
    entry = project.find("zweck")
    entry.text = "Unser Impressum richtet sich nach § 5 TMG und ist im Profil verlinkt."
    findings = [f for f in check_project(definition, project) if f.kind == "norm"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.key == "zweck" and finding.severity == "fehler" and finding.rule == "tmg_5"
    assert finding.replacement == "§ 5 DDG"
    heading = Assembler(definition, project).sections_of(entry)[0].heading
    assert f"Abschnitt „{heading}“" in finding.message
    assert "„§ 5 TMG“" in finding.message and "„§ 5 DDG“" in finding.message
    # „Ersetzen“: apply the offered replacement to the edited text, then the warning is gone
    warning = check_project_norms(definition, project)[0]
    assert warning.edited and warning.key == "zweck"
    entry.text = replace_hit(entry.text, warning, "BW")
    assert entry.text == "Unser Impressum richtet sich nach § 5 DDG und ist im Profil verlinkt."
    assert [f for f in check_project(definition, project) if f.kind == "norm"] == []


def test_custom_sections_and_repeated_items_are_scanned(definition):
    project = example_project(definition, "sassenberg")
    custom = project.add_custom_section("Rechtsgrundlagen", "Wir beachten den Rundfunkstaatsvertrag.")
    entry = project.find("art_umfang_kanal")
    item_id = project.answers["kanaele"][0]["_id"]
    entry.item_texts[item_id] = "Cookies richten sich nach dem TTDSG."
    warnings = check_project_norms(definition, project)
    keys = {(w.key, w.hit.rule.id) for w in warnings}
    assert (custom.key, "rstv") in keys
    assert (f"art_umfang_kanal@{item_id}", "ttdsg") in keys
    assert any("„Rechtsgrundlagen“" in w.message and "Medienstaatsvertrag" in w.message for w in warnings)


def test_template_texts_are_scanned_too(definition):
    sections = dict(definition.sections)
    zweck = sections["zweck"]
    variants = dict(zweck.variants)
    v = variants["heilbronn"]
    variants["heilbronn"] = Variant(v.heading, v.text + "\n\nDie Anbieterkennzeichnung folgt § 5 TMG.", v.covers, v.norms)
    sections["zweck"] = dataclasses.replace(zweck, variants=variants)
    patched = dataclasses.replace(definition, sections=sections)
    project = example_project(definition, "heilbronn")
    warnings = check_project_norms(patched, project)
    assert [(w.key, w.hit.text, w.hit.replacement, w.edited) for w in warnings] == [("zweck", "§ 5 TMG", "§ 5 DDG", False)]


def test_check_sections_reads_rendered_markdown(definition):
    project = example_project(definition, "herford")
    sections = rendered_sections(Assembler(definition, project))
    assert sections and check_sections(sections, "BW") == []


# --------------------------------------------------------------------------- the bundled definition

@pytest.mark.parametrize("style", STYLES)
def test_declared_norms_are_current(definition, style):
    repealed = []
    for sid, section in definition.sections.items():
        for norm in section.variants[style].norms:
            if find_repealed(norm, "RP", include_historical=True):
                repealed.append((sid, norm))
    assert repealed == []


@pytest.mark.parametrize("style", STYLES)
def test_every_cited_norm_is_declared(definition, style):
    missing = {}
    for sid, section in definition.sections.items():
        variant = section.variants[style]
        undeclared = undeclared_norms(variant.heading + "\n" + variant.text, variant.norms)
        if undeclared:
            missing[sid] = undeclared
    assert missing == {}, f"texts/{style}.yaml: norms cited but not declared: {missing}"


@pytest.mark.parametrize("style", STYLES)
def test_template_texts_cite_no_repealed_norm(definition, style):
    found = {}
    for sid, section in definition.sections.items():
        variant = section.variants[style]
        hits = find_repealed(variant.heading + "\n" + variant.text, "RP")
        if hits:
            found[sid] = [h.text for h in hits]
    assert found == {}


def test_cited_norms_and_keys():
    text = ("Art. 6 Abs. 1 lit. e DSGVO i. V. m. {{ land.generalklausel }}; Art. 35 DSGVO; §5 DDG; § 25 TDDDG; "
            "EuGH C-210/16; BVerwG 6 C 15.18; § 18 Abs. 2 MStV; VG Köln 13 K 1419/23")
    assert cited_norms(text) == ["Art. 6 Abs. 1 lit. e DSGVO", "Art. 35 DSGVO", "§ 5 DDG", "§ 25 TDDDG",
                                 "§ 18 Abs. 2 MStV", "EuGH C-210/16", "BVerwG 6 C 15.18", "VG Köln 13 K 1419/23"]
    assert norm_key("Art. 35 Abs. 1 DSGVO") == norm_key("Art. 35 DSGVO")
    assert norm_key("§5 DDG") == norm_key("§ 5 DDG") != norm_key("§ 5 TMG")
    assert normalise("Artikel 13 DS-GVO") == "Art. 13 DSGVO"
    assert undeclared_norms("Nach Art. 13 DSGVO und § 5 DDG.", ["Art. 13 DSGVO"]) == ["§ 5 DDG"]


def test_apply_to_project_replaces_in_edited_repeated_and_template_texts(definition):
    project = example_project(definition, "sassenberg")
    item_id = project.answers["kanaele"][0]["_id"]
    project.find("art_umfang_kanal").item_texts[item_id] = "Impressum nach § 5 TMG."
    project.find("zweck").text = "Cookies nach § 25 TTDSG, Impressum nach § 5 TMG."
    assert apply_to_project(definition, project, f"art_umfang_kanal@{item_id}")
    assert project.find("art_umfang_kanal").item_texts[item_id] == "Impressum nach § 5 DDG."
    assert apply_to_project(definition, project, "zweck", {"ttdsg"})
    assert project.find("zweck").text == "Cookies nach § 25 TDDDG, Impressum nach § 5 TMG."
    assert [w.hit.rule.id for w in check_project_norms(definition, project)] == ["tmg_5"]
    assert apply_to_project(definition, project, "zweck")
    assert check_project_norms(definition, project) == []
    assert not apply_to_project(definition, project, "zweck")  # nothing left to replace
    assert not apply_to_project(definition, project, "gibt-es-nicht")
