"""Legal currency: find repealed norms in a text and offer the current ones.

The rules live in ``wizards/data/normen.yaml`` (data, not code). This module

- finds outdated references in any Markdown text (``find_repealed``),
- checks every rendered section of a project — template texts, the clerk's edited texts
  and custom sections alike (``check_sections``) — and returns one ``NormWarning`` per
  finding that names the section and offers the current norm,
- applies the offered replacement to an edited text (``replace_repealed``, for the
  editor's „Ersetzen“ button),
- extracts the norms a text cites (``cited_norms``), so tests can hold the definition's
  declared ``norms`` lists against the texts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import DefinitionError

NORMEN_FILE = Path(__file__).resolve().parent / "data" / "normen.yaml"

# Words that mark a mention as historical: „früher § 25 TTDSG“, „das TMG wurde 2024 durch
# das DDG abgelöst“, „(heute § 5 DDG)“. Looked for in a window around the match, within
# the same clause.
HISTORISCH_VORHER = re.compile(
    r"früher|frühere[nmrs]?\b|ehemal|vormal|bisherige|statt\b|anstelle|aufgehobene|abgelöste|überholte|veraltete|alte[ns]?\b",
    re.IGNORECASE,
)
HISTORISCH_NACHHER = re.compile(
    r"abgelöst|ablöst|aufgehoben|ersetzt|außer\s+Kraft|umbenannt|\(heute\b|heißt\s+seit|nicht\s+mehr|"
    r"Nachfolge|an\s+(?:seine|dessen|die)\s+Stelle",
    re.IGNORECASE,
)
WINDOW_BEFORE = 45
WINDOW_AFTER = 60


@dataclass(frozen=True)
class NormRule:
    id: str
    veraltet: str
    aktuell: str
    seit: str
    erklaerung: str
    muster: tuple[re.Pattern, ...]
    ersetzung: str | None = None
    ersetze: tuple[tuple[str, str], ...] = ()
    schwere: str = "fehler"
    laender: tuple[str, ...] = ()

    @property
    def replaceable(self) -> bool:
        return self.ersetzung is not None or bool(self.ersetze)

    def replacement_for(self, matched: str) -> str | None:
        """The current wording for one matched passage, or None if none is offered."""
        if self.ersetzung is not None:
            return self.ersetzung
        if not self.ersetze:
            return None
        text = matched
        for old, new in self.ersetze:
            text = text.replace(old, new)
        return text

    def applies_to(self, land: str | None) -> bool:
        return not self.laender or (land or "") in self.laender

    @property
    def seit_deutsch(self) -> str:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.seit or ""):
            y, m, d = self.seit.split("-")
            return f"{d}.{m}.{y}"
        return self.seit


@dataclass(frozen=True)
class NormHit:
    """One outdated reference in a text."""

    rule: NormRule
    start: int
    end: int
    text: str  # the passage as it stands in the text
    replacement: str | None  # what „Ersetzen“ puts there, None if nothing is offered


@dataclass(frozen=True)
class NormWarning:
    """An outdated reference in one section of the project."""

    key: str  # RenderedSection.key (outline key, "key@item" for a repetition)
    heading: str  # the section's heading as shown („Einleitung“ for the lead text)
    hit: NormHit
    edited: bool  # True: the clerk's own text (can be replaced); False: template text

    @property
    def message(self) -> str:
        rule = self.hit.rule
        where = f"Abschnitt „{self.heading}“"
        if rule.schwere == "hinweis":
            head = f"{where}: Bitte „{self.hit.text}“ prüfen."
        else:
            offer = f"„{self.hit.replacement}“" if self.hit.replacement else rule.aktuell
            head = f"{where}: „{self.hit.text}“ ist veraltet – heute gilt {offer}."
        return f"{head} {rule.erklaerung}"


@lru_cache(maxsize=1)
def load_rules(path: Path | None = None) -> tuple[NormRule, ...]:
    path = path or NORMEN_FILE
    file = f"data/{path.name}"
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    if not isinstance(raw, dict) or not isinstance(raw.get("normen"), list):
        raise DefinitionError(file, "", "normen", "muss eine Liste sein")
    allowed = {"id", "veraltet", "aktuell", "seit", "erklaerung", "muster", "ersetzung", "ersetze", "schwere", "laender"}
    rules, seen = [], set()
    for entry in raw["normen"]:
        where = f"Norm {entry.get('id', '?') if isinstance(entry, dict) else '?'}"
        if not isinstance(entry, dict):
            raise DefinitionError(file, where, "-", "muss eine Zuordnung sein")
        for key in entry:
            if key not in allowed:
                raise DefinitionError(file, where, str(key), "unbekannter Schlüssel")
        for key in ("id", "veraltet", "aktuell", "erklaerung", "muster"):
            if key not in entry:
                raise DefinitionError(file, where, key, "fehlt")
        if entry["id"] in seen:
            raise DefinitionError(file, where, "id", "doppelt")
        seen.add(entry["id"])
        patterns = []
        for source in entry["muster"]:
            try:
                patterns.append(re.compile(source))
            except re.error as exc:
                raise DefinitionError(file, where, "muster", f"kein gültiger regulärer Ausdruck ({exc})") from None
        schwere = entry.get("schwere", "fehler")
        if schwere not in ("fehler", "hinweis"):
            raise DefinitionError(file, where, "schwere", "muss fehler oder hinweis sein")
        ersetze = entry.get("ersetze", []) or []
        if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in ersetze):
            raise DefinitionError(file, where, "ersetze", "muss eine Liste von [alt, neu] sein")
        rules.append(NormRule(
            id=str(entry["id"]), veraltet=str(entry["veraltet"]), aktuell=str(entry["aktuell"]),
            seit=str(entry.get("seit", "") or ""), erklaerung=" ".join(str(entry["erklaerung"]).split()),
            muster=tuple(patterns), ersetzung=entry.get("ersetzung"),
            ersetze=tuple((a, b) for a, b in ersetze), schwere=schwere,
            laender=tuple(entry.get("laender", []) or []),
        ))
    return tuple(rules)


# The window stops at the end of the clause: a line break, „;“, „:“, a sentence end, and
# (before the match) a closing parenthesis.
_CLAUSE_END = re.compile(r"[\n;:]|\.\s+(?=[A-ZÄÖÜ])")
_CLAUSE_START = re.compile(r"[\n;:)]|\.\s+(?=[A-ZÄÖÜ§])")


def _historical(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - WINDOW_BEFORE):start]
    cuts = list(_CLAUSE_START.finditer(before))
    if cuts:
        before = before[cuts[-1].end():]
    after = text[end:end + WINDOW_AFTER]
    cut = _CLAUSE_END.search(after)
    if cut:
        after = after[:cut.start()]
    return bool(HISTORISCH_VORHER.search(before) or HISTORISCH_NACHHER.search(after))


def find_repealed(text: str, land: str | None = None, include_historical: bool = False) -> list[NormHit]:
    """Every outdated reference in ``text``, in order; overlapping matches go to the first rule."""
    hits: list[NormHit] = []
    taken: list[tuple[int, int]] = []
    for rule in load_rules():
        if not rule.applies_to(land):
            continue
        for pattern in rule.muster:
            for m in pattern.finditer(text):
                start, end = m.span()
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))  # a historical mention also blocks weaker rules
                if not include_historical and _historical(text, start, end):
                    continue
                hits.append(NormHit(rule, start, end, m.group(0), rule.replacement_for(m.group(0))))
    hits.sort(key=lambda h: h.start)
    return hits


def replace_repealed(text: str, land: str | None = None, rule_ids: set[str] | None = None) -> str:
    """``text`` with every outdated reference that has an offered replacement replaced.

    ``rule_ids`` limits it to some rules (one warning's „Ersetzen“). References without
    an offered replacement and historical mentions stay as they are.
    """
    out, pos = [], 0
    for hit in find_repealed(text, land):
        if hit.replacement is None or (rule_ids is not None and hit.rule.id not in rule_ids):
            continue
        out.append(text[pos:hit.start])
        out.append(hit.replacement)
        pos = hit.end
    out.append(text[pos:])
    return "".join(out)


def replace_hit(text: str, warning: NormWarning | NormHit, land: str | None = None) -> str:
    """Replace one reported passage (by its text) in ``text``; the rest stays unchanged."""
    hit = warning.hit if isinstance(warning, NormWarning) else warning
    if hit.replacement is None:
        return text
    for candidate in find_repealed(text, land):
        if candidate.rule.id == hit.rule.id and candidate.text == hit.text:
            return text[:candidate.start] + hit.replacement + text[candidate.end:]
    return text


def apply_to_project(definition, project, key: str, rule_ids: set[str] | None = None) -> bool:
    """„Ersetzen“ for one section of the project: replace its outdated references.

    ``key`` is a NormWarning's / Finding's key (``entry`` or ``entry@item`` for a repeated
    section). An edited text is changed in place; a template text becomes the clerk's
    edited text with the replacement applied. Returns True if the text changed.
    """
    from .assemble import Assembler

    entry_key, _, item_id = key.partition("@")
    entry = project.find(entry_key)
    if entry is None:
        return False
    land = project.answers.get("verwaltung.bundesland")
    land = land if isinstance(land, str) else None
    rendered = next((r for r in Assembler(definition, project).sections_of(entry) if r.key == key), None)
    if rendered is None:
        return False
    new_text = replace_repealed(rendered.markdown, land, rule_ids)
    if new_text == rendered.markdown:
        return False
    if item_id:
        entry.item_texts[item_id] = new_text
    else:
        entry.text = new_text
    return True


def check_sections(sections, land: str | None = None) -> list[NormWarning]:
    """Warnings for every outdated reference in rendered sections (``RenderedSection``)."""
    warnings = []
    for section in sections:
        for hit in find_repealed(section.markdown or "", land):
            warnings.append(NormWarning(section.key, section.heading or "Einleitung", hit, section.edited))
        heading = getattr(section, "heading", "") or ""
        for hit in find_repealed(heading, land):
            warnings.append(NormWarning(section.key, heading, hit, section.edited))
    return warnings


def rendered_sections(assembler, entries=None):
    """All RenderedSections of a project's outline, depth first (custom sections included)."""
    result = []

    def rec(items):
        for entry in items:
            if entry.is_custom or entry.section in assembler.definition.sections:
                result.extend(assembler.sections_of(entry))
            rec(entry.children)
    rec(assembler.project.outline if entries is None else entries)
    return result


def check_project_norms(definition, project) -> list[NormWarning]:
    from .assemble import Assembler

    assembler = Assembler(definition, project)
    land = project.answers.get("verwaltung.bundesland")
    return check_sections(rendered_sections(assembler), land if isinstance(land, str) else None)


# --------------------------------------------------------------------------- cited norms

_LAW = r"(?P<law>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-Z][A-Za-zÄÖÜäöüß]*(?:-[A-Z][A-Za-z]*)?(?:\s(?:NRW|RLP|BW|SH|M-V|LSA|HB))?)"
_DETAIL = (r"(?:\s*(?:–|-|bis)\s*\d+[a-z]?)?(?:\s+ff\.)?(?:\s+(?:Abs\.|Absatz)\s*\d+)?(?:\s+(?:UAbs\.|Unterabs\.)\s*\d+)?"
           r"(?:\s+(?:S\.|Satz)\s*\d+)?(?:\s+Nr\.\s*\d+)?(?:\s+(?:lit\.|Buchst\.)\s*[a-z]\)?)?(?:\s+ff\.)?")
_CITATION = re.compile(
    r"(?P<kind>Art\.|Artikel|§§?)\s*(?P<num>\d+[a-z]?)" + _DETAIL + r"\s+(?:(?:des|der)\s+)?" + _LAW + r"\b"
)
_EUGH = re.compile(r"\bC-\d{1,3}/\d{2}\b")
_BVERWG = re.compile(r"\bBVerwG\s+\d+\s+[A-Z]{1,2}\s+\d+\.\d{2}\b")
_VG = re.compile(r"\b(?:VG|OVG)\s+[A-ZÄÖÜ][a-zäöü]+\s+\d+\s+[A-Z]{1,2}\s+\d+/\d{2}\b")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def normalise(norm: str) -> str:
    """A norm in one spelling: „§5 TMG“ → „§ 5 TMG“, „DS-GVO“ → „DSGVO“, „Absatz“ → „Abs.“."""
    s = " ".join(norm.replace("\u00a0", " ").replace("\u202f", " ").split())
    s = re.sub(r"(§§?|Art\.)\s*(\d)", r"\1 \2", s)
    s = s.replace("DS-GVO", "DSGVO").replace("Absatz", "Abs.").replace("Artikel", "Art.")
    s = re.sub(r"\s(?:des|der)\s", " ", s)
    return s


def norm_key(norm: str) -> tuple:
    """Identity of a norm for comparing cited with declared: kind, number and law.

    „Art. 35 DSGVO“ and „Art. 35 Abs. 1 DSGVO“ share a key; case numbers are their own key.
    """
    s = normalise(norm)
    m = _CITATION.search(s)
    if m:
        kind = "§" if m.group("kind").startswith("§") else "Art."
        return (kind, m.group("num"), m.group("law"))
    for rx in (_EUGH, _BVERWG, _VG):
        m = rx.search(s)
        if m:
            return ("Az", normalise(m.group(0)))
    return ("Text", s)


def cited_norms(text: str) -> list[str]:
    """The norms and case numbers a text (or template source) cites, normalised, in order."""
    text = _JINJA.sub(" ", text)
    found: list[str] = []
    for m in _CITATION.finditer(text):
        found.append(normalise(m.group(0)))
    for m in _EUGH.finditer(text):
        found.append(f"EuGH {m.group(0)}")
    for rx in (_BVERWG, _VG):
        for m in rx.finditer(text):
            found.append(normalise(m.group(0)))
    return list(dict.fromkeys(found))


def undeclared_norms(text: str, declared) -> list[str]:
    """Norms ``text`` cites that are not in ``declared`` (compared by ``norm_key``)."""
    keys = {norm_key(d) for d in declared}
    return [n for n in cited_norms(text) if norm_key(n) not in keys]
