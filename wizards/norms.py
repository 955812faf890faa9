"""Legal currency: find repealed norms in a text and offer the current ones.

The rules live in ``wizards/data/normen.yaml`` (data, not code; read through
``wizards/legal_data.py``, so an installed newer file is used). This module

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
from dataclasses import dataclass, field

from . import legal_data

_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = rf"(?:\d{{1,2}}\.\s*(?:\d{{1,2}}\.\s*|(?:{_MONTHS})\s+)?|(?:Anfang|Mitte|Ende)\s+|(?:{_MONTHS})\s+)?(?:19|20)\d{{2}}\b"

# Words that mark a mention as historical: „früher § 25 TTDSG“, „Bis Mai 2024 galt § 5 TMG“,
# „das TMG wurde 2024 durch das DDG abgelöst“, „(heute § 5 DDG)“. Looked for in a window
# around the match, within the same clause. „ersetzt“ counts only as „wurde/ist … ersetzt“
# or „ersetzt durch“ („§ 5 TMG ersetzt nicht die Datenschutzerklärung“ is current use),
# „nicht mehr“ only as „gilt nicht mehr“ / „nicht mehr gültig“.
HISTORISCH_VORHER = re.compile(
    r"früher|\bfrühere[nmrs]?\b|\behemal|\bvormal|\bbisherige|\bstatt\b|\banstelle|\baufgehobene|\babgelöste|"
    r"\büberholte|\bveraltete|\balte[ns]?\b|\bdamals\b|\bseinerzeit\b|\bgalten?\b|\bhießen?\b|"
    rf"\bbis\s+(?:zum\s+|in\s+)?{_DATE}|\bvor\s+(?:dem\s+)?{_DATE}",
    re.IGNORECASE,
)
HISTORISCH_NACHHER = re.compile(
    r"\b(?:wurden?|wird|ist|sind|war|waren)\b[^;:]{0,50}?\b(?:abgelöst|aufgehoben|ersetzt|umbenannt)\b|"
    r"\b(?:abgelöst|ersetzt)\s+(?:durch|von)\b|\babgelöst\b|\baufgehoben\b|\bumbenannt\b|\bablöst\b|"
    r"\baußer\s+Kraft\b|\(heute\b|\bheißt\s+(?:seit|heute|jetzt|inzwischen|nun)\b|\bgalten?\b|\bhießen?\b|"
    r"\bgilt\s+(?:seit\s+[^;:]{0,30}?\s+)?nicht\s+mehr\b|\bnicht\s+mehr\s+(?:gültig|anwendbar|in\s+Kraft)\b|"
    r"\bNachfolge|\ban\s+(?:seine|dessen|die|ihre)\s+Stelle\b|"
    rf"\(\s*(?:gültig\s+)?bis\s+(?:zum\s+)?{_DATE}",
    re.IGNORECASE,
)
WINDOW_BEFORE = 80
WINDOW_AFTER = 60

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# A § citation as the norm patterns match it: number, Absatz (arabic or roman), the rest, the law.
_PARAGRAPH = re.compile(
    r"(?P<sign>§§?)(?P<sp>\s*)(?P<num>\d+[a-z]?)"
    r"(?:\s+(?:Abs\.|Absatz)\s*(?P<abs>\d+)|\s+(?P<roman>[IVX]{1,4})\b)?"
    r"(?P<rest>(?:\s+(?:S\.|Satz)\s*\d+)?(?:\s+Nr\.\s*\d+[a-z]?)?(?:\s+(?:lit\.|Buchst\.)\s*[a-z]\)?)?)"
    r"(?P<law>\s+\S.*)$",
    re.DOTALL,
)


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
    paragrafen: dict = field(default_factory=dict, compare=False, hash=False)  # "55 Abs. 2" -> "18 Abs. 2"

    def replacement_for(self, matched: str) -> str | None:
        """The current wording for one matched passage, or None if none is offered.

        A § citation is rebuilt in the usual form („§ 55 II RStV“ → „§ 18 Abs. 2 MStV“,
        „§ 5 I TMG“ → „§ 5 Abs. 1 DDG“), keeping Satz, Nr. and the clerk's way of naming
        the law („des Telemediengesetzes“ → „des Digitale-Dienste-Gesetzes“).
        """
        if self.ersetzung is not None:
            return self.ersetzung
        if not self.ersetze:
            return None
        m = _PARAGRAPH.match(matched)
        if m is None or m.group("sign") == "§§":
            return None if self.paragrafen else self._substitute(matched)
        absatz = m.group("abs") or (str(_ROMAN[m.group("roman")]) if m.group("roman") in _ROMAN else "")
        if m.group("roman") and not absatz:
            return None
        number = m.group("num") + (f" Abs. {absatz}" if absatz else "")
        if self.paragrafen:
            if number in self.paragrafen:
                number = self.paragrafen[number]
            elif m.group("num") in self.paragrafen:
                number = self.paragrafen[m.group("num")] + (f" Abs. {absatz}" if absatz else "")
            else:
                return None
        space = "\u00a0" if "\u00a0" in matched else " "
        rest = " ".join(m.group("rest").split())
        law = " ".join(self._substitute(m.group("law")).split())
        text = f"§ {number}{' ' + rest if rest else ''} {law}"
        return text.replace(" ", space)

    def _substitute(self, text: str) -> str:
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


_RULES: dict = {}


def load_rules(legal: "legal_data.LegalData | None" = None) -> tuple[NormRule, ...]:
    """The rules of normen.yaml in use (bundled or installed; see wizards/legal_data.py)."""
    legal = legal or legal_data.load()
    entries = legal.normen
    if id(entries) not in _RULES:
        _RULES.clear()
        _RULES[id(entries)] = (entries, tuple(NormRule(
            id=e["id"], veraltet=e["veraltet"], aktuell=e["aktuell"], seit=e["seit"],
            erklaerung=" ".join(e["erklaerung"].split()), muster=e["compiled"], ersetzung=e.get("ersetzung"),
            ersetze=tuple(e["ersetze"]), schwere=e["schwere"], laender=e["laender"], paragrafen=e["paragrafen"],
        ) for e in entries))
    return _RULES[id(entries)][1]


# The window stops at the end of the clause: a line break, „;“, „:“, a sentence end, and
# (before the match) a closing parenthesis or „, heute …“.
_CLAUSE_END = re.compile(r"[\n;:]|\.\s+(?=[A-ZÄÖÜ])")
_CLAUSE_START = re.compile(r"[\n;:)]|\.\s+(?=[A-ZÄÖÜ§])|,\s*(?=(?:heute|jetzt|inzwischen|nun|seit)\b)", re.IGNORECASE)


def _historical(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - WINDOW_BEFORE):start]
    cuts = list(_CLAUSE_START.finditer(before))
    if cuts:
        last = cuts[-1]
        # „(früher: § 5 TMG)“: a colon right after a historical word belongs to it
        if last.group(0) == ":" and HISTORISCH_VORHER.search(before[max(0, last.start() - 25):last.start()]):
            return True
        before = before[last.end():]
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
