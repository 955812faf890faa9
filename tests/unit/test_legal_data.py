"""Legal data: one strict loader, version and Rechtsstand, installing a newer file offline."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from wizards import legal_data
from wizards.cli import main
from wizards.errors import DefinitionError
from wizards.legal_data import LEGAL_FILES, LegalDataRefused, install, installed_dir, load


def _bundled(kind: str) -> str:
    return (legal_data.DATA_DIR / f"{kind}.yaml").read_text(encoding="utf-8")


def _with_version(text: str, version: int, rechtsstand: str = "2027-03-01") -> str:
    text = re.sub(r"(?m)^version: \d+$", f"version: {version}", text, count=1)
    return re.sub(r"(?m)^rechtsstand: .*$", f"rechtsstand: {rechtsstand}", text, count=1)


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "konfig"
    monkeypatch.setenv(legal_data.ENV_CONFIG_DIR, str(path))
    return path


def test_every_bundled_file_has_version_and_rechtsstand():
    data = load()
    assert tuple(data.files) == LEGAL_FILES
    for file in data.files.values():
        assert file.version >= 1 and isinstance(file.rechtsstand, dt.date) and not file.installed
    assert data.rechtsstand == min(f.rechtsstand for f in data.files.values())
    summary = data.summary()
    assert summary.startswith(f"Rechtsstand {data.rechtsstand.strftime('%d.%m.%Y')} (Rechtsdaten: Länder ")
    assert "Prüfregeln" in summary and "aktualisiert" not in summary


def test_definition_carries_the_legal_data_and_the_context_its_rechtsstand(definition):
    from wizards.context import build_context

    assert definition.data.legal.laender is definition.data.laender
    ctx = build_context(definition, {})
    assert str(ctx["rechtsstand"]) == definition.data.legal.rechtsstand.strftime("%d.%m.%Y")


@pytest.mark.parametrize("kind, old, new, message", [
    ("laender", "    aufsicht_kurz: LfDI BW\n", "    aufsicht_kurz: LfDI BW\n    farbe: blau\n",
     "Land BW, Schlüssel „farbe“: unbekannter Schlüssel"),
    ("laender", "  - id: TH\n", "  - id: XY\n", "Land XY, Schlüssel „id“: kein Länderkürzel"),
    ("laender", "rechtsstand: 2026-12-01", "rechtsstand: bald", "Schlüssel „rechtsstand“: muss ein Datum"),
    ("plattformen", "version: 1", "version: eins", "Schlüssel „version“: fehlt oder ist keine ganze Zahl"),
    ("normen", "    schwere: hinweis", "    schwere: dringend", "Norm bverwg_2022, Schlüssel „schwere“"),
    ("normen", "      - '\\bTTDSG\\b'", "      - '(TTDSG'", "Norm ttdsg, Schlüssel „muster“: kein gültiger regulärer"),
    ("pruefregeln", "    schwere_in: {BW: fehler}", "    schwere_in: {BW: dringend}", "Schlüssel „schwere_in“"),
    ("pruefregeln", "Ihre Aufsichtsbehörde ({aufsicht}) verlangt im Konzept",
     "Ihre Aufsichtsbehörde ({behoerde}) verlangt im Konzept", "unbekannter Platzhalter „{behoerde}“"),
])
def test_strict_validation_names_file_and_key(tmp_path, kind, old, new, message):
    text = _bundled(kind)
    assert old in text, old
    path = tmp_path / f"{kind}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DefinitionError) as exc:
        legal_data.read_file(kind, path)
    assert message in str(exc.value) and f"{kind}.yaml" in str(exc.value)


def test_a_missing_land_is_refused(tmp_path):
    text = _bundled("laender")
    start = text.index("  - id: SL\n")
    end = text.index("  - id: SN\n")
    path = tmp_path / "laender.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DefinitionError, match="es fehlen: SL"):
        legal_data.read_file("laender", path)


# --------------------------------------------------------------------------- installing

def test_install_a_newer_file_and_it_is_used(config, tmp_path, definition):
    offered = tmp_path / "normen-neu.yaml"
    offered.write_text(_with_version(_bundled("normen"), 7), encoding="utf-8")
    result = install(offered, definition=definition)
    assert (result.kind, result.version, result.rechtsstand) == ("normen", 7, dt.date(2027, 3, 1))
    target = installed_dir() / "normen.yaml"
    assert target.read_bytes() == offered.read_bytes()
    data = load()
    assert data.files["normen"].installed and data.files["normen"].version == 7
    assert not data.files["laender"].installed
    assert "aktualisiert: Normen" in data.summary()
    assert list(installed_dir().iterdir()) == [target]  # no temporary file left behind


@pytest.mark.parametrize("content, expected", [
    ("version: 1\nrechtsstand: 2027-01-01\nnormen: []\n", "„normen“: muss eine Liste sein und darf nicht leer sein"),
    ("nur: Text\n", "keine Rechtsdaten-Datei"),
    ("[kein: yaml", "keine Rechtsdaten-Datei"),
    ("\xff\xfe", "keine Rechtsdaten-Datei"),
])
def test_invalid_file_is_refused_and_the_installed_one_stays(config, tmp_path, definition, content, expected):
    offered = tmp_path / "neu.yaml"
    offered.write_text(_with_version(_bundled("normen"), 5), encoding="utf-8")
    install(offered, definition=definition)
    before = (installed_dir() / "normen.yaml").read_bytes()
    bad = tmp_path / "kaputt.yaml"
    bad.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode("utf-8"))
    with pytest.raises(LegalDataRefused) as exc:
        install(bad, definition=definition)
    message = str(exc.value)
    assert expected in message and "\n" not in message and message.startswith("„kaputt.yaml“ wurde nicht installiert")
    assert (installed_dir() / "normen.yaml").read_bytes() == before
    assert load().files["normen"].version == 5


@pytest.mark.parametrize("version", [1, 4])
def test_older_or_equal_file_is_refused(config, tmp_path, definition, version):
    offered = tmp_path / "laender.yaml"
    offered.write_text(_with_version(_bundled("laender"), 4), encoding="utf-8")
    install(offered, definition=definition)
    older = tmp_path / "alt.yaml"
    older.write_text(_with_version(_bundled("laender"), version, "2025-01-01"), encoding="utf-8")
    with pytest.raises(LegalDataRefused, match=r"ist nicht neuer als die verwendete Version 4"):
        install(older, definition=definition)
    assert load().files["laender"].version == 4


def test_rules_that_do_not_fit_the_program_are_refused(config, tmp_path, definition):
    text = _with_version(_bundled("pruefregeln"), 3).replace("fragen: [konzept.stand]", "fragen: [konzept.datum]")
    offered = tmp_path / "pruefregeln.yaml"
    offered.write_text(text, encoding="utf-8")
    with pytest.raises(LegalDataRefused, match="Frage „konzept.datum“ gibt es in steps.yaml nicht"):
        install(offered, definition=definition)
    assert not (installed_dir() / "pruefregeln.yaml").exists()


def test_a_broken_installed_file_is_skipped_with_a_note(config):
    installed_dir().mkdir(parents=True)
    (installed_dir() / "plattformen.yaml").write_text("version: 9\nrechtsstand: 2027-01-01\nplattformen: 3\n",
                                                      encoding="utf-8")
    data = load()
    assert not data.files["plattformen"].installed
    assert len(data.notes) == 1 and "unbrauchbar" in data.notes[0]


def test_a_bundled_file_newer_than_the_installed_one_wins(config):
    installed_dir().mkdir(parents=True)
    (installed_dir() / "normen.yaml").write_text(_with_version(_bundled("normen"), 1), encoding="utf-8")
    assert not load().files["normen"].installed  # same version: the program's own file


def test_installed_rules_that_no_longer_fit_fall_back_to_the_bundled_ones(config, definition):
    import dataclasses

    from wizards.loader import _with_fitting_rules

    installed_dir().mkdir(parents=True)
    text = _with_version(_bundled("pruefregeln"), 9).replace("fragen: [konzept.stand]", "fragen: [konzept.datum]")
    (installed_dir() / "pruefregeln.yaml").write_text(text, encoding="utf-8")
    legal = load()
    assert legal.files["pruefregeln"].installed
    fitted = _with_fitting_rules(dataclasses.replace(definition, data=dataclasses.replace(definition.data, legal=legal)))
    assert not fitted.data.legal.files["pruefregeln"].installed and fitted.data.legal.notes


# --------------------------------------------------------------------------- command line

def test_cli_legal_data_shows_version_rechtsstand_and_origin(config, capsys):
    assert main(["legal-data"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == load().summary()
    assert any(line.strip().startswith("Länder: Version 1, Rechtsstand") and "mitgeliefert" in line for line in out)
    assert len(out) == 1 + len(LEGAL_FILES)


def test_cli_install_and_refuse(config, tmp_path, capsys):
    offered = tmp_path / "plattformen.yaml"
    offered.write_text(_with_version(_bundled("plattformen"), 2), encoding="utf-8")
    assert main(["legal-data", "--install", str(offered)]) == 0
    assert capsys.readouterr().out.startswith("Installiert: Plattformen, Version 2, Rechtsstand 01.03.2027")
    assert main(["legal-data", "--install", str(offered)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and captured.err.startswith("Fehler: „plattformen.yaml“")
    assert main(["legal-data", "--install", str(tmp_path / "fehlt.yaml")]) == 1
    assert "kann nicht gelesen werden" in capsys.readouterr().err
    assert main(["legal-data"]) == 0
    assert "aktualisiert: Plattformen" in capsys.readouterr().out


def test_cover_sheet_shows_the_rechtsstand(definition, tmp_path):
    from pypdf import PdfReader

    from wizards.assemble import assemble
    from wizards.design import Design
    from wizards.layout import layout
    from wizards.project import example_project
    from wizards.writers.pdf import write_pdf

    document = assemble(definition, example_project(definition, "heilbronn"))
    rechtsstand = legal_data.german_date(definition.data.legal.rechtsstand)
    assert document.meta.rechtsstand == rechtsstand
    design = Design(cover_sheet={"enabled": True, "anlage": "2", "vorlage": "VO/2026/042"})
    assert ("Rechtsstand:", rechtsstand) in layout(document, design).front[0].rows
    assert all(not hasattr(b, "rows") or ("Rechtsstand:", rechtsstand) not in b.rows
               for b in layout(document, Design()).front)  # no cover sheet chosen: not shown
    write_pdf(document, tmp_path / "k.pdf", design)
    assert f"Rechtsstand:\n{rechtsstand}" in PdfReader(tmp_path / "k.pdf").pages[0].extract_text()
