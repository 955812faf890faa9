"""Annual review aid: what changed between two versions of a concept.

``compare_projects(definition, old, new)`` compares two projects section by section
(added, removed, renamed sections; changed texts with a word-level diff; changed
answers) and ``comparison_document`` turns the result into a ``Document`` titled
„Änderungen im Social-Media-Nutzungskonzept“ that every writer (PDF for the council)
can export. Sections are matched by their outline key (catalogue id, custom id, and
``key@channel`` for repeated sections), so a renamed heading is a rename, not a
removal plus an addition.
"""
from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass, field

from . import doctree as dt
from .assemble import Assembler
from .markdown import plain_inlines, to_blocks
from .norms import rendered_sections
from .project import Project
from .schema import WEEKDAYS, Question, WizardDefinition

TITLE = "Änderungen im Social-Media-Nutzungskonzept"
GESTRICHEN = "gestrichen: "


@dataclass(frozen=True)
class SectionVersion:
    key: str
    heading: str
    markdown: str
    position: int


@dataclass(frozen=True)
class WordDiff:
    """A changed text as paragraphs of (kind, text) runs: kind "gleich", "neu" or "alt"."""

    paragraphs: tuple[tuple[tuple[str, str], ...], ...]

    @property
    def inserted(self) -> list[str]:
        return [t for p in self.paragraphs for k, t in p if k == "neu"]

    @property
    def deleted(self) -> list[str]:
        return [t for p in self.paragraphs for k, t in p if k == "alt"]


@dataclass(frozen=True)
class SectionChange:
    kind: str  # "neu" | "entfallen" | "umbenannt" | "text"
    key: str
    heading: str  # current heading (old heading for "entfallen")
    old_heading: str = ""
    markdown: str = ""  # the new text for "neu"
    diff: WordDiff | None = None


@dataclass(frozen=True)
class AnswerChange:
    label: str
    old: str
    new: str
    key: str  # question id


@dataclass
class Comparison:
    old_stand: str
    new_stand: str
    old_version: str
    new_version: str
    name: str
    old_style: str
    new_style: str
    sections: list[SectionChange] = field(default_factory=list)
    answers: list[AnswerChange] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # headings whose position changed

    def of_kind(self, kind: str) -> list[SectionChange]:
        return [c for c in self.sections if c.kind == kind]

    @property
    def unchanged(self) -> bool:
        return not self.sections and not self.answers and self.old_style == self.new_style and not self.moved


# --------------------------------------------------------------------------- sections

def _versions(assembler: Assembler) -> dict[str, SectionVersion]:
    result = {}
    for i, s in enumerate(rendered_sections(assembler)):
        result[s.key] = SectionVersion(s.key, s.heading or "Einleitung", s.markdown or "", i)
    return result


def _paragraphs(markdown: str) -> list[str]:
    """The text of a section as plain paragraphs (list items and table rows each on their own)."""
    out: list[str] = []

    def visit(block, prefix=""):
        if isinstance(block, dt.Paragraph):
            out.append(prefix + dt.plain_text(block.content))
        elif isinstance(block, dt.Heading):
            out.append(dt.plain_text(block.text))
        elif isinstance(block, dt.BulletList):
            for n, item in enumerate(block.items, 1):
                for j, inner in enumerate(item):
                    visit(inner, (f"{n}. " if block.ordered else "– ") if j == 0 else "")
        elif isinstance(block, dt.Table):
            for row in (block.header, *block.rows):
                out.append(" | ".join(dt.plain_text(cell) for cell in row))
    for block in to_blocks(markdown or ""):
        visit(block)
    return [p.strip() for p in out if p.strip()]


_BREAK = "\u2029"


MAX_DIFF_TOKENS = 4_000  # difflib is quadratic; beyond this the changed middle is shown as replaced


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, in bounded time: the common start and end are matched directly,
    and a changed middle longer than ``MAX_DIFF_TOKENS`` words counts as replaced as a whole."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a_mid, b_mid = a[start:len(a) - end], b[start:len(b) - end]
    ops = [("equal", 0, start, 0, start)] if start else []
    if len(a_mid) <= MAX_DIFF_TOKENS and len(b_mid) <= MAX_DIFF_TOKENS:
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        ops += [(op, i1 + start, i2 + start, j1 + start, j2 + start) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    elif a_mid or b_mid:
        ops.append(("replace", start, start + len(a_mid), start, start + len(b_mid)))
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return ops


def word_diff(old_markdown: str, new_markdown: str) -> WordDiff:
    """Word-level difference of two section texts (difflib over words and paragraph breaks)."""
    def tokens(markdown):
        result = []
        for i, para in enumerate(_paragraphs(markdown)):
            if i:
                result.append(_BREAK)
            result.extend(para.split())
        return result

    a, b = tokens(old_markdown), tokens(new_markdown)
    paragraphs: list[list[tuple[str, str]]] = [[]]

    def add(kind: str, words: list[str]):
        for w in words:
            if w == _BREAK:
                if kind != "alt":  # a paragraph break of the new text starts a new paragraph
                    paragraphs.append([])
                continue
            para = paragraphs[-1]
            if para and para[-1][0] == kind:
                para[-1] = (kind, para[-1][1] + " " + w)
            else:
                para.append((kind, w))

    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == "equal":
            add("gleich", b[j1:j2])
        else:
            if i2 > i1:
                add("alt", a[i1:i2])
            if j2 > j1:
                add("neu", b[j1:j2])
    return WordDiff(tuple(tuple(p) for p in paragraphs if p))


def _section_changes(old: dict[str, SectionVersion], new: dict[str, SectionVersion]) -> tuple[list, list]:
    changes: list[SectionChange] = []
    for key, n in new.items():
        o = old.get(key)
        if o is None:
            changes.append(SectionChange("neu", key, n.heading, markdown=n.markdown))
            continue
        if o.heading != n.heading:
            changes.append(SectionChange("umbenannt", key, n.heading, old_heading=o.heading))
        if _norm_ws(o.markdown) != _norm_ws(n.markdown):
            changes.append(SectionChange("text", key, n.heading, old_heading=o.heading,
                                         diff=word_diff(o.markdown, n.markdown)))
    for key, o in old.items():
        if key not in new:
            changes.append(SectionChange("entfallen", key, o.heading, old_heading=o.heading, markdown=o.markdown))
    # order changes among the sections both versions have
    common_old = [k for k in old if k in new]
    common_new = [k for k in new if k in old]
    moved = []
    if common_old != common_new:
        matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
        stable = {k for block in matcher.get_matching_blocks() for k in common_new[block.b:block.b + block.size]}
        moved = [new[k].heading for k in common_new if k not in stable]
    return changes, moved


def _norm_ws(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- answers

def _format(q: Question, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if q.type == "yesno":
        return "ja" if value is True else "nein"
    if q.type == "date" and isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if q.type == "choice":
        return next((o.label for o in q.options if o.id == value), str(value))
    if q.type == "multichoice" and isinstance(value, list):
        return ", ".join(o.label for o in q.options if o.id in value) or "–"
    if q.type == "weekly" and isinstance(value, dict):
        parts = [f"{day[:2]}: {value[k].strip()}" for k, day in WEEKDAYS
                 if isinstance(value.get(k), str) and value[k].strip()]
        return "; ".join(parts) or "–"
    if isinstance(value, str):
        return " ".join(value.split())
    return str(value)


def _entry_name(answers: dict, field: Question, value) -> str:
    """A reference as the clerk knows it: the entry's name, „Hauptverwaltung“ for none."""
    if not isinstance(value, str) or not value:
        return "Hauptverwaltung"
    entries = answers.get(field.entries_of)
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("_id") == value:
            return " ".join(str(entry.get("name") or "").split()) or "–"
    return "entfernter Eintrag"


def _item_name(q: Question, item: dict, n: int) -> str:
    label = q.item_label or q.label
    for fid in ("name", "plattform"):
        f = next((f for f in q.fields if f.id == fid), None)
        if f is not None and item.get(fid):
            return f"{label} „{_format(f, item.get(fid))}“"
    return f"{label} {n}"


def _answer_changes(definition: WizardDefinition, old: dict, new: dict) -> list[AnswerChange]:
    changes = []
    for q in definition.questions():
        a, b = old.get(q.id), new.get(q.id)
        if q.type == "group":
            a_items = [i for i in a if isinstance(i, dict)] if isinstance(a, list) else []
            b_items = [i for i in b if isinstance(i, dict)] if isinstance(b, list) else []
            a_by = {str(i.get("_id") or f"#{n}"): (n, i) for n, i in enumerate(a_items, 1)}
            b_by = {str(i.get("_id") or f"#{n}"): (n, i) for n, i in enumerate(b_items, 1)}
            for iid, (n, item) in b_by.items():
                if iid not in a_by:
                    shown = [(f, _entry_name(new, f, item[f.id]) if f.type == "reference" and item.get(f.id)
                              else _format(f, item.get(f.id))) for f in q.fields]
                    summary = "; ".join(f"{f.label}: {text}" for f, text in shown if text != "–")
                    changes.append(AnswerChange(f"{_item_name(q, item, n)} (neu)", "–", summary or "neu", q.id))
                    continue
                _, before = a_by[iid]
                for f in q.fields:
                    if f.type == "reference":
                        x, y = _entry_name(old, f, before.get(f.id)), _entry_name(new, f, item.get(f.id))
                    else:
                        x, y = _format(f, before.get(f.id)), _format(f, item.get(f.id))
                    if x != y:
                        changes.append(AnswerChange(f"{_item_name(q, item, n)}: {f.label}", x, y, q.id))
            for iid, (n, item) in a_by.items():
                if iid not in b_by:
                    changes.append(AnswerChange(f"{_item_name(q, item, n)} (entfallen)", "vorhanden", "entfallen", q.id))
            continue
        x, y = _format(q, a), _format(q, b)
        if x != y:
            changes.append(AnswerChange(q.label, x, y, q.id))
    return changes


# --------------------------------------------------------------------------- comparison

def compare_projects(definition: WizardDefinition, old: Project, new: Project) -> Comparison:
    new_assembler = Assembler(definition, new)
    sections, moved = _section_changes(_versions(Assembler(definition, old)), _versions(new_assembler))
    name = dt.plain_text(plain_inlines(str(new_assembler.context["verwaltung"]["bezeichnung"])))
    history = new.design.get("history") if isinstance(new.design, dict) else None
    return Comparison(
        old_stand=_format(_question(definition, "konzept.stand"), old.answers.get("konzept.stand")),
        new_stand=_format(_question(definition, "konzept.stand"), new.answers.get("konzept.stand")),
        old_version=str(old.answers.get("konzept.version") or "–"),
        new_version=str(new.answers.get("konzept.version") or "–"),
        name=name,  # a missing name reads „[Name der Verwaltung]“
        old_style=old.style, new_style=new.style,
        sections=sections, answers=_answer_changes(definition, old.answers, new.answers),
        history=[h for h in history if isinstance(h, dict)] if isinstance(history, list) else [],
        moved=moved,
    )


def _question(definition: WizardDefinition, qid: str) -> Question:
    try:
        return definition.question(qid)
    except KeyError:
        return Question(qid, "text", qid)


# --------------------------------------------------------------------------- document

def _t(text: str) -> tuple[dt.Inline, ...]:
    return plain_inlines(text)


def _para(text: str, style: str = "body") -> dt.Paragraph:
    return dt.Paragraph(_t(text), style)


def _diff_paragraph(runs) -> dt.Paragraph:
    inlines: list[dt.Inline] = []
    for i, (kind, text) in enumerate(runs):
        sep = " " if i else ""
        if kind == "gleich":
            inlines.append(dt.Text(sep + text))
        elif kind == "neu":
            if sep:
                inlines.append(dt.Text(sep))
            inlines.append(dt.Strong((dt.Text(text),)))
        else:
            if sep:
                inlines.append(dt.Text(sep))
            inlines.append(dt.Emph((dt.Text(f"[{GESTRICHEN}{text}]"),)))
    return dt.Paragraph(tuple(inlines))


def _style_label(definition: WizardDefinition, style: str) -> str:
    s = definition.styles.get(style)
    return s.label if s else style


def comparison_document(definition: WizardDefinition, comparison: Comparison, context_paragraphs: bool = True
                        ) -> dt.Document:
    """The comparison as a Document for the council: overview, then each kind of change."""
    c = comparison
    blocks: list[dt.Block] = []
    subtitle = f"{c.name} – Stand {c.old_stand} (Version {c.old_version}) → Stand {c.new_stand} (Version {c.new_version})"
    blocks.append(dt.Title(_t(TITLE), _t(subtitle)))

    n = sub = 0

    def heading(text: str, level: int = 1):
        nonlocal n, sub
        number = ""
        if level == 1:
            n, sub = n + 1, 0
            number, anchor = f"{n}.", f"aenderung-{n}"
        else:
            sub += 1
            anchor = f"aenderung-{n}-{sub}"
        blocks.append(dt.Heading(level, _t(text), number, anchor))

    heading("Überblick")
    blocks.append(_para(
        f"Diese Übersicht vergleicht das Social-Media-Nutzungskonzept {c.name} mit Stand {c.old_stand} "
        f"(Version {c.old_version}) mit der Fassung vom {c.new_stand} (Version {c.new_version})."))
    if c.unchanged:
        blocks.append(_para("Die beiden Fassungen stimmen überein; es gibt keine Änderungen."))
    else:
        counts = [
            (len(c.of_kind("neu")), "neuer Abschnitt", "neue Abschnitte"),
            (len(c.of_kind("entfallen")), "entfallener Abschnitt", "entfallene Abschnitte"),
            (len(c.of_kind("umbenannt")), "umbenannter Abschnitt", "umbenannte Abschnitte"),
            (len(c.of_kind("text")), "Abschnitt mit geändertem Text", "Abschnitte mit geändertem Text"),
            (len(c.moved), "verschobener Abschnitt", "verschobene Abschnitte"),
            (len(c.answers), "geänderte Angabe", "geänderte Angaben"),
        ]
        items = [(_para(f"{k} {one if k == 1 else many}"),) for k, one, many in counts if k]
        if c.old_style != c.new_style:
            items.insert(0, (_para(f"Hausstil gewechselt: {_style_label(definition, c.old_style)} → "
                                   f"{_style_label(definition, c.new_style)}"),))
        blocks.append(dt.BulletList(tuple(items)))
        if c.of_kind("text"):
            blocks.append(dt.Paragraph((
                dt.Text("Lesehilfe: Neu eingefügte Wörter sind "), dt.Strong((dt.Text("fett"),)),
                dt.Text(" gesetzt, gestrichene Wörter stehen "),
                dt.Emph((dt.Text(f"[{GESTRICHEN}kursiv in eckigen Klammern]"),)), dt.Text("."),
            ), "small"))

    if c.history:
        heading("Versionsgeschichte")
        rows = tuple((_t(_format(_question(definition, "konzept.stand"), h.get("stand"))),
                      _t(str(h.get("version", "") or "–")), _t(str(h.get("aenderung", "") or "–")))
                     for h in c.history)
        blocks.append(dt.Table((_t("Stand"), _t("Version"), _t("Änderung")), rows))

    if c.of_kind("neu"):
        heading("Neue Abschnitte")
        for change in c.of_kind("neu"):
            heading(change.heading, 2)
            blocks.extend(to_blocks(change.markdown, heading_level=3) or (_para("(ohne Text)"),))

    if c.of_kind("entfallen"):
        heading("Entfallene Abschnitte")
        blocks.append(dt.BulletList(tuple((_para(ch.heading),) for ch in c.of_kind("entfallen"))))

    if c.of_kind("umbenannt"):
        heading("Umbenannte Abschnitte")
        rows = tuple((_t(ch.old_heading), _t(ch.heading)) for ch in c.of_kind("umbenannt"))
        blocks.append(dt.Table((_t("Bisherige Überschrift"), _t("Neue Überschrift")), rows))

    if c.moved:
        heading("Geänderte Reihenfolge")
        blocks.append(_para("Diese Abschnitte stehen jetzt an anderer Stelle: " + ", ".join(f"„{h}“" for h in c.moved)
                            + "."))

    if c.of_kind("text"):
        heading("Geänderte Texte")
        for change in c.of_kind("text"):
            heading(change.heading, 2)
            shown_gap = False
            for runs in change.diff.paragraphs:
                if all(kind == "gleich" for kind, _ in runs):
                    if context_paragraphs and not shown_gap:
                        blocks.append(_para("[…] unveränderte Absätze ausgelassen", "small"))
                        shown_gap = True
                    continue
                shown_gap = False
                blocks.append(_diff_paragraph(runs))

    if c.answers:
        heading("Geänderte Angaben")
        rows = tuple((_t(a.label), _t(a.old), _t(a.new)) for a in c.answers)
        blocks.append(dt.Table((_t("Angabe"), _t("bisher"), _t("neu")), rows))

    meta = dt.DocumentMeta(title=TITLE, author=c.name, subject=TITLE,
                           keywords=("Social Media", "Nutzungskonzept", "Änderungen"),
                           date=_iso(c.new_stand), version=c.new_version if c.new_version != "–" else "")
    return dt.Document(meta=meta, blocks=tuple(blocks))


def _iso(german: str) -> str:
    try:
        return _dt.datetime.strptime(german, "%d.%m.%Y").date().isoformat()
    except ValueError:
        return ""


def review_document(definition: WizardDefinition, old: Project, new: Project) -> dt.Document:
    """Compare two projects and return the Document „Änderungen im Social-Media-Nutzungskonzept“."""
    return comparison_document(definition, compare_projects(definition, old, new))


def summary_lines(comparison: Comparison) -> list[str]:
    """Short German lines for the command line."""
    c = comparison
    lines = [f"Vergleich: Stand {c.old_stand} (Version {c.old_version}) → Stand {c.new_stand} (Version {c.new_version})"]
    if c.unchanged:
        return lines + ["Keine Änderungen."]
    if c.old_style != c.new_style:
        lines.append(f"Hausstil gewechselt: {c.old_style} → {c.new_style}")
    for ch in c.sections:
        if ch.kind == "neu":
            lines.append(f"Neuer Abschnitt: {ch.heading}")
        elif ch.kind == "entfallen":
            lines.append(f"Entfallener Abschnitt: {ch.heading}")
        elif ch.kind == "umbenannt":
            lines.append(f"Umbenannt: {ch.old_heading} → {ch.heading}")
        else:
            lines.append(f"Text geändert: {ch.heading} (+{len(' '.join(ch.diff.inserted).split())} / "
                         f"−{len(' '.join(ch.diff.deleted).split())} Wörter)")
    for h in c.moved:
        lines.append(f"Verschoben: {h}")
    for a in c.answers:
        lines.append(f"Angabe geändert: {a.label}: {a.old} → {a.new}")
    return lines
