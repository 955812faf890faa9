"""Assembly: each style's outline, numbering and order as in styles.md; placeholders visible and listed."""
from __future__ import annotations

import pytest

from wizards import doctree as dt
from wizards.assemble import assemble, file_name_for
from wizards.numbering import roman
from wizards.project import Project
from wizards.writers.debug import render_debug

# The section headings of the example (Gemeinde Musterstadt: Instagram and Facebook), as
# styles.md describes each model: heilbronn 1.–5. with unnumbered sub-headings, herford
# I.–VI., sassenberg 1–8 with decimal sub-sections repeated per channel.
EXPECTED = {
    "heilbronn": [
        "1. Zielsetzung und Zweck der Nutzung sozialer Medien",
        "2. Art und Umfang der Nutzung",
        "3. Verantwortlichkeit für die Betreuung der Kanäle",
        "4. Alternative Kontaktmöglichkeiten",
        "5. Datenschutz",
        "Datenschutzerklärung",
        "Datenschutz-Folgenabschätzung",
        "Regelmäßige Information zu Datenschutzthemen",
        "6. Anbieterkennzeichnung (Impressum)",
    ],
    "herford": [
        "I. Allgemeines zu Instagram und Facebook",
        "II. Zweck der Nutzung",
        "III. Art und Umfang der Nutzung",
        "IV. Redaktionelle und technische Betreuung",
        "V. Alternative Informations- und Kontaktmöglichkeiten",
        "VI. Datenschutz",
        "VII. Impressum",
        "VIII. Selbstverpflichtung",
    ],
    "sassenberg": [
        "1 Unser Social Media Angebot",
        "2 Zweck",
        "3 Art und Umfang",
        "3.1 Art und Umfang – Instagram",
        "3.2 Art und Umfang – Facebook",
        "4 Gründe für die Entscheidung",
        "4.1 Gründe für den Instagram-Auftritt",
        "4.2 Gründe für den Facebook-Auftritt",
        "5 Festlegung der Verantwortlichkeiten",
        "6 Vorteile und Nachteile der Nutzung Sozialer Medien",
        "6.1 Vorteile",
        "6.2 Nachteile",
        "7 Alternative Informations- und Kontaktmöglichkeiten",
        "8 Abschätzung der Folgen der Verarbeitungsvorgänge",
        "8.1 Gesetzliche Rahmenbedingungen",
        "8.2 Begründung",
        "8.3 Welches Risiko folgt daraus?",
        "8.4 Wie wird das Risiko bewertet?",
        "9 Impressum",
    ],
}
TITLES = {
    "heilbronn": "Nutzungskonzept für die Social-Media-Kanäle der Gemeinde Musterstadt",
    "herford": "Nutzungskonzept für die Social-Media-Auftritte der Gemeinde Musterstadt",
    "sassenberg": "Social Media Nutzungskonzept",
}


def section_headings(document):
    return [dt.heading_label(h) for h in dt.headings(document) if h.anchor]


def test_outline_numbering_and_order_match_the_style(definition, example, style):
    document = assemble(definition, example)
    assert section_headings(document) == EXPECTED[style]
    title = document.blocks[0]
    assert isinstance(title, dt.Title) and dt.plain_text(title.text) == TITLES[style]
    assert isinstance(document.blocks[1], dt.TableOfContents) == (style == "herford")


def test_example_has_no_unfilled_placeholder(definition, example):
    document = assemble(definition, example)
    assert document.missing == ()
    assert "[[FEHLT" not in render_debug(document)
    assert document.warnings == ()


def test_example_text_uses_the_clerks_data(definition, example):
    text = render_debug(assemble(definition, example))
    for value in ("Musterstadt", "LDSG BW", "Instagram", "Facebook"):
        assert value in text


def test_missing_values_show_as_markers_and_are_listed(definition, style):
    project = Project.new(definition, style)  # nothing answered
    document = assemble(definition, project)
    labels = {m.label for m in document.missing}
    assert "Name der Verwaltung" in labels
    assert "[[FEHLT: Name der Verwaltung]]" in render_debug(document)
    for m in document.missing:
        assert m.section, m


def test_grammar_of_the_bodys_name(definition):
    project = Project.new(definition, "heilbronn")
    project.answers.update({"verwaltung.name": "Musterkreis", "verwaltung.art": "landkreis", "verwaltung.bundesland": "BW"})
    title = dt.plain_text(assemble(definition, project).blocks[0].text)
    assert title == "Nutzungskonzept für die Social-Media-Kanäle des Landkreises Musterkreis"
    project.answers.update({"verwaltung.name": "Wasserversorgung Mustertal", "verwaltung.art": "zweckverband"})
    title = dt.plain_text(assemble(definition, project).blocks[0].text)
    assert title.endswith("des Zweckverbandes Wasserversorgung Mustertal")
    project.answers.update({"verwaltung.name": "Lindenhof", "verwaltung.art": "jugendzentrum"})
    assert dt.plain_text(assemble(definition, project).blocks[0].text).endswith("des Jugendzentrums Lindenhof")


def test_clerks_edits_custom_sections_and_renames_appear(definition):
    project = Project.new(definition, "sassenberg")
    project.answers["kanaele"] = [{"_id": "k1", "plattform": "youtube", "name": "x", "url": "https://y.example"}]
    project.find("zweck").text = "Ganz **eigener** Zweck mit < & > und {{ kein_template }}."
    project.find("verantwortung").heading = "Wer macht was?"
    project.add_custom_section("Unsere Hausregeln", "- keine Werbung\n- kein Spam", after="zweck")
    project.remove("vor_nachteile")
    document = assemble(definition, project)
    labels = section_headings(document)
    assert labels[1:4] == ["2 Zweck", "3 Unsere Hausregeln", "4 Art und Umfang"]
    assert "6 Wer macht was?" in labels
    assert not any("Vorteile" in label for label in labels)
    text = render_debug(document)
    assert "Ganz **eigener** Zweck mit < & > und {{ kein_template }}." in text
    assert "- keine Werbung" in text


def test_variant_of_another_style_can_be_chosen_per_section(definition):
    project = Project.new(definition, "sassenberg")
    project.find("zweck").variant = "heilbronn"
    labels = section_headings(assemble(definition, project))
    assert "2 Zielsetzung und Zweck der Nutzung sozialer Medien" in labels


def test_clerks_markup_lookalikes_in_answers_stay_text(definition):
    project = Project.new(definition, "heilbronn")
    project.answers["verwaltung.name"] = "*Muster* [stadt](javascript:x) <b>&amp; {{ 7*7 }}"
    document = assemble(definition, project)
    title = dt.plain_text(document.blocks[0].text)
    assert title.endswith("der Gemeinde *Muster* [stadt](javascript:x) <b>&amp; {{ 7*7 }}")


def test_control_characters_are_dropped_and_reported(definition):
    project = Project.new(definition, "heilbronn")
    project.answers["verwaltung.name"] = "Muster\x00stadt\x0b"
    document = assemble(definition, project)
    assert dt.plain_text(document.blocks[0].text).endswith("Musterstadt")
    assert any("U+0000" in w for w in document.warnings)


def test_file_name_is_german_and_safe(definition):
    project = Project.new(definition, "heilbronn")
    project.answers["verwaltung.name"] = 'Muster/stadt: "Nord"'
    assert file_name_for(definition, project) == "Social-Media-Nutzungskonzept Gemeinde Muster-stadt- -Nord-"


@pytest.mark.parametrize("n, expected", [(1, "I"), (4, "IV"), (6, "VI"), (9, "IX"), (14, "XIV")])
def test_roman(n, expected):
    assert roman(n) == expected


def test_every_section_fills_without_error_in_an_empty_or_one_channel_concept(definition, style):
    project = Project.new(definition, style)
    for section_id in definition.sections:
        if project.find(section_id) is None:
            project.add_section(section_id)
    assert assemble(definition, project).warnings == ()
    project.answers["kanaele"] = [{"_id": "k", "plattform": "sonstige", "plattform_name": "Pixelfed"}]
    document = assemble(definition, project)
    assert document.warnings == ()
    assert "Pixelfed" in render_debug(document)
