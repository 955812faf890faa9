"""Logos: validated and loaded once per export, the same way for DOCX and PDF.

``load_logo(path)`` reads the file once and returns a ``Logo`` both writers use, or raises
``ExportError`` with one German line naming the cause. What is refused, and why:

- Raster (PNG, JPEG; recognised by content, not by name): more than ``MAX_LOGO_BYTES`` on
  disk, more than ``MAX_PIXELS`` pixels or ``MAX_SIDE`` per side (decompression bombs and
  "liar" headers), truncated or undecodable data, oversized text chunks. An accepted image
  is decoded completely and re-encoded (at most ``MAX_OUTPUT_SIDE`` per side): the writers
  embed these clean bytes, never the original file, so no metadata, colour-space oddity
  (CMYK JPEG) or hidden payload travels into the document.
- SVG: more than ``MAX_SVG_BYTES``, gzip-compressed data, a document type declaration
  (entities), more than ``MAX_SVG_ELEMENTS`` elements or ``MAX_USE_EXPANSIONS`` expanded
  ``<use>`` nodes, a circular ``<use>``, a width/height that is not a finite size. All
  references outside the document are removed before the SVG is drawn (``<image>``/``<use>``
  links to files or the web, CSS ``@import``/``url()``): a logo may show only itself.
  Embedded ``data:`` images are checked like raster logos.

The SVG is parsed once into a ReportLab drawing; ``Logo.drawing(height=…)`` hands out
scaled copies for the title page and every page header.
"""
from __future__ import annotations

import base64
import copy
import functools
import io
import logging
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExportError

MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 16_000_000  # 4000 × 4000: a print logo needs a fraction of this
MAX_SIDE = 10_000
MAX_OUTPUT_SIDE = 2_000  # 2.5 cm at 2,000 dpi: more than any printer shows
MAX_SVG_BYTES = 1024 * 1024
MAX_SVG_ELEMENTS = 20_000
MAX_USE_EXPANSIONS = 2_000
MAX_SVG_SIZE_PT = 100_000.0

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_DATA_IMAGE = re.compile(r"^\s*data:image/(png|jpe?g);base64,", re.IGNORECASE)
_CSS_EXTERNAL = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


@dataclass
class Logo:
    """A validated logo: raster bytes (PNG/JPEG) or a parsed SVG drawing."""

    name: str
    kind: str  # "png", "jpeg" or "svg"
    width: float  # pixels (raster) or points (SVG)
    height: float
    data: bytes = b""  # clean raster bytes; b"" for SVG
    _drawing: object = field(default=None, repr=False)

    @property
    def is_svg(self) -> bool:
        return self.kind == "svg"

    def size_for(self, *, width: float | None = None, height: float | None = None) -> tuple[float, float]:
        """Width and height keeping the aspect ratio, from one of them."""
        if height:
            return self.width * height / self.height, height
        return width, self.height * width / self.width

    def drawing(self, *, width: float | None = None, height: float | None = None):
        """A scaled copy of the SVG drawing (the parse happened once, in ``load_logo``)."""
        w, h = self.size_for(width=width, height=height)
        scale = w / self.width
        d = copy.deepcopy(self._drawing)
        d.width, d.height = w, h
        d.scale(scale, scale)
        return d


def _refuse(name: str, why: str) -> ExportError:
    return ExportError(f"Das Logo „{name}“ {why}")


# ------------------------------------------------------------------ raster


def _check_raster(raw: bytes, name: str) -> tuple[str, bytes, int, int]:
    """Decode ``raw`` completely within the caps; return kind, clean bytes, width, height."""
    from PIL import Image, ImageFile, ImageOps

    if raw.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif raw.startswith(b"\xff\xd8"):
        kind = "jpeg"
    else:
        raise _refuse(name, "ist keine PNG- oder JPEG-Datei; bitte ein Logo als PNG, JPEG oder SVG wählen.")
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=["PNG", "JPEG"]) as img:
                w, h = img.size
                if w < 1 or h < 1 or w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
                    raise _refuse(name, f"ist mit {w} × {h} Bildpunkten zu groß (höchstens "
                                  f"{MAX_PIXELS // 1_000_000} Millionen Bildpunkte); bitte eine kleinere Fassung wählen.")
                img.load()
                img = ImageOps.exif_transpose(img)
                if img.mode not in ("RGB", "RGBA", "L", "LA"):
                    img = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB")
                img.thumbnail((MAX_OUTPUT_SIDE, MAX_OUTPUT_SIDE))
                out = io.BytesIO()
                if kind == "jpeg" and img.mode in ("RGB", "L"):
                    img.save(out, "JPEG", quality=92)
                else:
                    kind = "png"
                    img.save(out, "PNG", optimize=False)
                return kind, out.getvalue(), img.size[0], img.size[1]
    except ExportError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(name, "ist als Bild zu groß (mehr als "
                      f"{MAX_PIXELS // 1_000_000} Millionen Bildpunkte); bitte eine kleinere Fassung wählen.") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        if "truncated" in str(exc) or isinstance(exc, EOFError):
            raise _refuse(name, "ist unvollständig (die Datei ist abgeschnitten); bitte die Datei neu speichern.") from None
        if "Too Large" in str(exc) or "too large" in str(exc):
            raise _refuse(name, "enthält übergroße Zusatzdaten; bitte die Datei in einem Bildprogramm neu speichern.") from None
        raise _refuse(name, "kann nicht gelesen werden (beschädigte Bilddatei); bitte die Datei neu speichern.") from None
    except MemoryError:
        raise _refuse(name, "ist zu groß für den Arbeitsspeicher; bitte eine kleinere Fassung wählen.") from None


# ------------------------------------------------------------------ SVG


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _clean_svg(raw: bytes, name: str) -> bytes:
    """Parse without entities or network, drop every outside reference, check the caps."""
    from lxml import etree

    if raw[:2] == b"\x1f\x8b":
        raise _refuse(name, "ist ein komprimiertes SVG (.svgz); bitte als unkomprimierte SVG-Datei speichern.")
    if re.search(rb"<!DOCTYPE[^>]*\[|<!ENTITY", raw[:4096 * 4], re.IGNORECASE):
        raise _refuse(name, "enthält XML-Entitäten (DOCTYPE); bitte das SVG ohne DOCTYPE speichern.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             remove_pis=True, load_dtd=False, recover=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        raise _refuse(name, "ist keine gültige SVG-Datei (fehlerhaftes XML); bitte die Datei neu speichern.") from None
    if _local(root.tag) != "svg":
        raise _refuse(name, "ist keine SVG-Grafik; bitte ein Logo als PNG, JPEG oder SVG wählen.")
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        raise _refuse(name, f"hat mit {len(elements):,} Elementen zu viele (höchstens {MAX_SVG_ELEMENTS:,}); "
                      "bitte eine einfachere Fassung wählen.".replace(",", "."))
    by_id = {el.get("id"): el for el in elements if el.get("id")}
    for el in elements:
        if not isinstance(el.tag, str):
            continue
        tag = _local(el.tag)
        for attr in ("href", _XLINK):
            ref = el.get(attr)
            if ref is None:
                continue
            ref = ref.strip()
            if ref.startswith("#"):
                continue
            match = _DATA_IMAGE.match(ref)
            if tag == "image" and match:
                try:
                    data = base64.b64decode(ref[match.end():], validate=False)
                except ValueError:
                    data = b""
                _check_raster(data, name)  # the same caps as a raster logo
                continue
            del el.attrib[attr]  # a file, the web, another SVG: never followed
            if tag in ("image", "use", "feImage"):
                el.getparent().remove(el) if el.getparent() is not None else None
        if tag == "style" and el.text and _CSS_EXTERNAL.search(el.text):
            el.text = ""
        style = el.get("style")
        if style and _CSS_EXTERNAL.search(style):
            del el.attrib["style"]
    _check_use_expansion(root, by_id, name)
    return etree.tostring(root)


def _check_use_expansion(root, by_id: dict, name: str) -> None:
    """Refuse ``<use>`` chains that would expand to many nodes (fan-out) or loop."""
    cost: dict[int, int] = {}
    visiting: set[int] = set()

    def expanded(el) -> int:
        key = id(el)
        if key in cost:
            return cost[key]
        if key in visiting:
            raise _refuse(name, "enthält eine Verweisschleife (<use> verweist auf sich selbst); bitte die Datei korrigieren.")
        visiting.add(key)
        total = 1
        for child in el.iterchildren():
            total += expanded(child)
            if total > MAX_USE_EXPANSIONS * 10:
                break
        if isinstance(el.tag, str) and _local(el.tag) == "use":
            ref = (el.get("href") or el.get(_XLINK) or "").strip()
            target = by_id.get(ref[1:]) if ref.startswith("#") else None
            if target is not None:
                total += expanded(target)
        visiting.discard(key)
        cost[key] = min(total, MAX_USE_EXPANSIONS * 100)
        return cost[key]

    uses = [el for el in root.iter() if isinstance(el.tag, str) and _local(el.tag) == "use"]
    count = sum(expanded(u) for u in uses)
    if count > MAX_USE_EXPANSIONS:
        raise _refuse(name, "vervielfacht Teile der Grafik zu oft (verschachtelte <use>-Elemente); "
                      "bitte eine einfachere Fassung wählen.")


def _svg_drawing(clean: bytes, name: str):
    try:
        from svglib.svglib import svg2rlg
    except ImportError:  # pragma: no cover - svglib is a pinned dependency
        raise _refuse(name, "kann in dieser Installation nicht eingebettet werden; bitte eine PNG-Datei wählen.") from None
    quiet = [logging.getLogger(n) for n in ("svglib", "svglib.svglib", "reportlab")]
    levels = [log.level for log in quiet]
    for log in quiet:
        log.setLevel(logging.CRITICAL + 1)  # no English lines on stderr; failures become German errors
    try:
        drawing = svg2rlg(io.BytesIO(clean))
    except Exception:  # noqa: BLE001 - svglib raises many kinds on odd input
        drawing = None
    finally:
        for log, level in zip(quiet, levels):
            log.setLevel(level)
    if drawing is None:
        raise _refuse(name, "kann nicht gelesen werden (fehlerhafte SVG-Datei); bitte eine PNG-Datei wählen.")
    w, h = drawing.width, drawing.height
    if not all(isinstance(v, (int, float)) and math.isfinite(v) and 0 < v <= MAX_SVG_SIZE_PT for v in (w, h)):
        raise _refuse(name, "hat keine gültige Breite oder Höhe (width/height fehlen, sind 0, unendlich oder riesig); "
                      "bitte die Größe im SVG angeben.")
    return drawing


# ------------------------------------------------------------------ public


def load_logo(path: Path | str) -> Logo:
    """Read, validate and load the logo at ``path``.

    Loaded once: the result is kept for as long as the file is unchanged (same size and
    modification time), so the title page, every page header and the next preview share it.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return _load_logo(path)
    return _cached_logo(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _cached_logo(path: str, _size: int, _mtime_ns: int) -> Logo:
    return _load_logo(Path(path))


def _load_logo(path: Path) -> Logo:
    name = path.name
    try:
        size = path.stat().st_size
        limit = MAX_SVG_BYTES if path.suffix.lower() == ".svg" else MAX_LOGO_BYTES
        if size > limit:
            raise _refuse(name, f"ist mit {size / 1024 / 1024:.1f} MB zu groß (höchstens {limit // 1024 // 1024} MB); "
                          "bitte eine kleinere Fassung wählen.")
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise ExportError(f"Die Logo-Datei „{path}“ wurde nicht gefunden. Bitte unter „Gestaltung“ ein vorhandenes "
                          "Logo wählen oder das Feld leeren.") from None
    except ExportError:
        raise
    except OSError as exc:
        raise _refuse(name, f"kann nicht gelesen werden ({exc.strerror or 'Lesefehler'}).") from None
    if len(raw) > limit:
        raise _refuse(name, "ist zu groß; bitte eine kleinere Fassung wählen.")
    if path.suffix.lower() == ".svg" or raw.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>") or raw[:2] == b"\x1f\x8b":
        drawing = _svg_drawing(_clean_svg(raw, name), name)
        return Logo(name, "svg", float(drawing.width), float(drawing.height), _drawing=drawing)
    kind, data, w, h = _check_raster(raw, name)
    return Logo(name, kind, float(w), float(h), data=data)
