"""One sanitiser for everything the clerk types, pastes or loads, before any writer sees it.

Removes characters that no document format can hold (C0/C1 control characters other
than tab and newline, lone surrogates, non-characters) and the private-use characters
this program uses internally to mark missing values. Reports what it removed.
"""
from __future__ import annotations

import re
import unicodedata

# Internal markers for a missing value inside rendered template text (see assemble.py).
MISSING_OPEN = "\ue000"
MISSING_CLOSE = "\ue001"

_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + MISSING_OPEN
    + MISSING_CLOSE
    + "]"
)


def describe_char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def clean_text(value: str) -> tuple[str, list[str]]:
    """Return the text without illegal characters and a list of what was dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    removed = _ILLEGAL.findall(value)
    if not removed:
        return value, []
    return _ILLEGAL.sub("", value), sorted({describe_char(c) for c in removed})


def clean(value: str) -> str:
    return clean_text(value)[0]
