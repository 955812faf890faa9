"""The strict loader: the bundled definition loads; a malformed file names file, section and key."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from wizards.errors import DefinitionError
from wizards.loader import DEFINITIONS_DIR, load_definition
from wizards.schema import TOPICS

STYLES = ("heilbronn", "herford", "sassenberg")


def test_bundled_definition_has_three_styles_and_every_variant(definition):
    assert list(definition.styles) == list(STYLES)
    for section in definition.sections.values():
        assert set(section.variants) == set(STYLES), section.id
        assert section.help_worum and section.help_erwartung, f"help text missing for {section.id}"


def test_every_question_type_is_used(definition):
    types = {q.type for q in definition.questions()} | {
        f.type for q in definition.questions() for f in q.fields}
    assert types == {"text", "multiline", "email", "url", "phone", "date", "choice",
                     "multichoice", "yesno", "group", "weekly", "reference"}


def test_topics_are_known(definition):
    for section in definition.sections.values():
        assert set(section.topics) <= set(TOPICS)


@pytest.fixture
def broken_copy(tmp_path):
    folder = tmp_path / "nutzungskonzept"
    shutil.copytree(DEFINITIONS_DIR / "nutzungskonzept", folder)
    return folder


def _edit(path: Path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_unknown_key_in_a_variant_names_file_section_and_key(broken_copy):
    _edit(broken_copy / "texts" / "herford.yaml", lambda d: d["sections"]["zweck"].update(ueberschrift="x"))
    with pytest.raises(DefinitionError) as err:
        load_definition(folder=broken_copy)
    assert err.value.file == "texts/herford.yaml"
    assert err.value.where == "Abschnitt zweck"
    assert err.value.key == "ueberschrift"
    assert "texts/herford.yaml" in str(err.value) and "zweck" in str(err.value)


def test_missing_variant_is_reported(broken_copy):
    _edit(broken_copy / "texts" / "sassenberg.yaml", lambda d: d["sections"].pop("netiquette"))
    with pytest.raises(DefinitionError, match="Abschnitt netiquette.*sassenberg"):
        load_definition(folder=broken_copy)


def test_template_with_unknown_name_is_reported(broken_copy):
    _edit(broken_copy / "texts" / "heilbronn.yaml",
          lambda d: d["sections"]["zweck"].update(text="{{ verwaltung.name }} {{ gemeinderat }}"))
    with pytest.raises(DefinitionError, match="zweck.*text.*gemeinderat"):
        load_definition(folder=broken_copy)


def test_template_syntax_error_is_reported(broken_copy):
    _edit(broken_copy / "texts" / "heilbronn.yaml",
          lambda d: d["sections"]["alternativen"].update(text="{% if kontakt.fax %}ohne Ende"))
    with pytest.raises(DefinitionError, match="alternativen.*text.*Vorlagenfehler"):
        load_definition(folder=broken_copy)


def test_outline_naming_an_unknown_section_is_reported(broken_copy):
    _edit(broken_copy / "wizard.yaml", lambda d: d["styles"]["heilbronn"]["outline"].append("gibtsnicht"))
    with pytest.raises(DefinitionError, match="wizard.yaml: Stil heilbronn.*outline.*gibtsnicht"):
        load_definition(folder=broken_copy)


def test_bad_question_type_is_reported(broken_copy):
    def change(d):
        next(q for q in d["steps"][0]["questions"] if q["id"] == "verwaltung.name")["type"] = "freitext"
    _edit(broken_copy / "steps.yaml", change)
    with pytest.raises(DefinitionError, match="steps.yaml: Frage verwaltung.name.*type"):
        load_definition(folder=broken_copy)


def test_invalid_yaml_names_the_line(broken_copy):
    (broken_copy / "sections.yaml").write_text("sections:\n  - id: a\n   title: [\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match="sections.yaml: Zeile"):
        load_definition(folder=broken_copy)
