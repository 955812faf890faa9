"""The corporate design of an administration, as the clerk sets it.

Stored in the project file as a plain JSON dict (``Design.to_dict``); reading is
tolerant (``Design.from_dict``): unknown keys are ignored, values of the wrong type
fall back to the defaults, so an old or hand-edited project file still opens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

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
    header_text: str = ""  # empty: the administration's name (document.header_text)
    history: list[dict[str, str]] = field(default_factory=list)
    cover_sheet: dict[str, Any] = field(default_factory=_default_cover)
    template_path: str = ""
    pdfa: bool = False

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
        }

    @classmethod
    def from_dict(cls, d: Any) -> "Design":
        design = cls()
        if not isinstance(d, dict):
            return design
        for name in ("logo_path", "header_text", "template_path"):
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

    # ------------------------------------------------------------ helpers for writers

    @property
    def color(self) -> str:
        """The primary colour, falling back to the default when invalid."""
        return self.primary_color.upper() if _COLOR.match(self.primary_color or "") else DEFAULT_COLOR

    def wants_toc(self, document: Any) -> bool:
        """Whether a table of contents is printed: explicit choice, else the document's own."""
        from wizards.doctree import TableOfContents

        if self.toc is not None:
            return self.toc
        return any(isinstance(b, TableOfContents) for b in document.blocks)


def field_names() -> list[str]:
    return [f.name for f in fields(Design)]


# ---------------------------------------------------------------- shared by the writers

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)


def logo_file(design: Design) -> Path | None:
    """The logo as a path, or None; a configured but missing logo is an export error."""
    from wizards.errors import ExportError

    if not design.logo_path:
        return None
    logo = Path(design.logo_path)
    if not logo.is_file():
        raise ExportError(
            f"Die Logo-Datei „{design.logo_path}“ wurde nicht gefunden. "
            "Bitte unter „Gestaltung“ ein vorhandenes Logo wählen oder das Feld leeren."
        )
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        raise ExportError(f"Das Logo „{logo.name}“ hat ein unbekanntes Format; bitte PNG, JPEG oder SVG verwenden.")
    return logo


def stand_line(document: Any) -> str:
    """„Stand: September 2026“ from the document's ISO date, or "" when there is none."""
    date = (document.meta.date or "").strip()
    match = re.match(r"^(\d{4})-(\d{2})", date)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"Stand: {MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
    return f"Stand: {date}" if date else ""


def version_line(document: Any, design: Design) -> str:
    version = (document.meta.version or "").strip()
    if not version and design.history:
        version = str(design.history[-1].get("version", "")).strip()
    return f"Version {version}" if version else ""


def title_page_lines(document: Any, design: Design, title: Any = None) -> list[str]:
    """„Stand: …“ and „Version …“ for the title page, unless the subtitle already says it."""
    from wizards.doctree import plain_text

    subtitle = plain_text(title.subtitle) if title is not None else ""
    lines = []
    stand = stand_line(document)
    if stand and "Stand" not in subtitle and stand.removeprefix("Stand: ") not in subtitle:
        lines.append(stand)
    version = version_line(document, design)
    if version and version not in subtitle:
        lines.append(version)
    return lines


def history_rows(design: Design) -> tuple[tuple[str, str, str], list[tuple[str, str, str]]]:
    header = ("Stand", "Version", "Änderung")
    rows = [tuple(str(h.get(k, "")) for k in HISTORY_KEYS) for h in design.history]
    return header, rows  # type: ignore[return-value]


def cover_lines(document: Any, design: Design) -> dict[str, Any]:
    """Texts of the council cover sheet („Anlage 2 zur Vorlage VO/2026/042“ …)."""
    cover = design.cover_sheet
    anlage = str(cover.get("anlage", "")).strip()
    vorlage = str(cover.get("vorlage", "")).strip()
    head = f"Anlage {anlage}" if anlage else "Anlage"
    if vorlage:
        head += f" zur Vorlage {vorlage}"
    rows = []
    if str(cover.get("gremium", "")).strip():
        rows.append(("Gremium:", str(cover["gremium"]).strip()))
    if str(cover.get("sitzung", "")).strip():
        rows.append(("Sitzung:", str(cover["sitzung"]).strip()))
    name = (design.header_text or document.header_text or "").strip()
    if name:
        rows.append(("Verwaltung:", name))
    return {"anlage": head, "rows": rows, "title": document.meta.title}


def toc_entries(document: Any, all_levels: bool = False) -> list[tuple[Any, str, str]]:
    """(heading, number, text) for the table of contents: levels 1–2 (all with all_levels)."""
    from wizards.doctree import Heading, plain_text

    out = []
    for block in document.blocks:
        if isinstance(block, Heading) and (all_levels or block.level <= 2):
            out.append((block, block.number, plain_text(block.text)))
    return out
