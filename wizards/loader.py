"""Load a wizard definition from its YAML files, strictly.

Every problem raises ``DefinitionError`` naming the file, the section (or question)
and the key. ``python -m wizards.loader`` checks all bundled definitions.
"""
from __future__ import annotations

import re
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import legal_data
from .errors import DefinitionError
from .numbering import MAX_LEVEL, SCHEMES
from .schema import (
    PERSPECTIVES, QUESTION_TYPES, TOPICS, Option, OutlineItem, Preset, PresetItem, Question, ReferenceData, SectionDef,
    Step, Style, Variant, WizardDefinition,
)
from .templating import TemplateCache

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
DATA_DIR = Path(__file__).resolve().parent / "data"

# Names templates may use besides the question namespaces (built in context.py).
DERIVED_NAMES = {"behoerde", "land", "plattformen_text", "plattformen", "anbieter_liste", "rechtsstand", "anlagen",
                 "betreiber_liste", "betreiber_nennen", "rechtstraeger"}
NUMBERING = re.compile(r"^[^{}]*(\{(n|roman|parent)\}[^{}]*)+$")


def _read_yaml(path: Path):
    import yaml  # only when validating: a definition from the cache needs no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10× faster
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)
    except FileNotFoundError:
        raise DefinitionError(path.name, "", "-", "Datei fehlt") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"Zeile {mark.line + 1}" if mark else ""
        raise DefinitionError(path.name, where, "-", f"kein gültiges YAML ({getattr(exc, 'problem', exc)})") from None


class _Checker:
    """Small helpers that raise DefinitionError with file and location filled in."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, where: str, key: str, problem: str):
        raise DefinitionError(self.file, where, key, problem)

    def mapping(self, value, where: str, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, key, "muss eine Zuordnung (key: value) sein")
        return value

    def keys(self, data: dict, where: str, allowed: set, required: set = frozenset()):
        for key in data:
            if key not in allowed:
                self.fail(where, str(key), f"unbekannter Schlüssel (erlaubt: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in data:
                self.fail(where, key, "fehlt")

    def string(self, data: dict, where: str, key: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if value is None:
            self.fail(where, key, "fehlt")
        if not isinstance(value, str):
            self.fail(where, key, "muss Text sein")
        return value

    def boolean(self, data: dict, where: str, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(where, key, "muss true oder false sein")
        return value

    def string_list(self, data: dict, where: str, key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, key, "muss eine Liste von Texten sein")
        return tuple(value)


def load_reference_data() -> ReferenceData:
    """Body types (data/koerperschaften.yaml) and the legal data (wizards/legal_data.py)."""
    legal = legal_data.load(bundled_dir=DATA_DIR)
    path = DATA_DIR / "koerperschaften.yaml"
    check = _Checker(f"data/{path.name}")
    rows = check.mapping(_read_yaml(path), "", "koerperschaften").get("koerperschaften")
    if not isinstance(rows, list):
        check.fail("", "koerperschaften", "muss eine Liste sein")
    table = {}
    for row in rows:
        row = check.mapping(row, "", "koerperschaften")
        rid = check.string(row, f"Eintrag {row.get('id', '?')}", "id")
        if rid in table:
            check.fail(f"Eintrag {rid}", "id", "doppelt")
        table[rid] = row
    return ReferenceData(koerperschaften=table, laender=legal.laender, plattformen=legal.plattformen, legal=legal)


# --------------------------------------------------------------------------- questions

QUESTION_KEYS = {
    "id", "type", "label", "help", "placeholder", "marker", "required", "default", "when",
    "pattern", "min", "item_label", "options", "options_from", "options_filter", "fields",
    "entries_of",
}
OPTION_SOURCES = ("koerperschaften", "laender", "plattformen", "kontotypen", "einrichtungsarten")


def _table_options(source: str, data: ReferenceData) -> tuple[Option, ...]:
    if source == "kontotypen":  # the account kinds of every platform, each tagged with its platform
        return tuple(Option(str(kind["id"]), str(kind["label"]), {"plattformen": [pid]})
                     for pid, row in data.plattformen.items() for kind in row.get("kontotypen") or [])
    if source == "einrichtungsarten":  # the kinds of facilities without legal personality of their own
        return tuple(Option(oid, str(row.get("label") or oid).removesuffix(" (Einrichtung)"), row)
                     for oid, row in data.koerperschaften.items() if row.get("einrichtung") is True)
    return tuple(Option(oid, str(row.get("label") or row.get("name") or oid), row)
                 for oid, row in getattr(data, source).items())


def _question(raw, check: _Checker, data: ReferenceData, in_group: bool = False) -> Question:
    raw = check.mapping(raw, "Frage", "-")
    qid = raw.get("id", "?")
    where = f"Frage {qid}"
    check.keys(raw, where, QUESTION_KEYS, {"id", "type", "label"})
    qid = check.string(raw, where, "id")
    if in_group and (qid.startswith("_") or "." in qid):
        check.fail(where, "id", "Felder einer Gruppe dürfen weder „.“ enthalten noch mit „_“ beginnen")
    qtype = check.string(raw, where, "type")
    if qtype not in QUESTION_TYPES:
        check.fail(where, "type", f"unbekannter Typ „{qtype}“ (erlaubt: {', '.join(QUESTION_TYPES)})")
    options: tuple[Option, ...] = ()
    if qtype in ("choice", "multichoice"):
        if "options_from" in raw:
            source = raw["options_from"]
            if source not in OPTION_SOURCES:
                check.fail(where, "options_from", f"muss einer dieser Werte sein: {', '.join(OPTION_SOURCES)}")
            options = _table_options(source, data)
        else:
            raw_options = raw.get("options")
            if not isinstance(raw_options, list) or not raw_options:
                check.fail(where, "options", "Auswahlfragen brauchen options oder options_from")
            opts = []
            for opt in raw_options:
                opt = check.mapping(opt, where, "options")
                check.keys(opt, f"{where}, Option", {"id", "label"}, {"id", "label"})
                opts.append(Option(str(opt["id"]), str(opt["label"])))
            options = tuple(opts)
        ids = {o.id for o in options}
        default = raw.get("default")
        if default is not None:
            defaults = default if isinstance(default, list) else [default]
            for d in defaults:
                if d not in ids:
                    check.fail(where, "default", f"„{d}“ ist keine der Optionen")
    elif "options" in raw or "options_from" in raw:
        check.fail(where, "options", "nur bei choice und multichoice erlaubt")
    options_filter: tuple = ()
    if "options_filter" in raw:
        flt = check.mapping(raw["options_filter"], where, "options_filter")
        check.keys(flt, f"{where}, options_filter", {"key", "answer"}, {"key", "answer"})
        if not options:
            check.fail(where, "options_filter", "nur bei Auswahlfragen erlaubt")
        options_filter = (check.string(flt, where, "key"), check.string(flt, where, "answer"))
    fields: tuple[Question, ...] = ()
    if qtype == "group":
        raw_fields = raw.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            check.fail(where, "fields", "eine Gruppe braucht fields")
        fields = tuple(_question(f, check, data, in_group=True) for f in raw_fields)
    elif "fields" in raw:
        check.fail(where, "fields", "nur bei group erlaubt")
    entries_of = check.string(raw, where, "entries_of", "")
    if (qtype == "reference") != bool(entries_of):
        check.fail(where, "entries_of", "nötig bei reference, sonst nicht erlaubt")
    pattern = raw.get("pattern", "")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            check.fail(where, "pattern", f"kein gültiger regulärer Ausdruck ({exc})")
    min_count = raw.get("min", 0)
    if not isinstance(min_count, int) or min_count < 0:
        check.fail(where, "min", "muss eine ganze Zahl ≥ 0 sein")
    return Question(
        id=qid, type=qtype, label=check.string(raw, where, "label"),
        help=check.string(raw, where, "help", ""), placeholder=check.string(raw, where, "placeholder", ""),
        marker=check.string(raw, where, "marker", ""), required=check.boolean(raw, where, "required", False),
        default=raw.get("default"), when=check.string(raw, where, "when", ""), pattern=pattern,
        min=min_count, item_label=check.string(raw, where, "item_label", ""), options=options, fields=fields,
        options_filter=options_filter, entries_of=entries_of,
    )


def _steps(raw, data: ReferenceData) -> tuple[Step, ...]:
    check = _Checker("steps.yaml")
    raw = check.mapping(raw, "", "steps")
    check.keys(raw, "", {"steps"}, {"steps"})
    steps, seen = [], set()
    for s in raw["steps"]:
        s = check.mapping(s, "Schritt", "-")
        where = f"Schritt {s.get('id', '?')}"
        check.keys(s, where, {"id", "title", "intro", "questions"}, {"id", "title", "questions"})
        questions = tuple(_question(q, check, data) for q in s["questions"])
        for q in questions:
            if q.id in seen:
                check.fail(f"Frage {q.id}", "id", "doppelt vergeben")
            seen.add(q.id)
        steps.append(Step(check.string(s, where, "id"), check.string(s, where, "title"),
                          check.string(s, where, "intro", "").strip(), questions))
    groups = {q.id for step in steps for q in step.questions if q.type == "group"}
    for step in steps:
        for q in step.questions:
            for r in (q, *q.fields):
                if r.type == "reference" and r.entries_of not in groups:
                    check.fail(f"Frage {r.id}", "entries_of", f"„{r.entries_of}“ ist keine Gruppe (type: group)")
    return tuple(steps)


# --------------------------------------------------------------------------- styles and sections

def _outline(items, check: _Checker, where: str, sections: dict, depth: int = 1) -> tuple[OutlineItem, ...]:
    if not isinstance(items, list):
        check.fail(where, "outline", "muss eine Liste sein")
    result = []
    for item in items:
        if isinstance(item, str):
            sid, children = item, ()
        elif isinstance(item, dict) and len(item) == 1:
            sid, raw_children = next(iter(item.items()))
            children = _outline(raw_children, check, where, sections, depth + 1)
        else:
            check.fail(where, "outline", f"Eintrag {item!r} muss eine Abschnitts-ID oder {{id: [Unterabschnitte]}} sein")
        if sid not in sections:
            check.fail(where, "outline", f"Abschnitt „{sid}“ steht nicht in sections.yaml")
        if depth > 2:
            check.fail(where, "outline", "höchstens zwei Gliederungsebenen")
        result.append(OutlineItem(sid, children))
    return tuple(result)


def _presets(folder: Path, sections: dict, names: set, cache: TemplateCache) -> dict:
    """presets.yaml (optional): outline patterns besides the styles; the texts come from the style."""
    path = folder / "presets.yaml"
    if not path.is_file():
        return {}
    check = _Checker("presets.yaml")
    raw = check.mapping(_read_yaml(path), "", "presets")
    check.keys(raw, "", {"presets"}, {"presets"})
    if not isinstance(raw["presets"], list):
        check.fail("", "presets", "muss eine Liste sein")

    def items(value, where, depth):
        if not isinstance(value, list):
            check.fail(where, "outline", "muss eine Liste sein")
        if depth > MAX_LEVEL:
            check.fail(where, "outline", f"höchstens {MAX_LEVEL} Gliederungsebenen")
        result = []
        for item in value:
            if isinstance(item, str):
                item = {"section": item}
            item = check.mapping(item, where, "outline")
            check.keys(item, where, {"section", "custom", "heading", "numbered", "children"})
            section, custom = item.get("section", ""), item.get("custom", "")
            if bool(section) == bool(custom):
                check.fail(where, "outline", f"Eintrag {item!r} braucht genau eines von „section“ oder „custom“")
            if section and section not in sections:
                check.fail(where, "outline", f"Abschnitt „{section}“ steht nicht in sections.yaml")
            numbered = item.get("numbered")
            if numbered is not None and not isinstance(numbered, bool):
                check.fail(where, "numbered", "muss true oder false sein")
            heading = str(custom or item.get("heading", "")).strip()
            result.append(PresetItem(section=section, heading=heading, numbered=numbered,
                                     children=items(item.get("children", []), where, depth + 1)))
        return tuple(result)

    presets = {}
    for p in raw["presets"]:
        p = check.mapping(p, "Vorlage", "-")
        where = f"Vorlage {p.get('id', '?')}"
        check.keys(p, where, {"id", "label", "description", "numbering", "title", "toc", "outline"},
                   {"id", "label", "description", "outline"})
        pid = check.string(p, where, "id")
        if pid in presets:
            check.fail(where, "id", "doppelt vergeben")
        numbering = check.string(p, where, "numbering", "")
        if numbering and numbering not in SCHEMES:
            check.fail(where, "numbering", f"„{numbering}“: möglich sind {', '.join(SCHEMES)}")
        title = check.string(p, where, "title", "").strip()
        _check_template(title, check, where, "title", names, cache)
        toc = p.get("toc")
        if toc is not None and not isinstance(toc, bool):
            check.fail(where, "toc", "muss true oder false sein")
        presets[pid] = Preset(id=pid, label=check.string(p, where, "label"),
                              description=check.string(p, where, "description").strip(), numbering=numbering,
                              title=title, outline=items(p["outline"], where, 1), toc=toc)
    return presets


def _styles(raw, sections: dict) -> dict:
    check = _Checker("wizard.yaml")
    styles = {}
    for sid, s in check.mapping(raw, "", "styles").items():
        where = f"Stil {sid}"
        s = check.mapping(s, where, sid)
        check.keys(s, where, {"label", "description", "numbering", "title", "subtitle", "toc", "outline"},
                   {"label", "description", "numbering", "title", "outline"})
        numbering = s["numbering"]
        if not isinstance(numbering, list) or len(numbering) != 2:
            check.fail(where, "numbering", "muss eine Liste mit zwei Einträgen (Ebene 1 und 2) sein")
        for pattern in numbering:
            if pattern is not None and (not isinstance(pattern, str) or not NUMBERING.match(pattern)):
                check.fail(where, "numbering", f"„{pattern}“: erlaubt sind {{n}}, {{roman}}, {{parent}} oder null")
        styles[sid] = Style(
            id=sid, label=check.string(s, where, "label"), description=check.string(s, where, "description").strip(),
            numbering=tuple(numbering), title=check.string(s, where, "title").strip(),
            subtitle=check.string(s, where, "subtitle", "").strip(), toc=check.boolean(s, where, "toc", False),
            outline=_outline(s["outline"], check, where, sections),
        )
    return styles


SECTION_KEYS = {"id", "title", "summary", "numbered", "repeat", "merge_repeats", "when", "topics", "help"}


def _sections(raw) -> dict:
    check = _Checker("sections.yaml")
    raw = check.mapping(raw, "", "sections")
    check.keys(raw, "", {"sections"}, {"sections"})
    sections = {}
    for s in raw["sections"]:
        s = check.mapping(s, "Abschnitt", "-")
        where = f"Abschnitt {s.get('id', '?')}"
        check.keys(s, where, SECTION_KEYS, {"id", "title"})
        sid = check.string(s, where, "id")
        if sid in sections:
            check.fail(where, "id", "doppelt vergeben")
        repeat = check.string(s, where, "repeat", "")
        if repeat not in ("", "kanaele"):
            check.fail(where, "repeat", "erlaubt ist nur „kanaele“")
        if s.get("merge_repeats") and not repeat:
            check.fail(where, "merge_repeats", "nur zusammen mit repeat erlaubt")
        topics = check.string_list(s, where, "topics")
        for t in topics:
            if t not in TOPICS:
                check.fail(where, "topics", f"unbekanntes Thema „{t}“ (erlaubt: {', '.join(TOPICS)})")
        help_ = check.mapping(s.get("help", {}), where, "help")
        check.keys(help_, f"{where}, help", {"worum", "erwartung"})
        sections[sid] = SectionDef(
            id=sid, title=check.string(s, where, "title"), summary=check.string(s, where, "summary", "").strip(),
            numbered=check.boolean(s, where, "numbered", True), repeat=repeat,
            merge_repeats=check.boolean(s, where, "merge_repeats", False), when=check.string(s, where, "when", ""),
            topics=topics, help_worum=check.string(help_, f"{where}, help", "worum", "").strip(),
            help_erwartung=check.string(help_, f"{where}, help", "erwartung", "").strip(), variants={},
        )
    return sections


def _check_template(source: str, check: _Checker, where: str, key: str, names: set[str],
                    cache: TemplateCache):
    from jinja2 import TemplateSyntaxError, meta

    try:
        ast = cache.env.parse(source)
    except TemplateSyntaxError as exc:
        check.fail(where, key, f"Vorlagenfehler in Zeile {exc.lineno}: {exc.message}")
    unknown = meta.find_undeclared_variables(ast) - names
    if unknown:
        check.fail(where, key, f"unbekannte Namen: {', '.join(sorted(unknown))}")
    cache.remember(source, ast)



def _texts(folder: Path, styles: dict, sections: dict, names: set[str], cache: TemplateCache):
    for style_id in styles:
        path = folder / "texts" / f"{style_id}.yaml"
        check = _Checker(f"texts/{style_id}.yaml")
        raw = check.mapping(_read_yaml(path), "", "-")
        check.keys(raw, "", {"style", "perspective", "sections"}, {"style", "sections"})
        if raw["style"] != style_id:
            check.fail("", "style", f"muss „{style_id}“ heißen")
        perspective = check.string(raw, "", "perspective", "")
        if perspective and perspective not in PERSPECTIVES:
            check.fail("", "perspective", f"„{perspective}“: erlaubt sind {', '.join(PERSPECTIVES)}")
        variants = check.mapping(raw["sections"], "", "sections")
        for sid in variants:
            if sid not in sections:
                check.fail(f"Abschnitt {sid}", "-", "steht nicht in sections.yaml")
        for sid, section in sections.items():
            where = f"Abschnitt {sid}"
            if sid not in variants:
                check.fail(where, "-", f"Variante für den Stil „{style_id}“ fehlt")
            v = check.mapping(variants[sid], where, sid)
            check.keys(v, where, {"heading", "text", "covers", "norms"}, {"heading", "text"})
            heading, text = _heading_and_text(v, check, where, section, names, cache)
            covers = check.string_list(v, where, "covers")
            for t in covers:
                if t not in TOPICS:
                    check.fail(where, "covers", f"unbekanntes Thema „{t}“")
            section.variants[style_id] = Variant(heading, text, covers, check.string_list(v, where, "norms"), perspective)
        for other, texts in _perspective_overlays(folder, style_id, perspective, sections, names, cache).items():
            for sid, section in sections.items():
                variant = section.variants[style_id]
                section.variants[style_id] = replace(
                    variant, other_perspectives=variant.other_perspectives + ((other, *texts[sid]),))


def _heading_and_text(v: dict, check: _Checker, where: str, section: SectionDef, names: set[str],
                      cache: TemplateCache) -> tuple[str, str]:
    """A variant's heading and text, both checked as templates (``kanal`` in repeated sections)."""
    local = names | ({"kanal"} if section.repeat else set())
    heading = check.string(v, where, "heading").strip()
    text = check.string(v, where, "text")
    _check_template(heading, check, where, "heading", local, cache)
    _check_template(text, check, where, "text", local, cache)
    if not heading and section.numbered:
        check.fail(where, "heading", "darf nur bei numbered: false leer sein")
    return heading, text


def _perspective_overlays(folder: Path, style_id: str, native: str, sections: dict, names: set[str],
                          cache: TemplateCache) -> dict[str, dict[str, tuple[str, str]]]:
    """The style's texts in the other perspective (``texts/<style>-<perspective>.yaml``, optional):
    perspective -> section id -> (heading, text). Such a file covers every section, nothing else."""
    overlays = {}
    for perspective in PERSPECTIVES:
        path = folder / "texts" / f"{style_id}-{perspective}.yaml"
        if not path.is_file():
            continue
        check = _Checker(f"texts/{path.name}")
        if not native:
            check.fail("", "-", f"texts/{style_id}.yaml muss seine eigene „perspective“ angeben")
        if perspective == native:
            check.fail("", "-", f"texts/{style_id}.yaml ist bereits in der Perspektive „{native}“ geschrieben")
        raw = check.mapping(_read_yaml(path), "", "-")
        check.keys(raw, "", {"style", "perspective", "sections"}, {"style", "perspective", "sections"})
        if raw["style"] != style_id:
            check.fail("", "style", f"muss „{style_id}“ heißen")
        if raw["perspective"] != perspective:
            check.fail("", "perspective", f"muss „{perspective}“ heißen (wie im Dateinamen)")
        texts = check.mapping(raw["sections"], "", "sections")
        for sid in texts:
            if sid not in sections:
                check.fail(f"Abschnitt {sid}", "-", "steht nicht in sections.yaml")
        overlays[perspective] = {}
        for sid, section in sections.items():
            where = f"Abschnitt {sid}"
            if sid not in texts:
                check.fail(where, "-", f"Text in der Perspektive „{perspective}“ fehlt")
            v = check.mapping(texts[sid], where, sid)
            check.keys(v, where, {"heading", "text"}, {"heading", "text"})
            overlays[perspective][sid] = _heading_and_text(v, check, where, section, names, cache)
    return overlays


def load_definition(wizard_id: str = "nutzungskonzept", folder: Path | None = None) -> WizardDefinition:
    """The validated definition; from the cache when its files are byte-identical to a validated one."""
    from . import definition_cache

    folder = folder or DEFINITIONS_DIR / wizard_id
    key = definition_cache.content_key([folder, DATA_DIR, legal_data.installed_dir(), *_steps_folder(folder)])
    cached = definition_cache.load(wizard_id, key)
    if cached is not None:
        definition, code = cached
        return replace(definition, folder=str(folder), templates=TemplateCache(code))
    definition = validate_definition(folder)
    definition_cache.store(wizard_id, key, replace(definition, templates=None), definition.templates.code)
    return definition


def _steps_folder(folder: Path) -> list[Path]:
    """The folder whose steps.yaml a companion document uses (``steps_from``), read without YAML."""
    try:
        match = re.search(r"^steps_from:\s*([\w-]+)\s*$", (folder / "wizard.yaml").read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return []
    return [folder.parent / match.group(1)] if match else []


def validate_definition(folder: Path) -> WizardDefinition:
    """Read and check every file of the definition in ``folder`` (no cache)."""
    data = load_reference_data()
    cache = TemplateCache()
    check = _Checker("wizard.yaml")
    wizard = check.mapping(_read_yaml(folder / "wizard.yaml"), "", "-")
    check.keys(wizard, "", {"id", "title", "description", "file_name", "styles", "steps_from"}, {"id", "title", "styles"})
    sections = _sections(_read_yaml(folder / "sections.yaml"))
    styles = _styles(wizard["styles"], sections)
    # a document of the set (privacy notice, Netiquette …) asks no questions of its own:
    # it is written from the answers to the concept's steps
    steps_from = check.string(wizard, "", "steps_from", "")
    if steps_from and not (folder.parent / steps_from / "steps.yaml").is_file():
        check.fail("", "steps_from", f"kein Ordner „{steps_from}“ mit steps.yaml neben diesem")
    steps = _steps(_read_yaml((folder.parent / steps_from if steps_from else folder) / "steps.yaml"), data)
    names = {q.id.split(".")[0] for step in steps for q in step.questions} | DERIVED_NAMES
    for sid, style in styles.items():
        for key in ("title", "subtitle"):
            _check_template(getattr(style, key), check, f"Stil {sid}", key, names, cache)
    file_name = check.string(wizard, "", "file_name", "{{ verwaltung.bezeichnung }}")
    _check_template(file_name, check, "", "file_name", names, cache)
    for section in sections.values():
        if section.when:
            _check_template("{{ " + section.when + " }}", _Checker("sections.yaml"), f"Abschnitt {section.id}", "when",
                            names | ({"kanal"} if section.repeat else set()), cache)
            cache.remember_expression(section.when)
    _remember_question_conditions(steps, cache)
    _texts(folder, styles, sections, names, cache)
    definition = WizardDefinition(
        id=check.string(wizard, "", "id"), title=check.string(wizard, "", "title"),
        description=check.string(wizard, "", "description", "").strip(), file_name=file_name,
        styles=styles, steps=steps, sections=sections, data=data, folder=str(folder), templates=cache,
        presets=_presets(folder, sections, names, cache),
    )
    # the check's rules name the concept's sections; a companion document is not checked by them
    return definition if steps_from else _with_fitting_rules(definition)


def _with_fitting_rules(definition: WizardDefinition) -> WizardDefinition:
    """The check's rules must name existing questions and sections; an installed file that does not fit is dropped."""
    legal = definition.data.legal
    try:
        legal_data.verify_against(legal.pruefregeln, definition)
    except DefinitionError:
        if not legal.files["pruefregeln"].installed:
            raise
        legal = legal_data.with_bundled(legal, "pruefregeln")
        legal_data.verify_against(legal.pruefregeln, definition)
        definition = replace(definition, data=replace(definition.data, legal=legal))
    return definition


def _remember_question_conditions(steps, cache: TemplateCache) -> None:
    """Compile the questions' ``when`` conditions ahead; one that does not compile is left to run time as before."""
    from jinja2 import TemplateSyntaxError

    for step in steps:
        for question in step.questions:
            if question.when:
                try:
                    cache.remember_expression(question.when)
                except TemplateSyntaxError:
                    pass


@lru_cache(maxsize=4)
def bundled_definition(wizard_id: str = "nutzungskonzept") -> WizardDefinition:
    """The bundled definition, loaded once per process (it never changes at run time)."""
    return load_definition(wizard_id)


def available_wizards() -> list[str]:
    return sorted(p.name for p in DEFINITIONS_DIR.iterdir() if (p / "wizard.yaml").is_file())


def main() -> int:
    ok = True
    for wid in available_wizards():
        try:
            d = validate_definition(DEFINITIONS_DIR / wid)  # strictly, never from the cache
        except DefinitionError as exc:
            print(f"{wid}: FEHLER {exc}")
            ok = False
        else:
            print(f"{wid}: in Ordnung ({len(d.styles)} Stile, {len(d.steps)} Schritte, {len(d.sections)} Abschnitte)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
