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

import os
import shutil
import tempfile
import zipfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

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
    from . import definition_cache  # checked once per content of the file: no YAML parser on every start

    path = DEFINITIONS_DIR / "documents.yaml"
    key = definition_cache.file_key(path)
    cached = definition_cache.read_entry("documents", key)
    if cached is not None:
        return cached
    raw = _read_yaml(path)
    ids = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(ids, list) or CONCEPT not in ids:
        raise KonzeptError("definitions/documents.yaml: „documents“ muss eine Liste mit „nutzungskonzept“ sein.")
    definition_cache.write_entry("documents", key, tuple(ids))
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
    return assemble(definition, view, attachments_for(kind, project))


def attachments_for(kind: str, project: Project) -> list[dict]:
    """The documents that go with ``kind`` as attachments: the concept first, then the chosen others.

    Each as ``{"id", "titel"}``; the council submission numbers and names them, so it never
    announces an attachment the clerk does not produce.
    """
    if kind == CONCEPT:
        return []
    return [{"id": other, "titel": bundled_definition(other).title}
            for other in chosen_documents(project) if other != kind]


def document_file_name(kind: str, project: Project) -> str:
    definition, view = project_for(kind, project)
    return file_name_for(definition, view)


def chosen_documents(project: Project) -> list[str]:
    """The documents the clerk chose to produce (``dokumente`` in the project); the concept always."""
    stored = project.extra.get("dokumente")
    chosen = set(stored) if isinstance(stored, list) else set()
    return [kind for kind in document_ids() if kind == CONCEPT or kind in chosen]


def set_files(project: Project, kinds, formats) -> dict[str, tuple[str, str]]:
    """File name -> (document kind, format) of every file ``export_set`` writes (the concept always)."""
    from .export import SUFFIXES

    files = {}
    for kind in [k for k in document_ids() if k in set(kinds) | {CONCEPT}]:
        base = document_file_name(kind, project)
        for fmt in formats:
            files[base + SUFFIXES[fmt]] = (kind, fmt)
    return files


def export_set(project: Project, kinds, formats, folder, zip_name: str | None = None, inputs=()) -> list[Path]:
    """Write every document of ``kinds`` in every format into ``folder`` under its German file name.

    With ``zip_name`` the files go into one ZIP file of that name instead. Everything is first
    written into a hidden folder beside the targets; only when all files are complete are they
    moved into place, so a failure never leaves a half-written set. Never writes onto ``inputs``
    (the project file), the letterhead or the logo. Returns the written paths.
    """
    from .atomic import checked_output_paths
    from .export import design_inputs, design_of, writer

    folder = Path(folder)
    # the set written is the set the submission names as its attachments
    project = replace(project, extra={**project.extra, "dokumente": [k for k in kinds if k != CONCEPT]})
    files = set_files(project, kinds, formats)
    names = [f"{zip_name}.zip"] if zip_name else list(files)
    targets = checked_output_paths({f"„{name}“": str(folder / name) for name in names},
                                   [*inputs, *design_inputs(design_of(project))])
    staging = Path(tempfile.mkdtemp(prefix=".konzept-export-", dir=folder))
    try:
        for name, (kind, fmt) in files.items():
            _definition, view = project_for(kind, project)
            writer(fmt)(assemble_document(kind, project), staging / name, design_of(view))
        if zip_name:
            with zipfile.ZipFile(staging / names[0], "w", zipfile.ZIP_DEFLATED) as archive:
                for name in files:
                    archive.write(staging / name, name)
        written = list(targets.values())
        for path in written:
            os.replace(staging / path.name, path)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
