"""Fonts of the PDF: embedded TrueType families, the fallback font, and the one escaping helper.

Liberation Sans/Serif from resources/fonts, DejaVu Sans as the fallback for characters the
main font lacks. All text reaches reportlab through ``markup()`` (paragraphs) or
``draw_text()`` (single lines on the canvas).

Parsing a TrueType file costs 15–45 ms, so a parsed font is kept in the user's cache folder
(``wizards.definition_cache``, keyed by the file's bytes and the reportlab version), and the
fallback family is registered only when a text needs one of its characters.
"""
from __future__ import annotations

import copy
import hashlib
import threading
from functools import lru_cache

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from resources import resource_path
from wizards.design import Design
from wizards.doctree import Document
from wizards.errors import ExportError
from wizards.layout import layout
from wizards.sanitize import describe_char

from ..debug import render_debug

FONT_FILES = {
    "sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
             "LiberationSans-BoldItalic.ttf"),
    "serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
              "LiberationSerif-BoldItalic.ttf"),
}
FALLBACK = "KA-Fallback"
FALLBACK_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


_REGISTERING = threading.Lock()  # the preview renders on a worker thread, exports on another


def _scale(units_per_em: int):
    """TTFontFace's font-unit → PDF-unit scaling (a lambda there, so not picklable)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _load_font(name: str, path) -> TTFont:
    """A registered-ready TTFont: from the cache when this very file was parsed before."""
    from wizards import definition_cache

    data = path.read_bytes()
    key = hashlib.sha256(f"{REPORTLAB_VERSION}|{len(data)}|".encode() + data).hexdigest()
    kind = f"font-{path.stem}"
    cached = definition_cache.read_entry(kind, key)
    if cached is not None:
        font_vars, face_vars = cached
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(face_vars, _pdfScale=_scale(face_vars["unitsPerEm"]))
        font = TTFont.__new__(TTFont)
        font.__dict__.update(font_vars, fontName=name, face=face)
        font.state = _fresh_state()
        return font
    font = TTFont(name, str(path))
    font_vars = {k: v for k, v in vars(font).items() if k not in ("face", "state", "fontName")}
    face_vars = {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}
    definition_cache.write_entry(kind, key, (font_vars, face_vars))
    return font


def _fresh_state():
    from weakref import WeakKeyDictionary

    return WeakKeyDictionary()


def _register_family(family: str, files: tuple[str, ...]) -> None:
    names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
    if len(files) == 2:  # fallback: no italics, reuse the upright faces
        files = (files[0], files[1], files[0], files[1])
    with _REGISTERING:
        loaded: dict = {}
        for name, file in zip(names, files):
            if name not in pdfmetrics.getRegisteredFontNames():
                path = resource_path("fonts", file)
                if not path.is_file():
                    raise ExportError(f"Die Schriftdatei „{file}“ fehlt in der Installation; bitte neu installieren.")
                if file not in loaded:
                    loaded[file] = _load_font(name, path)
                font = loaded[file]
                if font.fontName != name:  # the same file under a second name: reportlab maps it to the first
                    font = copy.copy(font)
                    font.fontName, font.state = name, _fresh_state()
                pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])


@lru_cache(maxsize=None)
def fonts(font: str) -> str:
    """Register the font family for a design font id; return the family name."""
    font = font if font in FONT_FILES else "sans"
    family = f"KA-{font.capitalize()}"
    _register_family(family, FONT_FILES[font])
    return family


@lru_cache(maxsize=None)
def fallback() -> str:
    """Register the fallback family (on first need); return its name."""
    _register_family(FALLBACK, FALLBACK_FILES)
    return FALLBACK


@lru_cache(maxsize=None)
def coverage(family: str) -> frozenset[int]:
    if family == FALLBACK:
        fallback()
    face = pdfmetrics.getFont(family).face
    return frozenset(face.charToGlyph.keys())


def unprintable_characters(document: Document, design: Design | None = None) -> list[str]:
    """Characters of the document that neither the PDF font nor the fallback can draw.

    They would appear as empty boxes; the UI and the CLI report them before export.
    """
    design = design or Design()
    family = fonts(design.font)
    text = render_debug(layout(document, design))
    main = coverage(family)
    found = {ch for ch in text if ord(ch) not in main and not ch.isspace() and ch.isprintable()}
    if found:
        found = {ch for ch in found if ord(ch) not in coverage(FALLBACK)}
    return [f"„{ch}“ {describe_char(ch)}" for ch in sorted(found)]


def unprintable_warning(document: Document, design: Design | None = None) -> str:
    chars = unprintable_characters(document, design)
    if not chars:
        return ""
    shown = ", ".join(chars[:8]) + (f" und {len(chars) - 8} weitere" if len(chars) > 8 else "")
    return f"Im PDF nicht darstellbar (erscheint als leeres Kästchen): {shown}. Bitte ersetzen oder entfernen."


# ------------------------------------------------------------------ the one escaping helper


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, family: str) -> str:
    """Plain text → reportlab Paragraph markup: escaped, fallback font for missing glyphs.

    The only place where text enters reportlab markup. Newlines become <br/>.
    """
    covered = coverage(family)
    if covered.issuperset(map(ord, text.replace("\n", " ").replace("\t", " "))):  # the usual case
        return _xml_escape(text.replace("\t", " ")).replace("\n", "<br/>")
    out: list[str] = []
    run: list[str] = []
    fallback_run: list[str] = []

    def flush_fallback() -> None:
        if fallback_run:
            fallback()
            out.append(f'<font face="{FALLBACK}">{_xml_escape("".join(fallback_run))}</font>')
            fallback_run.clear()

    def flush_run() -> None:
        if run:
            out.append(_xml_escape("".join(run)))
            run.clear()

    for ch in text:
        if ch == "\n":
            flush_run()
            flush_fallback()
            out.append("<br/>")
        elif ch == "\t":
            flush_fallback()
            run.append(" ")
        elif ord(ch) in covered or ch == " ":
            flush_fallback()
            run.append(ch)
        else:
            flush_run()
            fallback_run.append(ch)
    flush_run()
    flush_fallback()
    return "".join(out)


def attr(value: str) -> str:
    """Escape a value for a markup attribute (href)."""
    return _xml_escape(value).replace('"', "&quot;")


@lru_cache(maxsize=64)
def fit_text(text: str, family: str, size: float, max_width: float) -> str:
    """``text`` shortened with „…“ to fit ``max_width``: a binary search over the prefix length,
    O(n log n) however long the text (the running header and footer draw it on every page)."""
    if pdfmetrics.stringWidth(text, family, size) <= max_width:
        return text
    lo, hi = 0, len(text)  # the longest prefix that fits with the ellipsis lies in [lo, hi)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid].rstrip() + "…", family, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def draw_text(canv, x: float, y: float, text: str, family: str, size: float, right: bool = False,
               max_width: float | None = None) -> None:
    """Draw a single line with the main font, the fallback font for glyphs it lacks."""
    text = " ".join(text.split())
    if max_width is not None:
        text = fit_text(text, family, size, max_width)
    covered = coverage(family)
    parts: list[tuple[str, str]] = []
    for ch in text:
        font = family if ord(ch) in covered or ch == " " else FALLBACK
        if parts and parts[-1][0] == font:
            parts[-1] = (font, parts[-1][1] + ch)
        else:
            parts.append((font, ch))
    if any(font == FALLBACK for font, _ in parts):
        fallback()
    width = sum(pdfmetrics.stringWidth(t, f, size) for f, t in parts)
    cx = x - width if right else x
    for font, chunk in parts:
        canv.setFont(font, size)
        canv.drawString(cx, y, chunk)
        cx += pdfmetrics.stringWidth(chunk, font, size)

