"""The wizard definition as typed, frozen objects (what the loader produces)."""
from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = (
    "text", "multiline", "email", "url", "phone", "date",
    "choice", "multichoice", "yesno", "group", "weekly", "reference",
)

# What the completeness check counts (section topics).
TOPICS = (
    "zweck", "art_umfang", "verantwortung", "alternativen", "datenschutzerklaerung",
    "dsfa", "dsb", "moderation", "kontotyp", "ueberpruefung", "impressum",
)

# How a text speaks of the body: „wir“ (first person plural) or in the third person („Die Gemeinde …“).
PERSPECTIVES = ("wir", "dritte")

WEEKDAYS = (
    ("mo", "Montag"), ("di", "Dienstag"), ("mi", "Mittwoch"), ("do", "Donnerstag"),
    ("fr", "Freitag"), ("sa", "Samstag"), ("so", "Sonntag"),
)


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    help: str = ""
    placeholder: str = ""
    marker: str = ""
    required: bool = False
    default: object = None
    when: str = ""
    pattern: str = ""
    min: int = 0
    item_label: str = ""
    options: tuple[Option, ...] = ()
    fields: tuple["Question", ...] = ()
    # (key, answer): offer an option only if the answer `answer` (a question id, or a sibling
    # field inside a group) is in the option's list `key`; options without that list always.
    options_filter: tuple[str, str] | tuple = ()
    # type "reference": the id of a group question whose entries are offered; the answer is the
    # chosen entry's ``_id`` ("" = none of them, e.g. the body itself), so renaming an entry
    # keeps the reference.
    entries_of: str = ""

    @property
    def marker_text(self) -> str:
        return self.marker or self.label

    def offered_options(self, filter_value) -> tuple[Option, ...]:
        """The options to offer, given the current answer the filter looks at ("" = no filter)."""
        if not self.options_filter or not filter_value:
            return self.options
        key = self.options_filter[0]
        return tuple(o for o in self.options if key not in o.extra or filter_value in (o.extra.get(key) or ()))


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Variant:
    heading: str  # Jinja template source
    text: str  # Jinja template source producing Markdown
    covers: tuple[str, ...] = ()
    norms: tuple[str, ...] = ()
    perspective: str = ""  # the one heading/text are written in: "wir", "dritte" ("" = not declared)
    # (perspective, heading, text) of the same section in the other perspective(s): texts/<style>-<p>.yaml
    other_perspectives: tuple[tuple[str, str, str], ...] = ()

    def for_perspective(self, perspective: str) -> "Variant":
        """This variant with heading and text in ``perspective`` if it has that one, else as it is."""
        for other, heading, text in self.other_perspectives:
            if perspective and other == perspective:
                rest = tuple(o for o in self.other_perspectives if o[0] != other)
                return Variant(heading, text, self.covers, self.norms, other,
                               rest + ((self.perspective, self.heading, self.text),))
        return self

    @property
    def sources(self) -> tuple[str, ...]:
        """Every template source of this variant, in every perspective (for word lists and searches)."""
        return (self.heading, self.text, *(s for _p, heading, text in self.other_perspectives for s in (heading, text)))


@dataclass(frozen=True)
class SectionDef:
    id: str
    title: str
    summary: str = ""
    numbered: bool = True
    repeat: str = ""  # "" or "kanaele"
    merge_repeats: bool = False  # one section for all items, a sub-heading per item
    when: str = ""
    topics: tuple[str, ...] = ()
    help_worum: str = ""
    help_erwartung: str = ""
    variants: dict = field(default_factory=dict, compare=False, hash=False)  # style id -> Variant


@dataclass(frozen=True)
class OutlineItem:
    section: str
    children: tuple["OutlineItem", ...] = ()


@dataclass(frozen=True)
class PresetItem:
    """One entry of a preset outline: a catalogue section (maybe renamed) or an own section."""

    section: str = ""  # catalogue id; "" for an own section
    heading: str = ""  # the heading to use ("" = the style's)
    numbered: bool | None = None
    children: tuple["PresetItem", ...] = ()


@dataclass(frozen=True)
class Preset:
    """An outline pattern besides the styles (an authority's outline, a web-page form …)."""

    id: str
    label: str
    description: str
    numbering: str  # a scheme id of wizards.numbering.SCHEMES
    title: str  # Jinja template of the title, "" = the style's
    outline: tuple[PresetItem, ...]
    toc: bool | None = None


@dataclass(frozen=True)
class Style:
    id: str
    label: str
    description: str
    numbering: tuple  # per level: pattern like "{n}.", "{roman}.", "{parent}.{n}" or None
    title: str
    subtitle: str
    toc: bool
    outline: tuple[OutlineItem, ...]


@dataclass(frozen=True)
class ReferenceData:
    koerperschaften: dict  # id -> dict
    laender: dict  # id -> dict
    plattformen: dict  # id -> dict
    legal: object = field(default=None, compare=False, repr=False)  # legal_data.LegalData the tables come from


@dataclass(frozen=True)
class WizardDefinition:
    id: str
    title: str
    description: str
    file_name: str
    styles: dict  # id -> Style (ordered)
    steps: tuple[Step, ...]
    sections: dict  # id -> SectionDef (catalogue order)
    data: ReferenceData
    folder: str = ""
    templates: object = field(default=None, compare=False, hash=False, repr=False)  # TemplateCache
    presets: dict = field(default_factory=dict)  # id -> Preset (ordered); presets.yaml, optional

    def questions(self) -> list[Question]:
        return [q for step in self.steps for q in step.questions]

    def question(self, qid: str) -> Question:
        for q in self.questions():
            if q.id == qid:
                return q
        raise KeyError(qid)
