"""Shared fixtures: the bundled definition, the example in each style, isolated user dirs."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STYLES = ("heilbronn", "herford", "sassenberg")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test touches the real user's settings, recent files or recovery data."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("KONZEPTASSISTENT_CONFIG_DIR", str(config))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def definition():
    from wizards.loader import bundled_definition

    return bundled_definition()


@pytest.fixture(params=STYLES)
def style(request):
    return request.param


@pytest.fixture
def example(definition, style):
    from wizards.project import example_project

    return example_project(definition, style)
