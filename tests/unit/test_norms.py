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
    ("Das Impressum folgt §5 TMG.", "tmg_5", "§ 5 DDG"),
    ("Das Impressum folgt §\u00a05\u00a0TMG.", "tmg_5", "§\u00a05\u00a0DDG"),
    ("nach § 5 Abs. 1 TMG", "tmg_5", "§ 5 Abs. 1 DDG"),
    ("nach § 5 des Telemediengesetzes (TMG)", "tmg_5", "§ 5 des Digitale-Dienste-Gesetzes (DDG)"),
    ("Es gilt das Telemediengesetz.", "tmg", "Digitale-Dienste-Gesetz"),
    ("Pflichten des Telemediengesetzes", "tmg", "Digitale-Dienste-Gesetzes"),
    ("Pflichten nach dem TMG", "tmg", "DDG"),
    ("§ 13 TMG", "tmg_datenschutz", None),
    ("§§ 11 ff. TMG", "tmg_datenschutz", None),
    ("§ 7 TMG", "tmg_paragraf", None),
    ("Cookies (§ 25 TTDSG)", "ttdsg_paragraf", "§ 25 TDDDG"),
    ("das TTDSG", "ttdsg", "TDDDG"),
    ("Telekommunikation-Telemedien-Datenschutz-Gesetz (TTDSG)", "ttdsg",
     "Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz (TDDDG)"),
    ("verantwortlich nach § 55 Abs. 2 RStV", "rstv_55_2", "§ 18 Abs. 2 MStV"),
    ("verantwortlich nach §55 Absatz 2 RStV", "rstv_55_2", "§ 18 Abs. 2 MStV"),
    ("§ 55 Abs. 2 des Rundfunkstaatsvertrages", "rstv_55_2", "§ 18 Abs. 2 des Medienstaatsvertrages"),
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
    assert replace_repealed(text, rule_ids={"ttdsg_paragraf"}) == (
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
        undeclared = undeclared_norms("\n".join(variant.sources), variant.norms)
        if undeclared:
            missing[sid] = undeclared
    assert missing == {}, f"texts/{style}.yaml: norms cited but not declared: {missing}"


@pytest.mark.parametrize("style", STYLES)
def test_template_texts_cite_no_repealed_norm(definition, style):
    found = {}
    for sid, section in definition.sections.items():
        variant = section.variants[style]
        hits = find_repealed("\n".join(variant.sources), "RP")
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
    assert apply_to_project(definition, project, "zweck", {"ttdsg_paragraf"})
    assert project.find("zweck").text == "Cookies nach § 25 TDDDG, Impressum nach § 5 TMG."
    assert [w.hit.rule.id for w in check_project_norms(definition, project)] == ["tmg_5"]
    assert apply_to_project(definition, project, "zweck")
    assert check_project_norms(definition, project) == []
    assert not apply_to_project(definition, project, "zweck")  # nothing left to replace
    assert not apply_to_project(definition, project, "gibt-es-nicht")


# --------------------------------------------------------------------------- the review's table (every row)

# (sentence, Land, expected rule or None, replacement after „Ersetzen“: the whole text, or None = not replaced)
REVIEW_TABLE = [
    ("Das Impressum nach § 5 TMG ist im Profil verlinkt.", "BW", "tmg_5",
     "Das Impressum nach § 5 DDG ist im Profil verlinkt."),
    ("Das Impressum nach §5 TMG ist verlinkt.", "BW", "tmg_5", "Das Impressum nach § 5 DDG ist verlinkt."),
    ("Angaben nach § 5 Abs. 1 Nr. 1 TMG.", "BW", "tmg_5", "Angaben nach § 5 Abs. 1 Nr. 1 DDG."),
    ("Angaben nach § 5 des Telemediengesetzes.", "BW", "tmg_5", "Angaben nach § 5 des Digitale-Dienste-Gesetzes."),
    ("Angaben nach § 5 I TMG.", "BW", "tmg_5", "Angaben nach § 5 Abs. 1 DDG."),
    ("Angaben nach §§ 5, 6 TMG.", "BW", "tmg_paragraf", None),
    ("Cookies setzen wir nur nach § 25 TTDSG ein.", "BW", "ttdsg_paragraf",
     "Cookies setzen wir nur nach § 25 TDDDG ein."),
    ("Cookies nach § 25 Abs. 1 TTDSG.", "BW", "ttdsg_paragraf", "Cookies nach § 25 Abs. 1 TDDDG."),
    ("Verantwortlich nach § 55 Abs. 2 RStV ist Jan Probst.", "BW", "rstv_55_2",
     "Verantwortlich nach § 18 Abs. 2 MStV ist Jan Probst."),
    ("Verantwortlich nach § 55 Absatz 2 des Rundfunkstaatsvertrags ist Jan Probst.", "BW", "rstv_55_2",
     "Verantwortlich nach § 18 Abs. 2 des Medienstaatsvertrags ist Jan Probst."),
    ("Verantwortlich nach § 55 II RStV ist Jan Probst.", "BW", "rstv_55_2",
     "Verantwortlich nach § 18 Abs. 2 MStV ist Jan Probst."),
    ("Nutzungsdaten verarbeiten wir nach § 13 TMG.", "BW", "tmg_datenschutz", None),
    ("Nutzungsdaten verarbeiten wir nach § 15 Abs. 3 TMG.", "BW", "tmg_datenschutz", None),
    ("Maßgeblich war das BDSG a.F.", "BW", "bdsg_af", None),
    ("Maßgeblich ist § 4 BDSG a. F. für uns.", "BW", "bdsg_af", None),
    ("Wir verweisen auf das Bundesdatenschutzgesetz in der alten Fassung.", "BW", "bdsg_af", None),
    ("Nach § 4 BDSG aF ist das zulässig.", "BW", "bdsg_af", None),
    ("Das Impressum nach § 5 TMG ersetzt nicht die Datenschutzerklärung.", "BW", "tmg_5",
     "Das Impressum nach § 5 DDG ersetzt nicht die Datenschutzerklärung."),
    ("Die Angaben nach § 5 TMG finden sich nicht mehr auf der alten Seite, sondern im Profil.", "BW", "tmg_5",
     "Die Angaben nach § 5 DDG finden sich nicht mehr auf der alten Seite, sondern im Profil."),
    ("Es gilt Art. 13 DSGVO.", "BW", None, None),
    ("Das Impressum folgt § 5 DDG.", "BW", None, None),
    ("Cookies nur nach § 25 TDDDG.", "BW", None, None),
    ("Verantwortlich nach § 18 Abs. 2 MStV ist Jan Probst.", "BW", None, None),
    ("Ergänzend gilt das BDSG.", "BW", None, None),
    ("Bis 2024 galt das TMG; heute gilt das DDG.", "BW", None, None),
    ("Bis Mai 2024 galt für das Impressum § 5 TMG.", "BW", None, None),
    ("Damals verwiesen Konzepte auf § 5 TMG.", "BW", None, None),
    ("Das Impressum richtet sich nach § 5 DDG (früher: § 5 TMG).", "BW", None, None),
    ("Das Impressum richtet sich nach § 5 DDG, früher § 5 TMG.", "BW", None, None),
    ("Das Impressum richtet sich nach § 5 DDG (vormals § 5 TMG).", "BW", None, None),
    ("Das TMG wurde im Mai 2024 durch das DDG ersetzt.", "BW", None, None),
    ("Das TTDSG heißt seit dem 14.05.2024 TDDDG.", "BW", None, None),
    ("Seit dem 14. Mai 2024 ist das TMG aufgehoben.", "BW", None, None),
    ("Früher hatten wir keine Seite, heute gilt für das Impressum § 5 TMG.", "BW", "tmg_5",
     "Früher hatten wir keine Seite, heute gilt für das Impressum § 5 DDG."),
    ("Das BVerwG hat 2022 entschieden, dass Fanpages unzulässig sind.", "BW", "bverwg_2022", None),
    ("Vgl. BVerwG, Urteil vom 27.06.2022 – 6 C 7.20.", "BW", "bverwg_2022", None),
    ("Betroffenenrechte richten sich nach § 18 ff. LDSG.", "RP", "ldsg_rp_18",
     "Betroffenenrechte richten sich nach Art. 12 ff. DSGVO i. V. m. §§ 11–13 LDSG."),
    ("Betroffenenrechte richten sich nach § 18 ff. LDSG.", "BW", None, None),
]


@pytest.mark.parametrize("sentence, land, rule, replaced", REVIEW_TABLE)
def test_review_table_check_and_replace_in_an_edited_section(definition, sentence, land, rule, replaced):
    project = example_project(definition, "heilbronn")
    project.answers["verwaltung.bundesland"] = land
    project.find("zweck").text = sentence
    found = [f for f in check_project(definition, project) if f.kind == "norm"]
    assert [f.rule for f in found] == ([rule] if rule else [])
    if rule:
        assert found[0].key == "zweck" and found[0].severity == ("hinweis" if rule == "bverwg_2022" else "fehler")
    changed = apply_to_project(definition, project, "zweck")
    assert changed == (replaced is not None)
    assert project.find("zweck").text == (replaced or sentence)
    if replaced:
        assert [f for f in check_project(definition, project) if f.kind == "norm"] == []


def test_custom_heading_with_a_repealed_norm_is_reported(definition):
    project = example_project(definition, "herford")
    custom = project.add_custom_section("Impressum nach § 5 TMG", "Die Angaben stehen im Profil.")
    found = [f for f in check_project(definition, project) if f.kind == "norm"]
    assert [(f.key, f.rule, f.severity) for f in found] == [(custom.key, "tmg_5", "fehler")]


@pytest.mark.parametrize("text, replacement", [
    ("§ 5 I TMG", "§ 5 Abs. 1 DDG"), ("§ 5 II S. 1 TMG", "§ 5 Abs. 2 S. 1 DDG"),
    ("§ 5 Absatz 1 Nr. 2 des Telemediengesetzes (TMG)", "§ 5 Abs. 1 Nr. 2 des Digitale-Dienste-Gesetzes (DDG)"),
    ("§ 55 II RStV", "§ 18 Abs. 2 MStV"), ("§ 55 Abs. 2 S. 1 RStV", "§ 18 Abs. 2 S. 1 MStV"),
    ("§ 25 III TTDSG", "§ 25 Abs. 3 TDDDG"),
    ("§ 25 des Telekommunikation-Telemedien-Datenschutz-Gesetzes",
     "§ 25 des Telekommunikation-Digitale-Dienste-Datenschutz-Gesetzes"),
])
def test_every_form_maps_to_the_right_new_norm(text, replacement):
    assert [h.replacement for h in find_repealed(f"Wir beachten {text}.", "BW")] == [replacement]


# --------------------------------------------------------------------------- property: „Ersetzen“ is safe

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ABSATZ = st.sampled_from([("", ""), (" Abs. 1", " Abs. 1"), (" Absatz 1", " Abs. 1"), (" I", " Abs. 1"),
                           (" II", " Abs. 2")])
_REST = st.sampled_from(["", " Satz 1", " Nr. 2", " S. 2 Nr. 1"])
_TMG_LAW = st.sampled_from([(" TMG", " DDG"), (" des Telemediengesetzes", " des Digitale-Dienste-Gesetzes"),
                            (" des Telemediengesetzes (TMG)", " des Digitale-Dienste-Gesetzes (DDG)")])
_TTDSG_LAW = st.sampled_from([(" TTDSG", " TDDDG")])


@st.composite
def _citation(draw):
    """An outdated citation in some spelling and the current norm it must become."""
    kind = draw(st.sampled_from(["tmg", "ttdsg", "rstv", "bare"]))
    sp = draw(st.sampled_from(["", " "]))
    if kind == "bare":
        return draw(st.sampled_from([("das TMG", "das DDG"), ("das TTDSG", "das TDDDG"),
                                     ("den Rundfunkstaatsvertrag", "den Medienstaatsvertrag")]))
    if kind == "rstv":
        absatz = draw(st.sampled_from([" Abs. 2", " Absatz 2", " II"]))
        law, new_law = draw(st.sampled_from([(" RStV", " MStV"), (" des Rundfunkstaatsvertrages",
                                                                  " des Medienstaatsvertrages")]))
        return f"§{sp}55{absatz}{law}", f"§ 18 Abs. 2{new_law}"
    number = "5" if kind == "tmg" else "25"
    absatz, new_absatz = draw(_ABSATZ)
    rest = draw(_REST)
    law, new_law = draw(_TMG_LAW if kind == "tmg" else _TTDSG_LAW)
    return f"§{sp}{number}{absatz}{rest}{law}", f"§ {number}{new_absatz}{rest}{new_law}"


_CURRENT = ["Das Impressum folgt {}.", "Wir beachten {} im Profil.", "Die Angaben nach {} finden sich nicht mehr dort.",
            "Das Impressum nach {} ersetzt nicht die Datenschutzerklärung.", "Maßgeblich ist {} für uns."]
_HISTORICAL = ["Nach {} (bis 13.05.2024) bzw. § 5 DDG.", "Bis 2024 galt {}.", "Damals verwiesen Konzepte auf {}.", "Das gilt heute nach § 5 DDG (früher: {}).",
               "Heute gilt § 5 DDG statt {}.", "Bis Mai 2024 galt für das Impressum {}.", "Vormals war {} maßgeblich.",
               "Bis zum 13.05.2024 galt {}; heute nicht mehr."]
_NEUTRAL = ["Wir posten zweimal pro Woche.", "Es gilt Art. 13 DSGVO.", "Ergänzend gilt das BDSG.",
            "Verantwortlich nach § 18 Abs. 2 MStV ist Jan Probst."]


@st.composite
def _sentence(draw):
    """(sentence, expected sentence after „Ersetzen“)."""
    kind = draw(st.sampled_from(["current", "historical", "neutral"]))
    if kind == "neutral":
        text = draw(st.sampled_from(_NEUTRAL))
        return text, text
    old, new = draw(_citation())
    template = draw(st.sampled_from(_CURRENT if kind == "current" else _HISTORICAL))
    return template.format(old), template.format(new) if kind == "current" else template.format(old)


@settings(max_examples=300, deadline=None)
@given(st.lists(_sentence(), min_size=1, max_size=6))
def test_replacing_leaves_no_repealed_norm_and_touches_nothing_else(sentences):
    text = "\n".join(s for s, _ in sentences)
    flagged = {n for n, line in enumerate(text.split("\n")) if find_repealed(line, "BW")}
    result = replace_repealed(text, "BW")
    assert find_repealed(result, "BW") == []
    for n, (line, (before, expected)) in enumerate(zip(result.split("\n"), sentences)):
        assert line == expected, (before, line)
        if n not in flagged:
            assert line == before  # a sentence the check did not flag is never changed
