"""The document's gender form, applied to every text variant, so texts picked from several styles
never mix „Bürgerinnen und Bürger“ with „Bürger*innen“.

Works on the Markdown the templates produce (where the star is written ``\\*``). Pair forms
(„Nutzerinnen und Nutzer“, dative „… Nutzern“) and short forms („Nutzer*innen“, „Nutzer:innen“)
are turned into one another; the clerk's own edited text is left as written.
"""
from __future__ import annotations

import re

GENDER_FORMS = {
    "": "Wie im gewählten Stil",
    "paarform": "Bürgerinnen und Bürger",
    "stern": "Bürger*innen",
    "doppelpunkt": "Bürger:innen",
}

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


def apply_gender(markdown: str, form: str) -> str:
    """``markdown`` with every known pair or short form in the chosen ``form`` ("" leaves it)."""
    if not form or form not in GENDER_FORMS:
        return markdown
    if form in ("stern", "doppelpunkt"):
        markdown = _PAIR.sub(lambda m: _short(m.group(1), form), markdown)
        return _SHORT.sub(lambda m: _short(m.group(1), form), markdown)

    def pair(m: re.Match) -> str:
        stem = m.group(1)
        dative = bool(_DATIVE.search(markdown[max(0, m.start() - 40):m.start()]))
        return f"{stem}innen und {_masculine_plural(stem, dative)}"
    return _SHORT.sub(pair, markdown)
