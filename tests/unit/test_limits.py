"""Answer types the CLI tolerates are normalised on load (review C5); projects above the
loader's limits are refused in German, projects at the limits export (review H6).

The worst accepted projects (every limit reached at once) are exported to DOCX and PDF,
checked and compared in ``test_worst_accepted_projects_export`` below; their time and
memory are measured by ``make bench``, not asserted here (no timed tests).
"""
from __future__ import annotations

import json

import pytest

from wizards import project as project_module
from wizards.errors import ProjectFileError
from wizards.project import Project, load_project, normalise_answers, save_project


@pytest.fixture
def style():
    return "heilbronn"


ODD_ANSWERS = [
    ("kanaele", ["Instagram", "Facebook"]),
    ("verantwortliche", ["Jan"]),
    ("kanaele", "Instagram"),
    ("kanaele", [{"plattform": 10**30, "konto": ["x"], "_id": 5}]),
    ("verwaltung.art", 10**30),
    ("verwaltung.art", ["gemeinde"]),
    ("verwaltung.bundesland", "XX"),
    ("verwaltung.name", 42),
    ("verwaltung.name", {"a": 1}),
    ("servicezeiten", ["mo"]),
    ("servicezeiten", {"mo": 9, "di": "9–12 Uhr"}),
]


def _multichoice_and_yesno(definition):
    multi = next(q.id for q in definition.questions() if q.type == "multichoice")
    yesno = next(q.id for q in definition.questions() if q.type == "yesno")
    date = next(q.id for q in definition.questions() if q.type == "date")
    return [(multi, 5), (multi, [["a"]]), (multi, "a"), (yesno, "ja"), (yesno, 1), (date, 20260101)]


def test_odd_answer_types_are_normalised(definition, example):
    cases = ODD_ANSWERS + _multichoice_and_yesno(definition)
    for qid, value in cases:
        if qid not in {q.id for q in definition.questions()}:
            continue
        answers = dict(example.answers)
        answers[qid] = value
        notes = normalise_answers(answers, definition)
        question = definition.question(qid)
        assert notes and all("\n" not in n for n in notes), (qid, value)
        normal = answers.get(qid)
        if question.type == "group":
            assert normal is None or all(isinstance(item, dict) for item in normal)
            for item in normal or []:
                for f in question.fields:
                    if f.id in item:
                        assert normal is not None and project_module._normal_value(f, item[f.id]) == item[f.id]
        elif question.type == "multichoice":
            assert normal is None or all(isinstance(v, str) for v in normal)
        elif question.type == "yesno":
            assert normal is None or isinstance(normal, bool)
        elif question.type == "weekly":
            assert normal is None or all(isinstance(v, str) for v in normal.values())
        else:
            assert normal is None or isinstance(normal, str)


def test_normal_answers_are_untouched(definition, example):
    before = json.dumps(example.answers, sort_keys=True)
    assert normalise_answers(example.answers, definition) == []
    assert json.dumps(example.answers, sort_keys=True) == before


def _over(kind: str, example) -> Project:
    if kind == "section text":
        example.add_custom_section("Riesig", "a " * (project_module.MAX_SECTION_CHARS // 2 + 1))
    elif kind == "field":
        example.answers["verwaltung.name"] = "N" * (project_module.MAX_FIELD_CHARS + 1)
    elif kind == "sections":
        for i in range(project_module.MAX_OUTLINE_ENTRIES):
            example.add_custom_section(f"A{i}")
    elif kind == "channels":
        example.answers["kanaele"] = [dict(example.answers["kanaele"][0]) for _ in range(project_module.MAX_GROUP_ITEMS + 1)]
    elif kind == "history":
        example.design["history"] = [{"stand": "2026", "version": "1", "aenderung": "x"}] * (project_module.MAX_HISTORY_ROWS + 1)
    elif kind == "total":
        for i in range(5):
            example.add_custom_section(f"T{i}", "b" * (project_module.MAX_SECTION_CHARS - 10))
    return example


@pytest.mark.parametrize("kind", ["section text", "field", "sections", "channels", "history", "total"])
def test_projects_above_the_limits_are_refused_on_load_and_save(example, tmp_path, kind):
    project = _over(kind, example)
    path = tmp_path / "gross.konzept"
    with pytest.raises(ProjectFileError) as info:
        save_project(project, path)
    assert "Nicht gespeichert" in str(info.value) and "\n" not in str(info.value)
    assert not path.exists()
    path.write_text(project.to_json(), encoding="utf-8")
    if path.stat().st_size > project_module.MAX_FILE_BYTES:
        pytest.skip("refused for its file size already")
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    message = str(info.value)
    assert "höchstens" in message and "\n" not in message


def worst_accepted(definition, example) -> Project:
    """Every limit reached at once (but not exceeded), in one project."""
    m = project_module
    channel = dict(example.answers["kanaele"][0])
    channel.pop("_id", None)
    example.answers["kanaele"] = [dict(channel, plattform="sonstige", plattform_name="Plattform " + "x" * 1980)
                                  for _ in range(m.MAX_GROUP_ITEMS)]
    example.answers["verwaltung.name"] = "Gemeinde " + "Musterstadt" * (m.MAX_FIELD_CHARS // 12)
    example.design["history"] = [{"stand": "2026-01-01", "version": str(i), "aenderung": "Ä" * 1980}
                                 for i in range(m.MAX_HISTORY_ROWS)]
    room = m.MAX_OUTLINE_ENTRIES - sum(1 for _ in example.walk())
    paragraph = "Die Gemeinde prüft jeden Beitrag vor der Veröffentlichung sorgfältig. " * 8 + "\n\n"
    big = paragraph * (m.MAX_SECTION_CHARS // len(paragraph))
    word = "Unterbrechungslos" * (m.MAX_SECTION_CHARS // 17)  # one word: split character by character
    for i in range(room):
        example.add_custom_section(f"Abschnitt {i}", big if i == 0 else word if i == 1 else "Ein kurzer Absatz.")
    example.validate_against(definition)
    project_module.check_limits(example)
    return example



@pytest.mark.slow
def test_worst_accepted_project_exports_checks_and_compares(definition, example, tmp_path, capsys):
    import io

    import docx
    from pypdf import PdfReader

    from wizards.cli import main

    path = tmp_path / "grenze.konzept"
    save_project(worst_accepted(definition, example), path)
    assert path.stat().st_size <= project_module.MAX_FILE_BYTES
    load_project(path)
    out_docx, out_pdf = tmp_path / "g.docx", tmp_path / "g.pdf"
    assert main(["export", str(path), "--docx", str(out_docx), "--pdf", str(out_pdf)]) == 0
    assert docx.Document(str(out_docx)).paragraphs
    assert len(PdfReader(io.BytesIO(out_pdf.read_bytes())).pages) > 10
    assert main(["check", str(path)]) in (0, 1)
    assert main(["compare", str(path), str(path), "--pdf", str(tmp_path / "vergleich.pdf")]) == 0
