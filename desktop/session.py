"""ProjectSession: the one place where the open project is modified.

Every change goes through a method here and ends in ``_touch``, which marks the
project modified, drops cached renderings and emits ``changed(kind)``. Autosave or
crash recovery can hook into ``changed`` (or override ``_touch``) without touching
the pages.
"""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from wizards.schema import WizardDefinition

# wizards.assemble / wizards.project pull in Jinja2 and markdown-it: imported on first
# use, so the start screen paints without waiting for them.

# Kinds passed with ``changed``: what part of the project changed.
ANSWERS, STYLE, OUTLINE, TEXT, DESIGN = "answers", "style", "outline", "text", "design"


class ProjectSession(QObject):
    changed = Signal(str)  # kind, see constants above
    modified_changed = Signal(bool)
    path_changed = Signal(str)
    answer_refused = Signal(str)  # question id: a removal the clerk did not confirm; editors show the answer again
    items_removed = Signal(str, object)  # question id, [(index, item)]: filled entries of a group were removed

    def __init__(self, definition: WizardDefinition, project, path: Path | None = None,
                 notes: list[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.definition = definition
        self.project = project
        self.path: Path | None = Path(path) if path else None
        self.notes = notes or []  # German notes from validate_against, shown once after opening
        self.modified = False
        self.is_example = False
        self.read_only = False  # opened „schreibgeschützt“: saving asks for another file
        self.copy_of = ""  # opened as „Kopie“ of this file name: saving asks for a new file
        self.lock = None  # file_guard.ProjectLock while this program edits ``path``
        self.fingerprint = None  # wizards.atomic.FileFingerprint of ``path`` when last read or written here
        # asked before filled entries of a group (a channel, a person) are removed: (question, items) -> bool
        self.removal_guard = None
        self._assembler: Assembler | None = None
        self._document = None
        from wizards.project import ensure_item_ids

        ensure_item_ids(self.project.answers, definition)

    # ------------------------------------------------------------ construction

    @classmethod
    def new(cls, definition: WizardDefinition, style: str) -> "ProjectSession":
        from wizards.project import Project

        return cls(definition, Project.new(definition, style))

    @classmethod
    def open(cls, definition: WizardDefinition, path: Path | str) -> "ProjectSession":
        from wizards.project import load_project

        from wizards.atomic import FileFingerprint

        project = load_project(path)  # raises ProjectFileError with a German message
        notes = project.validate_against(definition)
        session = cls(definition, project, Path(path), notes)
        session.fingerprint = FileFingerprint.of(path)
        return session

    @classmethod
    def example(cls, definition: WizardDefinition, style: str | None = None) -> "ProjectSession":
        from wizards.project import example_project

        session = cls(definition, example_project(definition, style))
        session.is_example = True
        return session

    # ------------------------------------------------------------ reading

    @property
    def display_name(self) -> str:
        if self.path:
            return self.path.name + (" (schreibgeschützt)" if self.read_only else "")
        if self.copy_of:
            return f"Kopie von {self.copy_of}"
        return "Beispiel Musterstadt" if self.is_example else "Neues Konzept"

    def changed_on_disk(self) -> bool:
        """Whether the file was written by someone else since this program read or wrote it."""
        return self.path is not None and self.fingerprint is not None and self.fingerprint.changed_on_disk()

    def release(self) -> None:
        """The project is closed in this window: let others edit the file."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def answer(self, qid: str, default=None):
        return self.project.answers.get(qid, default)

    def assembler(self):
        if self._assembler is None:
            from wizards.assemble import Assembler

            self._assembler = Assembler(self.definition, self.project)
        return self._assembler

    def document(self):
        if self._document is None:
            from wizards.assemble import assemble

            self._document = assemble(self.definition, self.project)
        return self._document

    def snapshot(self):
        """An independent copy of the project (for rendering off the UI thread)."""
        from wizards.project import Project

        return Project.from_dict(copy.deepcopy(self.project.to_dict()))

    def section_title(self, key: str) -> str:
        """The name of an outline entry for lists: its heading, else the catalogue title."""
        entry = self.project.find(key)
        if entry is None:
            return key
        if entry.heading:
            if not entry.is_custom and "{" in entry.heading and self.definition.sections[entry.section].repeat:
                return self.assembler().list_heading(entry)
            return entry.heading
        if entry.is_custom:
            return "Eigener Abschnitt"
        title = self.definition.sections[entry.section].title
        return f"{title} ({entry.instance})" if entry.instance else title

    # ------------------------------------------------------------ changing (all go through _touch)

    def _touch(self, kind: str) -> None:
        self._assembler = None
        self._document = None
        was = self.modified
        self.modified = True
        self.changed.emit(kind)
        if not was:
            self.modified_changed.emit(True)

    def set_answer(self, qid: str, value) -> None:
        removed = self._removed_items(qid, value)
        if removed and self.removal_guard is not None and not self.removal_guard(
                self.definition.question(qid), [item for _i, item in removed]):
            self.answer_refused.emit(qid)
            return
        self._store_answer(qid, value)
        if removed:
            self.items_removed.emit(qid, removed)

    def restore_items(self, qid: str, removed: list) -> None:
        """„Rückgängig“ after removing group entries: put them back where they were."""
        items = [dict(i) for i in self.project.answers.get(qid, []) if isinstance(i, dict)]
        ids = {i.get("_id") for i in items}
        for index, item in sorted(removed, key=lambda pair: pair[0]):
            if item.get("_id") not in ids:
                items.insert(min(index, len(items)), copy.deepcopy(item))
        self._store_answer(qid, items)

    def _removed_items(self, qid: str, value) -> list:
        """[(index, item)] of filled group entries that ``value`` no longer has."""
        old = self.project.answers.get(qid)
        if not isinstance(old, list) or not isinstance(value, list):
            return []
        try:
            question = self.definition.question(qid)
        except KeyError:
            return []
        if question.type != "group":
            return []
        kept = {item.get("_id") for item in value if isinstance(item, dict)}
        defaults = {f.id: f.default for f in question.fields}
        return [(index, copy.deepcopy(item)) for index, item in enumerate(old)
                if isinstance(item, dict) and item.get("_id") not in kept
                and any(v not in ("", None, [], {}, defaults.get(k)) for k, v in item.items() if k != "_id")]

    def _store_answer(self, qid: str, value) -> None:
        if value in ("", None, [], {}):
            if qid not in self.project.answers:
                return
            # keep an explicit empty list for groups / multichoice (the clerk removed all)
            if isinstance(value, list):
                self.project.answers[qid] = []
            else:
                self.project.answers.pop(qid, None)
        else:
            if self.project.answers.get(qid) == value:
                return
            self.project.answers[qid] = copy.deepcopy(value)
        from wizards.project import ensure_item_ids

        ensure_item_ids(self.project.answers, self.definition)
        self._touch(ANSWERS)

    def set_style(self, style: str) -> None:
        if style == self.project.style:
            return
        self.project.apply_style(self.definition, style)
        self._touch(STYLE)

    def set_variant(self, key: str, style: str) -> None:
        entry = self.project.find(key)
        value = "" if style == self.project.style else style
        if entry is None or entry.variant == value:
            return
        entry.variant = value
        self._touch(TEXT)

    def set_section_text(self, key: str, item_id: str, markdown: str | None) -> None:
        """Store the clerk's edited Markdown; None resets to the template's text."""
        entry = self.project.find(key)
        if entry is None:
            return
        if item_id:
            if markdown is None:
                if entry.item_texts.pop(item_id, None) is None:
                    return
            else:
                if entry.item_texts.get(item_id) == markdown:
                    return
                entry.item_texts[item_id] = markdown
        else:
            if entry.text == markdown and not (entry.is_custom and markdown is None):
                return
            entry.text = "" if (markdown is None and entry.is_custom) else markdown
        self._touch(TEXT)

    def replace_outdated_norm(self, key: str, rule: str = "") -> bool:
        """„Ersetzen“ on a norm finding: the section cites the current norm instead."""
        from wizards.norms import apply_to_project

        if apply_to_project(self.definition, self.project, key, {rule} if rule else None):
            self._touch(TEXT)
            return True
        return False

    def rename_section(self, key: str, heading: str) -> None:
        entry = self.project.find(key)
        heading = heading.strip()
        if entry is None or entry.heading == heading:
            return
        if (entry.is_custom or entry.instance) and not heading:
            return  # an own section, or a further use of a catalogue section, always needs its own heading
        entry.heading = heading
        self._touch(OUTLINE)

    def rename_channel_section(self, key: str, item_id: str, heading: str) -> None:
        """One channel's heading in a per-channel section; "" = the template's heading again."""
        entry = self.project.find(key)
        heading = heading.strip()
        if entry is None or not item_id or entry.item_headings.get(item_id, "") == heading:
            return
        if heading:
            entry.item_headings[item_id] = heading
        else:
            del entry.item_headings[item_id]
        self._touch(OUTLINE)

    def add_section(self, section_id: str, after: str | None = None, another: bool = False, heading: str = "") -> str:
        """Add a catalogue section; ``another``: once more, beside the one already in the outline."""
        entry = self.project.add_section(section_id, after, another=another, heading=heading)
        self._touch(OUTLINE)
        return entry.key

    def add_custom_section(self, heading: str, text: str = "", after: str | None = None) -> str:
        entry = self.project.add_custom_section(heading.strip() or "Eigener Abschnitt", text, after)
        self._touch(OUTLINE)
        return entry.key

    def remove_section(self, key: str) -> None:
        self.project.remove(key)
        self._touch(OUTLINE)

    def move_section(self, key: str, delta: int) -> bool:
        if self.project.move(key, delta):
            self._touch(OUTLINE)
            return True
        return False

    def indent_section(self, key: str) -> bool:
        if self.project.indent(key):
            self._touch(OUTLINE)
            return True
        return False

    def outdent_section(self, key: str) -> bool:
        if self.project.outdent(key):
            self._touch(OUTLINE)
            return True
        return False

    def reorder_sections(self, structure: list) -> bool:
        if self.project.reorder(structure):
            self._touch(OUTLINE)
            return True
        return False

    def set_numbered(self, key: str, numbered: bool | None) -> None:
        entry = self.project.find(key)
        if entry is not None and entry.numbered != numbered:
            entry.numbered = numbered
            self._touch(OUTLINE)

    def apply_preset(self, preset_id: str) -> None:
        from wizards.assemble import apply_preset

        apply_preset(self.definition, self.project, preset_id)
        self._touch(OUTLINE)

    def set_design_values(self, **values) -> None:
        """Change some design settings (numbering, title block …), keeping the others."""
        self.set_design({**self.project.design, **values})

    def set_extra(self, key: str, value) -> None:
        """A small project setting outside the answers (e.g. ``dokumente``, the chosen document set)."""
        if self.project.extra.get(key) == value:
            return
        self.project.extra[key] = copy.deepcopy(value)
        self._touch(DESIGN)

    def set_design(self, design: dict) -> None:
        if design == self.project.design:
            return
        self.project.design = copy.deepcopy(design)
        self._touch(DESIGN)

    # ------------------------------------------------------------ files

    def save(self, path: Path | str | None = None) -> Path:
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no path")
        from wizards.project import FILE_SUFFIX, save_project

        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        save_project(self.project, target)  # raises ProjectFileError (German)
        from wizards.atomic import FileFingerprint

        self.fingerprint = FileFingerprint.of(target)
        changed_path = target != self.path
        self.path = target
        self.is_example = False
        self.read_only = False
        self.copy_of = ""
        if changed_path:
            self.path_changed.emit(str(target))
        if self.modified:
            self.modified = False
            self.modified_changed.emit(False)
        return target
