"""Fachliche Prüfung: is the concept complete, and does it cite current law?

``check_project(definition, project)`` returns ``Finding``s in German, each saying what
is missing and why it matters, with the key of the section or question to jump to. The
rules and their reasons are data (``data/pruefregeln.yaml``, read through
``wizards/legal_data.py``); a reason names the body's own Land authority or the DSK, never
another Land's authority.

- kind „abschnitt“: a required topic no section covers (empty sections cover nothing),
- kind „angabe“: a required answer is missing, a placeholder is left in the text, a
  section the clerk emptied, a
  messenger channel, statistics in use, a Facebook page where the
  Land's authority demanded deactivation, no recorded DSFA where the authority requires
  one, an edited text naming another Land's authority, a review date older than twelve
  months,
- kind „norm“: a repealed norm cited in any section (template, edited or custom text).

Findings come errors first; the first use of a term like „DSK“ is explained once.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from . import legal_data
from .assemble import Assembler, RenderedSection
from .norms import check_sections
from .progress import answer_missing, step_of
from .project import Project
from .sanitize import MISSING_CLOSE, MISSING_OPEN
from .schema import Question, WizardDefinition

FEHLER = "fehler"
HINWEIS = "hinweis"


@dataclass(frozen=True)
class Finding:
    severity: str  # "fehler" | "hinweis"
    topic: str  # one of schema.TOPICS, or "" when the finding concerns no topic
    message: str  # German: what is missing and why it matters
    key: str  # where to jump: outline key ("key@item" in a repeated section), catalogue section id to
    # add, question id, or "titel"
    kind: str  # "abschnitt" | "angabe" | "norm"
    replacement: str = ""  # kind "norm": the current wording „Ersetzen“ would insert
    rule: str = ""  # kind "norm": id of the rule in data/normen.yaml

    def __str__(self) -> str:
        return f"{self.severity.capitalize()}: {self.message}"


# --------------------------------------------------------------------------- the rules (data/pruefregeln.yaml)

@dataclass(frozen=True)
class TopicRule:
    topic: str
    label: str
    section: str  # catalogue section to add when the topic is missing
    severity: str  # default severity
    reasons: dict  # Land / "gefordert" / "sonst" -> German reason
    severity_in: dict  # Land -> severity where it differs
    error_if: str = ""  # a Land flag (laender.yaml) that makes it an error


def _legal(definition: WizardDefinition) -> "legal_data.LegalData":
    return getattr(definition.data, "legal", None) or legal_data.load()


def topic_rules(definition: WizardDefinition) -> tuple[TopicRule, ...]:
    return tuple(TopicRule(r["thema"], r["label"], r["abschnitt"], r["schwere"], r["warum"],
                           dict(r.get("schwere_in") or {}), r.get("fehler_wenn", "") or "")
                 for r in _legal(definition).pruefregeln["themen"])


class _Land:
    """The body's Land as the rules see it: its flags, and reasons in its own words."""

    def __init__(self, definition: WizardDefinition, land_id: str):
        self.id = land_id
        self.row = definition.data.laender.get(land_id, {}) if land_id else {}

    def flag(self, name: str) -> bool:
        return bool(name) and bool(self.row.get(name, False))

    def severity(self, default: str, severity_in: dict | None = None, error_if: str = "") -> str:
        if severity_in and self.id in severity_in:
            return severity_in[self.id]
        return FEHLER if self.flag(error_if) else default

    def names(self, **extra) -> dict:
        return {"aufsicht": self.row.get("aufsicht_kurz", "Bundesland noch nicht angegeben"),
                "land": self.row.get("name", "Ihrem Bundesland"), **extra}

    def reason(self, reasons: dict, flag: str = "", **extra) -> str:
        if self.id in reasons:
            text = reasons[self.id]
        elif self.flag(flag) and "gefordert" in reasons:
            text = reasons["gefordert"]
        else:
            text = reasons["sonst"]
        return text.format(**self.names(**extra))


def _answer_rule(rules: dict, qid: str) -> dict | None:
    for row in rules["angaben"]:
        if qid in row["fragen"]:
            return row
    return None


def _reason(rules: dict, land: _Land, qid: str) -> str:
    row = _answer_rule(rules, qid)
    return land.reason(row["warum"]) if row else rules["standardgrund"]


def _topic_of(rules: dict, qid: str) -> str:
    row = _answer_rule(rules, qid)
    return (row.get("thema") or "") if row else ""


_MARKER = re.compile(re.escape(MISSING_OPEN) + r"(.*?)" + re.escape(MISSING_CLOSE), re.DOTALL)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def _step_title(definition: WizardDefinition, qid: str) -> str:
    step = step_of(definition, qid)
    return step.title if step is not None else ""


# --------------------------------------------------------------------------- the check

def check_project(definition: WizardDefinition, project: Project, today: _dt.date | None = None) -> list[Finding]:
    """Every finding for the project, errors first, in a stable order."""
    today = today or _dt.date.today()
    rules = _legal(definition).pruefregeln
    assembler = Assembler(definition, project)
    land_id = project.answers.get("verwaltung.bundesland")
    land = _Land(definition, land_id if isinstance(land_id, str) and land_id in definition.data.laender else "")
    rendered = {id(entry): assembler.sections_of(entry) if entry.is_custom or entry.section in definition.sections
                else [] for entry in project.walk()}
    sections = [s for entry in project.walk() for s in rendered[id(entry)]]
    findings: list[Finding] = []
    topic_findings = _topic_findings(definition, project, assembler, land, rendered)
    findings += topic_findings
    findings += _empty_section_findings(definition, assembler, sections, {f.topic for f in topic_findings})
    findings += _dsfa_findings(definition, project, rules, land)
    answer_findings, reported_markers = _answer_findings(definition, project, assembler, rules, land)
    findings += answer_findings
    findings += _placeholder_findings(assembler, sections, reported_markers, rules)
    findings += _channel_findings(definition, assembler, rules, land)
    findings += _foreign_authority_findings(definition, sections, rules, land)
    findings += _review_findings(project, today)
    findings += _norm_findings(sections, land.id)
    from .consistency import stale_mentions  # edited texts naming a removed channel or an old name

    findings += [Finding(HINWEIS, "", m.message, m.key, "angabe") for m in stale_mentions(definition, project, assembler)]
    findings += _perspective_findings(definition, project, assembler, rendered)
    order = {FEHLER: 0, HINWEIS: 1}
    findings.sort(key=lambda f: order[f.severity])
    return _explain_terms(findings, rules.get("begriffe") or [])


VOICES = {"wir": "in der Wir-Form", "dritte": "in der dritten Person"}


def _perspective_findings(definition, project: Project, assembler: Assembler, rendered) -> list[Finding]:
    """Texts taken from a style that speaks otherwise („wir“ / third person) while the document leaves the
    perspective to each style: one hint naming the sections that differ from the style's own voice."""
    if assembler.perspective or project.style not in definition.styles:
        return []
    own = next(iter(definition.sections.values())).variants[project.style].perspective
    differing = []  # (outline entry, its voice)
    for entry in project.walk():
        shown = rendered.get(id(entry)) or []
        if entry.is_custom or not shown or all(r.edited for r in shown):
            continue  # the clerk's own words are the clerk's voice
        voice = assembler.variant_of(entry, definition.sections[entry.section]).perspective
        if own and voice and voice != own:
            differing.append((entry, voice))
    if not differing:
        return []
    names = ", ".join(f"„{rendered[id(e)][0].heading or definition.sections[e.section].title}“" for e, _v in differing)
    verb = "spricht" if len(differing) == 1 else "sprechen"
    first, voice = differing[0]
    return [Finding(HINWEIS, "", f"Die Texte mischen zwei Perspektiven: {names} {verb} {VOICES[voice]}, "
                    f"die übrigen Textvorschläge {VOICES[own]}. Unter „Aufbau und Stil“ legt „Perspektive“ eine Form "
                    "für alle Textvorschläge fest.", first.key, "angabe")]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == FEHLER for f in findings)


def success_line(definition: WizardDefinition) -> str:
    """What the check says when it finds nothing: no more than it checked, with the Rechtsstand."""
    legal = _legal(definition)
    return legal.pruefregeln["meldungen"]["erfolg"].format(rechtsstand=legal_data.german_date(legal.rechtsstand))


def _explain_terms(findings: list[Finding], terms: list[dict]) -> list[Finding]:
    """Explain each term („DSK“ …) once, at its first use outside parentheses, unless that message spells it out."""
    result = list(findings)
    for term in terms:
        word, meaning = term["wort"], term["erklaerung"]
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
        for n, finding in enumerate(result):
            m = next((m for m in pattern.finditer(finding.message)
                      if finding.message.count("(", 0, m.start()) == finding.message.count(")", 0, m.start())), None)
            if m is None:
                continue
            if meaning.split(",")[0] not in finding.message:
                message = finding.message[:m.end()] + f" ({meaning})" + finding.message[m.end():]
                result[n] = Finding(finding.severity, finding.topic, message, finding.key, finding.kind,
                                    finding.replacement, finding.rule)
            break
    return result


def covered_topics(definition: WizardDefinition, project: Project, assembler: Assembler | None = None,
                   rendered: dict | None = None) -> dict:
    """topic -> outline key of the first section that covers it.

    A section covers its SectionDef.topics and its chosen variant's ``covers`` — if it
    is in the outline and renders some text (a repeated section without channels, a
    section whose condition is false or an edited text left empty covers nothing).
    Custom sections cover nothing: the program cannot tell what they say.
    """
    assembler = assembler or Assembler(definition, project)
    covered: dict[str, str] = {}
    for entry in project.walk():
        if entry.is_custom or entry.section not in definition.sections:
            continue
        section = definition.sections[entry.section]
        renderings = rendered[id(entry)] if rendered is not None else assembler.sections_of(entry)
        if not any((r.markdown or "").strip() for r in renderings):
            continue
        variant = assembler.variant_of(entry, section)
        for topic in (*section.topics, *variant.covers):
            covered.setdefault(topic, entry.key)
    return covered


def _topic_findings(definition, project, assembler, land: _Land, rendered) -> list[Finding]:
    covered = covered_topics(definition, project, assembler, rendered)
    findings = []
    for rule in topic_rules(definition):
        if rule.topic in covered:
            continue
        severity = land.severity(rule.severity, rule.severity_in, rule.error_if)
        section = definition.sections.get(rule.section)
        title = section.title if section else rule.label
        findings.append(Finding(
            severity, rule.topic,
            f"Es fehlt ein Abschnitt zum Thema „{rule.label}“. {land.reason(rule.reasons, rule.error_if)} "
            f"Fügen Sie zum Beispiel den Abschnitt „{title}“ hinzu.",
            rule.section, "abschnitt"))
    return findings


def _empty_section_findings(definition, assembler: Assembler, sections: list[RenderedSection],
                            missing_topics: set[str]) -> list[Finding]:
    """A section the clerk emptied prints as a bare heading (a missing required topic is reported already)."""
    findings = []
    for section in sections:
        if not section.edited or (section.markdown or "").strip():
            continue
        catalogue = definition.sections.get(section.entry.section)
        if catalogue is not None and {*catalogue.topics, *assembler.variant_of(section.entry, catalogue).covers} \
                & missing_topics:
            continue
        findings.append(Finding(
            HINWEIS, "", f"Der Abschnitt „{section.heading or 'Einleitung'}“ ist leer; im Konzept steht nur seine "
            "Überschrift. Schreiben Sie einen Text, setzen Sie ihn auf die Vorlage zurück oder entfernen Sie den "
            "Abschnitt.", section.key, "angabe"))
    return findings


def _dsfa_findings(definition, project: Project, rules: dict, land: _Land) -> list[Finding]:
    """Where the Land's authority requires a DSFA, one must be recorded: a DSFA section or a date/address."""
    if not land.flag("dsfa_gefordert"):
        return []
    spec = rules["dsfa"]
    in_outline = any(not e.is_custom and e.section in spec["abschnitte"] for e in project.walk())
    recorded = any(not _blank(project.answers.get(qid)) for qid in spec["angaben"])
    if in_outline or recorded:
        return []
    return [Finding(FEHLER, "dsfa", rules["meldungen"]["dsfa_fehlt"].format(**land.names()),
                    spec["angaben"][0] if spec["angaben"] else spec["abschnitte"][0], "angabe")]


def _answer_findings(definition, project, assembler, rules: dict, land: _Land) -> tuple[list[Finding], set[str]]:
    """Missing required answers (respecting ``when``) and answers that fail their pattern."""
    findings: list[Finding] = []
    markers: set[str] = set()
    derived = rules["abgeleitete_platzhalter"]
    answers = project.answers
    for q in definition.questions():
        if q.when and not assembler.condition(q.when):
            continue
        value = answers.get(q.id)
        step = _step_title(definition, q.id)
        where = f" (Schritt „{step}“)" if step else ""
        topic, why = _topic_of(rules, q.id), _reason(rules, land, q.id)
        if q.type == "group":
            items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
            if len(items) < max(q.min, 1 if q.required else 0):
                findings.append(Finding(
                    FEHLER, topic, f"Angabe fehlt: {q.label}{where} – mindestens {max(q.min, 1)} Eintrag. {why}",
                    q.id, "angabe"))
                markers.add(q.marker_text)
                markers |= set(derived.get(q.id, []))
            for n, item in enumerate(items, 1):
                for f in q.fields:
                    if f.required and _missing_answer(f, item.get(f.id)):
                        label = q.item_label or q.label
                        findings.append(Finding(
                            FEHLER, topic, f"Angabe fehlt: {f.label} bei {label} {n}{where}. {why}", q.id, "angabe"))
                        markers.add(f.marker_text)
                        if f.id == "plattform":
                            markers |= set(derived.get(q.id, []))
                    if f.type == "reference" and _dangling(answers, f, item.get(f.id)):
                        label = q.item_label or q.label
                        name = str(item.get("name") or "").strip()
                        findings.append(Finding(
                            FEHLER, topic, f"{label} {n}{f' „{name}“' if name else ''}{where}: „{f.label}“ verweist "
                            f"auf einen Eintrag („{_item_label(definition, f.entries_of)}“), der entfernt wurde. "
                            "Wählen Sie Ihre Verwaltung oder einen anderen Eintrag; bis dahin steht im Konzept eine "
                            "Lücke.", q.id, "angabe"))
                        markers.add(f.marker_text)
            continue
        if q.required and _missing_answer(q, value):
            findings.append(Finding(FEHLER, topic, f"Angabe fehlt: {q.label}{where}. {why}", q.id, "angabe"))
            markers.add(q.marker_text)
            markers |= set(derived.get(q.id, []))
        elif q.pattern and isinstance(value, str) and value.strip() and not re.search(q.pattern, value.strip()):
            findings.append(Finding(
                HINWEIS, topic,
                f"Angabe prüfen: „{value.strip()}“ passt nicht zur erwarteten Form von „{q.label}“{where}.",
                q.id, "angabe"))
    return findings, markers


def _item_label(definition: WizardDefinition, group_id: str) -> str:
    group = definition.question(group_id)
    return group.item_label or group.label


def _dangling(answers: dict, field: Question, value) -> bool:
    """A reference (type reference) to an entry its group no longer has."""
    if not isinstance(value, str) or not value:
        return False
    entries = answers.get(field.entries_of)
    return not any(isinstance(e, dict) and e.get("_id") == value for e in (entries if isinstance(entries, list) else []))


def _missing_answer(q: Question, value) -> bool:
    return answer_missing(q, value)  # the one rule, shared with the step list (wizards.progress)


def _placeholder_findings(assembler: Assembler, sections: list[RenderedSection], reported: set[str],
                          rules: dict) -> list[Finding]:
    """„[…]“ placeholders left in the text that no missing-answer finding already explains."""
    findings = []
    seen: set[tuple[str, str]] = set()
    style = assembler.definition.styles[assembler.project.style]
    title_sources = [("titel", "Titel", assembler.render(style.title, where="Titel"))]
    if style.subtitle:
        title_sources.append(("titel", "Untertitel", assembler.render(style.subtitle, where="Untertitel")))
    for key, heading, text in title_sources + [(s.key, s.heading or "Einleitung", s.markdown + "\n" + s.heading)
                                               for s in sections]:
        for label in _MARKER.findall(text or ""):
            if label in reported or (key, label) in seen:
                continue
            seen.add((key, label))
            findings.append(Finding(
                FEHLER, "", f"Platzhalter „[{label}]“ im Abschnitt „{heading}“ ist noch nicht ausgefüllt. "
                f"{rules['standardgrund']} Ergänzen Sie die Angabe oder passen Sie den Text an.", key, "angabe"))
    return findings


def _channel_findings(definition, assembler: Assembler, rules: dict, land: _Land) -> list[Finding]:
    messages = rules["meldungen"]
    answers = assembler.project.answers.get("kanaele")
    answers = answers if isinstance(answers, list) else []
    findings = []
    for n, kanal in enumerate(assembler.context.get("kanaele", [])):
        raw = answers[n] if n < len(answers) and isinstance(answers[n], dict) else {}
        platform_id = str(raw.get("plattform") or "")
        name = str(kanal.get("name") or "") or str(kanal.get("plattform_name"))
        names = {"kanal": name, "plattform": str(kanal.get("plattform_name"))}
        if kanal.get("messenger"):
            findings.append(Finding(
                land.severity(HINWEIS, error_if="messenger_ausgeschlossen"), "art_umfang",
                land.reason(messages["messenger"], "messenger_ausgeschlossen", **names), "kanaele", "angabe"))
        if raw.get("statistik") is True:
            findings.append(Finding(FEHLER, "kontotyp", messages["statistik"].format(**land.names(**names)),
                                    "kanaele", "angabe"))
        if platform_id in rules["fanpage_plattformen"] and land.flag("fanpage_abschaltung_gefordert"):
            findings.append(Finding(FEHLER, "", messages["fanpage"].format(**land.names(**names)), "kanaele", "angabe"))
    return findings


def _foreign_authority_findings(definition, sections: list[RenderedSection], rules: dict, land: _Land) -> list[Finding]:
    """A text the clerk edited that names another Land's authority (a Land changed, or a copied template)."""
    if not land.id:
        return []
    findings = []
    for other_id, other in definition.data.laender.items():
        if other_id == land.id or other.get("aufsicht_kurz") == land.row.get("aufsicht_kurz"):
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(other['aufsicht_kurz'])}(?![\w-])|{re.escape(other['aufsicht'])}")
        for section in sections:
            if not section.edited:
                continue
            m = pattern.search((section.markdown or "") + "\n" + (section.heading or ""))
            if m:
                findings.append(Finding(HINWEIS, "", rules["meldungen"]["fremde_aufsicht"].format(**land.names(
                    abschnitt=section.heading or "Einleitung", fremd=m.group(0), fremd_land=other["name"])),
                    section.key, "angabe"))
    return findings


def _review_findings(project: Project, today: _dt.date) -> list[Finding]:
    raw = project.answers.get("konzept.stand")
    try:
        stand = _dt.date.fromisoformat(raw.strip()) if isinstance(raw, str) else None
    except ValueError:
        stand = None
    if stand is None:
        return []  # reported as a missing answer
    try:
        due = stand.replace(year=stand.year + 1)
    except ValueError:  # 29 February
        due = stand.replace(year=stand.year + 1, day=28)
    if today > due:
        return [Finding(
            HINWEIS, "ueberpruefung",
            f"Der Stand des Konzepts ({stand.strftime('%d.%m.%Y')}) ist älter als zwölf Monate. Das Konzept sagt eine "
            "jährliche Überprüfung zu, und die Rechtslage bewegt sich (DDG seit 2024, Urteil des VG Köln von 2025 "
            "nicht rechtskräftig). Prüfen Sie es und setzen Sie einen neuen Stand.",
            "konzept.stand", "angabe")]
    return []


def _norm_findings(sections: list[RenderedSection], land: str) -> list[Finding]:
    findings = []
    for warning in check_sections(sections, land or None):
        findings.append(Finding(
            warning.hit.rule.schwere, "", warning.message, warning.key, "norm",
            replacement=warning.hit.replacement or "", rule=warning.hit.rule.id))
    return findings


def format_findings(findings: list[Finding]) -> list[str]:
    """One German line per finding, errors first (for the command line)."""
    order = {FEHLER: 0, HINWEIS: 1}
    return [f"{f.severity.capitalize()} [{f.key}]: {f.message}" for f in sorted(findings, key=lambda f: order[f.severity])]

