"""The document set: the concept and its companion documents, written from one project.

Every document kind is a definition folder of its own (``wizards/definitions/<id>/``)
with its styles, sections and texts; the companion documents take their questions from
the concept (``steps_from: nutzungskonzept``), so all of them are filled from the same
answers and never state a fact differently. ``definitions/documents.yaml`` names the
set and its order.

The clerk's outline, chosen variants and edited texts belong to the concept, and so do
the concept's own title, lines under it, version table and council cover sheet; a
companion document is written in the project's house style with that style's default
outline and title, in the same corporate design (logo, colour, font, numbering).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from . import doctree as dt
from .assemble import assemble, file_name_for
from .design import Design
from .errors import KonzeptError
from .loader import DEFINITIONS_DIR, _read_yaml, bundled_definition
from .project import Project, default_outline
from .schema import WizardDefinition

CONCEPT = "nutzungskonzept"


@lru_cache(maxsize=1)
def document_ids() -> tuple[str, ...]:
    raw = _read_yaml(DEFINITIONS_DIR / "documents.yaml")
    ids = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(ids, list) or CONCEPT not in ids:
        raise KonzeptError("definitions/documents.yaml: „documents“ muss eine Liste mit „nutzungskonzept“ sein.")
    return tuple(ids)


def document_kinds() -> list[tuple[str, str]]:
    """(id, German name) of every document of the set, in order."""
    return [(kind, bundled_definition(kind).title) for kind in document_ids()]


def definition_for(kind: str) -> WizardDefinition:
    if kind not in document_ids():
        raise KonzeptError(f"Unbekanntes Dokument „{kind}“. Möglich: {', '.join(document_ids())}.")
    return bundled_definition(kind)


def project_for(kind: str, project: Project) -> tuple[WizardDefinition, Project]:
    """The definition of a document kind and the project as that document sees it."""
    definition = definition_for(kind)
    if kind == project.wizard or kind == CONCEPT:
        return definition, project
    style = project.style if project.style in definition.styles else next(iter(definition.styles))
    design = Design.from_dict(project.design)
    design.title = design.subtitle = None
    design.title_lines, design.history = [], []
    design.cover_sheet = {**design.cover_sheet, "enabled": False}
    companion = replace(project, style=style, wizard=kind, outline=default_outline(definition, style),
                        design=design.to_dict())
    return definition, companion


def assemble_document(kind: str, project: Project) -> dt.Document:
    definition, view = project_for(kind, project)
    return assemble(definition, view)


def document_file_name(kind: str, project: Project) -> str:
    definition, view = project_for(kind, project)
    return file_name_for(definition, view)
