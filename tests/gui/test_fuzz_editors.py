"""The GUI's field editors survive every project the loader accepts (review C5, fuzz).

- The 1,000 fuzz cases of ``tests/unit/test_fuzz_project.py`` that load are shown in one
  editor per question of the definition (as the pages do): ``set_value``, ``value`` and
  ``answer_missing`` never raise.
- The answer types the review found breaking the window (group items that are not
  objects, multichoice ``5`` …) are normalised on load: ``tests/unit/test_limits.py``.
"""
from __future__ import annotations

import json

import pytest

from tests.unit.test_fuzz_project import CASES, fuzz_cases
from wizards.errors import ProjectFileError
from wizards.project import load_project


def test_field_editors_survive_fuzzed_projects(qtbot, gui_definition, tmp_path):
    from PySide6.QtWidgets import QWidget

    from desktop.widgets.fields import make_editor
    from wizards.progress import answer_missing

    host = QWidget()
    qtbot.addWidget(host)
    questions = gui_definition.questions()
    editors = {q.id: make_editor(q, host) for q in questions}
    last: dict[str, str] = {}  # an editor is only given a value that differs from its last one
    shown = 0
    for n, (content, label) in enumerate(fuzz_cases(CASES)):
        path = tmp_path / "fall.konzept"
        path.write_bytes(content)
        try:
            project = load_project(path)
        except ProjectFileError:
            continue
        project.validate_against(gui_definition)
        for q in questions:
            value = project.answers.get(q.id)
            key = json.dumps(value, sort_keys=True, default=repr)
            if last.get(q.id) == key:
                continue
            last[q.id] = key
            try:
                editors[q.id].set_value(value)
                answer_missing(q, editors[q.id].value())
                answer_missing(q, value)
            except Exception as exc:  # noqa: BLE001 - report the case to replay it
                pytest.fail(f"case {n} ({label}): editor {q.id} ({q.type}) failed on {value!r:.200}: {exc!r}")
        shown += 1
    assert shown > 100 and len(last) == len(questions)

