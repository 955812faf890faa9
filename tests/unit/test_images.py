"""Logos are validated once, the same way for DOCX and PDF (review H2–H4, S1, S3, C7).

Every hostile logo is generated here (struct + zlib for PNG, Pillow for JPEG, strings for
SVG). Each is either loaded into a bounded, clean ``Logo`` or refused with one German line.
"""
from __future__ import annotations

import base64
import gzip
import io
import struct
import zlib
from pathlib import Path

import pytest

from wizards.errors import ExportError
from wizards.images import MAX_OUTPUT_SIDE, MAX_PIXELS, load_logo


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def png_bytes(w: int, h: int, *, rows: bytes | None = None, extra: bytes = b"", declared: tuple | None = None) -> bytes:
    """A PNG of w×h grey pixels; ``declared`` lies about the size in the header."""
    dw, dh = declared or (w, h)
    if rows is None:
        comp = zlib.compressobj(9)
        line = b"\x00" + b"\x80" * w
        body = b"".join(comp.compress(line) for _ in range(h)) + comp.flush()
    else:
        body = zlib.compress(rows)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", dw, dh, 8, 0, 0, 0, 0)) + extra
            + _chunk(b"IDAT", body) + _chunk(b"IEND", b""))


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(ExportError) as info:
        load_logo(path)
    message = str(info.value)
    assert message and "\n" not in message and "Traceback" not in message, message
    assert path.name in message
    for word in words:
        assert word in message, message
    return message


# ---------------------------------------------------------------- raster


def test_ordinary_png_and_jpeg_load_and_are_reencoded(tmp_path):
    from PIL import Image

    logo = load_logo(_write(tmp_path, "wappen.png", png_bytes(40, 20)))
    assert (logo.kind, logo.width, logo.height) == ("png", 40, 20)
    assert Image.open(io.BytesIO(logo.data)).size == (40, 20)
    buf = io.BytesIO()
    Image.new("CMYK", (30, 30), (0, 100, 200, 0)).save(buf, "JPEG")  # CMYK: refused by Word before
    logo = load_logo(_write(tmp_path, "cmyk.jpg", buf.getvalue()))
    assert logo.kind == "jpeg" and Image.open(io.BytesIO(logo.data)).mode == "RGB"


def test_large_but_allowed_logo_is_scaled_down(tmp_path):
    from PIL import Image

    logo = load_logo(_write(tmp_path, "gross.png", png_bytes(3000, 1000)))
    assert max(Image.open(io.BytesIO(logo.data)).size) == MAX_OUTPUT_SIDE
    assert logo.width / logo.height == pytest.approx(3.0, rel=0.01)


@pytest.mark.parametrize("w, h", [(12000, 12000), (30000, 30000), (20000, 1)])
def test_pixel_bombs_are_refused(tmp_path, w, h):
    # only the header is real: the pixel count alone must refuse it, before decoding
    path = _write(tmp_path, f"bombe-{w}.png", png_bytes(2, 2, declared=(w, h)))
    _refused(path, "zu groß")


def test_liar_png_header(tmp_path):
    _refused(_write(tmp_path, "luegner.png", png_bytes(2, 2, declared=(60000, 60000))), "zu groß")


def test_truncated_png(tmp_path):
    data = png_bytes(200, 200)
    _refused(_write(tmp_path, "abgeschnitten.png", data[: len(data) // 2]))


def test_ztxt_bomb(tmp_path):
    bomb = _chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * (64 * 1024 * 1024)))
    _refused(_write(tmp_path, "ztxt.png", png_bytes(4, 4, extra=bomb)))


def test_not_an_image(tmp_path):
    _refused(_write(tmp_path, "text.png", "kein Bild"), "PNG")
    _refused(_write(tmp_path, "leer.png", b""))


def test_file_too_big_on_disk(tmp_path):
    path = tmp_path / "riesig.png"
    with open(path, "wb") as fh:
        fh.write(png_bytes(2, 2))
        fh.truncate(11 * 1024 * 1024)
    _refused(path, "zu groß")


# ---------------------------------------------------------------- SVG

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}">{body}</svg>'


def svg(body: str = '<rect width="10" height="10" fill="#1F4E79"/>', w="100", h="50") -> str:
    return SVG.format(w=w, h=h, body=body)


def test_ordinary_svg_parsed_once_and_scaled(tmp_path, monkeypatch):
    import svglib.svglib

    calls = []
    real = svglib.svglib.svg2rlg
    monkeypatch.setattr(svglib.svglib, "svg2rlg", lambda *a, **k: calls.append(1) or real(*a, **k))
    logo = load_logo(_write(tmp_path, "logo.svg", svg()))
    for _ in range(50):  # title page and every page header
        d = logo.drawing(height=25)
        assert d.height == pytest.approx(25) and d.width == pytest.approx(50)
    assert len(calls) == 1


def test_svg_references_outside_the_document_are_removed(tmp_path):
    secret = tmp_path / "privat"
    secret.mkdir()
    from PIL import Image

    Image.new("RGB", (50, 50), (255, 0, 0)).save(secret / "ausweis.png")
    (secret / "teil.svg").write_text(svg('<rect id="x" width="5" height="5"/>'))
    logos = tmp_path / "logos"
    logos.mkdir()
    body = ('<image xlink:href="../privat/ausweis.png" width="50" height="50"/>'
            '<image href="file:///etc/passwd" width="5" height="5"/>'
            '<image href="http://tracker.example/p.png" width="5" height="5"/>'
            '<use xlink:href="../privat/teil.svg#x"/>'
            '<style>@import url(http://tracker.example/a.css); rect {fill: url(http://x/y)}</style>'
            '<rect width="10" height="10" style="fill: url(file:///etc/x)"/>')
    path = _write(logos, "wappen.svg", svg(body))
    from wizards.images import _clean_svg

    cleaned = _clean_svg(path.read_bytes(), path.name).decode()
    for outside in ("ausweis", "passwd", "tracker", "teil.svg", "file:", "@import"):
        assert outside not in cleaned
    logo = load_logo(path)
    from reportlab.graphics.shapes import Image as RLImage

    def walk(node):
        yield node
        for child in getattr(node, "contents", ()):
            yield from walk(child)
    assert not [n for n in walk(logo.drawing(height=20)) if isinstance(n, RLImage)]


def test_svg_embedded_data_image_checked_like_a_raster_logo(tmp_path):
    ok = base64.b64encode(png_bytes(8, 8)).decode()
    load_logo(_write(tmp_path, "ok.svg", svg(f'<image href="data:image/png;base64,{ok}" width="8" height="8"/>')))
    bomb = base64.b64encode(png_bytes(2, 2, declared=(12000, 12000))).decode()
    _refused(_write(tmp_path, "bombe.svg", svg(f'<image href="data:image/png;base64,{bomb}" width="8" height="8"/>')),
             "zu groß")


def test_svg_use_fanout_and_loops_are_refused(tmp_path):
    levels = ['<g id="l0"><rect width="1" height="1"/></g>']
    for i in range(1, 8):
        levels.append(f'<g id="l{i}">' + "".join(f'<use href="#l{i - 1}"/>' for _ in range(10)) + "</g>")
    _refused(_write(tmp_path, "faecher.svg", svg("<defs>" + "".join(levels) + '</defs><use href="#l7"/>')), "<use>")
    _refused(_write(tmp_path, "schleife.svg", svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>')),
             "Verweisschleife")


@pytest.mark.parametrize("w, h", [("NaN", "10"), ("1e308", "10"), ("0", "0"), ("inf", "5"), ("-4", "5")])
def test_svg_sizes_that_are_not_sizes(tmp_path, w, h):
    _refused(_write(tmp_path, f"groesse-{w}.svg", svg(w=w, h=h)))


def test_gzip_svg_and_entities_and_giants(tmp_path):
    _refused(_write(tmp_path, "gepackt.svg", gzip.compress(svg().encode())), "komprimiert")
    xxe = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
           + svg("<text>&xxe;</text>"))
    _refused(_write(tmp_path, "xxe.svg", xxe), "DOCTYPE")
    laughs = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + svg("<text>&b;</text>")
    _refused(_write(tmp_path, "lachen.svg", laughs))
    _refused(_write(tmp_path, "riesig.svg", svg('<path d="M0 0 ' + "L1 1 " * 250_000 + '"/>')), "zu groß")
    _refused(_write(tmp_path, "viele.svg", svg('<rect width="1" height="1"/>' * 25_000)), "Elementen")
    _refused(_write(tmp_path, "kaputt.svg", "<svg><rect></svg>"), "fehlerhaftes XML")


def test_svg_logs_nothing_in_english(tmp_path, capfd):
    load_logo(_write(tmp_path, "leise.svg", svg('<image href="/etc/passwd" width="5" height="5"/><rect width="3" height="3"/>')))
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_pixel_limit_is_what_the_docs_say():
    assert MAX_PIXELS == 16_000_000
