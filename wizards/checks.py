"""Fachliche Prüfung: is the concept complete, and does it cite current law?

``check_project(definition, project)`` returns ``Finding``s in German, each saying what
is missing and why it matters (which authority expects it), with the key of the section
or question to jump to. Facts and their sources: shared/content/authorities.md.

- kind „abschnitt“: a required topic no section covers,
- kind „angabe“: a required answer is missing, a placeholder is left in the text, a
  messenger channel, statistics switched on, a review date older than twelve months,
- kind „norm“: a repealed norm cited in any section (template, edited or custom text).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .assemble import Assembler, RenderedSection
from .norms import check_sections
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


# --------------------------------------------------------------------------- required topics

@dataclass(frozen=True)
class TopicRule:
    topic: str
    label: str
    section: str  # catalogue section to add when the topic is missing
    severity: str
    why: str
    severity_in: tuple[tuple[str, str], ...] = ()  # (Land, severity) where it differs


REQUIRED_TOPICS: tuple[TopicRule, ...] = (
    TopicRule("zweck", "Zweck der Nutzung", "zweck", FEHLER,
              "LfDI BW und LfDI RLP verlangen ein schriftliches Konzept mit dem Zweck der Nutzung, bevor ein "
              "Konto eingerichtet wird; der LfDI RLP will zudem begründet sehen, warum ein Verzicht die "
              "Aufgabenerfüllung beeinträchtigen würde."),
    TopicRule("art_umfang", "Art und Umfang der Nutzung", "art_umfang", FEHLER,
              "LfDI BW und LfDI RLP verlangen Angaben zu Art und Umfang; der LfDI RLP nennt dazu die "
              "regelmäßigen Inhaltsarten und die genutzten Interaktionsfunktionen."),
    TopicRule("verantwortung", "Verantwortlichkeiten", "verantwortung", FEHLER,
              "LfDI BW und LfDI RLP verlangen geregelte Zuständigkeiten für die redaktionelle und technische "
              "Betreuung und für die Bearbeitung der Betroffenenrechte."),
    TopicRule("alternativen", "Alternative Informations- und Kontaktwege", "alternativen", FEHLER,
              "Der LfDI RLP nennt alternative Wege ein „zentrales Element“, der LfDI BW verlangt sie als "
              "Grundregel 4: Niemand darf auf die Plattformen angewiesen sein."),
    TopicRule("datenschutzerklaerung", "Datenschutzerklärung", "datenschutzerklaerung", FEHLER,
              "LfDI BW, LfDI RLP und die DSK (2018) verlangen eine eigene Datenschutzerklärung für jeden "
              "Auftritt."),
    TopicRule("dsfa", "Datenschutz-Folgenabschätzung oder ihre Begründung", "dsfa_hinweis", FEHLER,
              "Der LfDI BW verlangt eine Datenschutz-Folgenabschätzung nach Art. 35 DSGVO als Teil des "
              "Konzepts; wo keine durchgeführt wird, sollte das Konzept begründen, warum."),
    TopicRule("dsb", "Datenschutzbeauftragte Person", "datenschutzbeauftragte", HINWEIS,
              "Keine Aufsichtsbehörde verlangt den Abschnitt ausdrücklich, doch die Kontaktdaten gehören nach "
              "Art. 13 DSGVO ohnehin in die Datenschutzerklärung, und bei Betroffenenrechten ist die oder der "
              "Datenschutzbeauftragte beteiligt (eigene Einschätzung)."),
    TopicRule("moderation", "Netiquette und Moderation", "netiquette", HINWEIS,
              "Der LfDI BW verlangt als Grundregel 3 eine fortlaufende Betreuung und Moderation: Kommentare "
              "werden geprüft und bei Bedarf entfernt. Eine Netiquette wird empfohlen.",
              (("BW", FEHLER),)),
    TopicRule("kontotyp", "Kontotyp und Statistikfunktionen", "kontotyp", HINWEIS,
              "Die DSK sieht für Seitenstatistiken wie „Insights“ keine Rechtsgrundlage (Kurzgutachten 2022, "
              "Teil C.II); zum Kontotyp hat sich keine Behörde geäußert. Halten Sie je Kanal fest, welchen "
              "Kontotyp Sie führen und ob Sie Statistiken nutzen."),
    TopicRule("ueberpruefung", "Veröffentlichung und Überprüfung", "ueberpruefung", HINWEIS,
              "Veröffentlichung und Evaluierung sind feste Überschriften in Konzepten, die dem Handlungsrahmen "
              "des LfDI RLP folgen (abgeleitet); der LfDI RLP prüft Konzepte stichprobenartig."),
)

# Why an answer matters, by question id (prefix): the authority that expects it.
ANSWER_REASONS: tuple[tuple[str, str], ...] = (
    ("verwaltung.bundesland", "Das Bundesland bestimmt, welches Landesdatenschutzgesetz und welche Aufsichtsbehörde "
                              "das Konzept nennt."),
    ("redaktion.", "LfDI BW und LfDI RLP verlangen, dass das Konzept die Zuständigkeit für die Betreuung der Kanäle "
                   "regelt."),
    ("verantwortliche", "LfDI BW und LfDI RLP verlangen, dass das Konzept die Zuständigkeit für die Betreuung der "
                        "Kanäle regelt."),
    ("datenschutz.erklaerung_url", "LfDI BW, LfDI RLP und die DSK verlangen eine eigene Datenschutzerklärung für "
                                   "jeden Auftritt."),
    ("datenschutz.dsb", "Die Kontaktdaten der oder des Datenschutzbeauftragten gehören nach Art. 13 DSGVO in die "
                        "Datenschutzinformationen."),
    ("kontakt.", "LfDI RLP und LfDI BW verlangen alternative Informations- und Kontaktwege neben den Plattformen."),
    ("anschrift.", "LfDI RLP und LfDI BW verlangen alternative Informations- und Kontaktwege neben den Plattformen."),
    ("kanaele", "LfDI BW und LfDI RLP verlangen Angaben zu Art und Umfang der Nutzung jedes Dienstes."),
    ("konzept.stand", "Ohne Stand lässt sich nicht nachvollziehen, wann das Konzept zuletzt geprüft wurde."),
)
DEFAULT_REASON = "Sonst steht im Konzept an dieser Stelle nur ein Platzhalter."

_MARKER = re.compile(re.escape(MISSING_OPEN) + r"(.*?)" + re.escape(MISSING_CLOSE), re.DOTALL)


# Placeholders that a missing answer produces besides its own marker (derived names in context.py).
DERIVED_MARKERS = {
    "verwaltung.bundesland": {"Bundesland", "Landesdatenschutzgesetz", "Aufsichtsbehörde"},
    "verwaltung.name": {"Name der Verwaltung"},
    "kanaele": {"Plattformen", "Plattform", "Anbieter der Plattform"},
}


def _reason(qid: str) -> str:
    for prefix, why in ANSWER_REASONS:
        if qid == prefix or qid.startswith(prefix):
            return why
    return DEFAULT_REASON


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def _step_title(definition: WizardDefinition, qid: str) -> str:
    for step in definition.steps:
        if any(q.id == qid for q in step.questions):
            return step.title
    return ""


# --------------------------------------------------------------------------- the check

def check_project(definition: WizardDefinition, project: Project, today: _dt.date | None = None) -> list[Finding]:
    """Every finding for the project, errors and hints, in a stable order."""
    today = today or _dt.date.today()
    assembler = Assembler(definition, project)
    land = project.answers.get("verwaltung.bundesland")
    land = land if isinstance(land, str) and land in definition.data.laender else ""
    rendered = {id(entry): assembler.sections_of(entry) if entry.is_custom or entry.section in definition.sections
                else [] for entry in project.walk()}
    sections = [s for entry in project.walk() for s in rendered[id(entry)]]
    findings: list[Finding] = []
    findings += _topic_findings(definition, project, assembler, land, rendered)
    answer_findings, reported_markers = _answer_findings(definition, project, assembler)
    findings += answer_findings
    findings += _placeholder_findings(assembler, sections, reported_markers)
    findings += _channel_findings(assembler, land)
    findings += _review_findings(project, today)
    findings += _norm_findings(sections, land)
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == FEHLER for f in findings)


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


def _topic_findings(definition, project, assembler, land, rendered) -> list[Finding]:
    covered = covered_topics(definition, project, assembler, rendered)
    findings = []
    for rule in REQUIRED_TOPICS:
        if rule.topic in covered:
            continue
        severity = dict(rule.severity_in).get(land, rule.severity)
        section = definition.sections.get(rule.section)
        title = section.title if section else rule.label
        findings.append(Finding(
            severity, rule.topic,
            f"Es fehlt ein Abschnitt zum Thema „{rule.label}“. {rule.why} "
            f"Fügen Sie zum Beispiel den Abschnitt „{title}“ hinzu.",
            rule.section, "abschnitt"))
    return findings


def _answer_findings(definition, project, assembler) -> tuple[list[Finding], set[str]]:
    """Missing required answers (respecting ``when``) and answers that fail their pattern."""
    findings: list[Finding] = []
    markers: set[str] = set()
    answers = project.answers
    for q in definition.questions():
        if q.when and not assembler.condition(q.when):
            continue
        value = answers.get(q.id)
        step = _step_title(definition, q.id)
        where = f" (Schritt „{step}“)" if step else ""
        if q.type == "group":
            items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
            if len(items) < max(q.min, 1 if q.required else 0):
                findings.append(Finding(
                    FEHLER, _topic_of(q.id),
                    f"Angabe fehlt: {q.label}{where} – mindestens {max(q.min, 1)} Eintrag. {_reason(q.id)}",
                    q.id, "angabe"))
                markers.add(q.marker_text)
                markers |= DERIVED_MARKERS.get(q.id, set())
            for n, item in enumerate(items, 1):
                for f in q.fields:
                    if f.required and _missing_answer(f, item.get(f.id)):
                        label = q.item_label or q.label
                        findings.append(Finding(
                            FEHLER, _topic_of(q.id),
                            f"Angabe fehlt: {f.label} bei {label} {n}{where}. {_reason(q.id)}",
                            q.id, "angabe"))
                        markers.add(f.marker_text)
                        if f.id == "plattform":
                            markers |= DERIVED_MARKERS["kanaele"]
            continue
        if q.required and _missing_answer(q, value):
            findings.append(Finding(
                FEHLER, _topic_of(q.id), f"Angabe fehlt: {q.label}{where}. {_reason(q.id)}", q.id, "angabe"))
            markers.add(q.marker_text)
            markers |= DERIVED_MARKERS.get(q.id, set())
        elif q.pattern and isinstance(value, str) and value.strip() and not re.search(q.pattern, value.strip()):
            findings.append(Finding(
                HINWEIS, _topic_of(q.id),
                f"Angabe prüfen: „{value.strip()}“ passt nicht zur erwarteten Form von „{q.label}“{where}.",
                q.id, "angabe"))
    return findings, markers


def _missing_answer(q: Question, value) -> bool:
    if q.type in ("choice",):
        return not any(o.id == value for o in q.options)
    if q.type == "multichoice":
        return not isinstance(value, list) or not value
    if q.type == "date":
        if not isinstance(value, str):
            return True
        try:
            _dt.date.fromisoformat(value.strip())
        except ValueError:
            return True
        return False
    if q.type == "yesno":
        return False  # false is an answer
    return _blank(value)


def _topic_of(qid: str) -> str:
    if qid.startswith(("redaktion.", "verantwortliche")):
        return "verantwortung"
    if qid.startswith("datenschutz.erklaerung"):
        return "datenschutzerklaerung"
    if qid.startswith("datenschutz.dsfa"):
        return "dsfa"
    if qid.startswith("datenschutz.dsb"):
        return "dsb"
    if qid.startswith(("kontakt.", "anschrift.")):
        return "alternativen"
    if qid == "kanaele":
        return "art_umfang"
    if qid.startswith("konzept.stand"):
        return "ueberpruefung"
    return ""


def _placeholder_findings(assembler: Assembler, sections: list[RenderedSection], reported: set[str]) -> list[Finding]:
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
                f"{DEFAULT_REASON} Ergänzen Sie die Angabe oder passen Sie den Text an.", key, "angabe"))
    return findings


def _channel_findings(assembler: Assembler, land: str) -> list[Finding]:
    findings = []
    for kanal in assembler.context.get("kanaele", []):
        name = str(kanal.get("name") or "") or str(kanal.get("plattform_name"))
        platform = str(kanal.get("plattform_name"))
        if kanal.get("messenger"):
            findings.append(Finding(
                FEHLER if land == "BW" else HINWEIS, "art_umfang",
                f"Der Kanal „{name}“ ({platform}) ist ein Messenger. Die Richtlinie des LfDI BW (Abschnitt I.3) "
                "nimmt Messenger wie WhatsApp von der Erlaubnis für soziale Netzwerke aus"
                + ("." if land == "BW" else "; prüfen Sie, ob Ihre Aufsichtsbehörde das ebenso sieht."),
                "kanaele", "angabe"))
        if kanal.get("statistik") is True:
            findings.append(Finding(
                HINWEIS, "kontotyp",
                f"Beim Kanal „{name}“ ({platform}) sind Statistikfunktionen eingeschaltet. Die DSK sieht dafür keine "
                "Rechtsgrundlage (Kurzgutachten 2022, Teil C.II) und empfiehlt, sie abzuschalten; die Hamburger "
                "Senatskanzlei hat „Insights“ deaktiviert.",
                "kanaele", "angabe"))
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

