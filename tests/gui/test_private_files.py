"""The clerk's data in the user profile (autosave, settings) is readable by the user only (0600)."""
from __future__ import annotations

import stat


def test_settings_file_is_private(tmp_path):
    from desktop.settings import Settings

    settings = Settings(tmp_path / "cfg")
    settings.data["x"] = 1
    settings.save()
    assert stat.S_IMODE(settings.path.stat().st_mode) == 0o600


def test_autosave_file_is_private(window, qtbot, gui_definition, tmp_path):
    from wizards.project import example_project, save_project

    path = tmp_path / "m.konzept"
    save_project(example_project(gui_definition, "heilbronn"), path)
    assert window.open_path(path)
    window.session.set_answer("verwaltung.name", "Lindenau")
    recovery = window.recovery
    recovery.write_now()
    assert recovery.path.is_file()
    assert stat.S_IMODE(recovery.path.stat().st_mode) == 0o600
