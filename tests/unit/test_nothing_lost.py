"""Nothing the clerk wrote is lost (review D1, D2, D5–D7, the ``kill -9`` leftovers, s5).

- An export or comparison never writes onto the project, the other version, the letterhead
  or the logo, nor twice into one file; "", "-" and "ordner/" are refused (German line).
- Saving keeps ``.bak`` and dated backups; a save without changes rotates nothing; a backup
  that cannot be written fails the save; a save through a symbolic link updates the file it
  points to; temp files a killed save left behind are removed on the next save.
- Files written with ``mode=0o600`` are readable by the user only.
"""
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from wizards import atomic
from wizards.atomic import FileFingerprint, backup_path, dated_backups, modified_after
from wizards.cli import main
from wizards.errors import ProjectFileError
from wizards.project import load_project, save_project



@pytest.fixture
def style():
    return "heilbronn"


def _one_german_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text and lines[0].startswith("Fehler: ")
    return lines[0]


@pytest.fixture
def project_file(example, tmp_path) -> Path:
    path = tmp_path / "P.konzept"
    save_project(example, path)
    return path


# ---------------------------------------------------------------- D1, D2: output paths


@pytest.mark.parametrize("option", ["--docx", "--pdf"])
def test_export_onto_the_project_is_refused(project_file, option, capsys):
    before = project_file.read_bytes()
    assert main(["export", str(project_file), option, str(project_file)]) == 1
    line = _one_german_line(capsys.readouterr().err)
    assert "nicht überschrieben" in line
    assert project_file.read_bytes() == before


def test_export_onto_the_project_through_another_spelling_or_a_link(project_file, tmp_path, capsys):
    before = project_file.read_bytes()
    link = tmp_path / "verknuepfung.pdf"
    link.symlink_to(project_file)
    spelled = str(tmp_path / "." / ".." / tmp_path.name / "P.konzept")
    for target in (str(link), spelled):
        assert main(["export", str(project_file), "--pdf", target]) == 1
        _one_german_line(capsys.readouterr().err)
    assert project_file.read_bytes() == before


@pytest.mark.parametrize("option", ["--docx", "--pdf"])
def test_compare_onto_either_version_is_refused(project_file, tmp_path, option, capsys):
    other = tmp_path / "neu.konzept"
    other.write_bytes(project_file.read_bytes())
    for target in (project_file, other):
        before = target.read_bytes()
        assert main(["compare", str(project_file), str(other), option, str(target)]) == 1
        _one_german_line(capsys.readouterr().err)
        assert target.read_bytes() == before


def test_export_onto_letterhead_or_logo_is_refused(example, tmp_path, capsys):
    from tests.unit.test_export_safety import _png

    logo = _png(tmp_path / "logo.png")
    example.design["logo_path"] = str(logo)
    path = tmp_path / "P.konzept"
    save_project(example, path)
    before = logo.read_bytes()
    assert main(["export", str(path), "--docx", str(logo)]) == 1
    assert "Eingabedateien" in _one_german_line(capsys.readouterr().err)
    assert logo.read_bytes() == before


@pytest.mark.parametrize("target, words", [("", "fehlt"), ("-", "kein Dateiname"), ("nichtda/", "Ordnername"),
                                           ("andere.konzept", "Projekt"), ("P.konzept.bak", "Sicherungsdatei")])
def test_cosmetic_targets_are_refused(project_file, tmp_path, target, words, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(project_file), "--pdf", target]) == 1
    assert words in _one_german_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P.konzept", "config"] or not (tmp_path / "nichtda").exists()
    assert not (tmp_path / "-").exists() and not (tmp_path / "nichtda").exists()


def test_docx_and_pdf_into_the_same_file_is_refused(project_file, tmp_path, capsys):
    target = tmp_path / "x.out"
    assert main(["export", str(project_file), "--docx", str(target), "--pdf", str(target)]) == 1
    assert "dieselbe Datei" in _one_german_line(capsys.readouterr().err)
    assert not target.exists()


def test_ordinary_export_still_works(project_file, tmp_path, capsys):
    assert main(["export", str(project_file), "--docx", str(tmp_path / "a.docx"), "--pdf", str(tmp_path / "a.pdf")]) == 0
    assert (tmp_path / "a.docx").stat().st_size > 0 and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- D5, D6: backups


def test_several_dated_backups_and_unchanged_saves_rotate_nothing(example, tmp_path):
    path = tmp_path / "K.konzept"
    versions = []
    for i in range(8):
        example.answers["verwaltung.name"] = f"Fassung {i}"
        save_project(example, path)
        versions.append(path.read_bytes())
        os.utime(path, (time.time() - 100 + i, time.time() - 100 + i))  # distinct save times
    assert backup_path(path).read_bytes() == versions[-2]
    dated = dated_backups(path)
    assert len(dated) == atomic.KEEP_DATED_BACKUPS
    assert [p.read_bytes() for p in dated] == versions[-3 - atomic.KEEP_DATED_BACKUPS + 1:-2]
    # D5: delete something by mistake, save, save again: the version before the mistake stays
    snapshot = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    save_project(example, path)
    save_project(example, path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == snapshot


def test_a_failed_backup_fails_the_save(example, tmp_path, monkeypatch):
    path = tmp_path / "K.konzept"
    save_project(example, path)
    before = path.read_bytes()
    real = atomic.atomic_write_bytes

    def no_room_for_backup(target, data, *a, **kw):
        if str(target).endswith(".bak"):
            raise atomic.WriteError(errno.ENOSPC, atomic.german_reason(OSError(errno.ENOSPC, "full"), Path(target)),
                                    str(target))
        return real(target, data, *a, **kw)

    monkeypatch.setattr(atomic, "atomic_write_bytes", no_room_for_backup)
    example.answers["verwaltung.name"] = "Neu"
    with pytest.raises(ProjectFileError) as info:
        save_project(example, path)
    message = str(info.value)
    assert "Sicherungskopie" in message and "nicht gespeichert" in message and "\n" not in message
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- D7: symbolic links


def test_save_through_a_symbolic_link_updates_its_target(example, tmp_path):
    shared = tmp_path / "freigabe"
    shared.mkdir()
    real = shared / "Konzept.konzept"
    save_project(example, real)
    link = tmp_path / "Verknüpfung.konzept"
    link.symlink_to(real)
    project = load_project(link)
    project.answers["verwaltung.name"] = "Über den Link gespeichert"
    save_project(project, link)
    assert link.is_symlink()
    assert load_project(real).answers["verwaltung.name"] == "Über den Link gespeichert"
    assert backup_path(real).exists() and not backup_path(link).exists()


def test_a_link_loop_gives_a_german_message(example, tmp_path):
    loop = tmp_path / "schleife.konzept"
    loop.symlink_to(loop)
    with pytest.raises(ProjectFileError) as info:
        save_project(example, loop)
    assert "Verknüpfung" in str(info.value)


# ---------------------------------------------------------------- kill -9 leftovers


def test_leftover_temp_files_of_earlier_saves_are_removed(example, tmp_path):
    path = tmp_path / "K.konzept"
    old = time.time() - 3600
    leftovers = [tmp_path / f".K.konzept.{suffix}.tmp" for suffix in ("abcd1234", "zz_9yy8x")]
    fresh = tmp_path / ".K.konzept.fresh123.tmp"  # a save running right now in another instance
    foreign = [tmp_path / ".K.konzept.tmp", tmp_path / ".Anderes.konzept.abcd1234.tmp", tmp_path / "K.konzept.abcd1234.tmp"]
    for p in leftovers + [fresh] + foreign:
        p.write_text("x")
        if p is not fresh:
            os.utime(p, (old, old))
    save_project(example, path)
    assert not any(p.exists() for p in leftovers)
    assert fresh.exists() and all(p.exists() for p in foreign)


# ---------------------------------------------------------------- s5 and change detection


def test_private_mode_is_user_only_even_over_an_existing_file(tmp_path):
    target = tmp_path / "wiederherstellung.json"
    target.write_text("{}")
    os.chmod(target, 0o644)
    atomic.atomic_write_text(target, '{"a": 1}', mode=atomic.PRIVATE_MODE)
    assert target.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "einstellungen.json"
    atomic.atomic_write_text(fresh, "{}", mode=atomic.PRIVATE_MODE)
    assert fresh.stat().st_mode & 0o777 == 0o600


def test_fingerprint_notices_changes_by_others(tmp_path):
    path = tmp_path / "K.konzept"
    path.write_text("Fassung A")
    seen = FileFingerprint.of(path)
    assert not seen.changed_on_disk()
    os.utime(path, (time.time() + 5, time.time() + 5))  # touched, same content
    assert not seen.changed_on_disk()
    path.write_text("Fassung B")
    assert seen.changed_on_disk()
    path.unlink()
    assert seen.changed_on_disk()
    assert FileFingerprint.of(path) is None


def test_modified_after(tmp_path):
    path = tmp_path / "K.konzept"
    path.write_text("x")
    assert modified_after(path, time.time() - 60)
    assert not modified_after(path, time.time() + 60)
    assert not modified_after(tmp_path / "fehlt.konzept", 0)
