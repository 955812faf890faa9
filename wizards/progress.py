"""Progress: the one place that decides whether an answer, a step or a section is complete, and where to go for it.

The step list, the export page's warning and the fachliche Prüfung (``wizards.checks``) all ask
here, so they always agree: an answer the check reports as missing is never marked „vollständig“.

API (no Qt; the desktop only shows the results):

- ``answer_missing(question, value)`` – a required answer counts as given only if it is valid:
  a choice must be one of its options („XX“ is no Land), a date must be an ISO date
  („31.12.2026“ is not), a group needs its minimum number of items with their required fields.
- ``unanswered(definition, project, assembler)`` – required questions (their ``when`` holding)
  whose answer is missing, in step order.
- ``step_of(definition, question_id)`` – the question step (``schema.Step``) holding a question.
- ``effective_variant(entry, section, style)`` – the style id whose text a section shows.
- ``step_states(definition, project, assembler)`` – ``{StepId: DONE | MISSING | NEUTRAL}`` for
  every question step and outline entry (``StepId.id`` is the desktop's step id string).
- ``target_for_missing(...)`` / ``target_for_finding(...)`` – a ``Target``: the step to show,
  the question to focus, or the catalogue section to offer adding.

The assembler is passed in (the caller usually has one cached); this module sits below
``wizards.assemble`` so that the assembler can use ``effective_variant``. See docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .project import OutlineEntry, Project
from .sanitize import MISSING_CLOSE, MISSING_OPEN
from .schema import Question, SectionDef, Step, WizardDefinition

DONE, MISSING, NEUTRAL = "done", "missing", "neutral"
QUESTIONS, OUTLINE, SECTION, EXPORT = "questions", "outline", "section", "export"
_MISSING = re.compile(f"{MISSING_OPEN}(.*?){MISSING_CLOSE}", re.S)


@dataclass(frozen=True)
class StepId:
    """A step of the wizard: a question step (key = step id) or an outline entry (key = entry key)."""

    kind: str  # QUESTIONS | OUTLINE | SECTION | EXPORT
    key: str = ""

    @property
    def id(self) -> str:
        """The desktop's string form, e.g. „questions:verwaltung“, „section:zweck“."""
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True)
class SectionRef:
    """A rendered section: an outline entry and, in a repeated section, the item (channel)."""

    entry: str
    item: str = ""

    @classmethod
    def parse(cls, key: str) -> "SectionRef":
        """From the rendered section's key „entry@item“ (``RenderedSection.key``, ``Finding.key``)."""
        entry, _, item = key.partition("@")
        return cls(entry, item)


@dataclass(frozen=True)
class Target:
    """Where to go: a step, optionally a question to focus there, or a catalogue section to offer adding."""

    step: StepId
    question: str = ""
    add_section: str = ""


# ---------------------------------------------------------------- answers


def answer_missing(question: Question, value) -> bool:
    """Whether a required question's answer is missing (or invalid, which is the same for the clerk)."""
    kind = question.type
    if kind == "group":
        items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
        if len(items) < max(question.min, 1 if question.required else 0):
            return True
        return any(answer_missing(f, item.get(f.id)) for item in items for f in question.fields if f.required)
    if kind == "choice":
        return not any(o.id == value for o in question.options)
    if kind == "multichoice":
        if not isinstance(value, list):
            return True
        known = {o.id for o in question.options}
        chosen = [v for v in value if v in known] if known else [v for v in value if v]
        return len(chosen) < max(question.min, 1)
    if kind == "date":
        if isinstance(value, _dt.date):
            return False
        if not isinstance(value, str):
            return True
        try:
            _dt.date.fromisoformat(value.strip())
        except ValueError:
            return True
        return False
    if kind == "yesno":
        return not isinstance(value, bool)
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def needs_answer(question: Question) -> bool:
    """Required questions, and groups (an optional group's items still need their required fields)."""
    return question.required or question.type == "group"


def applies(question: Question, assembler) -> bool:
    """Whether the question is asked at all (its ``when`` holds for the current answers)."""
    return not question.when or assembler.condition(question.when)


def unanswered(definition: WizardDefinition, project: Project, assembler) -> list[Question]:
    return [q for q in definition.questions()
            if needs_answer(q) and applies(q, assembler) and answer_missing(q, project.answers.get(q.id))]


def step_of(definition: WizardDefinition, question_id: str) -> Step | None:
    for step in definition.steps:
        if any(q.id == question_id for q in step.questions):
            return step
    return None


# ---------------------------------------------------------------- sections


def effective_variant(entry: OutlineEntry, section: SectionDef, style: str) -> str:
    """The style whose text the section shows: the clerk's choice for this section, else the project's style."""
    return entry.variant if entry.variant in section.variants else style


def missing_labels(text: str) -> list[str]:
    """Labels of the values still missing in a rendered text."""
    return _MISSING.findall(text)


def section_state(entry: OutlineEntry, assembler) -> str:
    if entry.is_custom:
        return DONE if (entry.text or "").strip() else MISSING
    rendered = assembler.sections_of(entry) if entry.section in assembler.definition.sections else []
    if not rendered:
        return NEUTRAL  # not shown (its condition does not hold, or no channel for it)
    if any(missing_labels(r.heading) or missing_labels(r.markdown) for r in rendered):
        return MISSING
    return DONE


def step_states(definition: WizardDefinition, project: Project, assembler) -> dict[StepId, str]:
    """DONE / MISSING / NEUTRAL for every question step and every outline entry."""
    missing = {q.id for q in unanswered(definition, project, assembler)}
    states = {StepId(QUESTIONS, step.id): MISSING if any(q.id in missing for q in step.questions) else DONE
              for step in definition.steps}
    for entry in project.walk():
        states[StepId(SECTION, entry.key)] = section_state(entry, assembler)
    return states


# ---------------------------------------------------------------- where to go


def first_step(definition: WizardDefinition) -> StepId:
    return StepId(QUESTIONS, definition.steps[0].id) if definition.steps else StepId(OUTLINE)


def target_for_question(definition: WizardDefinition, question_id: str) -> Target | None:
    step = step_of(definition, question_id)
    return Target(StepId(QUESTIONS, step.id), question=question_id) if step is not None else None


def target_for_missing(definition: WizardDefinition, project: Project, assembler, label: str,
                       section_heading: str) -> Target:
    """A missing value „[label]“ in the section headed ``section_heading``: its question, else its section."""
    for step in definition.steps:
        for q in step.questions:
            if label in {q.marker_text} | {f.marker_text for f in q.fields}:
                return Target(StepId(QUESTIONS, step.id), question=q.id)
    for entry in project.walk():
        if entry.is_custom or entry.section in definition.sections:
            if any(r.heading == section_heading for r in assembler.sections_of(entry)):
                return Target(StepId(SECTION, entry.key))
    return Target(first_step(definition))


def target_for_finding(definition: WizardDefinition, project: Project, key: str, kind: str) -> Target:
    """A finding of the check (``Finding.key``/``.kind``): its section, the section to add, or its question."""
    ref = SectionRef.parse(key)
    if project.find(ref.entry) is not None:
        return Target(StepId(SECTION, ref.entry))
    if kind == "abschnitt" and key in definition.sections:
        return Target(StepId(OUTLINE), add_section=key)
    return target_for_question(definition, key) or Target(first_step(definition))


# ---------------------------------------------------------------- before an export


@dataclass(frozen=True)
class Gap:
    """Something an export would leave open, in German for a list, with where to go for it."""

    text: str
    target: Target


def export_gaps(definition: WizardDefinition, project: Project, assembler, missing=()) -> list[Gap]:
    """Required answers not given, values the text still marks as missing (``missing``: the assembled
    document's ``MissingValue``s), and sections left empty – what the export warning lists."""
    gaps, explained = [], set()
    for q in unanswered(definition, project, assembler):
        step = step_of(definition, q.id)
        gaps.append(Gap(f"Angabe fehlt: {q.label}" + (f" (Schritt „{step.title}“)" if step else ""),
                        target_for_question(definition, q.id) or Target(first_step(definition))))
        explained |= {q.marker_text} | {f.marker_text for f in q.fields}
    seen = set()
    for m in missing:
        if m.label in explained or (m.label, m.section) in seen:
            continue
        seen.add((m.label, m.section))
        where = "im Titel" if m.section == "Titel" else f"im Abschnitt „{m.section}“"
        gaps.append(Gap(f"„{m.label}“ fehlt {where}",
                        target_for_missing(definition, project, assembler, m.label, m.section)))
    for entry in project.walk():
        if not entry.is_custom and entry.section not in definition.sections:
            continue
        rendered = assembler.sections_of(entry)
        empty = not (entry.text or "").strip() if entry.is_custom else (
            bool(rendered) and not any((r.markdown or "").strip() for r in rendered))
        if empty:
            title = entry.heading or ("Eigener Abschnitt" if entry.is_custom else definition.sections[entry.section].title)
            gaps.append(Gap(f"Der Abschnitt „{title}“ ist leer", Target(StepId(SECTION, entry.key))))
    return gaps
