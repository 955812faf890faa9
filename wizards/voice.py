"""The document's gender form, applied to every text variant, so texts picked from several styles
never mix „Bürgerinnen und Bürger“ with „Bürger*innen“.

Works on the Markdown the templates produce (where the star is written ``\\*``). Pair forms
(„Nutzerinnen und Nutzer“, dative „… Nutzern“) and short forms („Nutzer*innen“, „Nutzer:innen“)
are turned into one another; the clerk's own edited text is left as written.

The neutral form uses the participle noun where German has an idiomatic one („Nutzende“,
„Mitarbeitende“), declined like an adjective by what precedes it: „die/allen/unsere Nutzenden“,
„mit Nutzenden“, but „Nutzende folgen …“, „für Nutzende“. Other nouns („Bürger“, „Kollegen“)
keep the pair form.
"""
from __future__ import annotations

import re

GENDER_FORMS = {
    "": "Wie im gewählten Stil",
    "paarform": "Bürgerinnen und Bürger",
    "stern": "Bürger*innen",
    "doppelpunkt": "Bürger:innen",
    "neutral": "Nutzende – neutrale Formen, wo möglich (sonst Bürgerinnen und Bürger)",
}

# stem of the pair form → stem of the participle noun („Nutzer“ → „Nutzend-e/-en“); only idiomatic ones
NEUTRAL_STEMS = {
    "Nutzer": "Nutzend", "Mitarbeiter": "Mitarbeitend", "Teilnehmer": "Teilnehmend", "Leser": "Lesend",
    "Besucher": "Besuchend", "Bewerber": "Bewerbend", "Abonnent": "Abonnierend",
}
# after these (plural) determiners an adjectival noun ends in -en: „die Nutzenden“, „allen Nutzenden“
_DETERMINERS = frozenset(
    "die der den diese dieser diesen jene jener jenen alle aller allen sämtliche sämtlicher sämtlichen "
    "keine keiner keinen unsere unserer unseren ihre ihrer ihren seine seiner seinen meine meiner meinen "
    "eure eurer euren welche welcher welchen beide beider beiden solche solcher solchen".split())
# prepositions governing the dative: „mit Nutzenden“, „von Mitarbeitenden“
_DATIVE_PREPOSITIONS = frozenset("mit von vom bei zu zur zum aus nach seit gegenüber unter zwischen".split())
_PREPOSITIONS = _DATIVE_PREPOSITIONS | frozenset("auf in an für über durch gegen ohne um vor hinter neben".split())
# quantifiers and adjectives standing without a determiner; their ending is the noun's: „viele Nutzende“,
# „vielen Nutzenden“, „aktiver Nutzender“
_QUANTIFIERS = frozenset(
    "viele vielen vieler andere anderen anderer einige einigen einiger mehrere mehreren mehrerer wenige wenigen "
    "weniger manche manchen mancher zahlreiche zahlreichen zahlreicher junge jungen junger ältere älteren "
    "älterer aktive aktiven aktiver registrierte registrierten registrierter neue neuen neuer".split())

_PAIR = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]+?)innen und \1(en|n)?\b")
_SHORT = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]+?)(?:\\\*|\*|:)innen\b")
# a plural noun after these words (up to one adjective between) stands in the dative
_DATIVE = re.compile(r"\b(?:mit|von|vom|bei|zu|zur|aus|nach|seit|gegenüber|den|allen|vielen|unseren|ihren|"
                     r"anderen|diesen|solchen|jenen)\s+(?:[a-zäöüß]+en\s+)?$", re.IGNORECASE)


def _masculine_plural(stem: str, dative: bool) -> str:
    """„Bürger“ → Bürger/Bürgern; „Kolleg“ → Kollegen; „Multiplikator“ → Multiplikatoren."""
    if stem.endswith(("er", "el")):
        return stem + ("n" if dative else "")
    return stem + "en"


def _short(stem: str, form: str) -> str:
    return stem + ("\\*innen" if form == "stern" else ":innen")


def _neutral_ending(before: str) -> str:
    """„e“ or „en“ (rarely „er“) for a plural participle noun after the text ``before`` (same sentence)."""
    words = re.findall(r"[\wäöüß]+|[,.;:!?(„“]", before[-60:].rsplit("\n", 1)[-1])
    last = words[-1] if words else ""
    word = last.lower()
    previous = words[-2].lower() if len(words) > 1 else ""
    if word in _DETERMINERS:
        if word in ("die", "der", "den") and (previous == "," or (word == "der" and previous in _PREPOSITIONS)):
            # a relative pronoun, not the noun's article: „…, die Nutzende eingeben“,
            # „eine Plattform, auf der Nutzende schreiben“ (a plural article after a preposition is „den“/„die“)
            return "e"
        return "en"
    if word in _DATIVE_PREPOSITIONS:
        return "en"
    adjective = last.islower() and word.endswith(("e", "en"))  # „Rechte“ in „welche Rechte Nutzende …“ is a noun
    if word in _QUANTIFIERS or (adjective and previous in _DETERMINERS | _DATIVE_PREPOSITIONS):
        if previous in _DETERMINERS or previous in _DATIVE_PREPOSITIONS:
            return "en"  # „die jungen Nutzenden“, „mit vielen Nutzenden“
        return "en" if word.endswith("en") else "er" if word.endswith("er") else "e"
    return "e"


def _neutral(markdown: str) -> str:
    """Participle nouns where they exist; every other noun in the pair form."""
    markdown = apply_gender(markdown, "paarform")

    def noun(m: re.Match) -> str:
        stem = NEUTRAL_STEMS.get(m.group(1))
        if stem is None:
            return m.group(0)
        return stem + _neutral_ending(markdown[max(0, m.start() - 80):m.start()])
    return _PAIR.sub(noun, markdown)


def apply_gender(markdown: str, form: str) -> str:
    """``markdown`` with every known pair or short form in the chosen ``form`` ("" leaves it)."""
    if not form or form not in GENDER_FORMS:
        return markdown
    if form == "neutral":
        return _neutral(markdown)
    if form in ("stern", "doppelpunkt"):
        markdown = _PAIR.sub(lambda m: _short(m.group(1), form), markdown)
        return _SHORT.sub(lambda m: _short(m.group(1), form), markdown)

    def pair(m: re.Match) -> str:
        stem = m.group(1)
        dative = bool(_DATIVE.search(markdown[max(0, m.start() - 40):m.start()]))
        return f"{stem}innen und {_masculine_plural(stem, dative)}"
    return _SHORT.sub(pair, markdown)
