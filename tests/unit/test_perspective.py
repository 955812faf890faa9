"""Perspective (wir / third person) as a document setting (issue 11, item 8).

Every style writes in its own perspective (``texts/<style>.yaml``, key ``perspective``); an overlay
``texts/<style>-<perspective>.yaml`` holds the same sections in the other one. The clerk's choice
(``design.perspective``) then applies to every variant, so texts picked from several styles never
mix „wir“ with „Die Gemeinde …“.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from jinja2 import meta, nodes

from wizards import definition_cache
from wizards.assemble import Assembler, assemble
from wizards.design import PERSPECTIVE_CHOICES, Design
from wizards.errors import DefinitionError
from wizards.loader import DEFINITIONS_DIR, load_definition, validate_definition
from wizards.project import example_project, load_project, save_project
from wizards.schema import PERSPECTIVES
from wizards.templating import TemplateCache
from wizards.writers.debug import render_debug

TEXTS = DEFINITIONS_DIR / "nutzungskonzept" / "texts"
STYLES = ("heilbronn", "herford", "sassenberg")
OTHER = {"wir": "dritte", "dritte": "wir"}


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _overlays() -> list[Path]:
    return sorted(p for p in TEXTS.glob("*-*.yaml") if p.stem.rsplit("-", 1)[1] in PERSPECTIVES)


def _text_sets():
    """(file name, perspective, {section: (heading, text)}) of every main file and overlay."""
    result = []
    for style in STYLES:
        main = _read(TEXTS / f"{style}.yaml")
        result.append((f"{style}.yaml", main["perspective"],
                       {sid: (v["heading"], v["text"]) for sid, v in main["sections"].items()}))
    for path in _overlays():
        data = _read(path)
        result.append((path.name, data["perspective"],
                       {sid: (v["heading"], v["text"]) for sid, v in data["sections"].items()}))
    return result


# ---------------------------------------------------------------- the loader

@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "nutzungskonzept"
    shutil.copytree(DEFINITIONS_DIR / "nutzungskonzept", folder)
    for overlay in (folder / "texts").glob("*-*.yaml"):
        overlay.unlink()
    return folder


def _write_overlay(folder: Path, style: str = "heilbronn", change=None) -> Path:
    """An overlay with the main file's texts, each marked, so a test sees which one the document got."""
    main = _read(folder / "texts" / f"{style}.yaml")
    perspective = OTHER[main["perspective"]]
    data = {"style": style, "perspective": perspective, "sections": {
        sid: {"heading": v["heading"], "text": v["text"].rstrip("\n") + f"\n\nÜBERLAGERT-{sid}\n"}
        for sid, v in main["sections"].items()}}
    if change:
        change(data)
    path = folder / "texts" / f"{style}-{perspective}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_main_files_declare_their_perspective():
    assert [_read(TEXTS / f"{s}.yaml")["perspective"] for s in STYLES] == ["dritte", "wir", "wir"]


def test_without_overlay_a_style_offers_only_its_own_perspective(copy, definition):
    loaded = validate_definition(copy)
    variant = loaded.sections["zweck"].variants["heilbronn"]
    assert variant.perspective == "dritte" and variant.other_perspectives == ()
    assert variant.for_perspective("wir") == variant


def test_overlay_is_loaded_and_checked_like_the_main_texts(copy):
    _write_overlay(copy)
    loaded = validate_definition(copy)
    variant = loaded.sections["zweck"].variants["heilbronn"]
    wir = variant.for_perspective("wir")
    assert wir.perspective == "wir" and "ÜBERLAGERT-zweck" in wir.text
    assert (wir.covers, wir.norms) == (variant.covers, variant.norms)  # covers and norms from the main file
    assert wir.for_perspective("dritte") == variant  # and back
    assert variant.for_perspective("dritte") is variant and variant.for_perspective("") is variant


@pytest.mark.parametrize("change, where, key, problem", [
    (lambda d: d["sections"].pop("netiquette"), "Abschnitt netiquette", "-", "Perspektive „wir“ fehlt"),
    (lambda d: d["sections"].update(gibtsnicht={"heading": "x", "text": "y"}), "Abschnitt gibtsnicht", "-",
     "steht nicht in sections.yaml"),
    (lambda d: d["sections"]["zweck"].update(covers=["zweck"]), "Abschnitt zweck", "covers", "unbekannter Schlüssel"),
    (lambda d: d["sections"]["zweck"].update(text="{{ gibtsnicht.name }}"), "Abschnitt zweck", "text",
     "unbekannte Namen: gibtsnicht"),
    (lambda d: d["sections"]["zweck"].update(text="{% if %}"), "Abschnitt zweck", "text", "Vorlagenfehler"),
    (lambda d: d["sections"]["zweck"].update(heading=""), "Abschnitt zweck", "heading", "numbered: false"),
    (lambda d: d.update(perspective="dritte"), "", "perspective", "muss „wir“ heißen"),
    (lambda d: d.update(style="herford"), "", "style", "muss „heilbronn“ heißen"),
])
def test_a_broken_overlay_names_file_section_and_key(copy, change, where, key, problem):
    _write_overlay(copy, change=change)
    with pytest.raises(DefinitionError) as err:
        validate_definition(copy)
    assert (err.value.file, err.value.where, err.value.key) == ("texts/heilbronn-wir.yaml", where, key)
    assert problem in str(err.value)


def test_kanal_is_known_only_in_repeated_sections(copy):
    _write_overlay(copy, change=lambda d: d["sections"]["zweck"].update(text="{{ kanal.name }}"))
    with pytest.raises(DefinitionError, match="unbekannte Namen: kanal"):
        validate_definition(copy)
    _write_overlay(copy, change=lambda d: d["sections"]["gruende_kanal"].update(text="{{ kanal.name }}"))
    validate_definition(copy)


def test_overlay_in_the_style_s_own_perspective_is_refused(copy):
    (copy / "texts" / "heilbronn-dritte.yaml").write_text("style: heilbronn\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match="bereits in der Perspektive „dritte“"):
        validate_definition(copy)


def test_definition_cache_sees_an_edited_overlay(copy, tmp_path, monkeypatch):
    monkeypatch.setenv(definition_cache.ENV_VAR, str(tmp_path / "cache"))
    path = _write_overlay(copy)
    first = load_definition(folder=copy)
    assert "ÜBERLAGERT-zweck" in first.sections["zweck"].variants["heilbronn"].for_perspective("wir").text
    path.write_text(path.read_text(encoding="utf-8").replace("ÜBERLAGERT-zweck", "GEÄNDERT-zweck"), encoding="utf-8")
    second = load_definition(folder=copy)
    assert "GEÄNDERT-zweck" in second.sections["zweck"].variants["heilbronn"].for_perspective("wir").text


# ---------------------------------------------------------------- the setting

def test_design_keeps_a_known_perspective_and_ignores_anything_else():
    assert set(PERSPECTIVE_CHOICES) == {"", *PERSPECTIVES}
    for value in PERSPECTIVES:
        assert Design.from_dict({"perspective": value}).perspective == value
        assert Design.from_dict(Design.from_dict({"perspective": value}).to_dict()).perspective == value
    for odd in ("ich", 3, None, ["wir"], "Wir"):
        assert Design.from_dict({"perspective": odd}).perspective == ""
    assert Design.from_dict({}).perspective == ""


def test_a_file_without_the_setting_opens_and_assembles_as_before(tmp_path, definition, example):
    path = tmp_path / "alt.konzept"
    example.design = {k: v for k, v in Design().to_dict().items() if k != "perspective"}
    save_project(example, path)
    reopened = load_project(path)
    assert Design.from_dict(reopened.design).perspective == ""
    assert assemble(definition, reopened) == assemble(definition, example)


def test_examples_keep_each_style_s_own_perspective(definition):
    for style in STYLES:
        assert Design.from_dict(example_project(definition, style).design).perspective == ""


def test_assembler_takes_the_requested_perspective_where_the_variant_has_it(copy):
    _write_overlay(copy)
    loaded = validate_definition(copy)
    project = example_project(loaded, "herford")
    project.find("zweck").variant = "heilbronn"
    project.find("einleitung").variant = "heilbronn"
    project.find("einleitung").text = "Unser eigener Text bleibt."
    native = render_debug(assemble(loaded, project))
    assert "ÜBERLAGERT" not in native
    project.design = {"perspective": "wir"}
    wir = render_debug(assemble(loaded, project))
    assert "ÜBERLAGERT-zweck" in wir  # the heilbronn variant in the „wir“ perspective
    assert "Unser eigener Text bleibt." in wir and "ÜBERLAGERT-einleitung" not in wir  # edited text as written
    assert Assembler(loaded, project).render_variant("zweck", "heilbronn")[1].endswith("ÜBERLAGERT-zweck")
    project.design = {"perspective": "dritte"}  # herford has no overlay here: its own texts stay
    assert "ÜBERLAGERT" not in render_debug(assemble(loaded, project))


# ---------------------------------------------------------------- the texts themselves

# How the body names itself: this is what a perspective changes, every other fact must stay.
SELF_NAMES = re.compile(r"^(behoerde(\..*)?|verwaltung\.(nom|gen|dat|akk))$")


def _facts(source: str, env) -> set[str]:
    """The answers a template uses, as dotted names, each marked as shown („kanal.zweck zeigt“)
    or only tested in a condition („kanal.zweck prüft“): dropping a printed fact but keeping
    its condition is a difference too."""
    ast = env.parse(source)
    undeclared = meta.find_undeclared_variables(ast)
    found: set[str] = set()

    def dotted(node) -> str | None:
        if isinstance(node, nodes.Name):
            return node.name
        if isinstance(node, nodes.Getattr):
            inner = dotted(node.node)
            return inner and f"{inner}.{node.attr}"
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            inner = dotted(node.node)
            return inner and f"{inner}.{node.arg.value}"
        return None

    def walk(node, kind: str):
        name = dotted(node) if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) else None
        if name is not None:
            if name.split(".")[0] in undeclared and not SELF_NAMES.match(name):
                found.add(f"{name} {kind}")
            return
        if isinstance(node, (nodes.If, nodes.CondExpr)):
            walk(node.test, "prüft")
            rest = [c for c in node.iter_child_nodes() if c is not node.test]
        elif isinstance(node, nodes.For):
            walk(node.iter, "zeigt")  # a loop prints its items
            rest = [c for c in node.iter_child_nodes() if c is not node.iter]
        else:
            rest = list(node.iter_child_nodes())
            kind = "zeigt" if isinstance(node, nodes.Output) else kind
        for child in rest:
            walk(child, kind)

    walk(ast, "prüft")
    return found


@pytest.mark.parametrize("overlay", _overlays(), ids=lambda p: p.name)
def test_overlay_uses_the_same_facts_as_the_main_text(overlay):
    """Someone who adds a fact to a main text must add it to the other perspective too."""
    env = TemplateCache().env
    style = overlay.stem.rsplit("-", 1)[0]
    main, other = _read(TEXTS / f"{style}.yaml")["sections"], _read(overlay)["sections"]
    assert set(other) == set(main)
    differences = []
    for sid, variant in main.items():
        for key in ("heading", "text"):
            ours, theirs = _facts(variant[key], env), _facts(other[sid][key], env)
            if ours != theirs:
                differences.append(f"{sid}.{key}: nur {style}.yaml {sorted(ours - theirs)}, "
                                   f"nur {overlay.name} {sorted(theirs - ours)}")
    assert not differences, "\n".join(differences)


FIRST_PERSON = re.compile(r"\b(?:[Ww]ir|[Uu]ns|[Uu]nser(?:e[mnrs]?)?)\b")
# First-person words a third-person text may contain, with the one place each stands (kept narrow).
THIRD_PERSON_EXEMPT: dict[tuple[str, str], tuple[str, ...]] = {}
# Sections of a „wir“ text that name no actor at all (lists of facts, general explanations).
WIR_WITHOUT_ACTOR: dict[str, set[str]] = {
    "sassenberg.yaml": {"einfuehrung", "datenschutzbeauftragte", "redaktionelle_betreuung", "technische_betreuung",
                        "freigabe", "beschreibung_angebot"},
}


def _prose(source: str) -> str:
    """The words a template writes itself: without Jinja constructs and „quoted“ sample wording."""
    source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.S)
    return re.sub(r"„[^“]*“", " ", source)


@pytest.mark.parametrize("name, perspective, texts", _text_sets(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_text_speaks_in_its_perspective(name, perspective, texts):
    wrong = []
    for sid, (heading, text) in texts.items():
        prose = _prose(f"{heading}\n{text}")
        for allowed in THIRD_PERSON_EXEMPT.get((name, sid), ()):
            prose = prose.replace(allowed, " ")
        found = FIRST_PERSON.findall(prose)
        if perspective == "dritte" and found:
            wrong.append(f"{sid}: {sorted(set(found))}")
        if perspective == "wir" and not found and sid not in WIR_WITHOUT_ACTOR.get(name, set()):
            wrong.append(f"{sid}: keine Wir-Form")
    assert not wrong, f"{name} ({perspective}):\n" + "\n".join(wrong)


def test_check_hints_at_mixed_perspectives_and_stays_quiet_once_one_is_chosen(definition):
    from wizards.checks import check_project

    project = example_project(definition, "heilbronn")
    assert not [f for f in check_project(definition, project) if "Perspektiven" in f.message]
    project.find("zweck").variant = "herford"
    hints = [f for f in check_project(definition, project) if "Perspektiven" in f.message]
    assert len(hints) == 1 and hints[0].key == "zweck" and hints[0].severity == "hinweis"
    assert "spricht in der Wir-Form, die übrigen Textvorschläge in der dritten Person" in hints[0].message
    project.find("zweck").text = "Die Gemeinde nutzt soziale Medien."  # the clerk's own words count as chosen
    assert not [f for f in check_project(definition, project) if "Perspektiven" in f.message]
    project.find("zweck").text = None
    project.design = {"perspective": "wir"}
    assert not [f for f in check_project(definition, project) if "Perspektiven" in f.message]
