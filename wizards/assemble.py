"""Project + wizard definition → one Document (see docs/ARCHITECTURE.md).

Walks the clerk's outline, picks each section's variant, fills the templates with the
context, numbers the headings in the house style, and turns the Markdown into blocks.
Values the clerk has not given yet become visible „[…]“ markers and are listed.
"""
from __future__ import annotations

from dataclasses import dataclass

from jinja2 import TemplateError

from . import doctree as dt
from . import numbering
from .context import Context, build_context
from .design import DEFAULT_STAND_TEXT, Design
from .markdown import missing_in_blocks, plain_inlines, to_blocks, to_inlines
from .progress import effective_variant
from .project import OutlineEntry, Project
from .sanitize import clean_text
from .schema import SectionDef, Style, WizardDefinition
from .templating import TemplateCache, md_escape
from .voice import apply_gender

PLATFORM, ACCOUNT = "{Plattform}", "{Kontoname}"  # placeholders in a per-channel section's heading


def channel_heading(pattern: str, item: dict) -> str:
    """The heading the clerk gave a per-channel section, for one channel: „{Plattform}“ and
    „{Kontoname}“ become that channel's platform and account name; without either, the
    platform is appended („Angebot – Instagram“) so that every channel's heading stays its own."""
    if PLATFORM not in pattern and ACCOUNT not in pattern:
        pattern = f"{pattern} – {PLATFORM}"
    return pattern.replace(PLATFORM, str(item.get("plattform_name", ""))).replace(ACCOUNT, str(item.get("name", "")))


def section_number(style: Style, level: int, n: int, parent: str, scheme: str = "") -> str:
    """The heading number in the document's scheme (``scheme``), else in the house style's."""
    return numbering.number(numbering.patterns_for(style.numbering, scheme), level, n, parent)


@dataclass
class RenderedSection:
    """One section (or one repetition of it) as the clerk sees it in the editor."""

    key: str  # outline key, plus "@item" for a repetition
    entry: OutlineEntry
    item_id: str  # channel id for a repeated section, else ""
    heading: str  # Markdown-free heading text (without number)
    markdown: str  # filled text (the clerk's edit or the template's result)
    edited: bool


class Assembler:
    """Renders sections of one definition; keeps the Jinja environment and context."""

    def __init__(self, definition: WizardDefinition, project: Project, attachments: list[dict] | None = None):
        self.definition = definition
        self.project = project
        self.templates = definition.templates or TemplateCache()
        self.context: Context = build_context(definition, project.answers)
        # the other documents of the set that go with this one (the council submission lists them)
        self.context["anlagen"] = list(attachments or [])
        design = Design.from_dict(project.design)
        self.gender = design.gender  # one voice for every variant
        self.perspective = design.perspective
        self.warnings: list[str] = []

    # ---------------------------------------------------------------- templates

    def render(self, source: str, extra: dict | None = None, where: str = "") -> str:
        try:
            text = self.templates.template(source).render({**self.context, **(extra or {})}).strip()
            return apply_gender(text, self.gender)
        except (TemplateError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            # Definitions are checked at load time; this guards data the checks cannot foresee.
            self.warnings.append(f"Textbaustein „{where}“ konnte nicht gefüllt werden: {exc}")
            return f"\ue000Textbaustein „{where}“ fehlerhaft\ue001"

    def condition(self, expression: str, extra: dict | None = None) -> bool:
        if not expression:
            return True
        try:
            return bool(self.templates.expression(expression)(**{**self.context, **(extra or {})}))
        except TemplateError:
            return True

    def variant_of(self, entry: OutlineEntry, section: SectionDef):
        return section.variants[effective_variant(entry, section, self.project.style)].for_perspective(self.perspective)

    def items_for(self, section: SectionDef) -> list[dict]:
        return list(self.context.get(section.repeat, [])) if section.repeat else [{}]

    def sections_of(self, entry: OutlineEntry) -> list[RenderedSection]:
        """The rendered text(s) of one entry: one per channel for repeated sections."""
        if entry.is_custom:
            return [RenderedSection(entry.key, entry, "", self._clean(entry.heading), self._clean(entry.text or ""), True)]
        section = self.definition.sections[entry.section]
        variant = self.variant_of(entry, section)
        if section.merge_repeats:
            return self._merged(entry, section, variant)
        result = []
        for item in self.items_for(section):
            extra = {"kanal": item} if section.repeat else {}
            if not self.condition(section.when, extra):
                continue
            item_id = item.get("_id", "") if section.repeat else ""
            edited = entry.item_texts.get(item_id) if section.repeat else entry.text
            heading = self.render(variant.heading, extra, f"{section.title} (Überschrift)")
            own_heading = entry.item_headings.get(item_id) if section.repeat else entry.heading
            if section.repeat and not own_heading and entry.heading:
                own_heading = channel_heading(entry.heading, item)
            if own_heading:
                heading = self._clean(own_heading)
            markdown = self._clean(edited) if edited is not None else self.render(variant.text, extra, section.title)
            key = f"{entry.key}@{item_id}" if section.repeat else entry.key
            result.append(RenderedSection(key, entry, item_id, heading, markdown, edited is not None))
        return result

    def list_heading(self, entry: OutlineEntry) -> str:
        """A per-channel heading with „{Plattform}“/„{Kontoname}“ as lists name it (step list, page
        title, outline tree): filled in for the first channel („…“ before there is one), marked
        „(je Kanal)“, since the document repeats it for every channel."""
        section = self.definition.sections[entry.section]
        if section.merge_repeats:  # one heading for all channels: the document's own
            rendered = self._merged(entry, section, self.variant_of(entry, section))
            return rendered[0].heading if rendered else entry.heading.replace(PLATFORM, "…")
        items = [i for i in self.items_for(section) if self.condition(section.when, {"kanal": i})]
        first = items[0] if items else {}
        shown = {"plattform_name": first.get("plattform_name") or "…", "name": first.get("name") or "…"}
        return f"{channel_heading(entry.heading, shown)} (je Kanal)"

    def _merged(self, entry: OutlineEntry, section: SectionDef, variant) -> list[RenderedSection]:
        """All items under one heading („Allgemeines zu Instagram und Facebook“), a sub-heading each."""
        items = [i for i in self.items_for(section) if self.condition(section.when, {"kanal": i})]
        if not items:
            return []
        heading_item = {**items[0], "plattform_name": self.context["plattformen_text"]}
        own = entry.heading.replace(PLATFORM, str(heading_item["plattform_name"]))
        heading = self._clean(own) if entry.heading else self.render(variant.heading, {"kanal": heading_item}, f"{section.title} (Überschrift)")
        if entry.text is not None:
            return [RenderedSection(entry.key, entry, "", heading, self._clean(entry.text), True)]
        parts = []
        for item in items:
            body = self.render(variant.text, {"kanal": item}, section.title)
            title = str(item["plattform_name"]) + (f" ({item['name']})" if item.get("mehrfach") else "")
            parts.append(f"### {md_escape(title)}\n\n{body}" if len(items) > 1 else body)
        return [RenderedSection(entry.key, entry, "", heading, "\n\n".join(parts), False)]

    def render_variant(self, section_id: str, style_id: str, item: dict | None = None) -> tuple[str, str]:
        """(heading, Markdown) of one variant of a section, filled: for side-by-side comparison."""
        section = self.definition.sections[section_id]
        variant = section.variants[style_id].for_perspective(self.perspective)
        extra = {"kanal": item if item is not None else (self.items_for(section)[0] if self.items_for(section) else {})} \
            if section.repeat else {}
        return (self.render(variant.heading, extra, f"{section.title} (Überschrift)"),
                self.render(variant.text, extra, section.title))

    def _clean(self, text: str) -> str:
        cleaned, removed = clean_text(text)
        if removed:
            self.warnings.append("Aus Ihrem Text entfernte Steuerzeichen: " + ", ".join(removed))
        return cleaned

    # ---------------------------------------------------------------- document

    def _title_block(self, style: Style, design: Design):
        """Title, subtitle and the lines under them: the clerk's wording, else the house style's."""
        if design.title is not None and design.title.strip():
            title = plain_inlines(self._clean(design.title.strip()))
        else:
            title = to_inlines(self.render(style.title, where="Titel"))
        if design.subtitle is not None:
            subtitle = plain_inlines(self._clean(design.subtitle.strip())) if design.subtitle.strip() else ()
        elif design.stand_line:  # the clerk decides on the „Stand“ line: the style's subtitle may carry one
            subtitle = ()
        else:
            subtitle = to_inlines(self.render(style.subtitle, where="Untertitel")) if style.subtitle else ()
        lines = []
        if design.stand_line == "ein":
            date = self.render("{{ konzept.stand }}", where="Stand")
            wording = self._clean(design.stand_text or DEFAULT_STAND_TEXT)
            if "{datum}" not in wording:
                wording += " {datum}"
            lines.append(to_inlines(date.join(md_escape(part) for part in wording.split("{datum}"))))
        lines.extend(plain_inlines(self._clean(line.strip())) for line in design.title_lines if line.strip())
        return title, subtitle, tuple(lines)

    def document(self) -> dt.Document:
        style = self.definition.styles[self.project.style]
        blocks: list[dt.Block] = []
        missing: list[dt.MissingValue] = []

        design = Design.from_dict(self.project.design)
        title, subtitle, lines = self._title_block(style, design)
        blocks.append(dt.Title(title, subtitle, lines))
        missing += [dt.MissingValue(label, "Titel") for label in missing_in_blocks([blocks[0]])]
        if style.toc:
            blocks.append(dt.TableOfContents())

        def walk(entries: list[OutlineEntry], level: int, parent_number: str):
            counter = 0
            for entry in entries:
                numbered = entry.numbered if entry.numbered is not None else (
                    entry.is_custom or self.definition.sections[entry.section].numbered)
                renderings = self.sections_of(entry)
                for index, rendered in enumerate(renderings):
                    number = ""
                    if numbered and rendered.heading:
                        counter += 1
                        number = section_number(style, level, counter, parent_number, design.numbering)
                    heading_inlines = (plain_inlines(rendered.heading)
                                       if (entry.is_custom or entry.heading or entry.item_headings.get(rendered.item_id))
                                       else to_inlines(rendered.heading))
                    section_blocks: list[dt.Block] = []
                    heading_level = min(level, numbering.MAX_LEVEL)
                    if rendered.heading:
                        section_blocks.append(dt.Heading(heading_level, heading_inlines, number, anchor_for(rendered.key)))
                    body = to_blocks(rendered.markdown, heading_level=min(heading_level + 1, numbering.MAX_LEVEL))
                    section_blocks.extend(body)
                    if not rendered.heading and level == 1 and body:
                        section_blocks = [_lead(b) for b in section_blocks]
                    blocks.extend(section_blocks)
                    where = rendered.heading or "Einleitung"
                    missing.extend(dt.MissingValue(label, where) for label in missing_in_blocks(section_blocks))
                    # children follow the (first) repetition of their parent
                    if entry.children and index == 0:
                        walk(entry.children, level + 1, number or parent_number)
                if entry.children and not renderings:
                    walk(entry.children, level + 1, parent_number)

        walk(self.project.outline, 1, "")
        name = str(self.context["verwaltung"]["bezeichnung"])
        stand = self.context.get("konzept", {}).get("stand")
        meta = dt.DocumentMeta(
            title=dt.plain_text(title), author=_plain(name), subject=self.definition.title,
            keywords=("Social Media", "Nutzungskonzept" if self.definition.id == "nutzungskonzept"
                      else self.definition.title, "Datenschutz"),
            date=getattr(stand, "iso", ""), version=_plain(str(self.context.get("konzept", {}).get("version", ""))),
            rechtsstand=str(self.context.get("rechtsstand") or ""),
        )
        warnings = list(dict.fromkeys(self.warnings + (
            ["Aus Ihren Angaben entfernte Steuerzeichen: " + ", ".join(sorted(set(self.context.removed_chars)))]
            if self.context.removed_chars else [])))
        return dt.Document(meta=meta, blocks=tuple(blocks), missing=tuple(missing), warnings=tuple(warnings))


def _lead(block: dt.Block) -> dt.Block:
    return dt.Paragraph(block.content, "lead") if isinstance(block, dt.Paragraph) else block


def _plain(text: str) -> str:
    return dt.plain_text(plain_inlines(text))


def anchor_for(key: str) -> str:
    return "abschnitt-" + "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in key)


def apply_preset(definition: WizardDefinition, project: Project, preset_id: str) -> None:
    """Take a preset (outline, numbering, TOC) and fill in its title, if it has one, with the answers."""
    project.apply_preset(definition, preset_id)
    preset = definition.presets[preset_id]
    design = dict(project.design)
    if preset.title:
        rendered = Assembler(definition, project).render(preset.title, where="Titel der Vorlage")
        design["title"] = dt.plain_text(to_inlines(rendered))
    else:
        design.pop("title", None)
    project.design = design


def assemble(definition: WizardDefinition, project: Project, attachments: list[dict] | None = None) -> dt.Document:
    return Assembler(definition, project, attachments).document()


def file_name_for(definition: WizardDefinition, project: Project) -> str:
    """A sensible German file name without extension, safe on Windows."""
    assembler = Assembler(definition, project)
    name = dt.plain_text(to_inlines(assembler.render(definition.file_name, where="Dateiname")))
    name = name.replace("\\", "").replace("[", "").replace("]", "")
    for ch in '<>:"/\\|?*':
        name = name.replace(ch, "-")
    name = " ".join(name.split()).strip(" .")
    return name[:120] or "Social-Media-Nutzungskonzept"
