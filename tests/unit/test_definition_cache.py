"""The definition cache: a byte-identical definition comes from the cache, anything else is validated."""
from __future__ import annotations

import importlib
import pickle
import shutil

import pytest

from wizards import definition_cache, loader
from wizards.assemble import assemble
from wizards.errors import DefinitionError
from wizards.loader import DATA_DIR, DEFINITIONS_DIR, load_definition, validate_definition
from wizards.project import example_project


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(definition_cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "nutzungskonzept"
    shutil.copytree(DEFINITIONS_DIR / "nutzungskonzept", folder)
    return folder


def _entries(cache):
    return sorted(cache.glob("definition-*.pickle"))


def _no_validation(monkeypatch):
    def refuse(folder):
        raise AssertionError("validated although the files did not change")
    monkeypatch.setattr(loader, "validate_definition", refuse)


def test_second_load_comes_from_the_cache_and_renders_the_same(cache, copy, monkeypatch):
    first = load_definition(folder=copy)
    assert len(_entries(cache)) == 1
    _no_validation(monkeypatch)
    second = load_definition(folder=copy)
    assert second.folder == str(copy)
    assert (second.styles, second.steps, second.sections, second.data) == (
        first.styles, first.steps, first.sections, first.data)
    for style in first.styles:
        for section in first.sections.values():
            assert second.sections[section.id].variants[style] == section.variants[style]
        a = assemble(first, example_project(first, style))
        b = assemble(second, example_project(second, style))
        assert a == b


def test_an_edited_template_is_refused_with_the_same_message_after_caching(cache, copy):
    load_definition(folder=copy)  # the good version is now cached
    text = copy / "texts" / "heilbronn.yaml"
    text.write_text(text.read_text(encoding="utf-8").replace("{{ verwaltung.", "{{ verwaltungx.", 1), encoding="utf-8")
    with pytest.raises(DefinitionError) as uncached:
        validate_definition(copy)
    with pytest.raises(DefinitionError) as cached:
        load_definition(folder=copy)
    assert str(cached.value) == str(uncached.value)
    assert "unbekannte Namen: verwaltungx" in str(cached.value)
    assert len(_entries(cache)) == 1  # only validated definitions are stored


def test_an_edited_data_file_is_validated_again(cache, copy, monkeypatch, tmp_path):
    load_definition(folder=copy)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "plattformen.yaml").write_text("version: 1\nrechtsstand: 2026-12-01\nplattformen: kaputt\n",
                                          encoding="utf-8")
    monkeypatch.setattr(loader, "DATA_DIR", data)
    with pytest.raises(DefinitionError, match="plattformen.*muss eine Liste sein"):
        load_definition(folder=copy)


def test_an_entry_made_for_other_content_is_never_used(cache, copy, monkeypatch):
    load_definition(folder=copy)
    (entry,) = _entries(cache)
    stored = pickle.loads(entry.read_bytes())
    stored["key"] = "0" * 64
    stored["payload"] = None
    entry.write_bytes(pickle.dumps(stored))
    definition = load_definition(folder=copy)
    assert definition is not None and definition.styles


@pytest.mark.parametrize("garbage", [b"", b"kein pickle", b"\x80\x05K"])
def test_a_damaged_entry_is_ignored_and_replaced(cache, copy, garbage):
    load_definition(folder=copy)
    (entry,) = _entries(cache)
    entry.write_bytes(garbage)
    assert load_definition(folder=copy).styles
    assert _entries(cache) == [entry] and pickle.loads(entry.read_bytes())["payload"] is not None


def test_entries_are_written_whole_and_old_ones_dropped(cache, copy, monkeypatch):
    monkeypatch.setattr(definition_cache, "KEEP", 2)
    names = []
    for n in range(3):
        wizard = copy / "wizard.yaml"
        wizard.write_text(wizard.read_text(encoding="utf-8") + f"\n# Fassung {n}\n", encoding="utf-8")
        load_definition(folder=copy)
        names.append({p.name for p in _entries(cache)})
    assert len(names[0]) == 1 and len(names[1]) == 2
    newest_two = names[2]
    assert len(newest_two) == 2 and not (names[0] & newest_two)  # the oldest went
    assert sorted(p.name for p in cache.iterdir()) == sorted(newest_two)  # no temp files left behind


def test_unwritable_or_disabled_cache_still_loads(tmp_path, copy, monkeypatch):
    blocker = tmp_path / "eine-datei"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(definition_cache.ENV_VAR, str(blocker / "cache"))  # cannot be created
    assert load_definition(folder=copy).styles
    monkeypatch.setenv(definition_cache.ENV_VAR, "off")
    assert load_definition(folder=copy).styles


# ---------------------------------------------------------------- parsed fonts of the PDF writer

def test_a_cached_font_equals_a_freshly_parsed_one(cache):
    from reportlab.pdfbase.ttfonts import TTFont

    from resources import resource_path
    pdf_fonts = importlib.import_module("wizards.writers.pdf.fonts")  # the module, not the function

    path = resource_path("fonts", "LiberationSans-Bold.ttf")
    pdf_fonts._load_font("Probe-A", path)  # parses and stores
    assert len(list(cache.glob("font-LiberationSans-Bold-*.pickle"))) == 1
    cached = pdf_fonts._load_font("Probe-B", path)
    fresh = TTFont("Probe-B", str(path))
    assert set(vars(cached)) == set(vars(fresh)) and set(vars(cached.face)) == set(vars(fresh.face))
    for name, value in vars(fresh.face).items():
        if name != "_pdfScale":
            assert getattr(cached.face, name) == value, name
    assert cached.face._pdfScale(1234) == fresh.face._pdfScale(1234)
    text = "Größe ÄÖÜ äöü ß – „Zitat“ 123"
    assert cached.stringWidth(text, 11) == fresh.stringWidth(text, 11)
    glyphs = [ord(c) for c in text]
    assert cached.face.makeSubset(glyphs) == fresh.face.makeSubset(glyphs)


def test_a_font_entry_for_other_bytes_is_not_used(cache, tmp_path):
    pdf_fonts = importlib.import_module("wizards.writers.pdf.fonts")  # the module, not the function

    from resources import resource_path

    original = resource_path("fonts", "LiberationSans-Regular.ttf")
    copy = tmp_path / "LiberationSans-Regular.ttf"
    copy.write_bytes(original.read_bytes())
    pdf_fonts._load_font("Probe-C", copy)
    (entry,) = cache.glob("font-LiberationSans-Regular-*.pickle")
    other = resource_path("fonts", "LiberationSerif-Regular.ttf")
    copy.write_bytes(other.read_bytes())  # same name, other font
    font = pdf_fonts._load_font("Probe-D", copy)
    assert b"Serif" in bytes(font.face.name)
