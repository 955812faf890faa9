"""The corporate design of an administration, as the clerk sets it.

Stored in the project file as a plain JSON dict (``Design.to_dict``); reading is
tolerant (``Design.from_dict``): unknown keys are ignored, values of the wrong type
fall back to the defaults, so an old or hand-edited project file still opens.

What the settings mean for the pages (cover sheet, title page, TOC, version table, running
header) is decided in one place, ``wizards.layout``; the writers read only the look
(colour, font, letterhead, PDF/A) from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizards.numbering import SCHEMES
from wizards.voice import GENDER_FORMS

# Fonts the writers support: id -> (label for the UI, Word font name)
FONTS: dict[str, tuple[str, str]] = {
    "sans": ("Serifenlos (Arial / Liberation Sans)", "Arial"),
    "serif": ("Mit Serifen (Times New Roman / Liberation Serif)", "Times New Roman"),
}

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
TEMPLATE_SUFFIXES = (".docx", ".dotx")

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
DEFAULT_COLOR = "#1F4E79"

HISTORY_KEYS = ("stand", "version", "aenderung")
# The version table's column labels unless the clerk names them („Datum / Version / Änderungsgrund“)
HISTORY_COLUMNS = ("Stand", "Version", "Änderung")
# Where the version table goes: "" = on the title page if there is one, else at the end.
HISTORY_POSITIONS = {"": "Automatisch (Titelseite, sonst am Ende)", "titel": "Unter dem Titel",
                     "inhalt": "Nach dem Inhaltsverzeichnis",
                     "ende": "Am Ende des Dokuments", "seite": "Auf einer eigenen Seite am Ende"}
# The „Stand“ line: "" = as the house style's subtitle has it; "ein"/"aus" = the clerk's choice.
STAND_CHOICES = {"": "Wie im gewählten Stil", "ein": "Eigene Zeile", "aus": "Keine Stand-Zeile"}
DEFAULT_STAND_TEXT = "Stand: {datum}"
# How every text suggestion speaks of the body ("" = as each style writes; texts/<style>-<p>.yaml)
PERSPECTIVE_CHOICES = {"": "Wie im gewählten Stil", "wir": "Wir-Form (wir, unser Team)",
                       "dritte": "Dritte Person (Die Gemeinde …)"}
COVER_KEYS = ("enabled", "anlage", "vorlage", "gremium", "sitzung")


def _default_cover() -> dict[str, Any]:
    return {"enabled": False, "anlage": "", "vorlage": "", "gremium": "", "sitzung": ""}


@dataclass
class Design:
    logo_path: str = ""
    primary_color: str = DEFAULT_COLOR
    font: str = "sans"
    title_page: bool = False
    toc: bool | None = None  # None: as the house style says (herford has one)
    header_text: str = ""  # empty: the administration's name (the document's author)
    history: list[dict[str, str]] = field(default_factory=list)
    cover_sheet: dict[str, Any] = field(default_factory=_default_cover)
    template_path: str = ""
    pdfa: bool = False
    # Outline and title block, independent of the text style ("" / None = as the style has it)
    numbering: str = ""  # a scheme id of wizards.numbering.SCHEMES
    title: str | None = None
    subtitle: str | None = None  # "" = no subtitle
    stand_line: str = ""  # "", "ein", "aus"
    stand_text: str = DEFAULT_STAND_TEXT  # {datum} is replaced by the date of the Stand
    title_lines: list[str] = field(default_factory=list)  # lines under the title (body, address …)
    history_label: str = ""  # "" = „Versionshistorie“
    history_position: str = ""  # a key of HISTORY_POSITIONS
    history_columns: list[str] = field(default_factory=lambda: ["", "", ""])  # "" = the label of HISTORY_COLUMNS
    gender: str = ""  # a key of wizards.voice.GENDER_FORMS ("" = as the style writes)
    perspective: str = ""  # a key of PERSPECTIVE_CHOICES

    # ------------------------------------------------------------ persistence

    def to_dict(self) -> dict[str, Any]:
        return {
            "logo_path": self.logo_path,
            "primary_color": self.primary_color,
            "font": self.font,
            "title_page": self.title_page,
            "toc": self.toc,
            "header_text": self.header_text,
            "history": [dict(h) for h in self.history],
            "cover_sheet": dict(self.cover_sheet),
            "template_path": self.template_path,
            "pdfa": self.pdfa,
            "numbering": self.numbering,
            "title": self.title,
            "subtitle": self.subtitle,
            "stand_line": self.stand_line,
            "stand_text": self.stand_text,
            "title_lines": list(self.title_lines),
            "history_label": self.history_label,
            "history_position": self.history_position,
            "gender": self.gender,
            "perspective": self.perspective,
            "history_columns": list(self.history_columns),
        }

    @classmethod
    def from_dict(cls, d: Any) -> "Design":
        design = cls()
        if not isinstance(d, dict):
            return design
        for name in ("logo_path", "header_text", "template_path", "stand_text", "history_label"):
            if isinstance(d.get(name), str):
                setattr(design, name, d[name])
        color = d.get("primary_color")
        if isinstance(color, str) and _COLOR.match(color.strip()):
            design.primary_color = color.strip().upper()
        if isinstance(d.get("font"), str) and d["font"] in FONTS:
            design.font = d["font"]
        for name in ("title_page", "pdfa"):
            if isinstance(d.get(name), bool):
                setattr(design, name, d[name])
        if d.get("toc") is None or isinstance(d.get("toc"), bool):
            design.toc = d.get("toc")
        for name in ("title", "subtitle"):
            if d.get(name) is None or isinstance(d.get(name), str):
                setattr(design, name, d.get(name))
        for name, choices in (("numbering", SCHEMES), ("stand_line", STAND_CHOICES), ("gender", GENDER_FORMS),
                              ("perspective", PERSPECTIVE_CHOICES), ("history_position", HISTORY_POSITIONS)):
            if isinstance(d.get(name), str) and d[name] in choices:  # a list or dict in the file: ignored
                setattr(design, name, d[name])
        columns = d.get("history_columns")
        if isinstance(columns, list) and len(columns) == len(HISTORY_COLUMNS) and all(isinstance(c, str) for c in columns):
            design.history_columns = list(columns)
        lines = d.get("title_lines")
        if isinstance(lines, list):
            design.title_lines = [line for line in lines if isinstance(line, str)]
        history = d.get("history")
        if isinstance(history, list):
            design.history = [
                {k: str(entry.get(k, "") if entry.get(k) is not None else "") for k in HISTORY_KEYS}
                for entry in history
                if isinstance(entry, dict)
            ]
        cover = d.get("cover_sheet")
        if isinstance(cover, dict):
            merged = _default_cover()
            if isinstance(cover.get("enabled"), bool):
                merged["enabled"] = cover["enabled"]
            for k in COVER_KEYS[1:]:
                value = cover.get(k)
                if isinstance(value, (str, int)) and not isinstance(value, bool):
                    merged[k] = str(value)
            design.cover_sheet = merged
        return design

    # ------------------------------------------------------------ checks

    def validate(self) -> list[str]:
        """German descriptions of problems that would make an export fail or look wrong."""
        problems: list[str] = []
        if self.logo_path:
            logo = Path(self.logo_path)
            if not logo.is_file():
                problems.append(f"Die Logo-Datei „{self.logo_path}“ wurde nicht gefunden.")
            elif logo.suffix.lower() not in LOGO_SUFFIXES:
                problems.append(
                    f"Das Logo „{logo.name}“ hat ein unbekanntes Format; bitte PNG, JPEG oder SVG verwenden."
                )
            elif logo.suffix.lower() == ".svg":
                problems.append(
                    f"Das SVG-Logo „{logo.name}“ erscheint nur im PDF; für den Word-Export bitte eine PNG-Datei wählen."
                )
        if not _COLOR.match(self.primary_color or ""):
            problems.append(
                f"Die Hausfarbe „{self.primary_color}“ ist keine Farbe im Format #RRGGBB (z. B. #1F4E79)."
            )
        if self.font not in FONTS:
            problems.append(f"Die Schrift „{self.font}“ wird nicht unterstützt; möglich: {', '.join(FONTS)}.")
        if self.template_path:
            template = Path(self.template_path)
            if not template.is_file():
                problems.append(f"Die Word-Vorlage „{self.template_path}“ wurde nicht gefunden.")
            elif template.suffix.lower() not in TEMPLATE_SUFFIXES:
                problems.append(
                    f"Die Word-Vorlage „{template.name}“ ist keine .docx- oder .dotx-Datei."
                )
        for i, entry in enumerate(self.history, start=1):
            if not any(str(entry.get(k, "")).strip() for k in HISTORY_KEYS):
                problems.append(f"Zeile {i} der Versionshistorie ist leer.")
        if self.cover_sheet.get("enabled") and not str(self.cover_sheet.get("vorlage", "")).strip():
            problems.append("Für das Deckblatt fehlt die Nummer der Vorlage (z. B. „VO/2026/042“).")
        return problems

    # ------------------------------------------------------------ look

    @property
    def color(self) -> str:
        """The primary colour, falling back to the default when invalid."""
        return self.primary_color.upper() if _COLOR.match(self.primary_color or "") else DEFAULT_COLOR
