"""A catalogue section more than once, each with its own heading and text; a per-channel section's
heading renamed for every channel (issue 11, items 4 and 6)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from wizards import doctree as dt
from wizards.assemble import Assembler, anchor_for, assemble
from wizards.checks import check_project
from wizards.design import Design
from wizards.errors import ProjectFileError
from wizards.export import write
from wizards.layout import layout
from wizards.progress import SECTION, StepId, step_states
from wizards.project import FORMAT_VERSION, OutlineEntry, Project, example_project, load_project, save_project


@pytest.fixture
def two_goals(definition):
    """„Ziele“ once for the body and once for its youth centre; „Sicherheit und Haftung“ as two sections."""
    project = example_project(definition, "heilbronn")
    project.design = {**project.design, "numbering": "1.", "toc": True}
    project.add_section("ziele", after="zweck")
    youth = project.add_section("ziele", after="ziele", another=True, heading="Ziele des Jugendzentrums")
    youth.text = "Das Jugendzentrum erreicht junge Menschen dort, wo sie sich austauschen."
    project.add_section("sicherheit_haftung", after="verantwortung", heading="Haftung")
    second = project.add_section("sicherheit_haftung", after="sicherheit_haftung", another=True, heading="Sicherheit")
    second.text = "Zugangsdaten liegen nur bei der Pressestelle; die Konten sind mit zwei Faktoren geschützt."
    return project


def _headings(document):
    return [(b.number, dt.plain_text(b.text), b.anchor) for b in document.blocks if isinstance(b, dt.Heading)]


def test_each_instance_has_its_own_key_heading_text_and_number(definition, two_goals):
    keys = [e.key for e in two_goals.walk()]
    assert keys.count("ziele") == 1 and "ziele~2" in keys and "sicherheit_haftung~2" in keys
    headings = _headings(assemble(definition, two_goals))
    goals = [h for h in headings if h[2] in (anchor_for("ziele"), anchor_for("ziele~2"))]
    assert [h[1] for h in goals] == [definition.sections["ziele"].variants["heilbronn"].heading,
                                     "Ziele des Jugendzentrums"]
    assert goals[0][0] and goals[1][0] and goals[0][0] != goals[1][0]  # numbered one after the other
    anchors = [h[2] for h in headings if h[2]]
    assert len(set(anchors)) == len(anchors)  # every section's anchor (TOC, bookmarks) is unique
    rendered = {r.key: r for e in two_goals.walk() for r in Assembler(definition, two_goals).sections_of(e)}
    assert not rendered["ziele"].edited and rendered["ziele~2"].edited
    assert rendered["ziele~2"].markdown.startswith("Das Jugendzentrum")
    assert rendered["ziele"].markdown == Assembler(definition, two_goals).render_variant("ziele", "heilbronn")[1]


def test_a_new_instance_starts_with_the_catalogue_text_and_editing_one_leaves_the_other(definition, two_goals):
    third = two_goals.add_section("ziele", another=True, heading="Ziele des Museums")
    assert third.key == "ziele~3" and third.text is None
    rendered = {r.key: r.markdown for e in two_goals.walk() for r in Assembler(definition, two_goals).sections_of(e)}
    assert rendered["ziele~3"] == rendered["ziele"]
    two_goals.find("ziele~3").text = "Das Museum zeigt seine Sammlung."
    rendered_after = {r.key: r.markdown for e in two_goals.walk()
                      for r in Assembler(definition, two_goals).sections_of(e)}
    assert rendered_after["ziele"] == rendered["ziele"] and rendered_after["ziele~2"] == rendered["ziele~2"]
    with pytest.raises(ValueError):
        two_goals.add_section("ziele")  # without „another“ a second use is refused, as before


def test_removing_the_first_keeps_the_second_and_steps_and_findings_name_each(definition, two_goals):
    states = step_states(definition, two_goals, Assembler(definition, two_goals))
    assert StepId(SECTION, "ziele~2") in states and StepId(SECTION, "ziele") in states
    two_goals.find("sicherheit_haftung~2").text = ""
    findings = check_project(definition, two_goals)
    assert any(f.key == "sicherheit_haftung~2" and "„Sicherheit“ ist leer" in f.message for f in findings)
    removed = two_goals.remove("ziele")
    assert removed.instance == "" and two_goals.find("ziele~2").heading == "Ziele des Jugendzentrums"
    assert two_goals.move("ziele~2", -1) and two_goals.indent("ziele~2") in (True, False)


def test_instances_survive_saving_style_change_and_validation(tmp_path, definition, two_goals):
    path = tmp_path / "k.konzept"
    save_project(two_goals, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == FORMAT_VERSION == 3
    assert {"section": "ziele", "instance": "2", "heading": "Ziele des Jugendzentrums",
            "text": two_goals.find("ziele~2").text} in data["outline"]
    reopened = load_project(path)
    assert reopened.validate_against(definition) == []
    assert assemble(definition, reopened) == assemble(definition, two_goals)
    reopened.apply_style(definition, "herford")  # the clerk's further sections stay, with their texts
    assert reopened.find("ziele~2").text == two_goals.find("ziele~2").text
    assert reopened.find("sicherheit_haftung~2").heading == "Sicherheit"
    # a second entry with the same key is still a duplicate (dedupe by key, not by catalogue id)
    doubled = Project.from_dict({**data, "outline": data["outline"] + [{"section": "ziele", "instance": "2"}]})
    notes = doubled.validate_against(definition)
    assert [e.key for e in doubled.walk()].count("ziele~2") == 1 and any("doppelt" in n for n in notes)
    for bad in ({"section": "ziele", "instance": 2}, {"section": "ziele", "instance": "a b"},
                {"custom": "eigener-1", "instance": "2"}):
        with pytest.raises(ProjectFileError, match="instance"):
            OutlineEntry.from_dict(bad, "x")


def test_format_2_files_open_unchanged_and_are_saved_as_format_3(tmp_path, definition):
    project = example_project(definition, "sassenberg")
    old = project.to_dict()
    old["format_version"] = 2
    path = tmp_path / "alt.konzept"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    reopened = load_project(path)
    assert reopened.to_dict() == project.to_dict()
    assert assemble(definition, reopened) == assemble(definition, project)
    save_project(reopened, path)
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == 3


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_both_instances_reach_docx_and_pdf_with_own_numbers_and_toc_entries(tmp_path, definition, two_goals, kind):
    design = Design.from_dict(two_goals.design)
    document = layout(assemble(definition, two_goals), design)
    numbers = {text: number for number, text, _a in _headings(document)}
    goals_number, youth_number = numbers[definition.sections["ziele"].variants["heilbronn"].heading], \
        numbers["Ziele des Jugendzentrums"]
    target = tmp_path / f"k.{kind}"
    write(kind, document, target, design)
    if kind == "docx":
        doc = Docx(target)
        headings = [p.text.strip() for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert any(re.fullmatch(rf"{re.escape(youth_number)}\s*Ziele des Jugendzentrums", h) for h in headings), headings
        assert any(h.endswith("Haftung") for h in headings) and any(h.endswith("Sicherheit") for h in headings)
        body = "\n".join(p.text for p in doc.paragraphs)
        assert "junge Menschen dort, wo sie sich austauschen" in body
        toc = [p for p in doc.paragraphs if p.style.name.lower().startswith("toc")
               and p.text.endswith("Ziele des Jugendzentrums")]
        assert len(toc) == 1
        link = toc[0]._p.xpath("./w:hyperlink/@w:anchor")[0]
        target_heading = next(p for p in doc.paragraphs if p.style.name.startswith("Heading")
                              and p._p.xpath(f"./w:bookmarkStart[@w:name='{link}']"))
        assert target_heading.text.endswith("Ziele des Jugendzentrums")  # the TOC entry leads to its own heading
    else:
        reader = PdfReader(target)
        text = "\n".join(" ".join(page.extract_text().split()) for page in reader.pages)
        toc = " ".join(reader.pages[1].extract_text().split()) + " ".join(reader.pages[0].extract_text().split())
        assert f"{youth_number} Ziele des Jugendzentrums" in toc and goals_number != youth_number
        assert text.count("Ziele des Jugendzentrums") >= 2  # TOC line and heading
        assert "Zugangsdaten liegen nur bei der Pressestelle" in text

        def titles(items):
            for item in items:
                if isinstance(item, list):
                    yield from titles(item)
                else:
                    yield item.title
        assert any(t.endswith("Ziele des Jugendzentrums") for t in titles(reader.outline))
        assert any(t.endswith("Sicherheit") for t in titles(reader.outline))
        if shutil.which("pdftotext"):
            out = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
            assert "Ziele des Jugendzentrums" in out and "Haftung" in out


# ---------------------------------------------------------------- B: per-channel headings


@pytest.fixture
def channels(definition):
    return example_project(definition, "sassenberg")


def _channel_headings(definition, project, key):
    return [r.heading for r in Assembler(definition, project).sections_of(project.find(key))]


def test_renaming_a_per_channel_section_renames_every_channels_heading(definition, channels):
    platforms = [str(i["plattform_name"]) for i in Assembler(definition, channels).items_for(
        definition.sections["art_umfang_kanal"])]
    assert len(platforms) >= 2
    entry = channels.find("art_umfang_kanal")
    entry.heading = "{Plattform}"
    assert _channel_headings(definition, channels, "art_umfang_kanal") == platforms
    entry.heading = "Unser Auftritt auf {Plattform}"
    assert _channel_headings(definition, channels, "art_umfang_kanal") == [f"Unser Auftritt auf {p}" for p in platforms]
    entry.heading = "Nutzung"  # no placeholder: the platform is appended, each heading stays its own
    assert _channel_headings(definition, channels, "art_umfang_kanal") == [f"Nutzung – {p}" for p in platforms]
    names = [str(i.get("name")) for i in channels.answers["kanaele"]]
    entry.heading = "{Kontoname}"
    assert _channel_headings(definition, channels, "art_umfang_kanal") == names
    first = channels.answers["kanaele"][0]["_id"]
    entry.item_headings[first] = "Mein Kanal"  # one channel's own heading goes first
    assert _channel_headings(definition, channels, "art_umfang_kanal")[0] == "Mein Kanal"


def test_renamed_per_channel_heading_reaches_the_pdf_numbered(tmp_path, definition, channels):
    channels.design = {**channels.design, "numbering": "1."}
    channels.find("gruende_kanal").heading = "Warum {Plattform}?"
    design = Design.from_dict(channels.design)
    target = tmp_path / "k.pdf"
    write("pdf", layout(assemble(definition, channels), design), target, design)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    for item in Assembler(definition, channels).items_for(definition.sections["gruende_kanal"]):
        assert re.search(rf"\d\.\s*Warum {re.escape(str(item['plattform_name']))}\?", text)


def test_a_merged_per_channel_section_names_all_platforms_and_renames_survive_a_style_change(definition):
    project = example_project(definition, "herford")
    project.find("plattform_allgemein").heading = "Allgemeines zu {Plattform}"
    platforms = Assembler(definition, project).context["plattformen_text"]
    assert _channel_headings(definition, project, "plattform_allgemein") == [f"Allgemeines zu {platforms}"]
    project.apply_style(definition, "sassenberg")
    project.find("art_umfang_kanal").heading = "{Plattform}"
    first = project.answers["kanaele"][0]["_id"]
    project.find("art_umfang_kanal").item_headings[first] = "Unser erster Kanal"
    project.apply_style(definition, "sassenberg")  # the style's outline anew, the clerk's work carried over
    assert project.find("art_umfang_kanal").heading == "{Plattform}"
    assert project.find("art_umfang_kanal").item_headings == {first: "Unser erster Kanal"}


def test_a_preset_may_name_a_section_twice_beside_the_clerks_further_uses(definition):
    import dataclasses

    from wizards.schema import Preset, PresetItem

    preset = Preset("zweimal", "Zweimal", "", "1.", "", (
        PresetItem("einleitung"), PresetItem("sicherheit_haftung", "Haftung"),
        PresetItem("sicherheit_haftung", "Sicherheit"), PresetItem("impressum")))
    with_preset = dataclasses.replace(definition, presets={**definition.presets, "zweimal": preset})
    project = example_project(definition, "heilbronn")
    project.add_section("sicherheit_haftung")
    mine = project.add_section("sicherheit_haftung", another=True, heading="Haftung für Links")
    mine.text = "Für fremde Inhalte haften wir nicht."
    project.apply_preset(with_preset, "zweimal")
    entries = {e.key: e.heading for e in project.walk()}
    assert entries["sicherheit_haftung"] == "Haftung"
    assert entries["sicherheit_haftung~2"] == "Haftung für Links"  # the clerk's further use, kept as it was
    assert entries["sicherheit_haftung~3"] == "Sicherheit"
    assert project.find("sicherheit_haftung~2").text == "Für fremde Inhalte haften wir nicht."
    assert project.validate_against(definition) == []
    headings = [dt.plain_text(h.text) for h in assemble(definition, project).blocks if isinstance(h, dt.Heading)]
    assert {"Haftung", "Sicherheit", "Haftung für Links"} <= set(headings)
