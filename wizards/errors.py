"""Errors a clerk can see. Every message is German, one line, and says what to do."""
from __future__ import annotations


class KonzeptError(Exception):
    """Base class: an expected problem with a German message for the clerk."""


class DefinitionError(KonzeptError):
    """A wizard definition file is malformed (a developer's error, named precisely)."""

    def __init__(self, file: str, where: str, key: str, problem: str):
        self.file, self.where, self.key, self.problem = file, where, key, problem
        location = f"{file}: {where}" if where else file
        super().__init__(f"{location}, Schlüssel „{key}“: {problem}")


class ProjectFileError(KonzeptError):
    """A project file cannot be read."""


class ExportError(KonzeptError):
    """An export could not be written."""


class OutputPathError(ExportError):
    """An export target that must not be written (an input file, a project, the same file twice)."""
