"""Golden tests: the example's document tree in each style, as the debug writer prints it.

A change to texts, numbering or assembly shows up here as a readable diff. After an
intended change, regenerate with:  KONZEPT_UPDATE_GOLDEN=1 make test
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizards.assemble import assemble
from wizards.writers.debug import render_debug

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
def test_example_matches_golden(definition, style):
    from wizards.project import example_project

    actual = render_debug(assemble(definition, example_project(definition, style)))
    golden = HERE / f"example-{style}.txt"
    if os.environ.get("KONZEPT_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} fehlt: mit KONZEPT_UPDATE_GOLDEN=1 erzeugen"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["webseite", "klammer", "roemisch", "rheinland-pfalz", "betreiber"])
def test_further_example_matches_golden(definition, name):
    """The further examples (other outlines and numbering), laid out with their own design."""
    from wizards.design import Design
    from wizards.layout import layout
    from wizards.project import named_example

    project = named_example(definition, name)
    actual = render_debug(layout(assemble(definition, project), Design.from_dict(project.design)))
    golden = HERE / f"example-{name}.txt"
    if os.environ.get("KONZEPT_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} fehlt: mit KONZEPT_UPDATE_GOLDEN=1 erzeugen"
    assert actual == golden.read_text(encoding="utf-8")
