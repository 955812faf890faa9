"""The document set: every kind from the same answers, in every style, without contradictions."""
from __future__ import annotations

import re

import pytest

from wizards.cli import main
from wizards.documents import assemble_document, document_ids, document_kinds
from wizards.doctree import Heading
from wizards.loader import bundled_definition
from wizards.project import example_project, save_project
from wizards.writers.debug import render_debug

COMPANIONS = [kind for kind in document_ids() if kind != "nutzungskonzept"]
URL = re.compile(r"https?://[^\s)\]|]+")
MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\b0\d{2,5} [\d -]{3,}\d\b")
# what only the clerk can judge: the impact assessment shows these as markers, never a made-up result
JUDGEMENTS = {"Ergebnis der Schwellwertanalyse", "Eintrittswahrscheinlichkeit", "Schwere", "Bewertung", "Restrisiko",
              "Ergebnis der Folgenabschätzung", "Stellungnahme der oder des Datenschutzbeauftragten",
              "Datum der nächsten Überprüfung"}


def _facts(text: str) -> set[str]:
    return {u.rstrip(".,;") for u in URL.findall(text)} | set(MAIL.findall(text)) | set(PHONE.findall(text))


def test_cli_lists_the_documents(capsys):
    assert main(["documents"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "nutzungskonzept\tSocial-Media-Nutzungskonzept"
    assert [line.split("\t")[0] for line in lines] == list(document_ids())
    assert all(len(line.split("\t")) == 2 and line.split("\t")[1] for line in lines)


@pytest.mark.parametrize("kind", COMPANIONS)
def test_every_kind_in_every_style_is_complete(kind, example, tmp_path):
    document = assemble_document(kind, example)
    assert {m.label for m in document.missing} == (JUDGEMENTS if kind == "dsfa" else set())
    assert document.warnings == ()
    assert document.meta.subject == bundled_definition(kind).title
    assert len([b for b in document.blocks if isinstance(b, Heading)]) >= 3
    text = render_debug(document)
    assert "Musterstadt" in text and "fehlerhaft" not in text
    definition = bundled_definition(kind)
    for section in definition.sections.values():  # help per section, as in the concept
        assert section.help_worum and section.help_erwartung, section.id


@pytest.mark.parametrize("kind", COMPANIONS)
def test_cli_exports_a_companion_document(kind, definition, tmp_path, capsys):
    project = tmp_path / "p.konzept"
    save_project(example_project(definition, "herford"), project)
    targets = {ext: tmp_path / f"{kind}.{ext}" for ext in ("docx", "pdf", "html")}
    args = ["export", str(project), "--document", kind]
    for ext, path in targets.items():
        args += [f"--{ext}", str(path)]
    assert main(args) == 0
    title = assemble_document(kind, example_project(definition, "herford")).meta.title
    assert title in targets["html"].read_text(encoding="utf-8")
    assert all(p.stat().st_size > 1000 for p in targets.values())


def test_cli_rejects_an_unknown_document(definition, tmp_path, capsys):
    project = tmp_path / "p.konzept"
    save_project(example_project(definition, "herford"), project)
    assert main(["export", str(project), "--document", "brief", "--pdf", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Unbekanntes Dokument „brief“") and "netiquette" in err
    assert not (tmp_path / "x.pdf").exists()


def test_facts_never_contradict_across_the_set(definition, example):
    """Every web address, e-mail address and phone number in any document of the set comes from
    the answers (or the platform data), and every document names the same supervisory authority
    and Land law: one source, no contradiction."""
    texts = {kind: render_debug(assemble_document(kind, example)) for kind, _name in document_kinds()}
    source = repr(example.answers) + repr(definition.data.plattformen)
    land = definition.data.laender[str(example.answers["verwaltung.bundesland"])]
    other_authorities = {row["aufsicht"] for row in definition.data.laender.values()} - {land["aufsicht"]}
    other_laws = {row["gesetz"] for row in definition.data.laender.values()} - {land["gesetz"]}
    for kind, text in texts.items():
        facts = _facts(text)
        assert facts, kind
        assert [f for f in facts if f not in source] == [], kind
        assert [a for a in other_authorities if a in text] == [], kind
        assert [law for law in other_laws if law in text] == [], kind


def test_netiquette_speaks_as_chosen(definition):
    project = example_project(definition, "herford")
    sie = render_debug(assemble_document("netiquette", project))
    project.answers["netiquette.anrede"] = "du"
    du = render_debug(assemble_document("netiquette", project))
    assert "Bitte bleiben Sie beim Thema" in sie and "Bitte bleib beim Thema" in du
    assert not re.search(r"\b(Sie erreichen|Ihre Meinung|Haben Sie)\b", du)
    assert "# IV. Deine Daten" in du


def test_a_companion_document_sees_changed_questions_of_the_concept(tmp_path, monkeypatch):
    """The definition cache keys a companion document by the concept's steps.yaml too."""
    import shutil

    from wizards import definition_cache
    from wizards.loader import DEFINITIONS_DIR, load_definition

    monkeypatch.setenv(definition_cache.ENV_VAR, str(tmp_path / "cache"))
    for kind in ("nutzungskonzept", "netiquette"):
        shutil.copytree(DEFINITIONS_DIR / kind, tmp_path / kind)
    label = "Anrede in der Netiquette"
    assert load_definition("netiquette", tmp_path / "netiquette").question("netiquette.anrede").label == label
    steps = tmp_path / "nutzungskonzept" / "steps.yaml"
    steps.write_text(steps.read_text(encoding="utf-8").replace(label, "Anrede"), encoding="utf-8")
    assert load_definition("netiquette", tmp_path / "netiquette").question("netiquette.anrede").label == "Anrede"


def test_privacy_notice_has_what_art_13_asks_for(definition, example):
    text = render_debug(assemble_document("datenschutzhinweise", example))
    answers = example.answers
    land = definition.data.laender[str(answers["verwaltung.bundesland"])]
    for needle in (answers["leitung.name"], answers["datenschutz.dsb_email"], "Art. 6 Abs. 1 lit. e DSGVO",
                   "Art. 26", "C-210/16", "10.07.2023", "Data Privacy Framework", "Art. 15", "Art. 21",
                   "Art. 77", land["aufsicht"]):
        assert needle in text, needle
    for channel in answers["kanaele"]:
        assert channel["url"] in text
    assert "Meta Platforms Ireland Limited" in text
    assert "Art. 20" not in text  # no data portability for Art. 6 Abs. 1 lit. e (Art. 20 Abs. 3 DSGVO)


@pytest.mark.parametrize("besteht, expected", [
    (True, "„Seiten-Insights-Ergänzung“"), (False, "keine Vereinbarung nach Art. 26 DSGVO"),
    (None, "liegt uns derzeit nicht vor")])
def test_privacy_notice_states_each_platforms_art_26_agreement(definition, monkeypatch, besteht, expected):
    from wizards import context

    real = context._art26
    monkeypatch.setattr(context, "_art26", lambda platform: {**real(platform), "besteht": besteht,
                                                             "name": "Seiten-Insights-Ergänzung",
                                                             "bewertung": "Meta übernimmt die Informationspflichten."})
    text = render_debug(assemble_document("datenschutzhinweise", example_project(definition, "herford")))
    assert expected in text
    assert ("Das Wesentliche: Meta übernimmt die Informationspflichten." in text) == bool(besteht)


def test_companion_documents_keep_the_design_but_not_the_concepts_title(definition):
    project = example_project(definition, "herford")
    project.design.update(title="Unser Social-Media-Konzept", title_lines=["Beschlossen im Rat"],
                          primary_color="#8B0000", history=[{"stand": "1.1.2026", "version": "1", "aenderung": "neu"}],
                          cover_sheet={"enabled": True, "anlage": "3", "vorlage": "VO/1", "gremium": "", "sitzung": ""})
    concept = render_debug(assemble_document("nutzungskonzept", project))
    notice = assemble_document("datenschutzhinweise", project)
    assert "Unser Social-Media-Konzept" in concept
    text = render_debug(notice)
    assert "Unser Social-Media-Konzept" not in text and "Beschlossen im Rat" not in text
    assert notice.meta.title.startswith("Datenschutzhinweise")
    from wizards.documents import project_for
    from wizards.design import Design

    design = Design.from_dict(project_for("datenschutzhinweise", project)[1].design)
    assert design.primary_color == "#8B0000" and not design.history and not design.cover_sheet["enabled"]
    assert project.design["title"] == "Unser Social-Media-Konzept"  # the concept's project is untouched


def _attachments(text: str) -> list[str]:
    return [line.split(". ", 1)[1] for line in text.split("Anlagen")[-1].splitlines() if re.match(r"\s*\d+\. ", line)]


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_council_submission_names_exactly_the_chosen_documents_as_attachments(definition, style):
    """A submission must never announce an attachment the clerk does not produce."""
    project = example_project(definition, style)
    names = dict(document_kinds())
    for chosen in ([], ["impressum"], ["netiquette", "impressum", "beschlussvorlage"], list(COMPANIONS)):
        project.extra["dokumente"] = chosen
        text = render_debug(assemble_document("beschlussvorlage", project))
        others = [kind for kind in document_ids() if kind in chosen and kind not in ("beschlussvorlage",)]
        assert _attachments(text) == [names["nutzungskonzept"], *(names[k] for k in others)], chosen
        assert ("zur Kenntnis genommen" in text) == bool(others), chosen
        if len(others) > 2:
            assert f"2 bis {len(others) + 1})" in text or f"2–{len(others) + 1})" in text
    assert "Beschlussvorschlag" in text and "Finanzielle Auswirkungen" in text and "Sachverhalt" in text


def test_exported_set_names_what_it_writes_as_attachments(definition, tmp_path):
    import docx

    from wizards.documents import export_set

    project = example_project(definition, "heilbronn")
    project.extra["dokumente"] = list(COMPANIONS)  # stored choice differs from what this export writes
    written = export_set(project, ["netiquette", "beschlussvorlage"], ["docx"], tmp_path)
    submission = next(p for p in written if p.name.startswith("Beschlussvorlage"))
    paragraphs = [p.text for p in docx.Document(submission).paragraphs]
    after = paragraphs[next(i for i, t in enumerate(paragraphs) if t.endswith("Anlagen")) + 1:]
    assert after[:2] == ["Social-Media-Nutzungskonzept", "Netiquette"] and "Datenschutz-Folgenabschätzung" not in after
    assert "Die Netiquette (Anlage 2) wird zur Kenntnis genommen." in paragraphs


def test_impact_assessment_rates_every_channel_and_claims_no_result(definition, example):
    """Art. 35 DSGVO and EuGH C-210/16; one risk table per channel (likelihood × severity) whose
    ratings, the result and the review date stay visible markers until the clerk records them."""
    from wizards.doctree import Table

    document = assemble_document("dsfa", example)
    text = render_debug(document)
    for needle in ("Art. 35", "C-210/16", "Art. 26", "Art. 36 Abs. 1 DSGVO", example.answers["datenschutz.dsb_name"]):
        assert needle in text, needle
    channels = example.answers["kanaele"]
    risk_tables = [b for b in document.blocks if isinstance(b, Table)
                   and "Eintrittswahrscheinlichkeit" in repr(b)]
    assert len(risk_tables) == len(channels)
    for channel in channels:
        assert channel["name"] in text
    assert "[[FEHLT: Restrisiko]]" in text and "[[FEHLT: Datum der nächsten Überprüfung]]" in text
    for claimed in ("stufen wir als gering", "Risiko ist gering", "vertretbar", "nicht erforderlich"):
        assert claimed not in text, claimed
    # a channel with the statistics function gets its own row for it
    example.answers["kanaele"][0]["statistik"] = True
    with_statistics = [b for b in assemble_document("dsfa", example).blocks if isinstance(b, Table)
                       and "Eintrittswahrscheinlichkeit" in repr(b)]
    assert len(with_statistics[0].rows) == len(risk_tables[0].rows) + 1
    assert "Statistik" in repr(with_statistics[0].rows[-2])


def test_a_failed_set_export_leaves_no_file_behind(definition, tmp_path, monkeypatch):
    """All files of the set appear only when all are complete; nothing is written onto the project."""
    from wizards import export
    from wizards.documents import export_set
    from wizards.errors import KonzeptError

    project = example_project(definition, "herford")
    real, calls = export.writer, []

    def failing_writer(kind):
        def write(document, path, design):
            calls.append(path.name)
            if len(calls) == 3:
                raise KonzeptError("Platte voll")
            real(kind)(document, path, design)
        return write
    monkeypatch.setattr(export, "writer", failing_writer)
    with pytest.raises(KonzeptError):
        export_set(project, ["netiquette", "dsfa"], ["docx", "pdf"], tmp_path)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(export, "writer", real)
    written = export_set(project, ["dsfa"], ["pdf"], tmp_path, inputs=[tmp_path / "p.konzept"])
    assert [p.name for p in written] == ["Social-Media-Nutzungskonzept Gemeinde Musterstadt.pdf",
                                         "Datenschutz-Folgenabschätzung Social Media Gemeinde Musterstadt.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_a_facilitys_privacy_notice_names_its_traeger_as_controller(definition, style):
    """A facility has no legal personality of its own: its Träger is the controller (Art. 4 Nr. 7
    DSGVO); the facility runs the channels and is the contact point."""
    project = example_project(definition, style)
    project.answers.update({"verwaltung.name": "Lindenhof", "verwaltung.art": "jugendzentrum",
                            "verwaltung.traeger": "Kreis Musterland",
                            "verwaltung.traeger_vertretung": "Landrätin Dr. Erika Beispiel"})
    text = render_debug(assemble_document("datenschutzhinweise", project))
    controller = text.split("{#abschnitt-verantwortlich}", 1)[1].split("\n# ", 1)[0]
    assert "Kreis Musterland" in controller and "vertreten durch Landrätin Dr. Erika Beispiel" in controller
    assert "Jugendzentrum Lindenhof" in controller  # the unit running the channels
    assert "Jugendzentrum Lindenhof, vertreten durch" not in controller
    assert "Bürgermeisterin" not in controller


def test_impressum_document_and_concept_name_the_same_responsible_person(definition, style):
    project = example_project(definition, style)
    assert project.answers["verantwortliche"][0]["name"] == "Jan Probst"
    project.answers["redaktion.verantwortlich"] = "Paula Neumann"
    concept = render_debug(assemble_document("nutzungskonzept", project))
    impressum = render_debug(assemble_document("impressum", project))
    named = re.compile(r"18 Abs\. 2 MStV(?: ist|:\*\*) ([^,.]+)")
    assert {m.group(1) for m in named.finditer(concept)} == {"Paula Neumann"}
    responsible = impressum.split("{#abschnitt-inhalt}", 1)[1]
    assert "Paula Neumann" in responsible and "Jan Probst" not in responsible
