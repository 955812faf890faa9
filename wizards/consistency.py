"""Edited texts that no longer match the answers: a removed channel, an old name of the body.

A template text follows the answers by itself. A text the clerk edited keeps the words it had when it
was edited, so after „Kanal entfernen“ or a new name it may still say „Instagram“ or „Gemeinde Altdorf“.
``stale_mentions`` finds those places in every edited or own section, each with the outline key to jump
to. The check (``checks.check_project``) reports them as hints.

How a mention is recognised, without a history of earlier answers:

- a platform of ``data/plattformen.yaml`` named in the text that is not among the channels (unless the
  section's template names it too, as in „Plattformen wie Facebook“);
- a kind of body or its administration (``data/koerperschaften.yaml``: „Gemeinde“, „Landratsamt“ …)
  followed by a name that is not the body's current name. Words the templates themselves use after such
  a noun („der Gemeinde Informationen …“) are ordinary German, not names, and are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .project import Project
from .schema import WizardDefinition

CHANNEL, NAME = "kanal", "name"
MIN_PLATFORM_NAME = 3  # shorter names („X“) are ordinary letters in a text


@dataclass(frozen=True)
class StaleMention:
    key: str  # outline key to jump to ("key@item" for one repetition of a repeated section)
    heading: str  # the section's heading as the clerk sees it
    mention: str  # the words found: „Instagram“, „Gemeinde Altdorf“
    kind: str  # CHANNEL | NAME

    @property
    def message(self) -> str:
        if self.kind == CHANNEL:
            return (f"Der bearbeitete Abschnitt „{self.heading}“ nennt „{self.mention}“, das nicht mehr unter Ihren "
                    "Kanälen steht. Bitte prüfen Sie, ob der Text noch stimmt.")
        return (f"Der bearbeitete Abschnitt „{self.heading}“ nennt „{self.mention}“ – nicht den jetzigen Namen "
                "Ihrer Verwaltung. Bitte prüfen Sie, ob der Text noch stimmt.")


def stale_mentions(definition: WizardDefinition, project: Project, assembler=None) -> list[StaleMention]:
    """Every removed channel and old name still mentioned in an edited text, in outline order."""
    from .assemble import Assembler

    assembler = assembler or Assembler(definition, project)
    absent = _absent_platforms(definition, project.answers.get("kanaele"))
    name = project.answers.get("verwaltung.name")
    name = name.strip() if isinstance(name, str) else ""
    nouns = _body_nouns(definition)
    ordinary = _template_words(definition)
    entries = project.answers.get("einrichtungen")
    facilities = [str(e.get("name") or "").strip() for e in (entries if isinstance(entries, list) else [])
                  if isinstance(e, dict)]  # „Jugendzentrum Alte Mühle“ is a facility, not an old name of the body
    found: list[StaleMention] = []
    for entry in project.walk():
        if not entry.is_custom and entry.section not in definition.sections:
            continue
        source = _template_source(definition, entry)  # what the template itself says is never stale
        for rendered in assembler.sections_of(entry):
            if not rendered.edited:
                continue
            text = f"{rendered.heading}\n{rendered.markdown}"
            heading = rendered.heading or "Einleitung"
            seen = set()
            for platform in absent:
                if platform not in seen and platform not in source and re.search(rf"(?<!\w){re.escape(platform)}(?!\w)", text):
                    seen.add(platform)
                    found.append(StaleMention(rendered.key, heading, platform, CHANNEL))
            if name:
                for mention in _other_names(text, name, nouns, ordinary):
                    if mention not in seen and not any(f.startswith(mention) for f in facilities if f):
                        seen.add(mention)
                        found.append(StaleMention(rendered.key, heading, mention, NAME))
    return found


def _absent_platforms(definition: WizardDefinition, channels) -> list[str]:
    """Names of the catalogue's platforms that no channel uses."""
    used = {item.get("plattform") for item in channels if isinstance(item, dict)} if isinstance(channels, list) else set()
    names = []
    for pid, platform in definition.data.plattformen.items():
        name = str(platform.get("name") or "")
        if pid in used or pid == "sonstige" or len(name) < MIN_PLATFORM_NAME:
            continue
        names.append(name)
    return names


def _body_nouns(definition: WizardDefinition) -> tuple[str, ...]:
    """„Gemeinde“, „Landkreises“, „Landratsamt“ …: the words that stand before the body's name."""
    nouns = set()
    for body in definition.data.koerperschaften.values():
        for form in (body, body.get("behoerde") or {}, *(body.get("behoerde_in") or {}).values()):
            if isinstance(form, dict):
                nouns |= {str(form[k]) for k in ("noun", "gen") if form.get(k)}
    return tuple(sorted(nouns, key=len, reverse=True))  # longest first: „Gemeindeverwaltung“ before „Gemeinde“


def _template_words(definition: WizardDefinition) -> frozenset[str]:
    """Every capitalised word the templates write themselves."""
    return frozenset(word for section in definition.sections.values() for variant in section.variants.values()
                     for word in re.findall(r"[A-ZÄÖÜ][\wäöüß-]*", "\n".join(variant.sources)))


def _template_source(definition: WizardDefinition, entry) -> str:
    if entry.is_custom:
        return ""
    return "\n".join(source for v in definition.sections[entry.section].variants.values() for source in v.sources)


def _other_names(text: str, name: str, nouns: tuple[str, ...], ordinary: frozenset[str]) -> list[str]:
    """„Gemeinde Altdorf“ where the body is now called ``name``."""
    found = []
    pattern = re.compile(rf"(?<!\w)({'|'.join(map(re.escape, nouns))})\s+([A-ZÄÖÜ][\wäöüß-]*)")
    for match in pattern.finditer(text):
        word = match.group(2)
        if text[match.start(2):].startswith(name) or word in ordinary or name.startswith(word):
            continue
        found.append(f"{match.group(1)} {word}")
    return found
