"""Annual review: comparing two versions of a concept, and the document for the council."""
from __future__ import annotations

import pytest

from wizards import doctree as dt
from wizards.assemble import Assembler
from wizards.cli import main
from wizards.project import Project, example_project, save_project
from wizards.review import TITLE, compare_projects, comparison_document, review_document, summary_lines, word_diff
from wizards.writers.debug import render_debug


def _copy(project: Project) -> Project:
    return Project.from_dict(project.to_dict())


@pytest.fixture
def versions(definition):
    old = example_project(definition, "heilbronn")
    new = _copy(old)
    new.answers["konzept.stand"] = "2027-11-01"
    new.answers["konzept.version"] = "1.1"
    new.design["history"] = [
        {"stand": "2026-11-01", "version": "1.0", "aenderung": "Erstfassung"},
        {"stand": "2027-11-01", "version": "1.1", "aenderung": "Mastodon ergänzt, Zweck gestrafft"},
    ]
    return old, new


def test_identical_versions_have_no_changes(definition):
    project = example_project(definition, "sassenberg")
    comparison = compare_projects(definition, project, _copy(project))
    assert comparison.unchanged and comparison.sections == [] and comparison.answers == []
    document = comparison_document(definition, comparison)
    assert dt.plain_text(document.blocks[0].text) == TITLE
    assert "keine Änderungen" in render_debug(document)


def test_added_removed_renamed_and_changed_sections(definition, versions):
    old, new = versions
    new.find("zweck").heading = "Wozu wir soziale Medien nutzen"
    text = Assembler(definition, new).sections_of(new.find("art_umfang"))[0].markdown
    new.find("art_umfang").text = text.replace("Den Schwerpunkt", "Den klaren Schwerpunkt", 1) + "\n\nNeu: Wir posten auch Reels."
    new.remove("sensibilisierung")
    custom = new.add_custom_section("Barrierefreiheit", "Bilder erhalten Alternativtexte.")
    comparison = compare_projects(definition, old, new)

    kinds = {(c.kind, c.key) for c in comparison.sections}
    assert ("umbenannt", "zweck") in kinds
    assert ("text", "art_umfang") in kinds
    assert ("entfallen", "sensibilisierung") in kinds
    assert ("neu", custom.key) in kinds
    renamed = comparison.of_kind("umbenannt")[0]
    assert renamed.old_heading == "Zielsetzung und Zweck der Nutzung sozialer Medien"
    assert renamed.heading == "Wozu wir soziale Medien nutzen"
    changed = next(c for c in comparison.of_kind("text") if c.key == "art_umfang")
    assert "klaren" in changed.diff.inserted[0]
    assert any("Reels" in t for t in changed.diff.inserted)
    assert changed.diff.deleted == []

    lines = summary_lines(comparison)
    assert any(line.startswith("Umbenannt: Zielsetzung") for line in lines)
    assert "Neuer Abschnitt: Barrierefreiheit" in lines


def test_word_diff_marks_inserted_and_deleted_words():
    diff = word_diff("Wir posten zwei Beiträge pro Woche.\n\nZweiter Absatz bleibt.",
                     "Wir posten drei Beiträge pro Woche.\n\nZweiter Absatz bleibt.")
    assert diff.deleted == ["zwei"] and diff.inserted == ["drei"]
    assert len(diff.paragraphs) == 2
    assert diff.paragraphs[1] == (("gleich", "Zweiter Absatz bleibt."),)
    lists = word_diff("- eins\n- zwei", "- eins\n- zwei\n- drei")
    assert lists.inserted == ["– drei"]


def test_changed_answers_and_channels(definition, versions):
    old, new = versions
    new.answers["kanaele"][1]["frequenz"] = "etwa einmal pro Woche"
    new.answers["kanaele"].append({"_id": "kanal-mastodon", "plattform": "mastodon", "name": "@musterstadt",
                                   "url": "https://bawü.social/@musterstadt", "kontotyp": "basis",
                                   "statistik": False, "frequenz": "wöchentlich"})
    del new.answers["kontakt.fax"]
    new.answers["konzept.themen"] = ["leben", "krisen"]
    comparison = compare_projects(definition, old, new)
    answers = {a.label: (a.old, a.new) for a in comparison.answers}
    assert answers["Stand des Konzepts"] == ("01.11.2026", "01.11.2027")
    assert answers["Version"] == ("1.0", "1.1")
    assert answers["Faxnummer (falls vorhanden)"] == ("01234 5678-99", "–")
    assert answers["Kanal „Gemeinde Musterstadt“: Wie oft wird gepostet?"] == (
        "etwa zwei Beiträge pro Woche", "etwa einmal pro Woche")
    added = answers["Kanal „@musterstadt“ (neu)"]
    assert added[0] == "–" and "Mastodon" in added[1]
    assert answers["Regelmäßige Themen der Beiträge"][1] == (
        "Leben und Freizeit vor Ort, Warnungen und Informationen in Krisenlagen")
    # the channel's name now appears in the lead text
    assert any(c.kind == "text" and c.key == "einleitung" for c in comparison.sections)

    removed = compare_projects(definition, new, old)
    assert any(a.label == "Kanal „@musterstadt“ (entfallen)" for a in removed.answers)


def test_new_channel_adds_its_repeated_sections(definition):
    old = example_project(definition, "sassenberg")
    new = _copy(old)
    new.answers["kanaele"].append({"_id": "kanal-mastodon", "plattform": "mastodon", "name": "@musterstadt",
                                   "url": "https://bawü.social/@musterstadt", "kontotyp": "basis",
                                   "statistik": False, "frequenz": "wöchentlich"})
    added = [c for c in compare_projects(definition, old, new).of_kind("neu")]
    assert added and all(c.key.endswith("@kanal-mastodon") for c in added)
    assert any(c.key == "art_umfang_kanal@kanal-mastodon" and "Mastodon" in c.heading for c in added)


def test_moved_sections_and_style_switch(definition, versions):
    old, _ = versions
    new = _copy(old)
    assert new.move("alternativen", -1)
    comparison = compare_projects(definition, old, new)
    assert len(comparison.moved) == 1 and comparison.sections == []
    assert "Geänderte Reihenfolge" in render_debug(comparison_document(definition, comparison))
    other = _copy(old)
    other.apply_style(definition, "sassenberg")
    switched = compare_projects(definition, old, other)
    assert switched.old_style == "heilbronn" and switched.new_style == "sassenberg"
    assert "Hausstil gewechselt" in render_debug(comparison_document(definition, switched))


def test_document_for_the_council(definition, versions):
    old, new = versions
    text = Assembler(definition, new).sections_of(new.find("zweck"))[0].markdown
    new.find("zweck").text = text.replace("unmittelbar", "schnell", 1)
    new.remove("sensibilisierung")
    document = review_document(definition, old, new)
    assert document.meta.title == TITLE and document.meta.date == "2027-11-01" and document.meta.version == "1.1"
    title = document.blocks[0]
    assert isinstance(title, dt.Title) and dt.plain_text(title.text) == TITLE
    assert "01.11.2026" in dt.plain_text(title.subtitle) and "01.11.2027" in dt.plain_text(title.subtitle)
    headings = [dt.plain_text(h.text) for h in dt.headings(document) if h.level == 1]
    assert headings == ["Überblick", "Versionsgeschichte", "Entfallene Abschnitte", "Geänderte Texte",
                        "Geänderte Angaben"]
    assert len({h.anchor for h in dt.headings(document)}) == len(dt.headings(document))
    tables = [b for b in document.blocks if isinstance(b, dt.Table)]
    assert [dt.plain_text(c) for c in tables[0].header] == ["Stand", "Version", "Änderung"]
    assert dt.plain_text(tables[0].rows[1][2]) == "Mastodon ergänzt, Zweck gestrafft"
    debug = render_debug(document)
    assert "**schnell,**" in debug and "*[gestrichen: unmittelbar,]*" in debug
    assert "unveränderte Absätze ausgelassen" in debug


def test_document_exports_to_pdf(definition, versions, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from wizards.writers.pdf import write_pdf

    old, new = versions
    new.remove("sensibilisierung")
    target = tmp_path / "aenderungen.pdf"
    write_pdf(review_document(definition, old, new), target)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(target)).pages)
    assert "Änderungen im" in text and "Regelmäßige Information zu Datenschutzthemen" in text


def test_cli_compare_writes_pdf(definition, versions, tmp_path, capsys):
    old, new = versions
    new.remove("sensibilisierung")
    save_project(old, tmp_path / "alt.konzept")
    save_project(new, tmp_path / "neu.konzept")
    target = tmp_path / "aenderungen.pdf"
    assert main(["compare", str(tmp_path / "alt.konzept"), str(tmp_path / "neu.konzept"), "--pdf", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Entfallener Abschnitt: Regelmäßige Information zu Datenschutzthemen" in out
    assert target.read_bytes().startswith(b"%PDF")
