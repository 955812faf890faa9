"""The step list's marks and the fachliche Prüfung agree on the cases that used to disagree."""
from __future__ import annotations

import pytest

from wizards.checks import check_project
from wizards.progress import step_of


@pytest.mark.parametrize("qid,value", [
    ("verwaltung.bundesland", "XX"), ("konzept.stand", "31.12.2026"), ("verwaltung.art", "stadtstaat"),
])
def test_step_marked_missing_when_the_check_says_missing(window, qid, value):
    window.open_example()
    window.update_states()
    step = f"questions:{step_of(window.session.definition, qid).id}"
    assert window.step_list.states[step] == "done"
    window.session.set_answer(qid, value)  # as a hand-edited or older project file has it
    window.update_states()
    assert window.step_list.states[step] == "missing"
    assert qid in {f.key for f in check_project(window.session.definition, window.session.project)}
