"""The project file (``*.konzept``): the clerk's answers, style, outline and edits.

Plain JSON a human can read, with a format name and version. Loading is defensive:
whatever the file holds, the result is a valid project or a ``ProjectFileError`` with
a German message — never a crash. Saving is atomic.
"""
from __future__ import annotations

import copy
import json
import stat
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import WriteError, atomic_write_text
from .errors import ProjectFileError
from .numbering import MAX_LEVEL as MAX_OUTLINE_LEVEL
from .schema import WizardDefinition

FORMAT_NAME = "konzeptassistent-projekt"
FORMAT_VERSION = 3
FILE_SUFFIX = ".konzept"
MAX_DEPTH = 40

# Limits: far above any real concept (a long one has 40 sections, 15 channels, 60 KB of
# text), low enough that every accepted project exports to DOCX and PDF, checks and
# compares in seconds and well under 1 GB (figures: tests/unit/test_limits.py, make bench).
# Above them loading and saving refuse with a German message naming what is too big.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SECTION_CHARS = 300_000  # one section's Markdown
MAX_FIELD_CHARS = 2_000  # one answer, heading or design field (a name repeats in every section)
MAX_OUTLINE_ENTRIES = 500  # sections in the outline, all levels
MAX_GROUP_ITEMS = 100  # channels, responsible persons … per list
MAX_HISTORY_ROWS = 100
MAX_TOTAL_CHARS = 1_500_000  # all text of the project together


INSTANCE_MARK = "~"  # between a catalogue id and its instance in an entry's key


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@dataclass
class OutlineEntry:
    """One section in the clerk's outline: from the catalogue, or the clerk's own."""

    section: str = ""  # catalogue id; "" for a custom section
    custom_id: str = ""  # id of a custom section
    variant: str = ""  # chosen style variant; "" = the project's style
    heading: str = ""  # renamed heading; "" = the template's heading
    text: str | None = None  # edited Markdown; None = the template's text
    item_texts: dict = field(default_factory=dict)  # repeated sections: item id -> edited Markdown
    item_headings: dict = field(default_factory=dict)  # repeated sections: item id -> renamed heading
    children: list["OutlineEntry"] = field(default_factory=list)
    numbered: bool | None = None  # None = as the catalogue says (custom sections: numbered)
    instance: str = ""  # a further use of the same catalogue section ("2", "3" …); "" = the first

    @property
    def key(self) -> str:
        """How the entry is identified everywhere (edited texts, anchors, steps, findings):
        the custom id, the catalogue id, or „id~instance“ for a further use of a catalogue section."""
        if self.custom_id:
            return self.custom_id
        return f"{self.section}{INSTANCE_MARK}{self.instance}" if self.instance else self.section

    @property
    def is_custom(self) -> bool:
        return not self.section

    def to_dict(self) -> dict:
        d: dict = {"custom": self.custom_id} if self.is_custom else {"section": self.section}
        if self.variant:
            d["variant"] = self.variant
        if self.heading:
            d["heading"] = self.heading
        if self.text is not None:
            d["text"] = self.text
        if self.item_texts:
            d["item_texts"] = dict(self.item_texts)
        if self.item_headings:
            d["item_headings"] = dict(self.item_headings)
        if self.children:
            d["children"] = [c.to_dict() for c in self.children]
        if self.numbered is not None:
            d["numbered"] = self.numbered
        if self.instance:
            d["instance"] = self.instance
        return d

    @classmethod
    def from_dict(cls, d: dict, where: str) -> "OutlineEntry":
        if not isinstance(d, dict):
            raise ProjectFileError(f"{where}: Eintrag der Gliederung ist kein Objekt.")
        section, custom = d.get("section", ""), d.get("custom", "")
        if not isinstance(section, str) or not isinstance(custom, str) or bool(section) == bool(custom):
            raise ProjectFileError(f"{where}: Jeder Abschnitt braucht genau eines von „section“ oder „custom“.")
        text = d.get("text")
        item_texts = d.get("item_texts", {})
        item_headings = d.get("item_headings", {})
        children = d.get("children", [])
        if text is not None and not isinstance(text, str):
            raise ProjectFileError(f"{where}: „text“ muss Text sein.")
        if not isinstance(item_texts, dict) or not all(isinstance(v, str) for v in item_texts.values()):
            raise ProjectFileError(f"{where}: „item_texts“ muss Texte je Eintrag enthalten.")
        if not isinstance(item_headings, dict) or not all(isinstance(v, str) for v in item_headings.values()):
            raise ProjectFileError(f"{where}: „item_headings“ muss Überschriften je Eintrag enthalten.")
        if not isinstance(children, list):
            raise ProjectFileError(f"{where}: „children“ muss eine Liste sein.")
        for key in ("variant", "heading"):
            if not isinstance(d.get(key, ""), str):
                raise ProjectFileError(f"{where}: „{key}“ muss Text sein.")
        numbered = d.get("numbered")
        if numbered is not None and not isinstance(numbered, bool):
            raise ProjectFileError(f"{where}: „numbered“ muss true oder false sein.")
        instance = d.get("instance", "")
        if not isinstance(instance, str) or len(instance) > 12 or not all(c.isascii() and c.isalnum() for c in instance) \
                or (instance and custom):
            raise ProjectFileError(f"{where}: „instance“ muss eine kurze Zahl oder Kennung eines Katalogabschnitts sein.")
        return cls(
            section=section, custom_id=custom, variant=d.get("variant", ""), heading=d.get("heading", ""),
            text=text, item_texts=dict(item_texts),
            item_headings={k: v for k, v in item_headings.items() if v.strip()},
            children=[cls.from_dict(c, where) for c in children], numbered=numbered, instance=instance,
        )


@dataclass
class Project:
    style: str = "heilbronn"
    wizard: str = "nutzungskonzept"
    answers: dict = field(default_factory=dict)
    outline: list[OutlineEntry] = field(default_factory=list)
    design: dict = field(default_factory=dict)  # wizards.design.Design.to_dict()
    extra: dict = field(default_factory=dict)  # keys this version does not know, kept as they were

    # ---------------------------------------------------------------- creation

    @classmethod
    def new(cls, definition: WizardDefinition, style: str) -> "Project":
        project = cls(style=style, wizard=definition.id, answers=default_answers(definition))
        project.outline = default_outline(definition, style)
        return project

    def apply_style(self, definition: WizardDefinition, style: str) -> None:
        """Switch to another house style: its outline, keeping the clerk's own work.

        Edited texts and renamed headings of sections the new style also has are kept,
        custom sections stay (appended at the end), per-section variant choices reset.
        """
        if style not in definition.styles:
            raise ValueError(style)
        old = {e.section: e for e in self.walk() if not e.is_custom and not e.instance}
        customs = [e for e in self.walk() if e.is_custom or e.instance]  # the clerk's own entries
        outline = default_outline(definition, style)

        def carry(entries):
            for entry in entries:
                previous = old.get(entry.section)
                if previous is not None:
                    entry.heading, entry.text = previous.heading, previous.text
                    entry.item_texts, entry.item_headings = dict(previous.item_texts), dict(previous.item_headings)
                carry(entry.children)
        carry(outline)
        for custom in customs:
            custom.children = []
            outline.append(custom)
        self.style, self.outline = style, outline

    def apply_preset(self, definition: WizardDefinition, preset_id: str) -> None:
        """Take a preset's outline and numbering (and its title, if it has one), keeping the clerk's work.

        As with a change of style: edited texts of sections the preset also has stay, own sections
        are kept at the end; the texts come from the project's style.
        """
        preset = definition.presets[preset_id]
        old = {e.section: e for e in self.walk() if not e.is_custom and not e.instance}
        customs = [e for e in self.walk() if e.is_custom or e.instance]  # the clerk's own entries

        taken = {(e.section, e.instance) for e in customs if e.instance}

        def build(items):
            entries = []
            for item in items:
                if item.section:
                    instance = ""  # a section the preset names twice („Haftung“, „Sicherheit“): a further use
                    while (item.section, instance) in taken:
                        instance = str(int(instance or "1") + 1)
                    taken.add((item.section, instance))
                    entry = OutlineEntry(section=item.section, heading=item.heading, numbered=item.numbered,
                                         instance=instance)
                    previous = old.pop(item.section, None) if not instance else None
                    if previous is not None:
                        entry.text, entry.item_texts = previous.text, dict(previous.item_texts)
                        entry.item_headings = dict(previous.item_headings)
                        entry.heading = item.heading or previous.heading
                else:
                    entry = OutlineEntry(custom_id=new_id("eigener"), heading=item.heading, numbered=item.numbered)
                entry.children = build(item.children)
                entries.append(entry)
            return entries
        outline = build(preset.outline)
        for custom in customs:
            custom.children = []
            outline.append(custom)
        self.outline = outline
        design = dict(self.design) if isinstance(self.design, dict) else {}
        design["numbering"] = preset.numbering
        if preset.toc is not None:
            design["toc"] = preset.toc
        design["preset"] = preset.id
        self.design = design

    # ---------------------------------------------------------------- outline helpers

    def walk(self):
        """Every outline entry, depth first."""
        def rec(entries):
            for e in entries:
                yield e
                yield from rec(e.children)
        yield from rec(self.outline)

    def find(self, key: str) -> OutlineEntry | None:
        return next((e for e in self.walk() if e.key == key), None)

    def parent_list(self, key: str) -> list[OutlineEntry] | None:
        """The list that holds the entry with ``key`` (for moving and removing)."""
        def rec(entries):
            for e in entries:
                if e.key == key:
                    return entries
                found = rec(e.children)
                if found is not None:
                    return found
            return None
        return rec(self.outline)

    def add_custom_section(self, heading: str, text: str = "", after: str | None = None) -> OutlineEntry:
        entry = OutlineEntry(custom_id=new_id("eigener"), heading=heading, text=text)
        self._insert(entry, after)
        return entry

    def add_section(self, section_id: str, after: str | None = None, another: bool = False,
                    heading: str = "") -> OutlineEntry:
        """Add a catalogue section. ``another``: a further use of a section already in the outline
        (own heading, own edited text; its text starts as the catalogue's)."""
        instance = ""
        if self.find(section_id) is not None:
            if not another:
                raise ValueError(f"Der Abschnitt „{section_id}“ ist bereits enthalten.")
            used = {e.instance for e in self.walk() if e.section == section_id}
            instance = str(next(n for n in range(2, len(used) + 3) if str(n) not in used))
        entry = OutlineEntry(section=section_id, instance=instance, heading=heading.strip())
        self._insert(entry, after)
        return entry

    def instances_of(self, section_id: str) -> list[OutlineEntry]:
        """Every entry that uses the catalogue section ``section_id``, in outline order."""
        return [e for e in self.walk() if not e.is_custom and e.section == section_id]

    def _insert(self, entry: OutlineEntry, after: str | None):
        if after:
            siblings = self.parent_list(after)
            if siblings is not None:
                index = next(i for i, e in enumerate(siblings) if e.key == after)
                siblings.insert(index + 1, entry)
                return
        self.outline.append(entry)

    def remove(self, key: str) -> OutlineEntry:
        siblings = self.parent_list(key)
        if siblings is None:
            raise KeyError(key)
        index = next(i for i, e in enumerate(siblings) if e.key == key)
        return siblings.pop(index)

    def level_of(self, key: str) -> int:
        """1 for a top-level section, 2 below it …; 0 when not in the outline."""
        def rec(entries, level):
            for e in entries:
                if e.key == key:
                    return level
                found = rec(e.children, level + 1)
                if found:
                    return found
            return 0
        return rec(self.outline, 1)

    def _depth_below(self, entry: OutlineEntry) -> int:
        return 1 + max((self._depth_below(c) for c in entry.children), default=0)

    def indent(self, key: str, max_level: int = MAX_OUTLINE_LEVEL) -> bool:
        """Make the entry the last child of the section before it; False where that is not possible."""
        siblings = self.parent_list(key)
        if siblings is None:
            return False
        index = next(i for i, e in enumerate(siblings) if e.key == key)
        if index == 0:
            return False
        entry = siblings[index]
        if self.level_of(key) + self._depth_below(entry) > max_level:
            return False
        siblings.pop(index)
        siblings[index - 1].children.append(entry)
        return True

    def outdent(self, key: str) -> bool:
        """Move the entry one level up, right after its former parent; False at the top level."""
        parent = next((e for e in self.walk() if any(c.key == key for c in e.children)), None)
        if parent is None:
            return False
        entry = next(c for c in parent.children if c.key == key)
        parent.children.remove(entry)
        grand = self.parent_list(parent.key)
        grand.insert(next(i for i, e in enumerate(grand) if e is parent) + 1, entry)
        return True

    def place(self, key: str, parent_key: str | None, index: int, max_level: int = MAX_OUTLINE_LEVEL) -> bool:
        """Move an entry under ``parent_key`` (None: top level) at ``index`` (drag and drop)."""
        entry = self.find(key)
        if entry is None or parent_key == key:
            return False
        if parent_key is not None:
            parent = self.find(parent_key)
            if parent is None or any(e.key == parent_key for e in _walk_entries([entry])):
                return False  # not into itself or its own children
            level = self.level_of(parent_key) + 1
        else:
            parent, level = None, 1
        if level - 1 + self._depth_below(entry) > max_level:
            return False
        self.remove(key)
        target = parent.children if parent is not None else self.outline
        target.insert(max(0, min(index, len(target))), entry)
        return True

    def reorder(self, structure: list, max_level: int = MAX_OUTLINE_LEVEL) -> bool:
        """Rebuild the outline from ``[(key, [(child_key, […]), …]), …]`` (the tree after a drag and drop).

        Every entry must appear exactly once and no deeper than ``max_level``; otherwise nothing
        changes and the answer is False.
        """
        entries = {e.key: e for e in self.walk()}
        seen: list[str] = []

        def build(items, level):
            built = []
            for key, children in items:
                if key not in entries or level > max_level:
                    raise ValueError(key)
                seen.append(key)
                entry = entries[key]
                entry_children = build(children, level + 1)
                built.append((entry, entry_children))
            return built
        try:
            tree = build(structure, 1)
        except ValueError:
            return False
        if sorted(seen) != sorted(entries):
            return False

        def apply(built):
            out = []
            for entry, children in built:
                entry.children = apply(children)
                out.append(entry)
            return out
        self.outline = apply(tree)
        return True

    def move(self, key: str, delta: int) -> bool:
        """Move an entry up (-1) or down (+1) among its siblings; False at the edge."""
        siblings = self.parent_list(key)
        if siblings is None:
            return False
        index = next(i for i, e in enumerate(siblings) if e.key == key)
        target = index + delta
        if not 0 <= target < len(siblings):
            return False
        siblings[index], siblings[target] = siblings[target], siblings[index]
        return True

    # ---------------------------------------------------------------- (de)serialisation

    def to_dict(self) -> dict:
        d = dict(self.extra)
        d.update({
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "wizard": self.wizard,
            "style": self.style,
            "answers": copy.deepcopy(self.answers),
            "outline": [e.to_dict() for e in self.outline],
            "design": copy.deepcopy(self.design),
        })
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, d) -> "Project":
        if not isinstance(d, dict):
            raise ProjectFileError("Die Datei enthält kein Konzept-Projekt.")
        if d.get("format") != FORMAT_NAME:
            raise ProjectFileError("Die Datei ist kein Projekt des Konzeptassistenten (Formatangabe fehlt oder ist falsch).")
        version = d.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ProjectFileError("Die Formatversion der Projektdatei fehlt oder ist ungültig.")
        if version > FORMAT_VERSION:
            raise ProjectFileError(
                f"Die Projektdatei stammt aus einer neueren Programmversion (Format {version}). "
                "Bitte aktualisieren Sie den Konzeptassistenten, um sie zu öffnen.")
        d = migrate(copy.deepcopy(d), version)
        for key, kind, label in (("wizard", str, "Text"), ("style", str, "Text"), ("answers", dict, "Objekt"),
                                 ("outline", list, "Liste"), ("design", dict, "Objekt")):
            if not isinstance(d.get(key), kind):
                raise ProjectFileError(f"Die Projektdatei ist beschädigt: „{key}“ fehlt oder ist kein {label}.")
        outline = [OutlineEntry.from_dict(e, f"Gliederung, Eintrag {i + 1}") for i, e in enumerate(d["outline"])]
        known = {"format", "format_version", "wizard", "style", "answers", "outline", "design"}
        return cls(style=d["style"], wizard=d["wizard"], answers=d["answers"], outline=outline,
                   design=d["design"], extra={k: v for k, v in d.items() if k not in known})

    @classmethod
    def from_json(cls, text: str) -> "Project":
        if not text.strip():
            raise ProjectFileError("Die Projektdatei ist leer.")
        try:
            data = json.loads(text)
        except RecursionError:
            raise ProjectFileError("Die Projektdatei ist zu tief verschachtelt und kann nicht gelesen werden.") from None
        except json.JSONDecodeError as exc:
            raise ProjectFileError(
                f"Die Projektdatei ist beschädigt oder unvollständig (Fehler in Zeile {exc.lineno}).") from None
        except ValueError:  # e.g. an integer with more digits than Python converts
            raise ProjectFileError("Die Projektdatei ist beschädigt (ungültiger Zahlenwert).") from None
        if _depth(data) > MAX_DEPTH:
            raise ProjectFileError("Die Projektdatei ist zu tief verschachtelt und kann nicht gelesen werden.")
        project = cls.from_dict(data)
        check_limits(project)
        return project

    def validate_against(self, definition: WizardDefinition) -> list[str]:
        """Make the project fit the definition; return German notes on what was adjusted."""
        notes = []
        if self.style not in definition.styles:
            notes.append(f"Unbekannter Stil „{self.style}“ – „{next(iter(definition.styles))}“ wird verwendet.")
            self.style = next(iter(definition.styles))

        def clean(entries):
            kept = []
            for e in entries:
                if not e.is_custom and e.section not in definition.sections:
                    notes.append(f"Unbekannter Abschnitt „{e.section}“ wurde ausgelassen.")
                    continue
                if e.variant and e.variant not in definition.styles:
                    notes.append(f"Unbekannte Variante „{e.variant}“ bei „{e.key}“ – Standard wird verwendet.")
                    e.variant = ""
                e.children = clean(e.children)
                kept.append(e)
            return kept
        self.outline = clean(self.outline)
        seen = set()
        for e in list(self.walk()):
            if e.key in seen:
                notes.append(f"Der Abschnitt „{e.key}“ war doppelt enthalten; die zweite Fassung wurde entfernt.")
                self.remove_duplicate(e)
            seen.add(e.key)
        notes.extend(normalise_answers(self.answers, definition))
        _move_external_dpo_name(self.answers)
        ensure_item_ids(self.answers, definition)
        return notes

    def remove_duplicate(self, entry: OutlineEntry):
        def rec(entries):
            for i, e in enumerate(entries):
                if e is entry:
                    entries.pop(i)
                    return True
                if rec(e.children):
                    return True
            return False
        rec(self.outline)


def _walk_entries(entries):
    for e in entries:
        yield e
        yield from _walk_entries(e.children)


def _depth(value, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def migrate(d: dict, version: int) -> dict:
    """Bring an older format up to FORMAT_VERSION (one step per version)."""
    # 1 → 2: outline entries may say "numbered"; the design may hold the numbering scheme and the
    # title block. 2 → 3: an entry may say "instance" (a catalogue section used more than once).
    # Nothing to convert: absent keys mean "as the house style has it" / "the first use". The
    # version moves on so that an older program refuses the file instead of dropping those keys
    # (format 2 would drop a second use of a section as a duplicate) on save.
    d["format_version"] = FORMAT_VERSION
    return d


def default_answers(definition: WizardDefinition) -> dict:
    answers = {}
    for q in definition.questions():
        if q.default is not None:
            answers[q.id] = copy.deepcopy(q.default)
    return answers


def default_outline(definition: WizardDefinition, style: str) -> list[OutlineEntry]:
    def build(items):
        return [OutlineEntry(section=item.section, children=build(item.children)) for item in items]
    return build(definition.styles[style].outline)


_TEXT_TYPES = ("text", "multiline", "email", "url", "phone")


def _normal_value(question, value):
    """``value`` in the shape the question's editor and the templates expect; None to drop it.

    The same tolerance as ``wizards.context`` (what it would ignore is removed here), so
    the GUI's field editors only ever see their own types.
    """
    t = question.type
    if t in _TEXT_TYPES or t == "date":
        return value if isinstance(value, str) else None
    if t == "yesno":
        return value if isinstance(value, bool) else None
    if t == "reference":  # the _id of another group's entry; a removed entry is reported by the check
        return value if isinstance(value, str) else None
    if t == "choice":
        return value if isinstance(value, str) and any(o.id == value for o in question.options) else None
    if t == "multichoice":
        if not isinstance(value, list):
            return None
        return list(dict.fromkeys(v for v in value if isinstance(v, str)))
    if t == "weekly":
        if not isinstance(value, dict):
            return None
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
    if t == "group":
        if not isinstance(value, list):
            return None
        items = []
        for item in value:
            if not isinstance(item, dict):
                continue
            clean = {k: v for k, v in item.items() if k not in {f.id for f in question.fields} and k != "_id"}
            if isinstance(item.get("_id"), str):
                clean["_id"] = item["_id"]
            for f in question.fields:
                if f.id in item:
                    v = _normal_value(f, item[f.id])
                    if v is not None:
                        clean[f.id] = v
            items.append(clean)
        return items
    return value


def _move_external_dpo_name(answers: dict) -> None:
    """Files of format 2 kept an external officer's contact person in ``dsb_name``; today that
    field belongs to an internal officer and is hidden for an external one, so the name moves
    to ``dsb_ansprechperson`` where the clerk sees it (the document reads the same)."""
    name = answers.get("datenschutz.dsb_name")
    if answers.get("datenschutz.dsb_art") == "extern" and isinstance(name, str) and name.strip() \
            and not answers.get("datenschutz.dsb_ansprechperson"):
        answers["datenschutz.dsb_ansprechperson"] = answers.pop("datenschutz.dsb_name")


def normalise_answers(answers: dict, definition: WizardDefinition) -> list[str]:
    """Bring every answer to its question's type (in place); German notes on what was dropped.

    A project file edited by hand or by another program may hold e.g. a list of names
    where a list of objects belongs; such values would break the editors. Answers the
    definition does not know stay untouched (a newer version may use them).
    """
    notes = []
    for q in definition.questions():
        if q.id not in answers:
            continue
        value = answers[q.id]
        if value is None:
            del answers[q.id]
            continue
        normal = _normal_value(q, value)
        if normal is None:
            del answers[q.id]
            notes.append(f"Die Angabe „{q.label}“ hatte ein unerwartetes Format und wurde verworfen.")
        elif normal != value:
            answers[q.id] = normal
            notes.append(f"Die Angabe „{q.label}“ enthielt Einträge in unerwartetem Format; sie wurden entfernt.")
    return notes


def check_limits(project: Project) -> None:
    """Raise ``ProjectFileError`` (German) when the project exceeds a limit (see MAX_* above)."""
    entries = 0
    total = 0

    def text(value: str, what: str, limit: int = MAX_FIELD_CHARS) -> None:
        nonlocal total
        if len(value) > limit:
            raise ProjectFileError(f"{what} ist mit {len(value):,} Zeichen zu lang (höchstens {limit:,}).".replace(",", "."))
        total += len(value)

    for entry in project.walk():
        entries += 1
        if entries > MAX_OUTLINE_ENTRIES:
            raise ProjectFileError(f"Die Gliederung hat zu viele Abschnitte (höchstens {MAX_OUTLINE_ENTRIES:,}).".replace(",", "."))
        name = entry.heading or entry.key
        text(entry.heading, f"Die Überschrift „{name[:40]}“")
        if entry.text is not None:
            text(entry.text, f"Der Text des Abschnitts „{name[:40]}“", MAX_SECTION_CHARS)
        for item_text in entry.item_texts.values():
            text(item_text, f"Ein Text im Abschnitt „{name[:40]}“", MAX_SECTION_CHARS)

    def answer(value, where: str) -> None:
        if isinstance(value, str):
            text(value, f"Die Angabe „{where}“")
        elif isinstance(value, list):
            if len(value) > MAX_GROUP_ITEMS:
                raise ProjectFileError(f"Die Liste „{where}“ hat {len(value):,} Einträge (höchstens {MAX_GROUP_ITEMS}).".replace(",", "."))
            for v in value:
                answer(v, where)
        elif isinstance(value, dict):
            if len(value) > MAX_GROUP_ITEMS:
                raise ProjectFileError(f"Die Angabe „{where}“ hat zu viele Einträge (höchstens {MAX_GROUP_ITEMS}).")
            for v in value.values():
                answer(v, where)

    for key, value in project.answers.items():
        answer(value, str(key)[:60])
    history = project.design.get("history")
    if isinstance(history, list) and len(history) > MAX_HISTORY_ROWS:
        raise ProjectFileError(f"Die Versionshistorie hat {len(history):,} Zeilen (höchstens {MAX_HISTORY_ROWS}).".replace(",", "."))
    for key, value in project.design.items():
        answer(value, f"Gestaltung: {str(key)[:40]}")
    if total > MAX_TOTAL_CHARS:
        raise ProjectFileError(f"Das Projekt enthält zusammen {total:,} Zeichen Text (höchstens {MAX_TOTAL_CHARS:,}).".replace(",", "."))


def ensure_item_ids(answers: dict, definition: WizardDefinition) -> None:
    """Give every item of a repeatable group a stable id (edited texts refer to it)."""
    for q in definition.questions():
        if q.type == "group" and isinstance(answers.get(q.id), list):
            for item in answers[q.id]:
                if isinstance(item, dict) and not item.get("_id"):
                    item["_id"] = new_id(q.id[:6])


def load_project(path: Path | str) -> Project:
    path = Path(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):  # a device, FIFO or socket: reading could block forever
            raise ProjectFileError(f"„{path.name}“ ist keine gewöhnliche Datei und kann nicht als Projekt geöffnet werden.")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(
                f"Die Datei „{path.name}“ ist mit {size // (1024 * 1024)} MB zu groß für ein Konzept-Projekt.")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise ProjectFileError(f"Die Datei „{path.name}“ ist zu groß für ein Konzept-Projekt.")
    except FileNotFoundError:
        raise ProjectFileError(f"Die Datei „{path.name}“ wurde nicht gefunden.") from None
    except IsADirectoryError:
        raise ProjectFileError(f"„{path.name}“ ist ein Ordner, keine Projektdatei.") from None
    except PermissionError:
        raise ProjectFileError(f"Keine Berechtigung, die Datei „{path.name}“ zu lesen.") from None
    except OSError as exc:
        raise ProjectFileError(f"Die Datei „{path.name}“ kann nicht gelesen werden ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError(f"Die Datei „{path.name}“ ist keine Projektdatei des Konzeptassistenten; vielleicht wurde sie "
                               "mit einem anderen Programm gespeichert.") from None
    try:
        return Project.from_json(text)
    except ProjectFileError as exc:
        raise ProjectFileError(f"„{path.name}“: {exc}") from None


def save_project(project: Project, path: Path | str, backup: bool = True) -> None:
    """Save atomically, through a symbolic link to its target; earlier versions stay beside it
    as ``<name>.bak`` and dated ``<name>.<Datum>.bak`` files (see wizards.atomic).

    A project above the limits is refused (``ProjectFileError``) rather than written as a
    file that could not be opened again.
    """
    try:
        check_limits(project)
    except ProjectFileError as exc:
        raise ProjectFileError(f"Nicht gespeichert: {exc} Bitte kürzen.") from None
    try:
        atomic_write_text(path, project.to_json(), backup=backup, follow_symlinks=True)
    except WriteError as exc:
        raise ProjectFileError(exc.strerror) from None
    except PermissionError:
        raise ProjectFileError(f"Keine Berechtigung, „{Path(path).name}“ zu speichern. Bitte wählen Sie einen anderen Ort.") from None
    except OSError as exc:
        raise ProjectFileError(f"„{Path(path).name}“ konnte nicht gespeichert werden ({exc.strerror or exc}). Die bisherige Datei ist unverändert.") from None


# Further fictional examples (resources/examples/<name>.konzept): outlines other than the three styles'.
EXAMPLES = {
    "webseite": "Ohne Nummern, Fragen als Überschriften – für die Webseite",
    "klammer": "Nummern 1) · a) · aa) über drei Ebenen",
    "roemisch": "Römisch I. mit 1. darunter",
    "rheinland-pfalz": "Aufbau nach dem Handlungsrahmen des LfDI Rheinland-Pfalz",
    "betreiber": "Stadt mit Einrichtungen, die eigene Kanäle betreiben (Jugendzentrum, Tourist-Information)",
}


def named_example(definition: WizardDefinition, name: str) -> Project:
    """One of the further bundled examples (see ``EXAMPLES``), made to fit the definition."""
    from resources import resource_path

    if name not in EXAMPLES:
        raise ProjectFileError(f"Unbekanntes Beispiel „{name}“. Möglich: {', '.join(EXAMPLES)}.")
    project = load_project(resource_path("examples", f"{name}.konzept"))
    project.validate_against(definition)
    return project


def example_project(definition: WizardDefinition, style: str | None = None) -> Project:
    """The bundled fictional example (Gemeinde Musterstadt), in the given house style."""
    from resources import resource_path

    project = load_project(resource_path("examples", "musterstadt.konzept"))
    project.validate_against(definition)
    project.apply_style(definition, style or project.style)
    return project
