"""Completeness is decided once: the step list's marks and the fachliche Prüfung always agree."""
from __future__ import annotations

import copy

import pytest

from wizards.assemble import Assembler
from wizards.checks import check_project
from wizards.progress import (
    DONE,
    MISSING,
    OUTLINE,
    QUESTIONS,
    SECTION,
    SectionRef,
    StepId,
    Target,
    answer_missing,
    effective_variant,
    step_of,
    step_states,
    target_for_finding,
    target_for_missing,
    unanswered,
)


def missing_in_check(definition, project) -> set[str]:
    return {f.key for f in check_project(definition, project) if f.kind == "angabe" and "Angabe fehlt" in f.message}


def missing_in_steps(definition, project) -> set[str]:
    return {q.id for q in unanswered(definition, project, Assembler(definition, project))}


@pytest.mark.parametrize("qid,value", [
    ("verwaltung.bundesland", "XX"),  # no Land of that name
    ("konzept.stand", "31.12.2026"),  # a date, but not in the project file's ISO form
    ("verwaltung.art", "stadtstaat"),  # not one of the kinds of body
])
def test_the_cases_that_used_to_disagree(definition, example, qid, value):
    """Review §4 item 4: the step list said „vollständig“, the check said „Angabe fehlt“."""
    project = copy.deepcopy(example)
    assert missing_in_check(definition, project) == missing_in_steps(definition, project) == set()
    project.answers[qid] = value
    assert missing_in_check(definition, project) == missing_in_steps(definition, project) == {qid}
    states = step_states(definition, project, Assembler(definition, project))
    assert states[StepId(QUESTIONS, step_of(definition, qid).id)] == MISSING
    question = definition.question(qid)
    assert answer_missing(question, value)
    assert not answer_missing(question, example.answers[qid])


ODD_VALUES = (None, "", "   ", "XX", "31.12.2026", "2026-13-01", [], [{}], ["unbekannt"], {}, True, 0)


def test_step_list_and_check_agree_on_every_question_and_odd_value(definition, example):
    for question in definition.questions():
        for value in ODD_VALUES:
            project = copy.deepcopy(example)
            project.answers[question.id] = value
            assert missing_in_check(definition, project) == missing_in_steps(definition, project), (question.id, value)


def test_step_states_mark_sections_with_missing_values(definition, example):
    project = copy.deepcopy(example)
    states = step_states(definition, project, Assembler(definition, project))
    assert set(states.values()) <= {DONE, MISSING, "neutral"}
    assert all(states[StepId(SECTION, e.key)] in (DONE, "neutral") for e in project.walk())
    project.answers["verwaltung.name"] = ""
    states = step_states(definition, project, Assembler(definition, project))
    assert MISSING in {states[StepId(SECTION, e.key)] for e in project.walk()}
    assert StepId(SECTION, "zweck").id == "section:zweck"


def test_effective_variant_is_the_sections_choice_else_the_style(definition, example):
    entry = next(e for e in example.walk() if not e.is_custom)
    section = definition.sections[entry.section]
    other = next(s for s in section.variants if s != example.style)
    assert effective_variant(entry, section, example.style) == example.style
    entry.variant = other
    assert effective_variant(entry, section, example.style) == other
    entry.variant = "gibt-es-nicht"
    assert effective_variant(entry, section, example.style) == example.style


def test_jump_targets(definition, example):
    assembler = Assembler(definition, example)
    name = definition.question("verwaltung.name")
    target = target_for_missing(definition, example, assembler, name.marker_text, "egal")
    assert target == Target(StepId(QUESTIONS, step_of(definition, "verwaltung.name").id), question="verwaltung.name")
    entry = next(e for e in example.walk() if not e.is_custom)
    assert target_for_finding(definition, example, f"{entry.key}@kanal1", "angabe") == Target(StepId(SECTION, entry.key))
    assert SectionRef.parse(f"{entry.key}@kanal1") == SectionRef(entry.key, "kanal1")
    missing_section = next(s for s in definition.sections if example.find(s) is None)
    assert target_for_finding(definition, example, missing_section, "abschnitt") == Target(
        StepId(OUTLINE), add_section=missing_section)
    assert target_for_finding(definition, example, "konzept.stand", "angabe").question == "konzept.stand"
