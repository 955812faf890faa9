"""The project file: plain JSON with format and version, exact round trip, German errors."""
from __future__ import annotations

import json

import pytest

from wizards.errors import ProjectFileError
from wizards.project import FORMAT_NAME, FORMAT_VERSION, OutlineEntry, Project, load_project, save_project


def _customised(definition):
    project = Project.new(definition, "sassenberg")
    project.answers["verwaltung.name"] = "Musterstadt"
    project.answers["kanaele"] = [{"_id": "k1", "plattform": "instagram", "name": "@m", "url": "https://x.example"}]
    zweck = project.find("zweck")
    zweck.variant = "heilbronn"
    zweck.heading = "Warum wir soziale Medien nutzen"
    zweck.text = "Unser **eigener** Text mit [Link](https://www.musterstadt.example)."
    project.find("art_umfang_kanal").item_texts["k1"] = "Nur für Instagram."
    project.add_custom_section("Eigene Regeln", "- eins\n- zwei", after="zweck")
    project.remove("vor_nachteile")
    project.move("alternativen", -1)
    project.design = {"primary_color": "#123456", "history": [{"stand": "2026-11-01", "version": "1.0", "aenderung": "Erstfassung"}]}
    return project


def test_round_trip_is_exact(definition, tmp_path):
    project = _customised(definition)
    path = tmp_path / "konzept.konzept"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded.to_dict() == project.to_dict()
    assert path.read_text(encoding="utf-8") == loaded.to_json()


def test_file_is_readable_json_with_format_and_version(definition, tmp_path):
    path = tmp_path / "k.konzept"
    save_project(_customised(definition), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT_NAME and data["format_version"] == FORMAT_VERSION
    assert data["style"] == "sassenberg"
    keys = [e.get("section") or e.get("custom") for e in data["outline"]]
    assert "vor_nachteile" not in keys
    custom = next(e for e in data["outline"] if "custom" in e)
    assert custom["heading"] == "Eigene Regeln"
    zweck = next(e for e in data["outline"] if e.get("section") == "zweck")
    assert zweck == {"section": "zweck", "variant": "heilbronn", "heading": "Warum wir soziale Medien nutzen",
                     "text": "Unser **eigener** Text mit [Link](https://www.musterstadt.example)."}
    assert "Musterstadt" in path.read_text(encoding="utf-8"), "umlauts and names stay readable (no \\u escapes)"


def test_unknown_top_level_keys_survive(definition):
    data = Project.new(definition, "herford").to_dict()
    data["kommentar"] = {"von": "Hauptamt"}
    assert Project.from_dict(data).to_dict()["kommentar"] == {"von": "Hauptamt"}


@pytest.mark.parametrize("content, message", [
    ("", "leer"),
    ("{\"format\": \"konzeptassistent-projekt\", \"format_version\": 1, \"wiz", "beschädigt oder unvollständig"),
    ("kein json", "beschädigt oder unvollständig"),
    ("[1, 2]", "kein Konzept-Projekt"),
    ("{\"format\": \"word\"}", "kein Projekt des Konzeptassistenten"),
    ("{\"format\": \"konzeptassistent-projekt\", \"format_version\": 99}", "neueren Programmversion"),
    ("{\"format\": \"konzeptassistent-projekt\", \"format_version\": 1, \"wizard\": \"nutzungskonzept\", "
     "\"style\": \"herford\", \"answers\": [], \"outline\": [], \"design\": {}}", "answers"),
    ("[" * 100000 + "]" * 100000, "verschachtelt"),
])
def test_bad_files_give_a_german_message(tmp_path, content, message):
    path = tmp_path / "kaputt.konzept"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectFileError, match=message) as err:
        load_project(path)
    assert "kaputt.konzept" in str(err.value)


def test_binary_and_missing_files(tmp_path):
    path = tmp_path / "bild.konzept"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(ProjectFileError, match="keine Projektdatei"):
        load_project(path)
    with pytest.raises(ProjectFileError, match="nicht gefunden"):
        load_project(tmp_path / "fehlt.konzept")


def test_failed_save_keeps_the_previous_file(definition, tmp_path, monkeypatch):
    path = tmp_path / "k.konzept"
    save_project(Project.new(definition, "herford"), path)
    before = path.read_bytes()
    project = _customised(definition)
    import wizards.atomic

    def disk_full(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(wizards.atomic.os, "replace", disk_full)
    with pytest.raises(ProjectFileError, match="bisherige Datei ist unverändert"):
        save_project(project, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["k.konzept"], "no temp file left behind"


def test_validate_against_drops_unknown_sections_and_styles(definition):
    project = Project.new(definition, "herford")
    project.style = "barock"
    project.outline.append(OutlineEntry(section="gibtsnicht"))
    notes = project.validate_against(definition)
    assert project.style == "heilbronn"
    assert project.find("gibtsnicht") is None
    assert len(notes) == 2


def test_switching_style_keeps_edited_texts_and_custom_sections(definition):
    project = Project.new(definition, "heilbronn")
    project.find("zweck").text = "Mein Zweck."
    custom = project.add_custom_section("Eigenes")
    project.apply_style(definition, "sassenberg")
    assert project.find("zweck").text == "Mein Zweck."
    assert project.find(custom.key) is not None
    assert project.find("dsfa") is not None and project.find("datenschutz") is None
