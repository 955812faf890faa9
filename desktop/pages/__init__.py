"""Wizard pages, generated from the definition: questions, outline, sections, export."""
from __future__ import annotations


def make_page(step, session, window):
    """The page for a StepRef (one generic class per kind, never per section)."""
    if step.kind == "questions":
        from .questions import QuestionsPage

        definition_step = next(s for s in session.definition.steps if s.id == step.key)
        return QuestionsPage(definition_step, session, window)
    if step.kind == "outline":
        from .outline import OutlinePage

        return OutlinePage(session)
    if step.kind == "section":
        from .section import SectionPage

        return SectionPage(step.key, session, window)
    if step.kind == "documents":
        from .documents import DocumentsPage

        return DocumentsPage(session, window)
    from .export import ExportPage

    return ExportPage(session)
