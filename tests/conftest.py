"""Shared fixtures: the bundled definition, the example in each style, isolated user dirs,
and for GUI and end-to-end tests a main window without modal surprises (Qt imported lazily)."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Each test run starts with an empty definition cache: the bundled definition is validated strictly.
os.environ["KONZEPTASSISTENT_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="konzept-test-cache-")
atexit.register(shutil.rmtree, _CACHE, True)

STYLES = ("heilbronn", "herford", "sassenberg")


@pytest.fixture(autouse=True)
def config_dir(tmp_path, tmp_path_factory, monkeypatch):
    """No test touches the real user's settings, recent files or recovery data.

    The config folder is ``tmp_path / "config"`` (created when first written); HOME is a folder of
    its own, so that tests can assert what ``tmp_path`` contains.
    """
    path = tmp_path / "config"
    monkeypatch.setenv("KONZEPTASSISTENT_CONFIG_DIR", str(path))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    return path


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

# ---------------------------------------------------------------- GUI and end-to-end tests


@pytest.fixture(scope="session")
def gui_definition(definition):
    """The same definition as ``definition`` (the GUI tests' name for it)."""
    return definition


@pytest.fixture
def app(qapp):
    from desktop.app import create_app

    return create_app()


@pytest.fixture
def exports(monkeypatch):
    """Record the „Export abgeschlossen“ message instead of showing it modally."""
    done = []
    monkeypatch.setattr("desktop.export_flow.export_done", lambda parent, path: done.append(path))
    return done


@pytest.fixture
def window(app, qtbot, gui_definition, exports):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    settings = Settings()
    settings.data["preview_visible"] = True  # the offscreen screen is small; tests of the preview need it shown
    win = MainWindow(settings, gui_definition)
    # not qtbot.addWidget: pytest-qt would close it before this fixture can clear the modified flag
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.flush()  # pending editor edits would otherwise mark the project modified later
    if win.preview is not None:
        win.preview.timer.stop()
    if win.session is not None:
        win.session.modified = False  # no „save changes?“ prompt at teardown
    win.close()
    win.deleteLater()
